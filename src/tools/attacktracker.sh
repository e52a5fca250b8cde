#!/usr/bin/env bash
# The admin commands, fast: runs the Release build that src/tools/run.sh made, without building
# again (dotnet run would build a second, Debug copy first and evaluate the project on every call).
#
#   bash src/tools/attacktracker.sh keys add newsroom-1 analyst
#   bash src/tools/attacktracker.sh verify
#
# The result goes to standard output, messages to standard error. Without ConnectionStrings__EventStore
# the commands use the private PostgreSQL cluster, as the run command does. When there is no
# Release build yet, or the sources changed since it was made, it is built first (say so on stderr).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PROJECT=$REPO/src/AttackTracker.Api
DLL=$PROJECT/bin/Release/net10.0/AttackTracker.Api.dll

stale() {
  [ ! -f "$DLL" ] && return 0
  [ -n "$(find "$REPO/src/AttackTracker.Api" "$REPO/src/AttackTracker.Domain" "$REPO/docs/examples" \
      "$REPO/Directory.Build.props" "$REPO/Directory.Packages.props" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$DLL" -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "Building the Release configuration first (a minute or two the first time, seconds after)..." >&2
  dotnet build "$PROJECT" -c Release -nologo -v quiet >&2
  # A build that only copied a changed settings file leaves the dll as it was: mark it current.
  touch "$DLL"
fi

# From the project folder, as the run command: its appsettings*.json are read from there.
cd "$PROJECT"
exec dotnet "$DLL" "$@"
