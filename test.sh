#!/usr/bin/env bash
# Runs every test of the repository: the .NET test projects and the Node suites under tests/node.
# Installs what the suites need first (npm packages from each suite's lock file).
# Ends with one line "N passed, N failed" counted from the TRX and JUnit result files.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

bash scripts/install-test-dependencies.sh || { echo "installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

dotnet build AttachmentSync.slnx -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

dotnet test AttachmentSync.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
dotnet_status=$?

node_status=0
for suite in tests/node/*/; do
  [ -f "$suite/package.json" ] || continue
  name=$(basename "$suite")
  echo "node suite: $name"
  # Each suite's "npm test" writes JUnit to $JUNIT_FILE beside its spec output.
  (cd "$suite" && JUNIT_FILE="$results/node-$name.junit.xml" npm test --silent) || node_status=1
done

bash scripts/count-test-results.sh "$results"
counted=$?
if [ $dotnet_status -ne 0 ] || [ $node_status -ne 0 ] || [ $counted -ne 0 ]; then exit 1; fi
