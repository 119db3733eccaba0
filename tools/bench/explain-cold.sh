#!/usr/bin/env sh
# Cold-start wall time of `bin/iam-preflight explain ACTION`: a fresh JVM per run, N runs, mean/min/max in ms.
#
#   ./mvnw -q -o package -DskipTests && tools/bench/explain-cold.sh [N] [ACTION]
#
# Uses hyperfine when it is installed (HYPERFINE=0 to skip it), otherwise times each run itself with `date +%s%N`.
set -e
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
cli="$here/../../bin/iam-preflight"
n=${1:-20}
action=${2:-dynamodb:UpdateItem}

"$cli" explain "$action" >/dev/null   # fail early (and warm the page cache, not the JVM)

if [ "${HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null 2>&1; then
  exec hyperfine --warmup 1 --runs "$n" --shell=none "$cli explain $action"
fi

i=0
times=""
while [ "$i" -lt "$n" ]; do
  start=$(date +%s%N)
  "$cli" explain "$action" >/dev/null
  end=$(date +%s%N)
  times="$times $(( (end - start) / 1000000 ))"
  i=$((i + 1))
done
echo "$times" | tr ' ' '\n' | awk -v n="$n" -v a="$action" 'NF {
    s += $1; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1
  } END {
    printf "explain %s, %d cold runs: mean %.0f ms, min %d ms, max %d ms\n", a, n, s / n, min, max
  }'
