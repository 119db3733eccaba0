#!/usr/bin/env bash
# Times `iam-preflight targets` over a generated tree: COPIES copies of each fixture project under
# src/test/resources/iac (Chalice, SAM/CloudFormation, Terraform with modules, plan JSON), plus a node_modules
# directory of 2,000 small files that discovery must skip. Prints the tree size and the wall/CPU time of RUNS runs.
# Usage: tools/bench/targets-discovery.sh [COPIES=50] [RUNS=5]   (build first: ./mvnw -q -o package -DskipTests)
set -euo pipefail
copies=${1:-50}
runs=${2:-5}
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
repo="$here/../.."
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
for i in $(seq 1 "$copies"); do
  for p in chalice-two-stages sam-orders tf-orders tf-plan cfn-refs; do
    mkdir -p "$tree/app$i"
    cp -R "$repo/src/test/resources/iac/$p" "$tree/app$i/$p"
  done
done
mkdir -p "$tree/node_modules/pkg"
for i in $(seq 1 2000); do echo '{"name": "x"}' > "$tree/node_modules/pkg/f$i.json"; done
files=$(find "$tree" -type f | wc -l)
echo "tree: $copies copies of 5 fixture projects, $files files"
"$repo/bin/iam-preflight" targets "$tree" --format json --output /dev/null --account-id 123456789012 --region us-east-1 2>/dev/null || true
targets=$("$repo/bin/iam-preflight" targets "$tree" --format json 2>/dev/null | grep -c '"principal"' || true)
echo "targets found: $targets"
for r in $(seq 1 "$runs"); do
  /usr/bin/time -f "run $r: wall %es user %Us sys %Ss maxrss %MKB" \
    "$repo/bin/iam-preflight" targets "$tree" --format json --output /dev/null 2>&1 >/dev/null | tail -1
done
