using System.Net;
using System.Text.RegularExpressions;

namespace AttackTracker.Api.Tests.Desk;

/// <summary>
/// A browser's part in the desk's forms, without a browser: the in-memory server over https (the
/// desk's cookies are Secure outside Development), a cookie jar, no automatic redirects, and the
/// fields of a page's form as a browser would send them (inputs, checked radios, selected options,
/// text areas, the antiforgery token among them).
/// </summary>
public sealed partial class DeskClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public DeskClient(ApiHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _client = new HttpClient(host.Alba.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost/") };
    }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public List<string> SetCookies { get; } = [];

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                SetCookies.Add(cookie);
                var pair = cookie.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    public async Task<string> PageAsync(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form) => SendAsync(HttpMethod.Post, path, form);

    /// <summary>Signs in with a key; the answer is the sign-in page's redirect.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key)
    {
        var page = await PageAsync("/desk/sign-in");
        return await PostAsync("/desk/sign-in", With(Form(page, "form"), ("Key", key)));
    }

    /// <summary>The fields of the form whose opening tag matches <paramref name="form"/> (its class or id), as a browser sends them.</summary>
    public static List<KeyValuePair<string, string>> Form(string html, string form)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = html.IndexOf("<form", StringComparison.Ordinal);
        while (start >= 0 && !html[start..html.IndexOf('>', start)].Contains(form, StringComparison.Ordinal))
        {
            start = html.IndexOf("<form", start + 1, StringComparison.Ordinal);
        }

        Assert.True(start >= 0, $"No form {form} on the page");
        var body = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match tag in Tag().Matches(body))
        {
            var attributes = Attributes(tag.Value);
            if (!attributes.TryGetValue("name", out var name) || (attributes.GetValueOrDefault("type") is "radio" or "checkbox" && !attributes.ContainsKey("checked")))
            {
                continue;
            }

            if (tag.Value.StartsWith("<input", StringComparison.Ordinal))
            {
                fields.Add(new(name, attributes.GetValueOrDefault("value") ?? (attributes.GetValueOrDefault("type") == "checkbox" ? "on" : string.Empty)));
            }
            else if (tag.Value.StartsWith("<textarea", StringComparison.Ordinal))
            {
                var close = body.IndexOf("</textarea>", tag.Index, StringComparison.Ordinal);
                fields.Add(new(name, WebUtility.HtmlDecode(body[(tag.Index + tag.Length)..close])));
            }
            else
            {
                var close = body.IndexOf("</select>", tag.Index, StringComparison.Ordinal);
                var options = OptionTag().Matches(body[tag.Index..close]).Select(o => Attributes(o.Value)).ToList();
                var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
                if (chosen is not null)
                {
                    fields.Add(new(name, chosen.GetValueOrDefault("value") ?? string.Empty));
                }
            }
        }

        return fields;
    }

    /// <summary>The form with some fields set (added when absent).</summary>
    public static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, params (string Name, string Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = form.ToList();
        foreach (var (name, value) in changes)
        {
            result.RemoveAll(f => f.Key == name);
            result.Add(new(name, value));
        }

        return result;
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[3].Value), StringComparer.Ordinal);

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<(input|textarea|select)\\b[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("<option\\b[^>]*>")]
    private static partial Regex OptionTag();

    [GeneratedRegex("([a-zA-Z_][\\w.\\[\\]-]*)(=\"([^\"]*)\")?")]
    private static partial Regex Attribute();
}
