using AttackTracker.EventStore;
using AttackTracker.Incidents.Corrections;
using AttackTracker.Incidents.Incidents;
using AttackTracker.Incidents.Reports;
using AttackTracker.Incidents.Sources;

namespace AttackTracker.Incidents;

/// <summary>The stored names of every event type. A stored name is never changed (docs/events.md).</summary>
public static class EventTypes
{
    public const string IncidentStream = "incident";
    public const string SourceStream = "source";

    public static EventTypeRegistry RegisterAll(EventTypeRegistry types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types
            .Register<IncidentOpened>("incident_opened")
            .Register<ReportSubmitted>("report_submitted")
            .Register<CasualtiesReported>("casualties_reported")
            .Register<PerpetratorDescribed>("perpetrator_described")
            .Register<ResponsibilityClaimed>("responsibility_claimed")
            .Register<AttackTypesReported>("attack_types_reported")
            .Register<WeaponReported>("weapon_reported")
            .Register<TargetReported>("target_reported")
            .Register<LocationReported>("location_reported")
            .Register<TimelineEntryReported>("timeline_entry_reported")
            .Register<PersonReported>("person_reported")
            .Register<DemandReported>("demand_reported")
            .Register<NoteRecorded>("note_recorded")
            .Register<FactsRetracted>("facts_retracted")
            .Register<FigureAdjudicated>("figure_adjudicated")
            .Register<SourceRegistered>("source_registered")
            .Register<SourceGraded>("source_graded");
    }
}
