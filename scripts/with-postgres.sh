#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster started here and removed afterwards.
# Usage: scripts/with-postgres.sh COMMAND...   (the command sees DATABASE_URL)
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$(mktemp -d /tmp/restart-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$data"
  as_pg=(runuser -u postgres --)
fi
chmod 700 "$data"
"${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres -A trust --no-sync >/dev/null
stop() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap stop EXIT
"${as_pg[@]}" "$bin/pg_ctl" -D "$data" -w -l "$data/log" \
  -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/restart"
"$@"
