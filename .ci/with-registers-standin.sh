#!/usr/bin/env bash
# Runs a command beside the local stand-in for Maskinporten, Folkeregisteret and KRR
# (end2end/registers, Node) on REGISTERS_STANDIN_PORT (default 4001), and stops it when the
# command ends. When INNSPILL_MASKINPORTEN_ISSUER points anywhere else (e.g.
# https://test.maskinporten.no/), runs the command alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${REGISTERS_STANDIN_PORT:-4001}"
if [[ "${INNSPILL_MASKINPORTEN_ISSUER:-}" != "http://127.0.0.1:$port/" ]]; then
  exec "$@"
fi
REGISTERS_STANDIN_PORT="$port" node "$here/../end2end/registers/server.mjs" >/dev/null 2>&1 &
standin=$!
trap 'kill "$standin" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$standin" 2>/dev/null || { echo "the registers stand-in did not start" >&2; exit 1; }
  sleep 0.2
done
echo "Maskinporten, Folkeregisteret and KRR (local stand-in with the same test persons): http://127.0.0.1:$port"
"$@"
