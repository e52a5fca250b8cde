#!/usr/bin/env bash
# The run command: starts AttackTracker on http://localhost:5080 with the sample data.
# Without ConnectionStrings__EventStore it uses the private PostgreSQL cluster
# (src/tools/localpg.sh), installing Debian's postgresql package first when it is missing.
# Extra arguments go to the service, e.g. --Samples:Load=false or --urls http://127.0.0.1:9000.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"

if [ -z "${ConnectionStrings__EventStore:-}" ]; then
  bash src/tools/localpg.sh install
  export ConnectionStrings__EventStore="$(bash src/tools/localpg.sh start)"
  echo "PostgreSQL: $ConnectionStrings__EventStore (stop it with: bash src/tools/localpg.sh stop)"
fi

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
exec dotnet run --project src/AttackTracker.Api -c Release -- --urls "$URLS" "$@"
