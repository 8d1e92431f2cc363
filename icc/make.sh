#!/usr/bin/env bash
# Rebuilds the CMYK output profiles deckpress embeds, from the published
# characterisation data in Debian's icc-profiles-free package, with
# ArgyllCMS's colprof (Debian: apt-get install argyll icc-profiles-free).
# The committed profiles are what the PDFs embed; rebuilding gives
# profiles that differ only in their creation date and in rounding.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=/usr/share/color/icc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data/FOGRA39L.ti3" "$data/TR003.ti3" "$work/"
cd "$work"
# -qm medium quality, -kr black ramp, -l total ink limit.
colprof -qm -kr -l300 \
  -D "deckpress FOGRA39 (ISO 12647-2 coated, from FOGRA39L data)" \
  -C "Built by deckpress from FOGRA's FOGRA39L characterisation data (zlib licence, Debian icc-profiles-free) with ArgyllCMS colprof" \
  FOGRA39L
colprof -qm -kr -l240 \
  -D "deckpress SWOP coated #3, 240% ink (from CGATS TR 003 data)" \
  -C "Built by deckpress from ANSI CGATS/SWOP TR 003 characterisation data (zlib licence, Debian icc-profiles-free) with ArgyllCMS colprof" \
  TR003
cp FOGRA39L.icc "$here/deckpress-fogra39.icc"
cp TR003.icc "$here/deckpress-swop3-240.icc"
