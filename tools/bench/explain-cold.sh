#!/usr/bin/env sh
# Cold-start wall time of `bin/iam-preflight explain ACTION` (see cold-start.sh).
#
#   ./mvnw -q -o package -DskipTests && tools/bench/explain-cold.sh [N] [ACTION]
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
exec "$here/cold-start.sh" "${1:-20}" explain "${2:-dynamodb:UpdateItem}"
