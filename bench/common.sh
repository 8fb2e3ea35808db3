# common.sh: sourced by bench/*.sh. Side-by-side timing against reference tools, printed as ratios.
#   measure OUTFILE CMD...   runs CMD > OUTFILE; sets SECS and RSS_MB (peak resident set, from GNU time)
#   fastest PREFIX CMD...    one more timed run of CMD > /dev/null, keeping the fastest (see below)
#   compare NAME REF_OUT REF_SECS REF_MB OUR_OUT OUR_SECS OUR_MB   prints one result row with ratios and whether the
#                            outputs are identical (sorted comparison when SORTED=1)
# Environment: FLAMEKIT_BIN (our binaries), FLAMEGRAPH_DIR (a FlameGraph checkout), CORPORA (corpus folder).
set -euo pipefail
BENCH_TMP=${BENCH_TMP:-$(mktemp -d)}

measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$BENCH_TMP/time" "$@" > "$out"
  read -r SECS RSS_KB < "$BENCH_TMP/time"
  RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
}

# fastest PREFIX CMD...: one more run of CMD > /dev/null (reading FASTEST_IN, if set, as standard input);
# keeps the smallest wall time in PREFIX_s (with that run's peak RSS in PREFIX_mb). The wall time is bash's
# $EPOCHREALTIME around GNU time (whose %e has 10 ms steps, too coarse for runs of 50 ms), with no other
# process started inside the interval. Output goes to /dev/null, as a pipe into the next tool would take
# it: writing 100 MB to this VM's disk takes 40 to 280 ms depending on the writeback backlog that earlier
# runs left, which would time the disk rather than the tools. Callers compare outputs from one more,
# untimed run.
fastest() {
  local prefix=$1; shift
  local t0 t1 kb secs
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$BENCH_TMP/time" "$@" < "${FASTEST_IN:-/dev/null}" > /dev/null
  t1=$EPOCHREALTIME
  read -r kb < "$BENCH_TMP/time"
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  local best_var=${prefix}_s
  if [ -z "${!best_var:-}" ] || awk -v a="$secs" -v b="${!best_var}" 'BEGIN { exit !(a < b) }'; then
    printf -v "${prefix}_s" '%s' "$secs"
    printf -v "${prefix}_mb" '%s' "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
  fi
}

# ratio A B: A / B with one decimal (guarding against a zero time).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 0.005) b = 0.005; printf "%.1f", a / b }'; }

compare() {
  local name=$1 ref_out=$2 ref_s=$3 ref_mb=$4 our_out=$5 our_s=$6 our_mb=$7 same
  if [ "${SORTED:-0}" = 1 ]; then
    if cmp -s <(LC_ALL=C sort "$ref_out") <(LC_ALL=C sort "$our_out"); then same=identical; else same=DIFFERENT; fi
  elif [ "${SAME_CHECK:-cmp}" = none ]; then same=-
  elif cmp -s "$ref_out" "$our_out"; then same=identical; else same=DIFFERENT; fi
  printf '%-44s ref %7.2fs %8.1fMB | ours %7.2fs %8.1fMB | speed x%-6s rss x%-6s | output %s\n' \
    "$name" "$ref_s" "$ref_mb" "$our_s" "$our_mb" "$(ratio "$ref_s" "$our_s")" "$(ratio "$ref_mb" "$our_mb")" "$same"
}
