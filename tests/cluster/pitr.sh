#!/usr/bin/env bash
# A tested point-in-time restore (docs/operations.md, "Backups"): a base backup with pg_basebackup
# from the cluster's primary, writes before and after a chosen instant, and a restore of the base
# backup replaying the WAL archive up to that instant into a new server on a free loopback port.
# The restored store must hold exactly the writes before the instant, and the service's verify
# (every incident folded afresh and compared with its stored views) must find it consistent.
#
#   bash tests/cluster/pitr.sh          # uses the running cluster (src/tools/cluster.sh), or starts one and stops it after
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
CLUSTER=src/tools/cluster.sh
say() { printf 'pitr: %s\n' "$*" >&2; }

STARTED=false
if ! bash "$CLUSTER" status >/dev/null 2>&1; then bash "$CLUSTER" start >/dev/null; STARTED=true; fi
eval "$(bash "$CLUSTER" env)"
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$CLUSTER_DIR/pitr
RESTORED_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/restored" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
  if [ "$STARTED" = true ]; then bash "$CLUSTER" stop || true; fi
}
trap cleanup EXIT
rm -rf "$WORK"; mkdir -p "$WORK"; [ "$(id -u)" = 0 ] && chown postgres: "$WORK"

export PGPASSWORD=attacktracker-cluster
psql_primary() { psql -X -q -t -A -h 127.0.0.1 -p "${CLUSTER_PG_WRITE_PORT}" -U postgres -d attacktracker -c "$1"; }
CLUSTER_PG_WRITE_PORT=$(printf '%s' "$CLUSTER_PG_WRITE" | sed -nE 's/.*Port=([0-9]+).*/\1/p')

say "base backup from the primary (pg_basebackup through HAProxy's write port)"
as_pg env PGPASSWORD="$PGPASSWORD" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$CLUSTER_PG_WRITE_PORT" -U postgres \
  -D "$WORK/base" -X stream --checkpoint=fast --no-password

export ConnectionStrings__EventStore
KEY=$(bash src/tools/attacktracker.sh keys add "pitr-$(date +%s)" editor 2>/dev/null)
open() {
  curl -s -f -o /dev/null -X POST "$CLUSTER_API/api/incidents" -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
    -d "{\"title\":\"PITR $1\",\"occurredOn\":\"2024-01-01\",\"country\":\"IS\",\"place\":\"Restore\"}"
}
count() { psql -X -q -t -A -h 127.0.0.1 -p "$1" -U postgres -d attacktracker -c "SELECT count(*) FROM attacktracker.mt_doc_incidentlisting WHERE data->>'title' LIKE 'PITR $2 %'"; }

for i in $(seq 1 20); do open "before $i"; done
sleep 1
TARGET=$(psql_primary "SELECT now()")
sleep 1
for i in $(seq 1 20); do open "after $i"; done
# The WAL past the target must be in the archive: close the current segment.
psql_primary "SELECT pg_switch_wal()" >/dev/null
sleep 3
say "restore target: $TARGET (20 incidents before it, 20 after)"

cp -a "$WORK/base" "$WORK/restored"
cat >>"$WORK/restored/postgresql.auto.conf" <<CONF
port = $RESTORED_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
archive_mode = off
synchronous_standby_names = ''
hot_standby = on
restore_command = 'cp $CLUSTER_DIR/wal-archive/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
CONF
# Patroni's own settings live in postgresql.conf of the node; the copy must not act as a cluster member.
touch "$WORK/restored/recovery.signal"
[ "$(id -u)" = 0 ] && chown -R postgres: "$WORK/restored"
chmod 700 "$WORK/restored"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/restored" -l "$WORK/restored.log" -w -t 120 start >/dev/null
deadline=$((SECONDS + 120))
until [ "$(psql -X -t -A -h 127.0.0.1 -p "$RESTORED_PORT" -U postgres -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; do
  [ $SECONDS -lt $deadline ] || { tail -n 20 "$WORK/restored.log" >&2; say "the restore did not finish recovery"; exit 1; }
  sleep 1
done

before=$(count "$RESTORED_PORT" before); after=$(count "$RESTORED_PORT" after)
say "restored server on 127.0.0.1:$RESTORED_PORT: $before of 20 incidents before the target, $after of 20 after it"
verified=0
ConnectionStrings__EventStore="Host=127.0.0.1;Port=$RESTORED_PORT;Username=postgres;Password=$PGPASSWORD;Database=attacktracker" \
  bash src/tools/attacktracker.sh verify >"$WORK/verify.json" 2>"$WORK/verify.log" || verified=$?
say "verify on the restored store: exit $verified, $(tr -d ' \n' <"$WORK/verify.json" | grep -o '"consistent":[a-z]*' || echo 'no answer')"
if [ "$before" = 20 ] && [ "$after" = 0 ] && [ "$verified" = 0 ]; then
  say "point-in-time restore: passed"
else
  cat "$WORK/verify.log" >&2
  say "point-in-time restore: FAILED"; exit 1
fi
