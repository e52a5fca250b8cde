using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Groups;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using Marten;

namespace AttackTracker.Api.Store;

/// <summary>
/// The stored name of every event type (docs/events.md). A stored name is never changed or reused;
/// a new shape gets a new name, and old rows are read through an upcaster registered under the old
/// name (<c>opts.Events.Upcast</c>). None has been needed yet.
/// </summary>
public static class EventTypes
{
    /// <summary>Every event type by its stored name, as mt_events.type holds it.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["incident_opened"] = typeof(IncidentOpened),
        ["report_submitted"] = typeof(ReportSubmitted),
        ["casualties_reported"] = typeof(CasualtiesReported),
        ["perpetrator_described"] = typeof(PerpetratorDescribed),
        ["responsibility_claimed"] = typeof(ResponsibilityClaimed),
        ["attack_types_reported"] = typeof(AttackTypesReported),
        ["weapon_reported"] = typeof(WeaponReported),
        ["target_reported"] = typeof(TargetReported),
        ["location_reported"] = typeof(LocationReported),
        ["timeline_entry_reported"] = typeof(TimelineEntryReported),
        ["person_reported"] = typeof(PersonReported),
        ["demand_reported"] = typeof(DemandReported),
        ["note_recorded"] = typeof(NoteRecorded),
        ["facts_retracted"] = typeof(FactsRetracted),
        ["figure_adjudicated"] = typeof(FigureAdjudicated),
        ["candidate_rejected"] = typeof(CandidateRejected),
        ["incident_merged"] = typeof(IncidentMerged),
        ["incident_absorbed"] = typeof(IncidentAbsorbed),
        ["incident_unmerged"] = typeof(IncidentUnmerged),
        ["incident_restored"] = typeof(IncidentRestored),
        ["source_registered"] = typeof(SourceRegistered),
        ["source_graded"] = typeof(SourceGraded),
        ["document_stored"] = typeof(DocumentStored),
        ["group_identified"] = typeof(GroupIdentified),
        ["group_alias_added"] = typeof(GroupAliasAdded),
        ["group_alias_removed"] = typeof(GroupAliasRemoved),
        ["group_merged"] = typeof(GroupMerged),
        ["group_absorbed"] = typeof(GroupAbsorbed),
        ["group_split"] = typeof(GroupSplit),
        ["group_split_off"] = typeof(GroupSplitOff),
    };

    /// <summary>The event types an incident's stream folds: the inline projection's and the bulk readers' (StoredEvents).</summary>
    public static IReadOnlyList<Type> OfIncident { get; } =
    [
        typeof(IncidentOpened), typeof(ReportSubmitted), typeof(CasualtiesReported), typeof(PerpetratorDescribed),
        typeof(ResponsibilityClaimed), typeof(AttackTypesReported), typeof(WeaponReported), typeof(TargetReported),
        typeof(LocationReported), typeof(TimelineEntryReported), typeof(PersonReported), typeof(DemandReported),
        typeof(NoteRecorded), typeof(FactsRetracted), typeof(FigureAdjudicated), typeof(CandidateRejected),
        typeof(IncidentMerged), typeof(IncidentAbsorbed), typeof(IncidentUnmerged), typeof(IncidentRestored),
    ];

    public static void MapAll(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, type) in ByName)
        {
            options.Events.MapEventType(type, name);
        }
    }
}
