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
if ! cargo leptos --version 2>/dev/null | grep -q "$leptos_version"; then
  cargo install cargo-leptos --version "$leptos_version" --locked --features no_downloads
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen_version"; then
  # --locked can fail when the registry lacks a locked dependency; fall back to a fresh resolve.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --locked \
    || cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
if ! command -v npm >/dev/null; then
  .ci/ensure-apt.sh nodejs npm
fi
