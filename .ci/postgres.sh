#!/usr/bin/env bash
# A private PostgreSQL 15 for the order-consumer tests: its own data folder, 127.0.0.1 only, never the
# system cluster. Usage: .ci/postgres.sh start|stop   (both idempotent; start returns once it accepts
# connections). Tests find it through TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:${PGPORT}/ledger_test.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
PGDATA_ROOT=${WEBHOOKGATE_PG_DIR:-/tmp/webhookgate-pg}
PGDATA="$PGDATA_ROOT/data"
PG_USER=postgres

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "postgres.sh: no PostgreSQL 15 binaries in $PG_BIN" >&2
    exit 1
  fi
  mkdir -p "$PGDATA_ROOT"
  if [ "$(id -u)" = "0" ]; then
    chown "$PG_USER": "$PGDATA_ROOT"
  fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! running; then
    # fsync stays on: the outage and crash tests are about durability, so the database must be honest.
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA_ROOT/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA_ROOT -c max_connections=100" start >/dev/null
  fi
  psql_admin() {
    as_postgres "$PG_BIN/psql" -h "$PGDATA_ROOT" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
  }
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'ledger'")" != "1" ]; then
    psql_admin -c "CREATE ROLE ledger LOGIN PASSWORD 'ledger'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'ledger_test'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE ledger_test OWNER ledger"
  fi
}

stop() {
  if running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
