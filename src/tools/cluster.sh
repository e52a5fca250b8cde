#!/usr/bin/env bash
# The service past one machine, on one machine: etcd, PostgreSQL 15 nodes managed by Patroni
# (a primary and hot standbys by streaming replication, synchronous replication on), HAProxy in
# front of the database (a write port on the primary, a read port on the standbys, both from
# Patroni's REST health) and in front of the service (HTTP, health-checked on /health), and two
# or more service nodes (the Release build, Wolverine Balanced). Loopback ports only; everything
# lives in one temporary directory that `stop` removes. Debian's packages, nothing downloaded at
# run time (docs/operations.md, docs/adr/0005-patroni-and-etcd.md).
#
#   bash src/tools/cluster.sh install        # apt-get install patroni etcd-server haproxy postgresql when missing
#   bash src/tools/cluster.sh start          # idempotent; prints the addresses
#   bash src/tools/cluster.sh status         # each part, the database roles, the daemon's node
#   bash src/tools/cluster.sh stop           # stops everything and removes the directory
#   bash src/tools/cluster.sh env            # the connection strings and addresses, as shell assignments
#   bash src/tools/cluster.sh primary        # the name of the PostgreSQL node that is primary (pg1, pg2, …)
#   bash src/tools/cluster.sh kill-primary   # SIGKILL the primary's Patroni and PostgreSQL: a lost machine
#   bash src/tools/cluster.sh kill-pg NAME   # the same for a named PostgreSQL node
#   bash src/tools/cluster.sh start-pg NAME  # start a stopped PostgreSQL node again; it rejoins as a standby
#   bash src/tools/cluster.sh kill-api N     # SIGKILL service node N (1, 2, …)
#   bash src/tools/cluster.sh start-api N    # start service node N again
#   bash src/tools/cluster.sh daemon-node    # the number of the service node that runs the async daemon
#
# Settings: CLUSTER_DIR (default /tmp/attacktracker-cluster), CLUSTER_PORT (the base port, default
# 55400), CLUSTER_PG_NODES (default 2), CLUSTER_API_NODES (default 2). Ports, from the base B:
# B+0 PostgreSQL writes (HAProxy), B+1 PostgreSQL reads (HAProxy), B+50 the API (HAProxy),
# B+99 HAProxy's statistics page, B+32+i PostgreSQL node i, B+8+i its Patroni REST API,
# B+60+i service node i, B+79/B+78 etcd's client and peer ports.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR=${CLUSTER_DIR:-/tmp/attacktracker-cluster}
BASE=${CLUSTER_PORT:-55400}
PG_NODES=${CLUSTER_PG_NODES:-2}
API_NODES=${CLUSTER_API_NODES:-2}
SCOPE=attacktracker
DATABASE=attacktracker
PG_PASSWORD=attacktracker-cluster
DLL=$REPO/src/AttackTracker.Api/bin/Release/net10.0/AttackTracker.Api.dll

PG_WRITE=$BASE; PG_READ=$((BASE + 1)); API=$((BASE + 50)); HA_STATS=$((BASE + 99))
ETCD_CLIENT=$((BASE + 79)); ETCD_PEER=$((BASE + 78))
pg_port() { echo $((BASE + 31 + $1)); }
rest_port() { echo $((BASE + 7 + $1)); }
api_port() { echo $((BASE + 59 + $1)); }

say() { printf 'cluster: %s\n' "$*" >&2; }

# Npgsql multi-host strings: writes on whichever node is primary, reads preferably on a standby.
# Host Recheck Seconds=1: after a failover, the promoted node is seen as primary within a second.
hosts() { local h="" i; for i in $(seq 1 "$PG_NODES"); do h="$h${h:+,}127.0.0.1:$(pg_port "$i")"; done; echo "$h"; }
writes_url() { echo "Host=$(hosts);Username=postgres;Password=$PG_PASSWORD;Database=$DATABASE;Target Session Attributes=primary;Host Recheck Seconds=1;Timeout=5"; }
reads_url() { echo "Host=$(hosts);Username=postgres;Password=$PG_PASSWORD;Database=$DATABASE;Target Session Attributes=prefer-standby;Host Recheck Seconds=1;Timeout=5"; }

PG_BIN=
find_pg() {
  [ -x /usr/lib/postgresql/15/bin/pg_ctl ] && PG_BIN=/usr/lib/postgresql/15/bin && return 0
  return 1
}

install() {
  local missing=()
  command -v patroni >/dev/null || missing+=(patroni)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v etcdctl >/dev/null || missing+=(etcd-client)
  command -v haproxy >/dev/null || missing+=(haproxy)
  find_pg || missing+=(postgresql-15)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      say "missing: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
      return 1
    fi
  fi
  say "installing Debian's ${missing[*]} (apt-get)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  # Debian's packages would start system services on install where a service manager runs;
  # this cluster runs its own copies on its own ports and never uses those.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# PostgreSQL and Patroni will not run as root: as root they run as 'postgres'.
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
pg_user() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # seconds, description, command...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || { say "timed out after ${seconds}s waiting for $what"; return 1; }
    sleep 0.5
  done
}

start_etcd() {
  alive "$DIR/etcd.pid" && return 0
  mkdir -p "$DIR/etcd"
  say "etcd on 127.0.0.1:$ETCD_CLIENT"
  # A single etcd member is enough on one machine; a real deployment runs three (docs/operations.md).
  setsid etcd --name etcd1 --data-dir "$DIR/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "etcd1=http://127.0.0.1:$ETCD_PEER" --initial-cluster-state new \
    --enable-v2=true >"$DIR/etcd/etcd.log" 2>&1 < /dev/null 9>&- &
  echo $! >"$DIR/etcd.pid"
  wait_for 60 etcd etcd_healthy
}
etcd_healthy() { ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$ETCD_CLIENT" endpoint health >/dev/null 2>&1; }

patroni_config() { # node number
  local i=$1 node="pg$1"
  cat >"$DIR/$node/patroni.yml" <<YAML
scope: $SCOPE
namespace: /service/
name: $node
restapi:
  listen: 127.0.0.1:$(rest_port "$i")
  connect_address: 127.0.0.1:$(rest_port "$i")
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT
log:
  level: WARNING
bootstrap:
  dcs:
    # A dead primary's leader key expires after ttl seconds; then a synchronous standby is promoted.
    ttl: 10
    loop_wait: 1
    retry_timeout: 3
    maximum_lag_on_failover: 1048576
    # Every commit the service acknowledges is on a standby too (synchronous_commit = on with a
    # synchronous standby), and only a synchronous standby is ever promoted: a failover loses no
    # acknowledged write. Not strict: with its last standby gone the primary goes on alone.
    synchronous_mode: true
    synchronous_mode_strict: false
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        max_connections: 300
        shared_buffers: 256MB
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        synchronous_commit: 'on'
        fsync: 'on'
        # The standby tells the primary which rows its reads still need, so that a read is not
        # cancelled by the primary's vacuum.
        hot_standby_feedback: 'on'
        archive_mode: 'on'
        archive_command: 'test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f'
        log_min_messages: warning
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:$(pg_port "$i")
  connect_address: 127.0.0.1:$(pg_port "$i")
  data_dir: $DIR/$node/data
  bin_dir: $PG_BIN
  pgpass: $DIR/$node/pgpass
  authentication:
    superuser:
      username: postgres
      password: $PG_PASSWORD
    replication:
      username: replicator
      password: $PG_PASSWORD
    rewind:
      username: postgres
      password: $PG_PASSWORD
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
  parameters:
    unix_socket_directories: $DIR/$node
tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
YAML
}

start_pg() { # node number
  local i=$1 node="pg$1"
  alive "$DIR/$node/patroni.pid" && return 0
  mkdir -p "$DIR/$node"
  patroni_config "$i"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$DIR/$node"
  say "$node: Patroni (REST 127.0.0.1:$(rest_port "$i")) and PostgreSQL on 127.0.0.1:$(pg_port "$i")"
  # 9>&-: no process started here may inherit the lock's descriptor, or it would hold the lock for
  # as long as it runs and every later start or stop would wait for it.
  as_pg setsid patroni "$DIR/$node/patroni.yml" >>"$DIR/$node/patroni.log" 2>&1 < /dev/null 9>&- &
  # runuser stays the parent of Patroni: record Patroni's own pid, the process to kill.
  local deadline=$((SECONDS + 20)) pid=""
  while [ $SECONDS -lt $deadline ]; do
    pid=$(pgrep -f "/patroni $DIR/$node/patroni.yml" | head -n 1 || true)
    [ -n "$pid" ] && break
    sleep 0.2
  done
  [ -n "$pid" ] || { say "$node: Patroni did not start"; tail -n 20 "$DIR/$node/patroni.log" >&2; return 1; }
  echo "$pid" >"$DIR/$node/patroni.pid"
}

node_role() { # node number → primary / replica / (nothing when down)
  curl -s -m 2 "http://127.0.0.1:$(rest_port "$1")/patroni" 2>/dev/null | sed -nE 's/.*"role": *"([a-z_]+)".*/\1/p'
}
primary() {
  local i
  for i in $(seq 1 "$PG_NODES"); do
    [ "$(node_role "$i")" = master ] || [ "$(node_role "$i")" = primary ] && { echo "pg$i"; return 0; }
  done
  return 1
}
replicas_streaming() { # all nodes but the primary stream from it
  local i n=0
  for i in $(seq 1 "$PG_NODES"); do
    curl -s -m 2 "http://127.0.0.1:$(rest_port "$i")/replica" -o /dev/null -w '%{http_code}' 2>/dev/null | grep -q 200 && n=$((n + 1))
  done
  [ "$n" -ge $((PG_NODES - 1)) ]
}
synchronous() { curl -s -m 2 "http://127.0.0.1:$(rest_port "${1:-1}")/cluster" 2>/dev/null | grep -q '"sync_standby"'; }

write_haproxy() {
  local i
  {
    cat <<CFG
global
  maxconn 4000
  stats socket $DIR/haproxy.sock mode 600 level admin

defaults
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 2s

# HAProxy's own statistics page.
listen stats
  mode http
  bind 127.0.0.1:$HA_STATS
  stats enable
  stats uri /

# PostgreSQL writes: the node whose Patroni answers 200 on /primary. When it stops, its sessions
# are cut so that no client keeps writing to a node that is no longer the primary.
listen postgres-writes
  mode tcp
  bind 127.0.0.1:$PG_WRITE
  option httpchk OPTIONS /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
CFG
    for i in $(seq 1 "$PG_NODES"); do echo "  server pg$i 127.0.0.1:$(pg_port "$i") check port $(rest_port "$i")"; done
    cat <<CFG

# PostgreSQL reads: the streaming standbys, in turn.
listen postgres-reads
  mode tcp
  bind 127.0.0.1:$PG_READ
  balance roundrobin
  option httpchk OPTIONS /replica
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
CFG
    for i in $(seq 1 "$PG_NODES"); do echo "  server pg$i 127.0.0.1:$(pg_port "$i") check port $(rest_port "$i")"; done
    cat <<CFG

# The API: every service node that answers /health. A request whose connection to a node could not
# be made goes to another node; one that reached a node is never sent twice (a client retries a
# write with its Idempotency-Key instead).
frontend api
  mode http
  bind 127.0.0.1:$API
  timeout client 5m
  default_backend api-nodes

backend api-nodes
  mode http
  balance roundrobin
  timeout server 5m
  option httpchk GET /health
  http-check expect status 200
  retries 3
  retry-on conn-failure
  option redispatch
  default-server inter 1s fall 2 rise 2
CFG
    for i in $(seq 1 "$API_NODES"); do echo "  server api$i 127.0.0.1:$(api_port "$i") check"; done
  } >"$DIR/haproxy.cfg"
}

start_haproxy() {
  alive "$DIR/haproxy.pid" && return 0
  write_haproxy
  haproxy -c -q -f "$DIR/haproxy.cfg"
  say "HAProxy: PostgreSQL writes 127.0.0.1:$PG_WRITE, reads 127.0.0.1:$PG_READ, API http://127.0.0.1:$API, statistics http://127.0.0.1:$HA_STATS/"
  haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid" >"$DIR/haproxy.log" 2>&1 9>&-
}

build() {
  if [ ! -f "$DLL" ] || [ -n "$(find "$REPO/src/AttackTracker.Api" "$REPO/src/AttackTracker.Domain" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$DLL" -print -quit 2>/dev/null)" ]; then
    say "building the Release configuration first"
    dotnet build "$REPO/src/AttackTracker.Api" -c Release -nologo -v quiet >&2
    touch "$DLL"
  fi
}

start_api() { # node number
  local i=$1
  alive "$DIR/api$i.pid" && return 0
  say "service node $i on http://127.0.0.1:$(api_port "$i")"
  (
    cd "$REPO/src/AttackTracker.Api"
    export ConnectionStrings__EventStore="$(writes_url)" ConnectionStrings__EventStoreReads="$(reads_url)" \
      Wolverine__Durability=Balanced ASPNETCORE_ENVIRONMENT=Production Samples__Load=false \
      RateLimit__PermitsPerSecond=1000000 RateLimit__Burst=1000000 Logging__LogLevel__Default=Warning \
      Webhooks__AllowPrivateNetworks=true Webhooks__Proxy=none
    # Extra settings for every node, e.g. CLUSTER_API_ARGS='--Webhooks:RetryBaseSeconds=1'.
    # shellcheck disable=SC2086
    exec setsid dotnet "$DLL" --urls "http://127.0.0.1:$(api_port "$i")" ${CLUSTER_API_ARGS:-} >>"$DIR/api$i.log" 2>&1 < /dev/null
  ) 9>&- &
  echo $! >"$DIR/api$i.pid"
}
api_healthy() { curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(api_port "$1")/health" 2>/dev/null | grep -q 200; }
all_api_healthy() { local i; for i in $(seq 1 "$API_NODES"); do api_healthy "$i" || return 1; done; }

start() {
  install
  find_pg || { say "PostgreSQL 15 server binaries are missing"; exit 1; }
  build
  mkdir -p "$DIR/wal-archive"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR" "$DIR/wal-archive"
  start_etcd
  local i
  for i in $(seq 1 "$PG_NODES"); do
    start_pg "$i"
    # The first node bootstraps the cluster; the others clone it with pg_basebackup.
    [ "$i" = 1 ] && wait_for 120 "pg1 to become primary" primary >/dev/null
  done
  wait_for 180 "the standbys to stream" replicas_streaming
  wait_for 60 "a synchronous standby" synchronous
  start_haproxy
  # The first node migrates the schema alone; the others start once it answers.
  start_api 1
  wait_for 240 "service node 1" api_healthy 1
  for i in $(seq 2 "$API_NODES"); do start_api "$i"; done
  wait_for 240 "every service node" all_api_healthy
  say "ready: API http://127.0.0.1:$API  PostgreSQL writes 127.0.0.1:$PG_WRITE reads 127.0.0.1:$PG_READ  (directory $DIR)"
  echo "http://127.0.0.1:$API"
}

stop_pid() { # pid file
  if alive "$1"; then
    local pid; pid=$(cat "$1")
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

postmaster_pid() { [ -f "$DIR/pg$1/data/postmaster.pid" ] && head -n 1 "$DIR/pg$1/data/postmaster.pid"; }

stop() {
  [ -d "$DIR" ] || { say "nothing to stop ($DIR does not exist)"; return 0; }
  local i pid
  for i in $(seq 1 9); do [ -f "$DIR/api$i.pid" ] && stop_pid "$DIR/api$i.pid"; done
  [ -f "$DIR/haproxy.pid" ] && stop_pid "$DIR/haproxy.pid"
  for i in $(seq 1 9); do
    [ -d "$DIR/pg$i" ] || continue
    [ -f "$DIR/pg$i/patroni.pid" ] && stop_pid "$DIR/pg$i/patroni.pid"
    # Patroni stops its PostgreSQL; a node whose Patroni was killed may have left one behind.
    pid=$(postmaster_pid "$i" || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg$i/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  [ -f "$DIR/etcd.pid" ] && stop_pid "$DIR/etcd.pid"
  rm -rf "$DIR"
  say "stopped; $DIR removed"
}

kill_pg() { # node name (pg1…)
  local node=$1 i=${1#pg} pid
  [ -f "$DIR/$node/patroni.pid" ] && kill -KILL "$(cat "$DIR/$node/patroni.pid")" 2>/dev/null || true
  rm -f "$DIR/$node/patroni.pid"
  pid=$(postmaster_pid "$i" || true)
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  # The backends notice their postmaster's death on their own; no client can connect meanwhile.
  say "$node: Patroni and PostgreSQL killed (SIGKILL)"
}

daemon_node() {
  local i
  for i in $(seq 1 "$API_NODES"); do
    curl -s -m 3 "http://127.0.0.1:$(api_port "$i")/health" 2>/dev/null | grep -q '"daemon":"running"' && { echo "$i"; return 0; }
  done
  return 1
}

status() {
  [ -d "$DIR" ] || { say "not running"; exit 3; }
  local i
  alive "$DIR/etcd.pid" && echo "etcd      running on 127.0.0.1:$ETCD_CLIENT" || echo "etcd      down"
  for i in $(seq 1 "$PG_NODES"); do
    echo "pg$i       $(node_role "$i" || true) on 127.0.0.1:$(pg_port "$i") (Patroni REST 127.0.0.1:$(rest_port "$i"))"
  done
  alive "$DIR/haproxy.pid" && echo "haproxy   running: writes $PG_WRITE, reads $PG_READ, API $API" || echo "haproxy   down"
  for i in $(seq 1 "$API_NODES"); do
    local health; health=$(curl -s -m 3 "http://127.0.0.1:$(api_port "$i")/health" 2>/dev/null || true)
    echo "api$i      ${health:-down}"
  done
}

env_vars() {
  echo "ConnectionStrings__EventStore='$(writes_url)'"
  echo "ConnectionStrings__EventStoreReads='$(reads_url)'"
  echo "CLUSTER_API=http://127.0.0.1:$API"
  echo "CLUSTER_PG_WRITE='Host=127.0.0.1;Port=$PG_WRITE;Username=postgres;Password=$PG_PASSWORD;Database=$DATABASE'"
  echo "CLUSTER_PG_READ='Host=127.0.0.1;Port=$PG_READ;Username=postgres;Password=$PG_PASSWORD;Database=$DATABASE'"
  echo "CLUSTER_DIR=$DIR"
}

locked() {
  mkdir -p "$(dirname "$DIR")"
  exec 9>"$DIR.lock"
  flock -w 300 9 || { say "timed out waiting for another cluster command"; exit 1; }
  "$@"
}

find_pg || true
case "${1:-}" in
  install) install ;;
  start) locked start ;;
  stop) locked stop ;;
  status) status ;;
  env) env_vars ;;
  primary) primary ;;
  kill-primary) node=$(primary) || { say "no primary"; exit 1; }; kill_pg "$node"; echo "$node" ;;
  kill-pg) kill_pg "${2:?node name, e.g. pg1}" ;;
  start-pg) start_pg "${2#pg}" ;;
  kill-api) stop_pid_kill() { [ -f "$DIR/api$1.pid" ] && kill -KILL "$(cat "$DIR/api$1.pid")" 2>/dev/null || true; rm -f "$DIR/api$1.pid"; }
    stop_pid_kill "${2:?service node number}"; say "service node $2 killed (SIGKILL)" ;;
  start-api) start_api "${2:?service node number}"; wait_for 240 "service node $2" api_healthy "$2" ;;
  daemon-node) daemon_node ;;
  *) echo "usage: $0 install|start|stop|status|env|primary|kill-primary|kill-pg NAME|start-pg NAME|kill-api N|start-api N|daemon-node" >&2; exit 2 ;;
esac
