using System.Reflection;

namespace AttackTracker.EventStore;

/// <summary>
/// A set of versioned SQL migrations embedded in an assembly, named "NNNN_description.sql".
/// "__schema__" in the SQL is replaced by the store's quoted schema name.
/// </summary>
/// <param name="Module">The name under which the migrations are recorded, unique per source.</param>
/// <param name="Assembly">The assembly that embeds the scripts.</param>
/// <param name="ResourcePrefix">The manifest resource name prefix, for example "AttackTracker.Api.Migrations.".</param>
public sealed record MigrationSource(string Module, Assembly Assembly, string ResourcePrefix);
