# P3: peak resident set (VmHWM) of the service while one file moves through every path: tool to service,
# service to Azure DevOps, service to tool, and Azure DevOps to service. Sourced.

# Moves $1 through a fresh service and sets PEAK_KIB to the service's VmHWM in KiB.
move_through_service() {
  local file=$1 name
  name=$(basename "$file")
  start_stack "$BENCH_WORK/stack" Sync__UploadResponseWait=00:00:00
  local outbound inbound status seconds id
  outbound=$(create_work_item memory-out)
  inbound=$(create_work_item memory-in)

  read -r status seconds id < <(service_upload "$file" "$outbound")
  [[ $status == 202 || $status == 201 ]] || die "the P3 upload returned HTTP $status, expected 201 or 202"
  wait_synced "$outbound" "$id" 1800 || die "the P3 upload did not reach SYNCED"
  curl -sf -o /dev/null "$SVC_URL/api/sync/attachments/$id/content" || die "reading the P3 file back failed"

  # The same bytes attached on the emulator side, then fetched by a reconcile of that work item.
  local url
  url=$(curl -sf -u ":$BENCH_PAT" -T "$file" -X POST -H 'Expect:' -H 'Content-Type: application/octet-stream' \
    "$ORG_URL/Demo/_apis/wit/attachments?fileName=$name&uploadType=Simple&api-version=7.1" | jq -r '.url')
  ado PATCH "/emulator/Demo/_apis/wit/workitems/$inbound?api-version=7.1" \
    -H 'Content-Type: application/json-patch+json' \
    --data "[{\"op\":\"add\",\"path\":\"/relations/-\",\"value\":{\"rel\":\"AttachedFile\",\"url\":\"$url\"}}]" >/dev/null
  curl -sf -X POST -o /dev/null "$SVC_URL/api/sync/force-sync/$inbound" || die "force-sync of the P3 work item failed"
  local deadline=$((SECONDS + 1800))
  until curl -sf "$SVC_URL/api/sync/status/$inbound" | jq -e '.synced >= 1' >/dev/null; do
    ((SECONDS < deadline)) || die "the P3 download did not reach SYNCED"
    sleep 0.2
  done

  PEAK_KIB=$(vm_hwm_kib "$SVC_PID")
  stop_stack
}

# Runs bench/memory/run BENCH_RUNS times and records the two peaks it prints (MB of 10^6 bytes). It builds
# and measures the working tree, not the snapshot. Returns 1 when it fails or its table cannot be read.
measure_memory_with_memory_run() {
  local run output=$BENCH_OUT/memory-run.txt peaks build=()
  for run in $(seq "$BENCH_RUNS"); do
    log "P3 run $run of $BENCH_RUNS through bench/memory/run"
    if ! "$BENCH_DIR/memory/run" --small "$BENCH_MEMORY_SMALL_BYTES" --large "$BENCH_MEMORY_BYTES" "${build[@]}" \
      >"$output" 2>&1; then
      log "bench/memory/run failed (see $output)"
      return 1
    fi

    build=(--no-build)
    cat "$output" >>"$BENCH_OUT/memory-run-all.txt"
    peaks=$(awk '/^file +peak RSS/ { table = 1; next } table && NF >= 2 && n < 2 { printf "%s ", $2; n++ }' "$output")
    read -r -a peaks <<<"$peaks"
    ((${#peaks[@]} == 2)) || { log "bench/memory/run printed no table of two peaks (see $output)"; return 1; }
    raw P3 small_peak_mb "${peaks[0]}"
    raw P3 large_peak_mb "${peaks[1]}"
  done
}

measure_memory() {
  rm -f "$BENCH_OUT/memory-run-all.txt"
  if [[ -x $BENCH_DIR/memory/run ]]; then
    if measure_memory_with_memory_run; then
      BENCH_MEMORY_METHOD="bench/memory/run (tus upload, push, read-back; working tree)"
      return 0
    fi

    log "P3 falls back to the measurement of bench/lib/memory.sh"
    rm -f "$BENCH_OUT/raw-P3.txt"
  fi

  BENCH_MEMORY_METHOD="bench/lib/memory.sh (raw upload, push, read-back, download)"
  local small=$BENCH_WORK/memory-small.bin large=$BENCH_WORK/memory-large.bin run
  make_file "$small" "$BENCH_MEMORY_SMALL_BYTES"
  make_file "$large" "$BENCH_MEMORY_BYTES"
  for run in $(seq "$BENCH_RUNS"); do
    log "P3 run $run of $BENCH_RUNS"
    move_through_service "$small"
    raw P3 small_peak_mb "$(awk -v kib="$PEAK_KIB" 'BEGIN { printf "%.1f", kib * 1024 / 1e6 }')"
    move_through_service "$large"
    raw P3 large_peak_mb "$(awk -v kib="$PEAK_KIB" 'BEGIN { printf "%.1f", kib * 1024 / 1e6 }')"
  done

  rm -rf "$BENCH_WORK/stack" "$small" "$large"
}
