#!/usr/bin/env bash
# Sums the test outcomes in a folder of TRX (dotnet test) and JUnit (node --test) files and prints
# "N passed, N failed". Exits 1 when a test failed or when no result file was found.
set -euo pipefail
dir=${1:?usage: count-test-results.sh RESULTS_DIR}
passed=0
failed=0
files=0
for trx in "$dir"/*.trx "$dir"/**/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done
for junit in "$dir"/*.junit.xml; do
  [ -f "$junit" ] || continue
  files=$((files + 1))
  cases=$(grep -c '<testcase ' "$junit" || true)
  failures=$(grep -c '<failure' "$junit" || true)
  skipped=$(grep -c '<skipped' "$junit" || true)
  passed=$((passed + cases - failures - skipped))
  failed=$((failed + failures))
done
if [ "$files" -eq 0 ]; then
  echo "no test result files in $dir"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
