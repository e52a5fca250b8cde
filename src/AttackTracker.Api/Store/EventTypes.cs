using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Documents;
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
    public static void MapAll(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var events = options.Events;
        events.MapEventType<IncidentOpened>("incident_opened");
        events.MapEventType<ReportSubmitted>("report_submitted");
        events.MapEventType<CasualtiesReported>("casualties_reported");
        events.MapEventType<PerpetratorDescribed>("perpetrator_described");
        events.MapEventType<ResponsibilityClaimed>("responsibility_claimed");
        events.MapEventType<AttackTypesReported>("attack_types_reported");
        events.MapEventType<WeaponReported>("weapon_reported");
        events.MapEventType<TargetReported>("target_reported");
        events.MapEventType<LocationReported>("location_reported");
        events.MapEventType<TimelineEntryReported>("timeline_entry_reported");
        events.MapEventType<PersonReported>("person_reported");
        events.MapEventType<DemandReported>("demand_reported");
        events.MapEventType<NoteRecorded>("note_recorded");
        events.MapEventType<FactsRetracted>("facts_retracted");
        events.MapEventType<FigureAdjudicated>("figure_adjudicated");
        events.MapEventType<SourceRegistered>("source_registered");
        events.MapEventType<SourceGraded>("source_graded");
        events.MapEventType<DocumentStored>("document_stored");
    }
}
