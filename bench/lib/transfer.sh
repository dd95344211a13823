# P1 ingest, P2 push and P8 re-upload, which share one large file and one service per run. Sourced.

# Starts nginx in the foreground on a free loopback port, storing PUT bodies under $1/root.
start_nginx() {
  local dir=$1
  rm -rf "$dir"
  mkdir -p "$dir/root" "$dir/body" "$dir/logs"
  NGINX_PORT=$(free_port)
  cat >"$dir/nginx.conf" <<EOF
user root;
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_max_body_size 0;
  client_body_temp_path $dir/body;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      root $dir/root;
      dav_methods PUT;
      create_full_put_path on;
    }
  }
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" &
  NGINX_PID=$!
  local deadline=$((SECONDS + 20))
  until curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; do
    ((SECONDS < deadline)) || die "nginx did not start (see $dir/logs/error.log)"
    sleep 0.1
  done
}

# Reference of P1: curl PUTs the file to nginx, which writes the body to disk. Prints seconds.
reference_ingest() {
  local file=$1
  rm -f "$NGINX_DIR/root/upload.bin"
  curl -sf -T "$file" -H 'Expect:' -o /dev/null -w '%{time_total}' "http://127.0.0.1:$NGINX_PORT/upload.bin"
}

# Reference of P2: curl sends the file straight to the emulator as a chunked upload with the service's
# default chunk size, one keep-alive connection for all chunks. Prints seconds.
reference_push() {
  local file=$1 size chunks_dir=$BENCH_WORK/chunks config=$BENCH_WORK/chunks.curl
  size=$(stat -c %s "$file")
  if [[ ! -f $chunks_dir/.size || $(cat "$chunks_dir/.size") != "$size" ]]; then
    rm -rf "$chunks_dir"
    mkdir -p "$chunks_dir"
    split -b "$BENCH_CHUNK_BYTES" -d -a 5 "$file" "$chunks_dir/c"
    echo "$size" >"$chunks_dir/.size"
  fi

  local start id start_seconds
  start=$(now_s)
  id=$(ado POST "/emulator/Demo/_apis/wit/attachments?fileName=ref.bin&uploadType=Chunked&api-version=7.1" \
    -H 'Content-Type: application/octet-stream' --data-binary '' | jq -r '.id')
  start_seconds=$(elapsed_s "$start")
  local url="$ORG_URL/Demo/_apis/wit/attachments/$id?fileName=ref.bin&uploadType=Chunked&api-version=7.1"
  local offset=0 chunk length
  : >"$config"
  for chunk in "$chunks_dir"/c*; do
    length=$(stat -c %s "$chunk")
    {
      ((offset == 0)) || echo 'next'
      echo "url = \"$url\""
      echo "upload-file = \"$chunk\""
      echo "header = \"Content-Range: bytes $offset-$((offset + length - 1))/$size\""
      echo 'header = "Content-Type: application/octet-stream"'
      echo 'header = "Expect:"'
      echo "user = \":$BENCH_PAT\""
      echo 'output = "/dev/null"'
      echo 'silent'
      echo 'fail'
    } >>"$config"
    offset=$((offset + length))
  done

  # Writing the config is not timed: the figure is the chunked start plus the PUTs.
  start=$(now_s)
  curl -K "$config" || die "the reference chunked upload to the emulator failed"
  awk -v a="$start_seconds" -v b="$(elapsed_s "$start")" 'BEGIN { printf "%.3f", a + b }'
}

# Uploads $1 to work item $2 through the raw upload endpoint; prints "status seconds record-id".
service_upload() {
  local file=$1 work_item=$2 response=$BENCH_WORK/upload-response.json status_time
  status_time=$(curl -s -T "$file" -X POST -H 'Expect:' -H 'Content-Type: application/octet-stream' \
    -o "$response" -w '%{http_code} %{time_total}' \
    "$SVC_URL/api/sync/upload?workItemId=$work_item&fileName=$(basename "$file")")
  echo "$status_time $(jq -r '.id // "none"' "$response")"
}

measure_transfer() {
  local file=$BENCH_WORK/transfer.bin
  make_file "$file" "$BENCH_TRANSFER_BYTES"
  NGINX_DIR=$BENCH_WORK/nginx
  start_nginx "$NGINX_DIR"

  local run
  for run in $(seq "$BENCH_RUNS"); do
    log "P1/P2/P8 run $run of $BENCH_RUNS ($BENCH_TRANSFER_BYTES bytes)"
    local seconds
    seconds=$(reference_ingest "$file")
    raw P1 reference_mib_s "$(mib_per_s "$BENCH_TRANSFER_BYTES" "$seconds")"
    rm -f "$NGINX_DIR/root/upload.bin"

    # The upload returns 202 as soon as the file is stored and recorded, so its time is the ingest alone;
    # the push to Azure DevOps starts right after and is timed until the record is SYNCED.
    start_stack "$BENCH_WORK/stack" Sync__UploadResponseWait=00:00:00
    local first second
    first=$(create_work_item transfer-a)
    second=$(create_work_item transfer-b)
    local status id
    # One small upload first, so that start-up work (JIT, first connections) is not in the timed one.
    make_file "$BENCH_WORK/warm-up.bin" $((1024 * 1024))
    read -r status seconds id < <(service_upload "$BENCH_WORK/warm-up.bin" "$second")
    wait_synced "$second" "$id" 60 || die "the warm-up upload did not reach SYNCED"
    ado DELETE /_emulator/counters
    read -r status seconds id < <(service_upload "$file" "$first")
    [[ $status == 202 || $status == 201 ]] || die "the upload returned HTTP $status, expected 201 or 202 (see $BENCH_WORK/upload-response.json)"
    raw P1 ours_mib_s "$(mib_per_s "$BENCH_TRANSFER_BYTES" "$seconds")"

    local start
    start=$(now_s)
    wait_synced "$first" "$id" 1800 || die "the upload of run $run did not reach SYNCED"
    seconds=$(elapsed_s "$start")
    raw P2 ours_mib_s "$(mib_per_s "$BENCH_TRANSFER_BYTES" "$seconds")"
    raw P2 ours_bytes_sent "$(ado_upload_bytes)"

    seconds=$(reference_push "$file")
    raw P2 reference_mib_s "$(mib_per_s "$BENCH_TRANSFER_BYTES" "$seconds")"

    # P8: the same bytes again, to the same work item and to another one.
    ado DELETE /_emulator/counters
    read -r status seconds id < <(service_upload "$file" "$first")
    raw P8 same_item_status "$status"
    read -r status seconds id < <(service_upload "$file" "$second")
    raw P8 other_item_status "$status"
    [[ $status == 202 || $status == 201 ]] && { wait_synced "$second" "$id" 600 || die "the re-upload did not reach SYNCED"; }
    raw P8 ours_bytes_sent "$(ado_upload_bytes)"
    stop_stack
  done

  stop_pid "$NGINX_PID"
  NGINX_PID=
  rm -rf "$BENCH_WORK/stack" "$NGINX_DIR" "$BENCH_WORK/chunks" "$BENCH_WORK/warm-up.bin"
}
