# Installs the reference tools and checks free disk space. Sourced.

# nginx (with the dav module, for the P1 reference) and wrk (P5) come from Debian when missing.
install_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v wrk >/dev/null || missing+=(wrk)
  local tool
  for tool in curl jq node dotnet sha256sum split; do
    command -v "$tool" >/dev/null || die "$tool is required but not installed"
  done

  ((${#missing[@]})) || return 0
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "installing ${missing[*]} needs root or sudo; install them and run again"
    sudo=(sudo -n)
  fi

  log "installing ${missing[*]} from Debian"
  "${sudo[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# The large files, a split copy of the transfer file (P2 reference) and what the service and the emulator
# store take up to about four times the largest file, so five times is asked for.
check_disk() {
  local largest=$BENCH_TRANSFER_BYTES
  ((BENCH_MEMORY_BYTES > largest)) && largest=$BENCH_MEMORY_BYTES
  local needed_kib=$((largest * 5 / 1024)) free_kib
  free_kib=$(df -Pk "$BENCH_WORK" | awk 'NR == 2 { print $4 }')
  ((free_kib > needed_kib)) \
    || die "$BENCH_WORK has $((free_kib / 1024)) MiB free; the chosen sizes need about $((needed_kib / 1024)) MiB"
}

# One line: CPU, cores, memory, kernel and the versions of the tools that make the figures.
describe_machine() {
  local cpu memory
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  printf '%s, %s cores, %s RAM, Linux %s, .NET SDK %s, %s, %s, %s' "$cpu" "$(nproc)" "$memory" "$(uname -r)" \
    "$(dotnet --version)" "$(nginx -v 2>&1 | sed 's/^nginx version: //')" "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)" \
    "$(curl --version | head -1 | cut -d' ' -f1-2)"
}
