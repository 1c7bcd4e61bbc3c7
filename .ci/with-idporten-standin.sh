#!/usr/bin/env bash
# Runs a command beside the local ID-porten stand-in (end2end/idporten, Node) on
# IDPORTEN_STANDIN_PORT (default 4000), and stops the stand-in when the command ends. When
# IDPORTEN_ISSUER points anywhere else (e.g. https://test.idporten.no), runs the command alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${IDPORTEN_STANDIN_PORT:-4000}"
if [[ "${IDPORTEN_ISSUER:-}" != "http://127.0.0.1:$port" ]]; then
  exec "$@"
fi
IDPORTEN_STANDIN_PORT="$port" node "$here/../end2end/idporten/server.mjs" 2>/dev/null &
standin=$!
trap 'kill "$standin" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$standin" 2>/dev/null || { echo "the ID-porten stand-in did not start" >&2; exit 1; }
  sleep 0.2
done
echo "ID-porten (local stand-in with synthetic test persons): http://127.0.0.1:$port"
"$@"
