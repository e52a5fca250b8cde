#!/usr/bin/env bash
# Remakes the pictures of the web pages in docs/web/ (docs/web.md). The test command never writes
# them: the screenshot tests (trait Category=Screenshots) put them in a temporary folder unless
# ATTACKTRACKER_SCREENSHOTS names one, which this command does. Builds the Release configuration
# first unless --no-build is given; uses Debian's chromium and the private PostgreSQL cluster
# (src/tools/localpg.sh) as the tests do.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"

if [ "${1:-}" != "--no-build" ]; then
  echo "Building the Release configuration (a minute or two the first time)..." >&2
  dotnet build AttackTracker.slnx -c Release -v quiet -nologo >&2
fi

ATTACKTRACKER_SCREENSHOTS="$REPO/docs/web" \
  dotnet test tests/AttackTracker.Api.Tests -c Release --no-build --filter "Category=Screenshots" >&2
ls -l docs/web/*.png
