using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AttackTracker.Domain;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>
/// Makes every schema say what the service does, from the same code that does it:
/// <list type="bullet">
/// <item>enums list the names the serializer writes and reads;</item>
/// <item>a property is required only when it is always written (not null, or kept when null);</item>
/// <item>the request bodies carry the validation's required fields and its limits (<see cref="Limits"/>);</item>
/// <item>the types with their own JSON converters (ReportedTime, ReportedCount) get their real shapes.</item>
/// </list>
/// </summary>
public sealed class OpenApiSchemas : IOpenApiSchemaTransformer
{
    /// <summary>What the validation of each request body requires (ReportValidation, OpenIncidentDecision, CorrectionDecisions).</summary>
    private static readonly Dictionary<Type, string[]> RequiredByValidation = new()
    {
        [typeof(ReportRequest)] = ["source", "title", "publishedAt", "facts"],
        [typeof(SourceRequest)] = ["name"],
        [typeof(OpenIncidentRequest)] = ["title", "occurredOn", "country", "place"],
        [typeof(RetractionRequest)] = ["kind", "reason"],
        [typeof(AdjudicationRequest)] = ["category", "value", "rationale"],
        [typeof(DocumentRequest)] = ["text", "title", "publisher", "publishedAt"],
        [typeof(CitedPassage)] = ["document", "start", "end"],
        [typeof(DeskRequest)] = ["document", "outcomes"],
        [typeof(DeskOutcomeRequest)] = ["kind", "outcome"],
    };

    private static readonly Dictionary<(Type Type, string Property), Action<OpenApiSchema>> Rules = new()
    {
        [(typeof(ReportRequest), "title")] = Text(Limits.TitleLength),
        [(typeof(ReportRequest), "url")] = Url,
        [(typeof(ReportRequest), "publishedAt")] = Time,
        [(typeof(ReportRequest), "credibility")] = Range(1, 6, "The report's credibility, Admiralty scale: 1 confirmed … 6 cannot be judged."),
        [(typeof(ReportRequest), "facts")] = Items(1, Limits.FactsPerReport),
        [(typeof(SourceRequest), "name")] = Text(Limits.NameLength),
        [(typeof(SourceRequest), "url")] = Url,
        [(typeof(OpenIncidentRequest), "title")] = Text(Limits.TitleLength),
        [(typeof(OpenIncidentRequest), "occurredOn")] = Time,
        [(typeof(OpenIncidentRequest), "country")] = Country,
        [(typeof(OpenIncidentRequest), "place")] = Text(Limits.ShortTextLength),
        [(typeof(OpenIncidentRequest), "summary")] = Text(Limits.TextLength),
        [(typeof(RetractionRequest), "factIds")] = Items(1, Limits.FactsPerReport),
        [(typeof(RetractionRequest), "reason")] = Text(Limits.TextLength),
        [(typeof(RetractionRequest), "publishedAt")] = Time,
        [(typeof(AdjudicationRequest), "value")] = Range(0, Limits.MaxCount),
        [(typeof(AdjudicationRequest), "rationale")] = Text(Limits.TextLength),
        [(typeof(Fact), "quote")] = Text(Limits.QuoteLength),
        [(typeof(ClaimFact), "claimant")] = Text(Limits.NameLength),
        [(typeof(ClaimFact), "channel")] = Text(Limits.NameLength),
        [(typeof(AttackTypeFact), "attackTypes")] = Items(1, Limits.ListItems),
        [(typeof(WeaponFact), "detail")] = Text(Limits.ShortTextLength),
        [(typeof(TargetFact), "detail")] = Text(Limits.ShortTextLength),
        [(typeof(LocationFact), "role")] = Text(Limits.ShortTextLength),
        [(typeof(LocationFact), "place")] = Text(Limits.ShortTextLength),
        [(typeof(LocationFact), "city")] = Text(Limits.ShortTextLength),
        [(typeof(LocationFact), "region")] = Text(Limits.ShortTextLength),
        [(typeof(LocationFact), "country")] = Country,
        [(typeof(LocationFact), "lat")] = Range(-90, 90, "Latitude, with lon."),
        [(typeof(LocationFact), "lon")] = Range(-180, 180, "Longitude, with lat."),
        [(typeof(TimelineFact), "description")] = Text(Limits.TextLength),
        [(typeof(TimelineFact), "place")] = Text(Limits.ShortTextLength),
        [(typeof(PersonFact), "key")] = Text(Limits.NameLength),
        [(typeof(PersonFact), "name")] = Text(Limits.NameLength),
        [(typeof(PersonFact), "role")] = Text(Limits.ShortTextLength),
        [(typeof(PersonFact), "description")] = Text(Limits.TextLength),
        [(typeof(PerpetratorFact), "key")] = Text(Limits.NameLength),
        [(typeof(PerpetratorFact), "name")] = Text(Limits.NameLength),
        [(typeof(PerpetratorFact), "aliases")] = Items(0, Limits.ListItems, Text(Limits.NameLength)),
        [(typeof(PerpetratorFact), "age")] = Range(0, Limits.MaxAge),
        [(typeof(PerpetratorFact), "nationality")] = Text(Limits.ShortTextLength),
        [(typeof(PerpetratorFact), "birthplace")] = Text(Limits.ShortTextLength),
        [(typeof(PerpetratorFact), "residence")] = Text(Limits.ShortTextLength),
        [(typeof(PerpetratorFact), "affiliation")] = Text(Limits.ShortTextLength),
        [(typeof(DemandFact), "text")] = Text(Limits.TextLength),
        [(typeof(NoteFact), "text")] = Text(Limits.TextLength),
        [(typeof(DocumentRequest), "text")] = DocumentText,
        [(typeof(DocumentRequest), "title")] = Text(Limits.TitleLength),
        [(typeof(DocumentRequest), "url")] = Url,
        [(typeof(DocumentRequest), "publishedAt")] = Time,
        [(typeof(DocumentRequest), "language")] = Language,
        [(typeof(CitedPassage), "document")] = DocumentId,
        [(typeof(CitedPassage), "start")] = Range(0, Limits.DocumentTextBytes, "The offset of the passage's first character in the document's text (UTF-16 code units)."),
        [(typeof(CitedPassage), "end")] = Range(1, Limits.DocumentTextBytes, "The offset just past the passage's last character; at most 2000 after start."),
        [(typeof(DeskRequest), "document")] = DocumentId,
        [(typeof(DeskRequest), "outcomes")] = Items(1, Limits.DeskOutcomes),
        [(typeof(DeskOutcomeRequest), "fact")] = Range(0, Limits.FactsPerReport - 1, "The index of the fact it became in the report's facts; absent when rejected."),
        [(typeof(DeskOutcomeRequest), "start")] = Range(0, Limits.DocumentTextBytes, "The suggestion's passage (absent for a fact added by hand)."),
        [(typeof(DeskOutcomeRequest), "end")] = Range(1, Limits.DocumentTextBytes),
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            var names = Enum.GetValues(underlying).Cast<object>().Select(v => JsonNode.Parse(JsonSerializer.Serialize(v, underlying, IncidentJson.Options))!);
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. names];
        }
        else if (underlying == typeof(ReportedTime))
        {
            Time(schema);
        }
        else if (underlying == typeof(ReportedCount))
        {
            Count(schema);
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 } properties)
        {
            schema.Required = RequiredOf(context.JsonTypeInfo, properties);
        }

        if (context.JsonPropertyInfo is { } property && Rules.TryGetValue((Declaring(property), property.Name), out var rule))
        {
            rule(schema);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The properties always present: a request body's are those its validation requires; a
    /// written type's are those never null, or kept when null ([JsonIgnore(Condition = Never)]),
    /// because the serializer leaves nulls out.
    /// </summary>
    private static HashSet<string> RequiredOf(JsonTypeInfo info, IDictionary<string, IOpenApiSchema> properties)
    {
        if (RequiredByValidation.TryGetValue(info.Type, out var required))
        {
            // Required by the validation, so null is refused too (400 naming the field).
            foreach (var name in required)
            {
                if (properties.TryGetValue(name, out var property))
                {
                    properties[name] = NotNull(property);
                }
            }

            return [.. required];
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            var keptWhenNull = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never) == true;
            if (properties.ContainsKey(property.Name) && (keptWhenNull || property.IsRequired || !CanBeNull(property)))
            {
                set.Add(property.Name);
            }
        }

        return set;
    }

    /// <summary>The schema without its null: "type": ["null", "string"] becomes "string", oneOf [null, X] becomes X.</summary>
    private static IOpenApiSchema NotNull(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.Count(o => o.Type == JsonSchemaType.Null) == 1)
        {
            return oneOf.Single(o => o.Type != JsonSchemaType.Null);
        }

        if (schema is OpenApiSchema { AnyOf: { Count: 2 } anyOf } && anyOf.Count(o => o.Type == JsonSchemaType.Null) == 1)
        {
            return anyOf.Single(o => o.Type != JsonSchemaType.Null);
        }

        if (schema is OpenApiSchema { Type: { } flags } inline && flags.HasFlag(JsonSchemaType.Null) && flags != JsonSchemaType.Null)
        {
            inline.Type = flags & ~JsonSchemaType.Null;
        }

        return schema;
    }

    private static bool CanBeNull(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && property.IsGetNullable);

    private static Type Declaring(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo { DeclaringType: { } declaring } ? declaring : property.DeclaringType;

    private static Action<OpenApiSchema> Text(int maxLength) => schema =>
    {
        schema.MinLength = 1;
        schema.MaxLength = maxLength;
    };

    private static void Url(OpenApiSchema schema)
    {
        schema.MaxLength = Limits.UrlLength;
        schema.Format = "uri";
        schema.Description = "An absolute http or https URL.";
    }

    private static void DocumentText(OpenApiSchema schema)
    {
        schema.MinLength = 1;
        schema.MaxLength = Limits.DocumentTextBytes;
        schema.Description = "The article's text, at most 200 KiB of UTF-8; stored as sent, with line ends as LF. Tab and line feed are the only control characters it may hold.";
    }

    private static void DocumentId(OpenApiSchema schema)
    {
        schema.Pattern = "^[0-9a-fA-F]{64}$";
        schema.Description = "A stored document's id: the SHA-256 of its text.";
    }

    private static void Language(OpenApiSchema schema)
    {
        schema.MaxLength = Limits.LanguageLength;
        schema.Pattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
        schema.Description = "A BCP 47 language tag, such as en, fr or es-MX.";
    }

    private static void Country(OpenApiSchema schema)
    {
        schema.Pattern = "^[A-Z]{2}$";
        schema.Description = "An ISO 3166-1 alpha-2 country code, such as FR.";
    }

    private static Action<OpenApiSchema> Range(double minimum, double maximum, string? description = null) => schema =>
    {
        schema.Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        schema.Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        schema.Description ??= description;
    };

    private static Action<OpenApiSchema> Items(int minItems, int maxItems, Action<OpenApiSchema>? item = null) => schema =>
    {
        schema.MinItems = minItems;
        schema.MaxItems = maxItems;
        if (item is not null && schema.Items is OpenApiSchema items)
        {
            item(items);
        }
    };

    private static void Time(OpenApiSchema schema)
    {
        schema.Type = schema.Type is { } current && current.HasFlag(JsonSchemaType.Null) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Pattern = @"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$";
        schema.Description = "A time as ISO 8601 text, at the precision the source gave: 2018, 2018-03, 2018-03-23, "
            + "or a date-time such as 2018-03-23T10:00+01:00 (UTC when it has no offset).";
    }

    private static void Count(OpenApiSchema schema)
    {
        OpenApiSchema Whole() => new() { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = Limits.MaxCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        OpenApiSchema Bound(params string[] names) => new()
        {
            Type = JsonSchemaType.Object,
            Properties = names.ToDictionary(n => n, _ => (IOpenApiSchema)Whole()),
            Required = new HashSet<string>(names, StringComparer.Ordinal),
            AdditionalPropertiesAllowed = false,
        };
        // The forms exclude each other, so anyOf means what oneOf would; generators such as NSwag
        // keep an anyOf as its own type (which a client can supply) where a oneOf collapses to its
        // first branch, a plain integer.
        schema.Type = null;
        schema.AnyOf = [Whole(), Bound("atLeast"), Bound("atMost"), Bound("min", "max")];
    }
}
