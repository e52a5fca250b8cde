using AttackTracker.Incidents.Corrections;
using AttackTracker.Incidents.Incidents;
using AttackTracker.Incidents.Reports;

namespace AttackTracker.Api.Incidents;

internal static class IncidentEvents
{
    public static bool IsIncidentEvent(object data) =>
        data is IncidentOpened or ReportSubmitted or IFactReported or FactsRetracted or FigureAdjudicated;
}
