using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace AttackTracker.EventStore;

/// <summary>
/// Maps event CLR types to the stable names stored in the events table, never CLR names,
/// so that renaming or moving a class never orphans stored events. A stored shape that
/// changed is read through an upcaster registered under the old name.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly ConcurrentDictionary<Type, string> _names = new();
    private readonly ConcurrentDictionary<string, Func<string, JsonSerializerOptions, object>> _readers = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/>, or its snake_case name.</summary>
    public EventTypeRegistry Register<T>(string? name = null) => Register(typeof(T), name);

    /// <summary>Registers <paramref name="type"/> under <paramref name="name"/>, or its snake_case name.</summary>
    public EventTypeRegistry Register(Type type, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        name ??= ToSnakeCase(type.Name);
        if (_readers.ContainsKey(name) && (!_names.TryGetValue(type, out var existing) || existing != name))
        {
            throw new ArgumentException($"The stored name '{name}' is already taken.", nameof(name));
        }

        _names[type] = name;
        _readers[name] = (json, options) => JsonSerializer.Deserialize(json, type, options)
            ?? throw new JsonException($"Event '{name}' deserialized to null.");
        return this;
    }

    /// <summary>
    /// Reads events stored as <paramref name="storedName"/> (an old name or an old shape) as <typeparamref name="T"/>.
    /// </summary>
    public EventTypeRegistry Upcast<T>(string storedName, Func<JsonElement, T> upcast) where T : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(storedName);
        ArgumentNullException.ThrowIfNull(upcast);
        if (_names.Values.Contains(storedName))
        {
            throw new ArgumentException($"'{storedName}' is the current name of a registered type; upcast from an old name.", nameof(storedName));
        }

        _readers[storedName] = (json, _) =>
        {
            using var document = JsonDocument.Parse(json);
            return upcast(document.RootElement);
        };
        return this;
    }

    /// <summary>The stored name of <paramref name="type"/>.</summary>
    /// <exception cref="UnregisteredEventTypeException">The type is not registered.</exception>
    public string NameOf(Type type) =>
        _names.TryGetValue(type, out var name) ? name : throw new UnregisteredEventTypeException(type);

    /// <summary>Reads stored data.</summary>
    /// <exception cref="UnknownEventTypeException">Nothing reads <paramref name="storedName"/>.</exception>
    public object Deserialize(string storedName, string json, JsonSerializerOptions options, long position)
    {
        if (!_readers.TryGetValue(storedName, out var read))
        {
            throw new UnknownEventTypeException(storedName, position);
        }

        return read(json, options);
    }

    /// <summary>"ReportSubmitted" becomes "report_submitted".</summary>
    public static string ToSnakeCase(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (i > 0 && (previousIsLower || (nextIsLower && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
