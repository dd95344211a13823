# P7: time from an attachment added on the emulator to the service listing it as SYNCED, through the
# service hook the emulator sends. Sourced.

subscribe_webhooks() {
  local event
  for event in workitem.created workitem.updated workitem.deleted; do
    ado POST "/emulator/_apis/hooks/subscriptions?api-version=7.1" -H 'Content-Type: application/json' --data "$(jq -n \
      --arg event "$event" --arg url "$SVC_URL/api/webhooks/workitem" --arg secret "$BENCH_SECRET" '{
        publisherId: "tfs", eventType: $event, resourceVersion: "1.0",
        consumerId: "webHooks", consumerActionId: "httpRequest",
        publisherInputs: {},
        consumerInputs: { url: $url, basicAuthUsername: "azure-devops", basicAuthPassword: $secret,
                          resourceDetailsToSend: "all", messagesToSend: "none", detailedMessagesToSend: "none" }
      }')" >/dev/null || die "creating the $event subscription on the emulator failed"
  done
}

measure_latency() {
  local run work_item
  for run in $(seq "$BENCH_RUNS"); do
    log "P7 run $run of $BENCH_RUNS ($BENCH_LATENCY_SAMPLES attachments)"
    start_stack "$BENCH_WORK/stack"
    subscribe_webhooks
    work_item=$(create_work_item latency)
    # Let the created event's sync finish so that the samples start from a quiet service.
    sleep 2
    EMU_URL=$EMU_URL SVC_URL=$SVC_URL BENCH_PAT=$BENCH_PAT \
      node "$BENCH_DIR/lib/client.mjs" latency "$work_item" "$BENCH_LATENCY_SAMPLES" "$BENCH_LATENCY_BYTES" \
      >"$BENCH_WORK/latency.txt" || die "the P7 client failed"
    local sample
    while read -r sample; do raw P7 "run${run}_sample_s" "$sample"; done <"$BENCH_WORK/latency.txt"
    raw P7 ours_p50_s "$(median $(cat "$BENCH_WORK/latency.txt"))"
    stop_stack
  done

  rm -rf "$BENCH_WORK/stack"
}
