# P6: Azure DevOps requests and time for one reconciliation sweep over BENCH_RECONCILE_ITEMS unchanged work
# items, counted by the emulator. Reference: one GET per work item from a plain client. Sourced.

# Service settings that turn the sweep on for every bench work item (all are of type Task). A sweep
# implementation with other option names can be given in BENCH_SWEEP_SETTINGS, NAME=VALUE separated by "|".
: "${BENCH_SWEEP_SETTINGS:=Sync__SweepInterval=00:00:20|Sync__SweepWiqlFilter=[System.WorkItemType] = 'Task'}"

# Waits for the next sweep: its start is the first request the emulator counts (after a counter reset),
# its end the service's log line for a finished or failed sweep. Sets SWEEP_REQUESTS, SWEEP_SECONDS and
# SWEEP_FAILED; returns 1 if no request came within $1 seconds.
watch_sweep() {
  local timeout=$1 log_file=$BENCH_WORK/stack/service.log pattern='Reconciliation sweep compared|reconciliation sweep failed'
  local deadline=$((SECONDS + timeout)) logged first_at
  logged=$(grep -cE "$pattern" "$log_file" || true)
  until (($(ado_request_total) > 0)); do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done

  first_at=$(now_s)
  deadline=$((SECONDS + 600))
  until (($(grep -cE "$pattern" "$log_file" || true) > logged)); do
    ((SECONDS < deadline)) || die "a sweep started but did not finish within 600 s"
    sleep 0.05
  done

  SWEEP_SECONDS=$(elapsed_s "$first_at")
  SWEEP_REQUESTS=$(ado_request_total)
  SWEEP_FAILED=$(grep -E "$pattern" "$log_file" | tail -1 | grep -c 'failed' || true)
}

# Creates the work items on a fresh stack; sets FIRST_ITEM and LAST_ITEM.
seed_items() {
  local ids
  ids=$(EMU_URL=$EMU_URL BENCH_PAT=$BENCH_PAT node "$BENCH_DIR/lib/client.mjs" seed "$BENCH_RECONCILE_ITEMS") \
    || die "creating the P6 work items failed"
  read -r FIRST_ITEM LAST_ITEM < <(tr ' ' '\n' <<<"$ids" | sort -n | awk 'NR == 1 { first = $1 } { last = $1 } END { print first, last }')
}

measure_reconcile() {
  local settings run start
  IFS='|' read -r -a settings <<<"$BENCH_SWEEP_SETTINGS"
  for run in $(seq "$BENCH_RUNS"); do
    log "P6 run $run of $BENCH_RUNS ($BENCH_RECONCILE_ITEMS work items): reference"
    # Reference: one GET with relations per work item, sequential over one keep-alive connection, on a
    # stack whose service has no sweep, so that nothing else reaches the emulator meanwhile.
    start_stack "$BENCH_WORK/stack"
    seed_items
    ado DELETE /_emulator/counters
    start=$(now_s)
    EMU_URL=$EMU_URL BENCH_PAT=$BENCH_PAT node "$BENCH_DIR/lib/client.mjs" get-each "$FIRST_ITEM" "$LAST_ITEM" \
      || die "the P6 reference client failed"
    raw P6 reference_seconds "$(elapsed_s "$start")"
    raw P6 reference_requests "$(ado_request_total)"
    stop_stack

    log "P6 run $run of $BENCH_RUNS: sweeps"
    start_stack "$BENCH_WORK/stack" "${settings[@]}"
    seed_items
    # The first sweep sees every item as new; the one after it finds them unchanged and is the one measured.
    ado DELETE /_emulator/counters
    if ! watch_sweep 120; then
      log "P6: no sweep reached the emulator within 120 s"
      raw P6 sweep_observed 0
      measure_force_sync_sample "$FIRST_ITEM"
      stop_stack
      continue
    fi

    ado DELETE /_emulator/counters
    if watch_sweep 120; then
      ((SWEEP_FAILED == 0)) || die "the measured sweep failed (see $BENCH_WORK/stack/service.log)"
      raw P6 sweep_observed 1
      raw P6 ours_requests "$SWEEP_REQUESTS"
      raw P6 ours_seconds "$SWEEP_SECONDS"
      ado GET /_emulator/counters | jq -c '.requests' >"$BENCH_OUT/p6-sweep-routes-run$run.json"
    else
      raw P6 sweep_observed 0
    fi

    stop_stack
  done

  rm -rf "$BENCH_WORK/stack"
}

# Without a sweep, the only reconcile is POST /api/sync/force-sync/{id}. Times it on a sample of work
# items to give requests per work item; the report scales it to the full count as an estimate.
measure_force_sync_sample() {
  local first=$1 count=${BENCH_FORCE_SYNC_SAMPLE:-50} id start
  ado DELETE /_emulator/counters
  start=$(now_s)
  for id in $(seq "$first" $((first + count - 1))); do
    curl -sf -X POST -o /dev/null "$SVC_URL/api/sync/force-sync/$id" || die "force-sync of work item $id failed"
  done

  raw P6 force_sync_sample "$count"
  raw P6 force_sync_seconds "$(elapsed_s "$start")"
  raw P6 force_sync_requests "$(ado_request_total)"
}
