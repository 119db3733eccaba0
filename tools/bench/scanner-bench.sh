#!/usr/bin/env bash
# Scanner benchmark: generates a synthetic Python project (default 2,000 files) and prints files/s, in-process
# (2 runs; the second is warm) and end to end through the CLI (one cold JVM). Keep runs short: the machine is shared.
# Usage: tools/bench/scanner-bench.sh [N_FILES]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-2000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 tools/bench/gen_python_tree.py "$WORK/app" "$N"
./mvnw -q -o compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:$(cat "$WORK/cp.txt")"
echo "== in-process (PythonScanner.scan, $(nproc) cores)"
java -Xss8m -cp "$CP" tools/bench/ScanBench.java "$WORK/app" 2
echo "== end to end (iam-preflight scan --format json, cold JVM)"
start=$(date +%s%N)
java -cp "$CP" dev.iampreflight.cli.Main scan "$WORK/app" --format json -o "$WORK/out.json"
end=$(date +%s%N)
awk -v n="$N" -v ns="$((end - start))" 'BEGIN { s = ns / 1e9; printf "%d files, %.2f s, %.0f files/s\n", n, s, n / s }'
