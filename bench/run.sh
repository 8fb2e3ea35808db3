#!/usr/bin/env bash
# run.sh BINDIR: every bench/<tool>.sh, side by side with the reference tools, on the corpora made by
# ../shared/bench/make-corpora.sh (cached in $CORPORA). Prints reference/ours ratios for time and peak RSS.
# The Perl reference scripts come from a local FlameGraph checkout: FLAMEGRAPH_DIR (default ../FlameGraph
# beside the project). Nothing of FlameGraph is part of flamekit.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
export FLAMEKIT_BIN=$(cd "${1:-$TOP/bin}" && pwd)
export FLAMEKIT_SHARED=${FLAMEKIT_SHARED:-$(cd "$TOP/.." && pwd)/shared}
export FLAMEGRAPH_DIR=${FLAMEGRAPH_DIR:-$(cd "$TOP/.." && pwd)/FlameGraph}
export CORPORA=${CORPORA:-${XDG_CACHE_HOME:-$HOME/.cache}/flamekit/corpora}
if [ ! -x "$FLAMEGRAPH_DIR/flamegraph.pl" ]; then
  echo "bench: no FlameGraph checkout at $FLAMEGRAPH_DIR (git clone brendangregg/FlameGraph there, or set FLAMEGRAPH_DIR)" >&2
  exit 1
fi
echo "bench: corpora in $CORPORA (made by make-corpora.sh if missing)"
bash "$FLAMEKIT_SHARED/bench/make-corpora.sh" "$CORPORA" > /dev/null
export BENCH_TMP=$(mktemp -d); trap 'rm -rf "$BENCH_TMP"' EXIT
for b in "$TOP"/bench/*.sh; do
  case "$(basename "$b")" in common.sh|run.sh) continue ;; esac
  [ -n "${BENCH_ONLY:-}" ] && [ "$(basename "$b" .sh)" != "$BENCH_ONLY" ] && continue
  echo "== $(basename "$b" .sh)"
  bash "$b"
done
