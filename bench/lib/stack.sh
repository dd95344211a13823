# Shared helpers of bench/run: building, starting the emulator and the service on loopback, and small
# numeric and HTTP utilities. Sourced, not run.

BENCH_PAT=${BENCH_PAT:-bench-pat-0123456789}
BENCH_SECRET=${BENCH_SECRET:-bench-webhook-secret-0123456789}
BENCH_PIDS=()

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

die() {
  log "error: $*"
  exit 1
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Wall-clock seconds as a decimal, for timing from bash.
now_s() { date +%s.%N; }

elapsed_s() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.3f", b - a }'; }

# Median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mib_per_s() { awk -v bytes="$1" -v s="$2" 'BEGIN { printf "%.1f", bytes / 1048576 / s }'; }

# Records one raw figure: raw FILE-ID KEY VALUE appends "KEY VALUE" to bench/out/raw-ID.txt.
raw() { printf '%s %s\n' "$2" "$3" >>"$BENCH_OUT/raw-$1.txt"; }

wait_http() {
  local url=$1 deadline=$((SECONDS + ${2:-60}))
  until curl -sf -o /dev/null "$url"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# Builds the service, the emulator and the hash driver in Release. By default from a snapshot of HEAD in
# bench/out/src, so that edits in the working tree do not change the binaries during a run.
build_all() {
  local source=$BENCH_ROOT
  if [[ $BENCH_SOURCE == head ]]; then
    source=$BENCH_OUT/src
    BENCH_COMMIT=$(git -C "$BENCH_ROOT" rev-parse --short HEAD)
    # The snapshot is kept while the product sources (src/ and the build files) are unchanged, so that
    # commits elsewhere do not force a full build.
    local key
    key=$(git -C "$BENCH_ROOT" rev-parse HEAD:src HEAD:Directory.Build.props HEAD:Directory.Packages.props | tr '\n' ' ')
    if $BENCH_BUILD && [[ ! -f $source/.snapshot || $(cat "$source/.snapshot") != "$key" ]]; then
      rm -rf "$source"
      mkdir -p "$source"
      git -C "$BENCH_ROOT" archive HEAD | tar -x -C "$source"
      echo "$key" >"$source/.snapshot"
    fi
  else
    BENCH_COMMIT="$(git -C "$BENCH_ROOT" rev-parse --short HEAD) plus working-tree changes"
  fi

  SERVICE_DLL=$source/src/AttachmentSync.Server/bin/Release/net10.0/AttachmentSync.Server.dll
  EMULATOR_DLL=$source/src/AdoEmulator/bin/Release/net10.0/AdoEmulator.dll
  if ! $BENCH_BUILD; then
    [[ -f $SERVICE_DLL && -f $EMULATOR_DLL && -f $BENCH_OUT/bin/hashrate/HashRate.dll ]] \
      || die "--no-build needs an earlier build; run without it once"
    return 0
  fi

  log "building in Release from $source"
  local project
  for project in src/AttachmentSync.Server src/AdoEmulator; do
    dotnet build "$source/$project" -c Release -nologo -v quiet >"$BENCH_OUT/build.log" 2>&1 \
      || { tail -20 "$BENCH_OUT/build.log" >&2; die "building $project failed (see $BENCH_OUT/build.log)"; }
  done

  dotnet build "$BENCH_DIR/hashrate" -c Release -nologo -v quiet -p:CoreProjectDir="$source/src/AttachmentSync.Core" \
    -o "$BENCH_OUT/bin/hashrate" >"$BENCH_OUT/build.log" 2>&1 \
    || { tail -20 "$BENCH_OUT/build.log" >&2; die "building bench/hashrate failed (see $BENCH_OUT/build.log)"; }
}

# Starts a fresh emulator and service pair with state under $1. Extra NAME=VALUE arguments go to the
# service's environment. Sets EMU_URL, ORG_URL, SVC_URL, SVC_PID.
start_stack() {
  local dir=$1
  shift
  rm -rf "$dir"
  mkdir -p "$dir/emulator" "$dir/service/content"
  local emulator_port service_port
  emulator_port=$(free_port)
  service_port=$(free_port)
  EMU_URL=http://127.0.0.1:$emulator_port
  ORG_URL=$EMU_URL/emulator
  SVC_URL=http://127.0.0.1:$service_port

  env Emulator__Pat="$BENCH_PAT" Emulator__MaxAttachmentSize=$((8 * 1024 * 1024 * 1024)) \
    Emulator__StoragePath="$dir/emulator" \
    dotnet "$EMULATOR_DLL" --contentRoot "$(dirname "$EMULATOR_DLL")" --urls "$EMU_URL" >"$dir/emulator.log" 2>&1 &
  EMU_PID=$!
  BENCH_PIDS+=("$EMU_PID")

  # BENCH_SERVICE_ENV adds settings to every service start, NAME=VALUE separated by "|" (for diagnosis;
  # results.md shows it).
  local extra=()
  [[ -n ${BENCH_SERVICE_ENV:-} ]] && IFS='|' read -r -a extra <<<"$BENCH_SERVICE_ENV"
  # The content root is the build output, as in a deployment: ASP.NET Core watches the content root
  # recursively for configuration changes, and from the repository root it would see every file this
  # script, the emulator and the references write.
  env AzureDevOps__OrganizationUrl="$ORG_URL" AzureDevOps__Project=Demo AzureDevOps__Pat="$BENCH_PAT" \
    Storage__DatabasePath="$dir/service/ledger.db" Storage__ContentPath="$dir/service/content" \
    Webhook__Secret="$BENCH_SECRET" "$@" "${extra[@]}" \
    dotnet "$SERVICE_DLL" --contentRoot "$(dirname "$SERVICE_DLL")" --urls "$SVC_URL" >"$dir/service.log" 2>&1 &
  SVC_PID=$!
  BENCH_PIDS+=("$SVC_PID")

  wait_http "$SVC_URL/health" 90 || { tail -20 "$dir/service.log" >&2; die "the service did not start"; }
  until ado GET /_emulator/counters >/dev/null 2>&1; do sleep 0.2; done
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  local i
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop_stack() {
  stop_pid "$SVC_PID"
  stop_pid "$EMU_PID"
}

stop_all() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
  [[ -n ${NGINX_PID:-} ]] && stop_pid "$NGINX_PID"
  return 0
}

# Calls the emulator: ado METHOD PATH [curl arguments...]; PATH is relative to the emulator root.
ado() {
  local method=$1 path=$2
  shift 2
  curl -sf -u ":$BENCH_PAT" -X "$method" "$@" "$EMU_URL$path"
}

ado_upload_bytes() { ado GET /_emulator/counters | jq '.attachmentBytesReceived'; }

ado_request_total() { ado GET /_emulator/counters | jq '.totalRequests'; }

# Creates a work item of type Task and prints its id.
create_work_item() {
  ado POST "/emulator/Demo/_apis/wit/workitems/\$Task?api-version=7.1" \
    -H 'Content-Type: application/json-patch+json' \
    --data "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"${1:-bench}\"}]" | jq '.id'
}

# Peak resident set (VmHWM) of a process, in KiB.
vm_hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# Makes a file of $2 bytes of random data at $1 unless one of that size exists.
make_file() {
  local path=$1 bytes=$2
  [[ -f $path && $(stat -c %s "$path") == "$bytes" ]] && return 0
  log "writing $bytes random bytes to $path"
  head -c "$bytes" /dev/urandom >"$path"
}

# Waits until the record $2 of work item $1 is SYNCED; returns 1 after $3 seconds.
wait_synced() {
  local work_item=$1 id=$2 deadline=$((SECONDS + ${3:-600})) status
  while ((SECONDS < deadline)); do
    status=$(curl -sf "$SVC_URL/api/sync/status/$work_item" | jq -r --arg id "$id" '.attachments[] | select(.id == $id) | .syncStatus')
    [[ $status == SYNCED ]] && return 0
    [[ $status == FAILED ]] && return 1
    sleep 0.05
  done
  return 1
}
