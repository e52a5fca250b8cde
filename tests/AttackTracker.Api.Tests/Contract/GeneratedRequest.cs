using System.Text;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>One generated request: how to send it and how to show it when it fails.</summary>
public sealed record GeneratedRequest(HttpMethod Method, string Url, IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString() =>
        $"{Method} {Url} {string.Join(' ', Headers.Select(h => $"[{h.Key}: {h.Value}]"))} {(Body is null ? string.Empty : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 2000)]))}";
}
