#!/usr/bin/env bash
# The run command: starts AttackTracker on http://localhost:5080 with the sample data.
# Without ConnectionStrings__EventStore it uses the private PostgreSQL cluster
# (src/tools/localpg.sh), installing Debian's postgresql package first when it is missing.
# Extra arguments go to the service, e.g. --Samples:Load=false or --urls http://127.0.0.1:9000.
# It builds the Release configuration (the first build takes a minute or two, more when the
# packages must be downloaded; later ones, with nothing changed, seconds), then runs that build, the one src/tools/attacktracker.sh uses
# for the admin commands.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
URLS=${ATTACKTRACKER_URLS:-http://localhost:5080}
# A port another program holds would end in a stack trace from Kestrel: say so in one line instead.
for url in ${URLS//;/ }; do
  port=$(printf '%s' "$url" | sed -nE 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#p')
  if [ -n "$port" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use. Choose another: ATTACKTRACKER_URLS=http://localhost:5081 bash src/tools/run.sh" >&2
    exit 1
  fi
done

if [ -z "${ConnectionStrings__EventStore:-}" ]; then
  bash src/tools/localpg.sh install
  export ConnectionStrings__EventStore="$(bash src/tools/localpg.sh start)"
  echo "PostgreSQL: $ConnectionStrings__EventStore (stop it with: bash src/tools/localpg.sh stop)"
fi

DLL=src/AttackTracker.Api/bin/Release/net10.0/AttackTracker.Api.dll
if [ -f "$DLL" ]; then
  echo "Building AttackTracker (Release; seconds when nothing changed)..."
else
  echo "Building AttackTracker (Release). The first build restores the packages and compiles everything: a minute or two (more when the packages must be downloaded), with a line per project as it is done..."
fi
set +e
dotnet build src/AttackTracker.Api -c Release -nologo -v minimal --tl:off 2>&1 \
  | grep --line-buffered -E -- '( -> |error|warning|Restored )' | sed -u -E 's#^ *#  #; s# -> .*/# -> #'
built=${PIPESTATUS[0]}
set -e
if [ "$built" != 0 ]; then
  echo "The build failed; the errors are above." >&2
  exit 1
fi
# A build that only copied a changed settings file leaves the dll as it was: mark it current for
# src/tools/attacktracker.sh, which rebuilds when a source is newer.
touch "$DLL"
echo "Starting the service (it migrates the schema and, on an empty database, loads the samples)..."
# Run from the project folder, as dotnet run does: its appsettings*.json are read from there.
cd src/AttackTracker.Api
exec dotnet bin/Release/net10.0/AttackTracker.Api.dll --urls "$URLS" "$@"
