# P5: webhook deliveries acknowledged per second, and their latency, with concurrent senders (wrk). Sourced.

measure_webhooks() {
  local run work_item
  for run in $(seq "$BENCH_RUNS"); do
    log "P5 run $run of $BENCH_RUNS ($BENCH_WEBHOOK_CONNECTIONS senders, $BENCH_WEBHOOK_SECONDS s)"
    start_stack "$BENCH_WORK/stack"
    work_item=$(create_work_item webhooks)
    # An unrecorded 5 s of the same load first, so that the measured window measures the service after tiered
    # compilation has optimized the hot path, not its start-up.
    BENCH_RUN_ID=warm$run-$RANDOM BENCH_WORK_ITEM=$work_item BENCH_SECRET=$BENCH_SECRET \
      wrk -t2 -c"$BENCH_WEBHOOK_CONNECTIONS" -d5s --timeout 10s -s "$BENCH_DIR/lib/webhook.lua" \
      "$SVC_URL/api/webhooks/workitem" >/dev/null 2>&1 || die "the wrk warm-up failed"
    BENCH_RUN_ID=run$run-$RANDOM BENCH_WORK_ITEM=$work_item BENCH_SECRET=$BENCH_SECRET \
      wrk -t2 -c"$BENCH_WEBHOOK_CONNECTIONS" -d"${BENCH_WEBHOOK_SECONDS}s" --timeout 10s \
      -s "$BENCH_DIR/lib/webhook.lua" "$SVC_URL/api/webhooks/workitem" >"$BENCH_WORK/wrk.txt" 2>&1 \
      || die "wrk failed: $(tail -5 "$BENCH_WORK/wrk.txt")"

    local key value
    while read -r key value; do
      case $key in
        acked_per_s) raw P5 ours_acked_per_s "$value" ;;
        p50_ms | p99_ms | non_2xx | requests) raw P5 "ours_$key" "$value" ;;
      esac
    done <"$BENCH_WORK/wrk.txt"

    # Every acknowledged delivery must be in the ledger; the count includes the warm-up's deliveries.
    raw P5 stored_deliveries "$(sqlite_count "$BENCH_WORK/stack/service/ledger.db" webhook_deliveries)"
    stop_stack
  done

  rm -rf "$BENCH_WORK/stack"
}

# Counts the rows of table $2 in the SQLite file $1 with the sqlite3 shell, or prints "n/a" without it.
sqlite_count() {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$1" "SELECT COUNT(*) FROM $2;"
  else
    echo n/a
  fi
}
