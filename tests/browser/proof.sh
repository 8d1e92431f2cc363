#!/usr/bin/env bash
# The preview's proof.html in a real browser (headless Chromium): it must
# load with no script error, show every picture (each loaded, none
# missing), and list the problems `check` found. A screenshot is kept for
# a person to look at. Run by .ci/run; needs Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "proof.sh: chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi
work=${1:-$(mktemp -d)}
mkdir -p "$work"

check_page() {
  local deck=$1 name=$2 images=$3 expect=$4
  cargo run --locked --release -q -- preview "$deck" -o "$work/$name" > /dev/null
  local page="$work/$name/preview/proof.html"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
    --dump-dom "file://$page" > "$work/$name.dom.html" 2> "$work/$name.log"
  local body
  body=$(grep -o '<body[^>]*>' "$work/$name.dom.html")
  echo "$name: $body"
  for want in "data-images=\"$images\"" "data-loaded=\"$images\"" 'data-missing=""' 'data-errors="0"'; do
    if ! grep -qF "$want" <<< "$body"; then
      echo "proof.sh: $name: the page's body lacks $want" >&2
      exit 1
    fi
  done
  if grep -E 'CONSOLE|Uncaught' "$work/$name.log"; then
    echo "proof.sh: $name: the browser's console reported the lines above" >&2
    exit 1
  fi
  if ! grep -qF "$expect" "$work/$name.dom.html"; then
    echo "proof.sh: $name: the page does not say \"$expect\"" >&2
    exit 1
  fi
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1280,2400 --screenshot="$work/$name.png" "file://$page" 2> /dev/null
  test "$(stat -c %s "$work/$name.png")" -gt 50000
  echo "$name: screenshot $work/$name.png"
}

# The framework: six pictures, no problems.
check_page deck.yaml framework 6 "None: deckpress check found nothing to fix."
# A deck with a warning: the problem is on the page.
check_page tests/fixtures/shapes/fifteen.yaml fifteen 6 "look alike to readers with deuteranopia"
echo "proof.sh: proof.html loads in Chromium with every picture and no error"
