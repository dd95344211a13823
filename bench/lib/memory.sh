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
  [[ $status == 202 || $status == 201 ]] || die "the P3 upload answered $status"
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

measure_memory() {
  if [[ -x $BENCH_DIR/memory/run ]]; then
    BENCH_MEMORY_METHOD=memory-run
    log "P3 through bench/memory/run"
    "$BENCH_DIR/memory/run" >"$BENCH_OUT/memory-run.txt" 2>&1 || die "bench/memory/run failed (see $BENCH_OUT/memory-run.txt)"
  fi

  local small=$BENCH_WORK/memory-small.bin large=$BENCH_WORK/memory-large.bin run
  make_file "$small" "$BENCH_MEMORY_SMALL_BYTES"
  make_file "$large" "$BENCH_MEMORY_BYTES"
  for run in $(seq "$BENCH_RUNS"); do
    log "P3 run $run of $BENCH_RUNS"
    move_through_service "$small"
    raw P3 small_peak_kib "$PEAK_KIB"
    move_through_service "$large"
    raw P3 large_peak_kib "$PEAK_KIB"
  done

  rm -rf "$BENCH_WORK/stack" "$small" "$large"
}
