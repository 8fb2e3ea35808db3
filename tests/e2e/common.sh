# common.sh: sourced by every tests/e2e/*.sh. Gives strict mode, an ERR trap that names the failing line,
# a scratch directory, and helpers:
#   not CMD...            succeeds only if CMD fails
#   expect_fail CODE PATTERN CMD...   CMD must exit CODE and print PATTERN (grep -E) on stderr
#   skip REASON           ends the test as skipped (exit 77)
#   check NAME CMD...     a named sub-check: counted, and a failure does not stop the file
#   have_difffolded       true if FlameGraph's difffolded.pl can be run (FLAMEGRAPH_DIR, default ../FlameGraph)
#   same_as_difffolded [-n] BEFORE AFTER   flame-diff prints the lines difffolded.pl prints (sorted)
set -euo pipefail
: "${FLAMEKIT_BIN:?run through tests/e2e/run.sh}"
export PATH="$FLAMEKIT_BIN:$PATH"
TOP=$FLAMEKIT_TOP
SHARED=$FLAMEKIT_SHARED
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'echo "FAIL ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND" >&2' ERR

not() { if "$@"; then return 1; else return 0; fi; }
skip() { echo "SKIP ${0##*/}: $*"; exit 77; }
expect_fail() {
  local code=$1 pattern=$2; shift 2
  local rc=0
  "$@" > "$T/expect_fail.out" 2> "$T/expect_fail.err" || rc=$?
  if [ "$rc" -ne "$code" ]; then echo "expected exit $code, got $rc from: $*" >&2; cat "$T/expect_fail.err" >&2; return 1; fi
  if ! grep -qE -- "$pattern" "$T/expect_fail.err"; then
    echo "stderr of '$*' lacks /$pattern/:" >&2; cat "$T/expect_fail.err" >&2; return 1
  fi
}

DIFFFOLDED=${FLAMEGRAPH_DIR:-$TOP/../FlameGraph}/difffolded.pl
have_difffolded() { [ -f "$DIFFFOLDED" ] && command -v perl > /dev/null; }
same_as_difffolded() {
  local opt=
  if [ "$1" = -n ]; then opt=-n; shift; fi
  perl "$DIFFFOLDED" $opt "$1" "$2" 2> /dev/null | LC_ALL=C sort > "$T/difffolded.out"
  flame-diff $opt "$1" "$2" | cmp "$T/difffolded.out" - || { echo "flame-diff $opt $1 $2 differs from difffolded.pl" >&2; return 1; }
}
