# common.sh: sourced by bench/*.sh. Side-by-side timing against reference tools, printed as ratios.
#   measure OUTFILE CMD...   runs CMD > OUTFILE; sets SECS and RSS_MB (peak resident set, from GNU time)
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
