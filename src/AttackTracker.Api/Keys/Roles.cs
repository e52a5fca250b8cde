namespace AttackTracker.Api.Keys;

public static class Roles
{
    public const string Reader = "reader";
    public const string Analyst = "analyst";
    public const string Editor = "editor";

    public static readonly string[] All = [Reader, Analyst, Editor];

    public static bool IsRole(string? role) => role is Reader or Analyst or Editor;
}
