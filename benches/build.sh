#!/usr/bin/env bash
# Measures how long deckpress takes and how much memory it needs to check
# and build the default deck (release build). Prints the median wall time
# of N runs and the peak resident memory. Usage: benches/build.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --locked --quiet
bin=target/release/deckpress
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$bin" "$out" "$runs" <<'PY'
import resource, statistics, subprocess, sys, time
binary, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name, args in [("check", ["check"]), ("build", ["build", "-o", out])]:
    times = []
    peak = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([binary, *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    print(f"{name:6s} median {statistics.median(times)*1000:7.0f} ms  "
          f"(min {min(times)*1000:.0f}, max {max(times)*1000:.0f}, {runs} runs)  "
          f"peak RSS {peak/1024:.0f} MiB")
PY
ls -l "$out" | awk 'NR>1 {printf "output %s: %d bytes\n", $9, $5}'
