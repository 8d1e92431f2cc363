#!/usr/bin/env bash
# Fuzzes deckpress for a while: fuzz/run.sh [load|pipeline] [MINUTES]
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
# The corpus starts from the decks in tests/fixtures; a crash is saved in
# fuzz/artifacts/TARGET/ (make it a fixture in tests/fixtures/bad/).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-load}
minutes=${2:-10}
corpus=fuzz/corpus/$target
mkdir -p "$corpus"
find tests/fixtures -name '*.yaml' -exec cp {} "$corpus/" \;
cargo +nightly fuzz run "$target" "$corpus" -- \
  -max_total_time=$((minutes * 60)) -rss_limit_mb=2048 -timeout=20 -max_len=65536
