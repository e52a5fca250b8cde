#!/usr/bin/env bash
# The cluster drill, on one machine (docs/operations.md, "The cluster drill"): starts the cluster of
# src/tools/cluster.sh (etcd, two Patroni-managed PostgreSQL 15 nodes with synchronous replication,
# HAProxy, two service nodes; loopback ports only), then under a steady write and read load through
# HAProxy kills a service node, the node running the daemon and the PostgreSQL primary, one at a
# time, and prints for each: acknowledged writes lost, writes applied twice, stale reads with the
# read-your-writes token, the time until writes succeed again and until the statistics catch up,
# and notifications lost. Exit code 1 if any of the counts is not 0. About 6 minutes here, plus the
# cluster's start (a Release build first when there is none). Not part of tests/run.sh.
#
#   bash tests/cluster/run.sh            # starts the cluster, runs the drill, stops and removes the cluster
#   bash tests/cluster/run.sh --keep     # leaves the cluster running afterwards (stop: bash src/tools/cluster.sh stop)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
CLUSTER=src/tools/cluster.sh
KEEP=false
[ "${1:-}" = "--keep" ] && KEEP=true

cleanup() { if [ "$KEEP" = false ]; then bash "$CLUSTER" stop || true; fi; }
trap cleanup EXIT

bash "$CLUSTER" start >/dev/null
eval "$(bash "$CLUSTER" env)"
export ConnectionStrings__EventStore
echo "building the drill" >&2
dotnet build tests/AttackTracker.ClusterDrill -c Release -nologo -v quiet >&2
KEY=$(bash src/tools/attacktracker.sh keys add "cluster-drill-$(date +%s)" editor)
dotnet tests/AttackTracker.ClusterDrill/bin/Release/net10.0/AttackTracker.ClusterDrill.dll \
  --api "$CLUSTER_API" --key "$KEY" --script "$REPO/$CLUSTER" --writers "${DRILL_WRITERS:-4}" --settle "${DRILL_SETTLE:-40}"
