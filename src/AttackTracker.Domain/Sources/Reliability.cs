using System.Text.Json.Serialization;

namespace AttackTracker.Domain.Sources;

/// <summary>The Admiralty (NATO) grade of a source's reliability.</summary>
public enum Reliability
{
    /// <summary>Completely reliable.</summary>
    [JsonStringEnumMemberName("A")] A,

    /// <summary>Usually reliable.</summary>
    [JsonStringEnumMemberName("B")] B,

    /// <summary>Fairly reliable.</summary>
    [JsonStringEnumMemberName("C")] C,

    /// <summary>Not usually reliable.</summary>
    [JsonStringEnumMemberName("D")] D,

    /// <summary>Unreliable.</summary>
    [JsonStringEnumMemberName("E")] E,

    /// <summary>Reliability cannot be judged (the default).</summary>
    [JsonStringEnumMemberName("F")] F,
}
