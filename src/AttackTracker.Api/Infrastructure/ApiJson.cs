using System.Text.Json;
using System.Text.Json.Serialization;
using AttackTracker.Incidents;

namespace AttackTracker.Api.Infrastructure;

public static class ApiJson
{
    /// <summary>Request bodies are read strictly: unknown fields, nulls for required values and duplicate keys are errors.</summary>
    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    private static JsonSerializerOptions CreateStrict()
    {
        var options = IncidentJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.AllowDuplicateProperties = false;
        options.AllowOutOfOrderMetadataProperties = true;
        options.MaxDepth = 16;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        return options;
    }
}
