#!/usr/bin/env sh
# Cold-start wall time of one iam-preflight command: a fresh JVM per run, N runs, mean/min/max in ms.
#
#   ./mvnw -q -o package -DskipTests && tools/bench/cold-start.sh N ARGS...
#   e.g. tools/bench/cold-start.sh 20 check examples/chalice-orders
#
# The command's exit code is ignored (check exits 1 on an example with bugs). Uses hyperfine when it is installed
# (HYPERFINE=0 to skip it), otherwise times each run itself with `date +%s%N`.
set -e
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
cli="$here/../../bin/iam-preflight"
n=${1:-20}
shift
[ "$#" -gt 0 ] || set -- --version

"$cli" "$@" >/dev/null 2>&1 || true   # warms the page cache, not the JVM

if [ "${HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null 2>&1; then
  exec hyperfine --ignore-failure --warmup 1 --runs "$n" --shell=none "$cli $*"
fi

i=0
times=""
while [ "$i" -lt "$n" ]; do
  start=$(date +%s%N)
  "$cli" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  times="$times $(( (end - start) / 1000000 ))"
  i=$((i + 1))
done
echo "$times" | tr ' ' '\n' | awk -v n="$n" -v a="$*" 'NF {
    s += $1; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1
  } END {
    printf "%s, %d cold runs: mean %.0f ms, min %d ms, max %d ms\n", a, n, s / n, min, max
  }'
