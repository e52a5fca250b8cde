#!/usr/bin/env bash
# Regenerates Wolverine's handler code into src/AttackTracker.Api/Http/Generated (committed). The
# service loads it in TypeLoadMode.Static, so it starts without Roslyn; run this after changing an
# endpoint's signature, a middleware or a policy that shapes handlers. With --check, writes into a
# temporary folder instead and fails when the committed code differs (the test command runs that).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
GENERATED=src/AttackTracker.Api/Http/Generated
CONFIGURATION=${CONFIGURATION:-Release}

if [ -z "${ConnectionStrings__EventStore:-}" ]; then
  export ConnectionStrings__EventStore="$(bash src/tools/localpg.sh start)"
fi

if [ "${1:-}" = "--check" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  Wolverine__TypeLoadMode=Auto Wolverine__GeneratedCodePath="$out" \
    dotnet run --project src/AttackTracker.Api -c "$CONFIGURATION" --no-build -- codegen write >/dev/null
  if ! diff -r -q "$GENERATED" "$out" >/dev/null; then
    diff -r "$GENERATED" "$out" | head -40 >&2
    echo "codegen: the committed generated code in $GENERATED is stale; run: bash src/tools/codegen.sh" >&2
    exit 1
  fi
  echo "codegen: the committed generated code is current"
  exit 0
fi

# Without the old files, so that a build never depends on code generated for older signatures.
rm -rf "$GENERATED"
dotnet build src/AttackTracker.Api -c "$CONFIGURATION" --nologo -v quiet
Wolverine__TypeLoadMode=Auto dotnet run --project src/AttackTracker.Api -c "$CONFIGURATION" --no-build -- codegen write >/dev/null
dotnet build src/AttackTracker.Api -c "$CONFIGURATION" --nologo -v quiet
echo "codegen: wrote $GENERATED"
