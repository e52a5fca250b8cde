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
exec dotnet run --project src/AttackTracker.Api -c Release -- --urls "${ATTACKTRACKER_URLS:-http://localhost:5080}" "$@"
