#!/usr/bin/env bash
# `make lighthouse`: starts the development build (demo data on a scratch SQLite database) on a
# free port, runs Lighthouse (end2end/lighthouse) on the home page, a hearing and an initiative,
# and appends the scores to BENCHMARKS.md.
set -euo pipefail
bin="$1"
scratch="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$scratch/db.sqlite?mode=rwc" \
  INNSPILL_ENV=development INNSPILL_FILE_DIR="$scratch/files" INNSPILL_MAIL_DIR="$scratch/mail" RUST_LOG=warn \
  "$bin" >"$scratch/log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -sf "$base/readyz" >/dev/null && break
  sleep 0.2
done
first() { curl -sf "$base$1" | grep -o "href=\"/org/eksempel-kommune/$2/[0-9]*\"" | head -1 | cut -d'"' -f2; }
hearing="$(first /org/eksempel-kommune/horinger horinger)"
initiative="$(first '/org/eksempel-kommune/innbyggerforslag?status=collecting' innbyggerforslag)"
table="$(cd end2end/lighthouse && node run.mjs "$base" / "$hearing" "$initiative")"
{
  printf '\n## Lighthouse\n\nWritten by `make lighthouse` on %s: Lighthouse %s, mobile (simulated slow 4G, a mid-range phone), in Debian'"'"'s chromium, against the development build with the demo data (the pages and the stylesheet are the same as a release serves, compressed per response).\n\n' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(node -p 'require("./end2end/lighthouse/node_modules/lighthouse/package.json").version')"
  echo "$table"
} | tee -a BENCHMARKS.md
