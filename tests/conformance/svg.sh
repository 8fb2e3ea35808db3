#!/usr/bin/env bash
# svg.sh: flame-svg against flamegraph.pl's own pictures. For every row of
# $FLAMEKIT_SHARED/conformance/svg/cases.tsv (input, case, flamegraph.pl arguments) runs
#   flame-svg ARGS inputs/INPUT.folded
# and compares it with expected/INPUT--CASE.svg.gz using svg_compare.py: the same frames (tooltip, x, y,
# width, height, fill, label), the same titles and controls, the same size and background; our output must
# also be valid XML. The exit status must be flamegraph.pl's (2 for the "No valid input" picture, else 0).
# Then the same for our own cases in tests/conformance/svg-extra/.
set -uo pipefail
: "${FLAMEKIT_BIN:?}" "${FLAMEKIT_TOP:?}"
SHARED=${FLAMEKIT_SHARED:-$FLAMEKIT_TOP/../shared}
DIR=$SHARED/conformance/svg
COMPARE=$FLAMEKIT_TOP/tests/conformance/svg_compare.py
passed=0 failed=0 skipped=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if ! command -v python3 > /dev/null; then
  echo "SKIP svg: python3 is needed for the comparison"
  echo "svg: 0 passed, 0 failed, 1 skipped"; exit 0
fi

# run_cases DIR: every row of DIR/cases.tsv against DIR/expected/INPUT--CASE.svg.gz.
run_cases() {
  local dir=$1 input case args rc want_rc expected
  if [ ! -f "$dir/cases.tsv" ]; then
    echo "SKIP svg: no $dir/cases.tsv"; skipped=$((skipped + 1)); return
  fi
  while IFS=$'\t' read -r input case args || [ -n "$input" ]; do
    [ "$input" = input ] && continue
    [ -z "$input" ] && continue
    expected=$dir/expected/$input--$case.svg.gz
    if [ ! -f "$expected" ] || [ ! -f "$dir/inputs/$input.folded" ]; then
      echo "SKIP svg $input--$case: no expected file or input"; skipped=$((skipped + 1)); continue
    fi
    read -r -a argv <<< "$args"  # words as flamegraph.pl got them ('#102030' is not a comment)
    # Run where inputs/ is, as the references were made ("cd svg && flamegraph.pl ARGS inputs/X.folded"),
    # but in a scratch directory: the shared folder is read-only and --cp would write palette.map.
    rm -rf "$tmp/run"; mkdir "$tmp/run"; ln -s "$dir/inputs" "$tmp/run/inputs"
    # --cp cases: a palette.map to start from, and the one flamegraph.pl left behind.
    [ -f "$dir/inputs/$input--$case.palette.map" ] && cp "$dir/inputs/$input--$case.palette.map" "$tmp/run/palette.map"
    (cd "$tmp/run" && "$FLAMEKIT_BIN/flame-svg" "${argv[@]}" "inputs/$input.folded") > "$tmp/out.svg" 2> "$tmp/err" < /dev/null
    rc=$?
    want_rc=0
    zcat "$expected" | grep -q 'ERROR: No valid input provided' && want_rc=2
    if [ "$rc" -ne "$want_rc" ]; then
      echo "FAIL svg $input--$case ($args): exit $rc, flamegraph.pl exits $want_rc"; head -n 3 "$tmp/err" | sed 's/^/    stderr: /'
      failed=$((failed + 1)); continue
    fi
    if [ -f "$dir/expected/$input--$case.palette.map" ] &&
        ! diff "$dir/expected/$input--$case.palette.map" "$tmp/run/palette.map" > "$tmp/diff" 2>&1; then
      echo "FAIL svg $input--$case ($args): palette.map differs:"; head -n 8 "$tmp/diff" | sed 's/^/    /'
      failed=$((failed + 1))
    elif python3 "$COMPARE" "$expected" "$tmp/out.svg" > "$tmp/diff" 2>&1; then
      passed=$((passed + 1))
    else
      echo "FAIL svg $input--$case ($args):"; head -n 8 "$tmp/diff" | sed 's/^/    /'
      failed=$((failed + 1))
    fi
  done < "$dir/cases.tsv"
}

run_cases "$DIR"
# Our own corner cases (Perl quirks, every palette rule, hidden options), references made the same way
# with flamegraph.pl at FlameGraph HEAD (see svg-extra/README).
run_cases "$FLAMEKIT_TOP/tests/conformance/svg-extra"

echo "svg: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
