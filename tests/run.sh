#!/usr/bin/env bash
# The test command: Chromium for the browser tests and the OpenAPI linter from npm (installed when
# missing), formatting check, build with warnings as errors, a check that the committed
# generated handler code is current, and every test against a real PostgreSQL (the private cluster from src/tools/localpg.sh unless ConnectionStrings__EventStore
# is set; Debian's postgresql package is installed first when it is missing).
# Ends with one line: "Total: N passed, N failed, N skipped".
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ -z "${ConnectionStrings__EventStore:-}" ]; then
  bash src/tools/localpg.sh install
  bash src/tools/localpg.sh start >/dev/null
  LOCALPG_DATABASE=attacktracker_tests bash src/tools/localpg.sh start >/dev/null
fi

SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
apt_install() {
  echo "$1 is missing: installing Debian's $1 package"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# The browser tests drive Debian's Chromium (tests/AttackTracker.Api.Tests/Web); nothing downloads a browser.
[ -x /usr/bin/chromium ] || apt_install chromium

echo "== npm ci (Redocly CLI, the OpenAPI linter, pinned by its lock file)"
command -v npm >/dev/null || apt_install npm
npm ci --prefix tests/AttackTracker.Api.Tests/Contract/lint --no-audit --no-fund --loglevel=error

echo "== dotnet format --verify-no-changes"
dotnet format AttackTracker.slnx --verify-no-changes

echo "== dotnet build"
dotnet build AttackTracker.slnx -c Release --nologo -v quiet

echo "== generated code (Wolverine's handlers, loaded statically, must match the endpoints)"
bash src/tools/codegen.sh --check

echo "== dotnet test"
log=$(mktemp)
status=0
dotnet test AttackTracker.slnx -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line over every test project (dotnet test prints one summary per project).
grep -E '^(Passed!|Failed!) +- Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "Total: %d passed, %d failed, %d skipped\n", p, f, s}'
rm -f "$log"
exit "$status"
