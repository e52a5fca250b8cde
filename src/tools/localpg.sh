#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests, started from Debian's
# installed server binaries (no Docker, no system service).
#
#   bash src/tools/localpg.sh start     # idempotent; prints the connection string
#   bash src/tools/localpg.sh stop
#   bash src/tools/localpg.sh status
#   bash src/tools/localpg.sh url       # the connection string, without starting
#   bash src/tools/localpg.sh install   # apt-get install postgresql when it is missing
#   bash src/tools/localpg.sh crash     # pg_ctl stop -m immediate: a crash, for the chaos tests
#
# The data lives in <repo>/.pgdata (git-ignored). The server listens on
# 127.0.0.1 only, on LOCALPG_PORT (default 54329, not PostgreSQL's 5432 so it
# never collides with a system server). When the default port is taken by
# something else, the next free one is used and remembered in .pgdata/port. As root, the server runs as the
# 'postgres' account through runuser, because PostgreSQL refuses to run as root.
#
# Only the connection string goes to stdout; progress goes to stderr, so
# callers can do: export ConnectionStrings__EventStore="$(bash src/tools/localpg.sh start)"
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DATA_ROOT=${LOCALPG_DIR:-$REPO/.pgdata}
# As root the server runs as 'postgres', which must be able to reach the data folder. A clone
# under a private directory (say /root, mode 700) is out of its reach: then the cluster lives in
# a folder of this repository's own under /var/tmp instead.
if [ -z "${LOCALPG_DIR:-}" ] && [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 \
   && ! runuser -u postgres -- test -x "$REPO" 2>/dev/null; then
  DATA_ROOT=/var/tmp/attacktracker-localpg-$(printf '%s' "$REPO" | md5sum | cut -c1-12)
fi
PGDATA_DIR=$DATA_ROOT/data
if [ -n "${LOCALPG_PORT:-}" ]; then PORT=$LOCALPG_PORT
elif [ -f "$DATA_ROOT/port" ]; then PORT=$(cat "$DATA_ROOT/port")
else PORT=54329; fi
DATABASE=${LOCALPG_DATABASE:-attacktracker}
LOG=$DATA_ROOT/server.log

say() { printf 'localpg: %s\n' "$*" >&2; }

find_bin() {
  if [ -n "${PGBIN:-}" ] && [ -x "$PGBIN/pg_ctl" ]; then echo "$PGBIN"; return 0; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  return 1
}

install_server() {
  if find_bin >/dev/null; then return 0; fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      say "PostgreSQL server binaries are missing and this user cannot install them."
      say "Install them with: sudo apt-get install -y postgresql"
      say "or point the service at a server: export ConnectionStrings__EventStore='Host=...;Username=...;Password=...;Database=...'"
      return 1
    fi
  fi
  say "installing Debian's postgresql package (apt-get)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  find_bin >/dev/null
}

as_owner() {
  # PostgreSQL will not run as root: run as 'postgres' then, from / so that a
  # working directory that account cannot enter is no problem.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

url() {
  local user
  if [ "$(id -u)" = 0 ]; then user=postgres; else user=$(id -un); fi
  echo "Host=127.0.0.1;Port=$PORT;Username=$user;Database=$DATABASE"
}

running() {
  [ -f "$PGDATA_DIR/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

start() {
  if ! BIN=$(find_bin); then
    say "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin."
    say "Install them with: sudo apt-get install -y postgresql   (or: bash src/tools/localpg.sh install)"
    say "or use another server: export ConnectionStrings__EventStore='Host=...;Username=...;Password=...;Database=...'"
    exit 1
  fi
  mkdir -p "$DATA_ROOT"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DATA_ROOT"; fi
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    say "initdb into $PGDATA_DIR"
    local user=postgres
    [ "$(id -u)" = 0 ] || user=$(id -un)
    # Trust on loopback only: this is a private development cluster that
    # listens on 127.0.0.1 and a socket inside the git-ignored data folder.
    as_owner "$BIN/initdb" -D "$PGDATA_DIR" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 >"$DATA_ROOT/initdb.log" 2>&1 \
      || as_owner "$BIN/initdb" -D "$PGDATA_DIR" -U "$user" -A trust -E UTF8 --locale=C >"$DATA_ROOT/initdb.log" 2>&1 \
      || { cat "$DATA_ROOT/initdb.log" >&2; exit 1; }
    cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DATA_ROOT'
max_connections = 200
shared_buffers = 512MB
max_wal_size = 4GB
fsync = on
synchronous_commit = on
log_min_messages = warning
CONF
  fi
  if running; then
    say "already running on 127.0.0.1:$PORT"
  else
    if port_taken; then
      if [ -n "${LOCALPG_PORT:-}" ]; then
        say "port $PORT on 127.0.0.1 is taken by another process; set LOCALPG_PORT to another port"
        exit 1
      fi
      local tries=0
      while port_taken; do
        PORT=$((PORT + 1)); tries=$((tries + 1))
        [ "$tries" -le 50 ] || { say "no free port near 54329; set LOCALPG_PORT"; exit 1; }
      done
      say "port 54329 is taken; using $PORT"
    fi
    echo "$PORT" >"$DATA_ROOT/port"
    say "starting on 127.0.0.1:$PORT (log: $LOG)"
    # 9>&-: the server must not inherit the lock's descriptor, or it would hold the lock for
    # as long as it runs and every later start, stop or crash would wait for it.
    as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null 9>&- \
      || { tail -n 30 "$LOG" >&2; exit 1; }
  fi
  local user; user=$( [ "$(id -u)" = 0 ] && echo postgres || id -un )
  if ! "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$user" -d postgres -tAc \
      "select 1 from pg_database where datname = '$DATABASE'" | grep -q 1; then
    "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$user" -d postgres -c "create database \"$DATABASE\"" >&2
  fi
  url
}

stop() {
  if ! BIN=$(find_bin); then say "no PostgreSQL binaries; nothing to stop"; return 0; fi
  if running; then
    as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null
    say "stopped"
  else
    say "not running"
  fi
}

crash() {
  BIN=$(find_bin)
  if running; then
    as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 60 stop >/dev/null
    say "stopped immediately (crash recovery runs at the next start)"
  fi
}

status() {
  if BIN=$(find_bin) && running; then say "running on 127.0.0.1:$PORT"; url; else say "not running"; exit 3; fi
}

locked() {
  # Callers (the host, several test fixtures) may start at once: one at a time.
  mkdir -p "$DATA_ROOT"
  exec 9>"$DATA_ROOT/.lock"
  flock -w 120 9 || { say "timed out waiting for another start"; exit 1; }
  "$@"
}

case "${1:-start}" in
  start) locked start ;;
  stop) locked stop ;;
  crash) locked crash ;;
  status) status ;;
  url) url ;;
  install) install_server ;;
  *) echo "usage: $0 start|stop|crash|status|url|install" >&2; exit 2 ;;
esac
