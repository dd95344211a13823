# Functions of bench/memory/run: process start and stop, RSS sampling, one measured transfer, the result table.
# Every address is 127.0.0.1; every process started here is stopped by its own PID.

SERVER_DLL=src/AttachmentSync.Server/bin/Release/net10.0/AttachmentSync.Server.dll
EMULATOR_DLL=src/AdoEmulator/bin/Release/net10.0/AdoEmulator.dll
STARTED_PIDS=()

require_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (install it, for example with apt-get)" >&2; exit 1; }
  done
}

# Stops with an error unless the file system of $1 has at least $2 bytes free.
check_free_space() {
  df -h "$1"
  local free
  free=$(($(df --output=avail -k "$1" | tail -1) * 1024))
  if [ "$free" -lt "$2" ]; then
    echo "$1 has $(numfmt --to=iec "$free") free; this run needs about $(numfmt --to=iec "$2")" >&2
    exit 1
  fi
}

# Waits until file $1 contains a line matching regex $2 and prints the first match, or fails after 60 s.
wait_for_line() {
  for _ in $(seq 600); do
    if grep -Eo "$2" "$1" 2>/dev/null | head -1; then
      return 0
    fi
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1:" >&2
  cat "$1" >&2
  return 1
}

# Polls command "$@" every 0.5 s until it prints a non-empty line, and prints that line; fails after 30 minutes.
poll() {
  local value
  for _ in $(seq 3600); do
    value=$("$@" || true)
    if [ -n "$value" ]; then
      echo "$value"
      return 0
    fi
    sleep 0.5
  done
  echo "timed out polling: $*" >&2
  return 1
}

stop_pid() {
  if kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

stop_all() {
  for pid in "${STARTED_PIDS[@]}"; do
    stop_pid "$pid"
  done
}

# Starts the standalone emulator with its attachments under $1, accepting attachments of up to $2 bytes.
# Sets EMULATOR_PID, ORGANIZATION_URL, PROJECT and PAT.
start_emulator() {
  mkdir -p "$1"
  PAT="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  Emulator__Pat="$PAT" Emulator__StoragePath="$1/attachments" Emulator__MaxAttachmentSize="$2" \
    Logging__LogLevel__Default=Warning \
    dotnet "$EMULATOR_DLL" --urls http://127.0.0.1:0 >"$1/emulator.log" 2>&1 &
  EMULATOR_PID=$!
  STARTED_PIDS+=("$EMULATOR_PID")
  ORGANIZATION_URL=$(wait_for_line "$1/emulator.log" 'http://127\.0\.0\.1:[0-9]+/[^ ]+' )
  PROJECT=$(wait_for_line "$1/emulator.log" 'Project: [^ ]+' | cut -d' ' -f2)
}

# Starts a service with its data under $1, pointed at the emulator. Sets SERVICE_PID and SERVICE_URL.
start_service() {
  mkdir -p "$1"
  AzureDevOps__OrganizationUrl="$ORGANIZATION_URL" AzureDevOps__Project="$PROJECT" AzureDevOps__Pat="$PAT" \
    Storage__DatabasePath="$1/sync.db" Storage__ContentPath="$1/content" \
    Webhook__Secret="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    Logging__LogLevel__Default=Warning \
    dotnet "$SERVER_DLL" --urls http://127.0.0.1:0 >"$1/service.log" 2>&1 &
  SERVICE_PID=$!
  STARTED_PIDS+=("$SERVICE_PID")
  SERVICE_URL=$(wait_for_line "$1/service.log" 'listening on http://127\.0\.0\.1:[0-9]+' | cut -d' ' -f3)
}

# Writes the largest VmRSS (kB) of process $1 seen so far to file $2, sampling every 100 ms while it runs.
sample_rss() {
  local max=0 rss
  while rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null) && [ -n "$rss" ]; do
    if [ "$rss" -gt "$max" ]; then
      max=$rss
      echo "$max" >"$2"
    fi
    sleep 0.1
  done
}

vm_hwm_kb() {
  awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

emulator_api() {
  curl -sSf -u ":$PAT" "$@"
}

create_work_item() {
  emulator_api -X POST -H 'Content-Type: application/json-patch+json' \
    -d "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"$1\"}]" \
    "$ORGANIZATION_URL/$PROJECT/_apis/wit/workitems/\$Bug?api-version=7.1" | jq -r .id
}

# Creates a tus upload of file $1 for work item $2 and sends it in PATCHes of $3 bytes; prints the upload URL.
tus_upload() {
  local file=$1 work_item=$2 chunk=$3 size location offset length status
  size=$(stat -c %s "$file")
  location=$(curl -sSf -o /dev/null -D - -X POST "$SERVICE_URL/api/sync/uploads" \
    -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $size" \
    -H "Upload-Metadata: filename $(basename "$file" | base64 -w0),workItemId $(printf %s "$work_item" | base64 -w0)" \
    | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
  offset=0
  while [ "$offset" -lt "$size" ]; do
    length=$((size - offset < chunk ? size - offset : chunk))
    status=$(tail -c +$((offset + 1)) "$file" | head -c "$length" | curl -sS -o /dev/null -w '%{http_code}' \
      -X PATCH -T - -H 'Expect:' -H 'Tus-Resumable: 1.0.0' -H 'Content-Type: application/offset+octet-stream' \
      -H "Upload-Offset: $offset" "$SERVICE_URL$location")
    if [ "$status" != 204 ]; then
      echo "PATCH at offset $offset returned $status" >&2
      return 1
    fi
    offset=$((offset + length))
  done
  echo "$SERVICE_URL$location"
}

session_attachment() {
  curl -sSf "$SERVICE_URL/api/sync/upload-session/$1" \
    | jq -r 'select(.status == "COMPLETED" and .attachmentId != null) | .attachmentId'
}

synced_record() {
  curl -sSf "$SERVICE_URL/api/sync/attachments/$1" \
    | jq -c --arg id "$2" '.[] | select(.id == $id and (.syncStatus == "SYNCED" or .syncStatus == "FAILED"))'
}

now() {
  date +%s.%N
}

seconds_since() {
  awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'
}

# Moves file $1 (labelled $2) in through tus in PATCHes of $3 bytes, to the emulator and back out, with a new
# service whose data is under $4. Prints one result line: label|VmHWM kB|sampled max VmRSS kB|seconds|check.
measure_one() {
  local file=$1 label=$2 chunk=$3 directory=$4 expected work_item started upload_url attachment record
  local upload_seconds sync_seconds read_seconds relations in_emulator read_back check hwm sampled
  expected=$(sha256sum "$file" | cut -d' ' -f1)
  start_service "$directory"
  sample_rss "$SERVICE_PID" "$directory/rss-max" &
  local sampler=$!
  work_item=$(create_work_item "memory benchmark $label")

  started=$(now)
  upload_url=$(tus_upload "$file" "$work_item" "$chunk")
  upload_seconds=$(seconds_since "$started")

  started=$(now)
  attachment=$(poll session_attachment "${upload_url##*/}")
  record=$(poll synced_record "$work_item" "$attachment")
  sync_seconds=$(seconds_since "$started")

  started=$(now)
  read_back=$(curl -sSf "$SERVICE_URL/api/sync/attachments/$attachment/content" | sha256sum | cut -d' ' -f1)
  read_seconds=$(seconds_since "$started")

  relations=$(emulator_api "$ORGANIZATION_URL/$PROJECT/_apis/wit/workitems/$work_item?\$expand=relations&api-version=7.1" \
    | jq -c '[.relations[]? | select(.rel == "AttachedFile") | .url]')
  in_emulator=$(emulator_api "$(jq -r '.[0]' <<<"$relations")?api-version=7.1" | sha256sum | cut -d' ' -f1)

  stop_pid "$sampler"
  hwm=$(vm_hwm_kb "$SERVICE_PID")
  stop_pid "$SERVICE_PID"
  sampled=$(cat "$directory/rss-max")

  check=ok
  [ "$(jq -r .syncStatus <<<"$record")" = SYNCED ] || check="sync failed: $(jq -r .statusReason <<<"$record")"
  [ "$(jq length <<<"$relations")" = 1 ] || check="work item has $(jq length <<<"$relations") relations"
  [ "$in_emulator" = "$expected" ] || check="emulator sha256 $in_emulator differs"
  [ "$read_back" = "$expected" ] || check="read-back sha256 $read_back differs"
  echo "  upload ${upload_seconds}s, sync ${sync_seconds}s, read-back ${read_seconds}s, sha256 $expected: $check" >&2
  rm -rf "$directory/content"
  echo "$label|$hwm|$sampled|$upload_seconds/$sync_seconds/$read_seconds|$check"
}

mb() {
  awk -v kb="$1" 'BEGIN { printf "%.1f", kb * 1024 / 1000000 }'
}

# Prints the table of the two result lines, the difference and whether the goals are met.
print_results() {
  local small_hwm large_hwm difference verdict
  echo
  printf '%-10s %16s %20s %26s %s\n' file 'peak RSS (MB)' 'max sampled RSS (MB)' 'upload/sync/read-back (s)' check
  for line in "$@"; do
    IFS='|' read -r label hwm sampled seconds check <<<"$line"
    printf '%-10s %16s %20s %26s %s\n' "$label" "$(mb "$hwm")" "$(mb "$sampled")" "$seconds" "$check"
  done
  # The kernel updates VmHWM from per-thread counters in batches, so a sample can read slightly above it.
  IFS='|' read -r _ small_hwm small_sampled _ <<<"$1"
  IFS='|' read -r _ large_hwm large_sampled _ <<<"$2"
  small_hwm=$((small_hwm > small_sampled ? small_hwm : small_sampled))
  large_hwm=$((large_hwm > large_sampled ? large_hwm : large_sampled))
  difference=$(awk -v a="$small_hwm" -v b="$large_hwm" 'BEGIN { printf "%.1f", (b - a) * 1024 / 1000000 }')
  verdict=$(awk -v a="$small_hwm" -v b="$large_hwm" \
    'BEGIN { print ((a * 1024 <= 200e6 && b * 1024 <= 200e6 && (b - a) * 1024 <= 32e6) ? "met" : "missed") }')
  echo "peak RSS is the service process's VmHWM (or the largest sample, when higher); the large file's peak is" \
    "$difference MB above the small one's"
  echo "goals: each peak <= 200 MB, difference <= 32 MB: $verdict"
}
