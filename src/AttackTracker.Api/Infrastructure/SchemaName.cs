namespace AttackTracker.Api.Infrastructure;

/// <summary>The configured schema, quoted for SQL.</summary>
public sealed record SchemaName(string Quoted);
