#!/usr/bin/env bash
# Runs a command with INNSPILL_TEST_PG_URL set to a PostgreSQL server the tests may create
# databases on: INNSPILL_TEST_PG_URL or DATABASE_URL if set, else a server answering on
# 127.0.0.1:5432 (trust auth, user postgres or root), else a throwaway cluster started here
# from Debian's postgresql and stopped afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ -n "${INNSPILL_TEST_PG_URL:-}" ]; then
  exec "$@"
fi
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  export INNSPILL_TEST_PG_URL="${DATABASE_URL%/*}"
  exec "$@"
fi

"$here/ensure-apt.sh" postgresql-client
for user in postgres root; do
  if psql "postgres://$user@127.0.0.1:5432/postgres" -tAc 'select 1' >/dev/null 2>&1; then
    echo "PostgreSQL: using the server on 127.0.0.1:5432 as $user"
    export INNSPILL_TEST_PG_URL="postgres://$user@127.0.0.1:5432"
    exec "$@"
  fi
done

echo "PostgreSQL: nothing answers on 127.0.0.1:5432; starting a throwaway cluster"
"$here/ensure-apt.sh" postgresql
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
dir="$(mktemp -d /tmp/innspill-pg.XXXXXX)"
port=55432
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start
stop() { "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; rm -rf "$dir"; }
trap stop EXIT
export INNSPILL_TEST_PG_URL="postgres://postgres@127.0.0.1:$port"
"$@"
