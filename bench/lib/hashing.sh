# P4: SHA-256 rate of the content store's hash loop against sha256sum, on the same page-cached file. Sourced.

measure_hashing() {
  local file=$BENCH_WORK/transfer.bin store=$BENCH_WORK/hash-store
  make_file "$file" "$BENCH_TRANSFER_BYTES"
  # One untimed read puts the file in the page cache for both sides.
  cat "$file" >/dev/null

  local run start seconds bytes hash expected
  for run in $(seq "$BENCH_RUNS"); do
    log "P4 run $run of $BENCH_RUNS"
    start=$(now_s)
    expected=$(sha256sum "$file" | cut -d' ' -f1)
    seconds=$(elapsed_s "$start")
    raw P4 reference_mib_s "$(mib_per_s "$BENCH_TRANSFER_BYTES" "$seconds")"

    # The store moves the imported file into place, so it gets a hard link of its own to consume.
    rm -rf "$store"
    mkdir -p "$store"
    ln "$file" "$store/input"
    read -r bytes seconds hash < <(dotnet "$BENCH_OUT/bin/hashrate/HashRate.dll" "$store/input" "$store")
    [[ $hash == "$expected" ]] || die "the content store's hash $hash differs from sha256sum's $expected"
    raw P4 ours_mib_s "$(mib_per_s "$bytes" "$seconds")"
  done

  rm -rf "$store"
}
