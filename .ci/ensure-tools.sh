#!/usr/bin/env bash
# Installs, only when missing, the Rust tools the build needs: the wasm target, cargo-leptos
# (built from crates.io without its binary downloads) and wasm-bindgen-cli at the version in
# Cargo.lock. The two are compiled at once, each in a target directory of its own.
set -euo pipefail
leptos_version="$1"
bindgen_version="$2"
tools_target="${CARGO_TARGET_DIR:-$PWD/target}/tools"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos's own release profile (fat LTO, one codegen unit) spent most of half an hour of a
# fresh machine's two cores. A build tool that mostly starts cargo and wasm-bindgen needs no
# optimising, but for what it computes itself in a release build: compressing the site
# (brotli, gzip) and hashing its files.
install_cargo_leptos() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 \
    cargo \
    --config 'profile.release.package.brotli.opt-level=3' \
    --config 'profile.release.package.brotli-decompressor.opt-level=3' \
    --config 'profile.release.package.libflate.opt-level=3' \
    --config 'profile.release.package.libflate_lz77.opt-level=3' \
    --config 'profile.release.package.md-5.opt-level=3' \
    --config 'profile.release.package.seahash.opt-level=3' \
    install cargo-leptos --version "$leptos_version" --locked --features no_downloads \
    --target-dir "$tools_target/cargo-leptos"
}

# With its own Cargo.lock when this registry has every version it names; when it lacks one
# (webpki-roots 1.0.11 for 0.2.130, at this writing), the same wasm-bindgen-cli version with the
# newest compatible dependencies.
install_wasm_bindgen() {
  local log="$tools_target/wasm-bindgen-locked.log"
  if cargo install wasm-bindgen-cli --version "$bindgen_version" --locked \
    --target-dir "$tools_target/wasm-bindgen" >"$log" 2>&1; then
    return 0
  elif grep -q "failed to select a version" "$log"; then
    echo "Its Cargo.lock names a crate version this registry does not have;" \
      "installing wasm-bindgen-cli $bindgen_version with the newest compatible dependencies."
    cargo install wasm-bindgen-cli --version "$bindgen_version" \
      --target-dir "$tools_target/wasm-bindgen"
  else
    cat "$log"
    return 1
  fi
}

# Runs "$@" in the background, its output in a log shown when it ends.
started=()
start() {
  local name="$1"
  shift
  mkdir -p "$tools_target"
  echo "Installing $name (compiling; its output follows when done)"
  ("$@" >"$tools_target/$name.log" 2>&1; echo $? >"$tools_target/$name.rc") &
  started+=("$name")
}

if ! cargo leptos --version 2>/dev/null | grep -q "$leptos_version"; then
  start cargo-leptos install_cargo_leptos
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen_version"; then
  start wasm-bindgen-cli install_wasm_bindgen
fi
wait
failed=0
for name in "${started[@]}"; do
  rc="$(cat "$tools_target/$name.rc")"
  if [ "$rc" = 0 ]; then
    grep -E "Finished|Installed" "$tools_target/$name.log" || true
  else
    cat "$tools_target/$name.log" >&2
    echo "Installing $name failed" >&2
    failed=1
  fi
done
rm -rf "$tools_target"
[ "$failed" = 0 ]

if ! command -v npm >/dev/null; then
  .ci/ensure-apt.sh nodejs npm
fi
