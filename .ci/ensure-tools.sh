#!/usr/bin/env bash
# Installs, only when missing, the Rust tools the build needs: the wasm target, cargo-leptos
# (built from crates.io without its binary downloads) and wasm-bindgen-cli at the version in
# Cargo.lock.
set -euo pipefail
leptos_version="$1"
bindgen_version="$2"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# cargo-leptos's own release profile (fat LTO, one codegen unit) spent most of half an hour of
# a fresh machine's two cores on its last step; a build tool needs none of that (and compiles
# in a fraction of the time without it).
if ! cargo leptos --version 2>/dev/null | grep -q "$leptos_version"; then
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install cargo-leptos --version "$leptos_version" --locked --features no_downloads
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen_version"; then
  # With its own Cargo.lock when this registry has every version it names; when it lacks one
  # (webpki-roots 1.0.11 for 0.2.130, at this writing), the same wasm-bindgen-cli version with
  # the newest compatible dependencies. Any other failure is shown as it is.
  log="$(mktemp)"
  echo "Installing wasm-bindgen-cli $bindgen_version with its own Cargo.lock (output in $log)"
  if cargo install wasm-bindgen-cli --version "$bindgen_version" --locked >"$log" 2>&1; then
    rm -f "$log"
  elif grep -q "failed to select a version" "$log"; then
    echo "Its Cargo.lock names a crate version this registry does not have;" \
      "installing wasm-bindgen-cli $bindgen_version with the newest compatible dependencies."
    rm -f "$log"
    cargo install wasm-bindgen-cli --version "$bindgen_version"
  else
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
fi
if ! command -v npm >/dev/null; then
  .ci/ensure-apt.sh nodejs npm
fi
