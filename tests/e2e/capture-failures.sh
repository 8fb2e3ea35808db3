#!/usr/bin/env bash
# capture-failures: what flame-capture does when a capture goes wrong. Each case gives a clear message and a
# known exit code, keeps the log, and leaves nothing half-written (no .part file, no SVG) and no process of
# the command's group running: profiler missing from PATH, the process gone mid-capture, Ctrl-C (SIGINT to
# flame-capture), SIGTERM, a second Ctrl-C for a command that ignores the first, --timeout, output that no
# filter reads.
source "$(dirname "$0")/capture-helpers.bash"
build_busy
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$T"' EXIT
O=$T/out
FCBIN=$(command -v flame-capture)

# group_gone PATTERN: no process whose command line matches is left (the command's whole group stopped).
group_gone() { ! pgrep -f "$1" > /dev/null; }
# recording: waits until perf record has set up its events (it execs its workload, sleep, only then), up
# to 30 s: the machine may be loaded.
recording() {
  local i perf
  for i in $(seq 300); do
    perf=$(pgrep -f '^perf record -F 99 -g -p' | head -n 1 || true)
    [ -n "$perf" ] && pgrep -x sleep -P "$perf" > /dev/null && return 0
    sleep 0.1
  done
  return 1
}
# printed LABEL: waits until the command of the capture labelled LABEL has printed something, up to 30 s.
printed() {
  local i
  for i in $(seq 300); do [ -s "$(ls "$O"/.*_"$1"-*.profile.part 2> /dev/null | head -n 1)" ] && return 0; sleep 0.1; done
  return 1
}

# --timeout bounds a command that hangs: stopped, partial output kept, exit 1 with the reason.
start=$(date +%s)
expect_fail 1 "timed out after 2 s; the capture is partial: kept $O/.*_hang-default-profile-.*\\.profile \\(log .*; render it with flame-capture --offline " \
  $FC --output-dir "$O" --labels hang --timeout 2 'echo "a;b 1"; sleep 3600'
[ $(( $(date +%s) - start )) -lt 12 ]
[ "$(cat "$O"/*_hang-*.profile)" = "a;b 1" ]
grep -qx 'flame-capture: timed out after 2 s; the capture is partial' "$O"/*_hang-*_profiler_cmd.log
group_gone 'sleep 3600'

# SIGTERM to flame-capture: the group is stopped, what was printed is kept, exit 143.
$FC --output-dir "$O" --labels term 'echo "c;d 2"; sleep 3601' > /dev/null 2> "$T/err" & fc=$!
printed term
kill -TERM "$fc"; rc=0; wait "$fc" || rc=$?
[ "$rc" = 143 ]
grep -q 'interrupted by SIGTERM; the capture is partial' "$T/err"
[ "$(cat "$O"/*_term-*.profile)" = "c;d 2" ]
grep -qx 'flame-capture: interrupted by SIGTERM; the capture is partial' "$O"/*_term-*_profiler_cmd.log
group_gone 'sleep 3601'

# A command that ignores SIGINT: the first Ctrl-C is passed on, the second kills the group at once.
$FC --output-dir "$O" --labels stubborn 'trap "" INT TERM; echo "e;f 3"; sleep 3602' > /dev/null 2> "$T/err" & fc=$!
printed stubborn
start=$(date +%s)
kill -INT "$fc"; sleep 0.5; kill -INT "$fc"; rc=0; wait "$fc" || rc=$?
[ "$rc" = 130 ] && [ $(( $(date +%s) - start )) -lt 5 ]
[ "$(cat "$O"/*_stubborn-*.profile)" = "e;f 3" ]
group_gone 'sleep 3602'

# Output no filter reads: the capture and its log are kept, the render refuses, no SVG.
expect_fail 1 "\\.profile: not perf script text, bpftrace maps, folded stacks or a pprof profile: cannot tell which filters fit \\(see .*_profiler_cmd\\.log\\)" \
  $FC --output-dir "$O" --labels words --render 'echo "hello there"'
ls "$O"/*_words-*.profile "$O"/*_words-*_profiler_cmd.log > /dev/null
none_named "$O" '_words-.*\.(svg|folded)$'
expect_fail 1 "the command printed nothing to render" $FC --output-dir "$O" --labels empty --render 'true'
no_parts "$O"

# The profiler missing from PATH: sh's own words in the message, the log kept, no empty capture, no SVG.
mkdir -p "$T/nopath"
for tool in mktemp rm sleep; do ln -s "$(command -v $tool)" "$T/nopath/"; done
"$T/bin/envoy" 30 > /dev/null 2>&1 & busy=$!
expect_fail 1 "the command was not found \\(exit status 127\\): .*perf: not found; see $O/.*_noperf-perf-oncputime-sidecar-.*_profiler_cmd\\.log" \
  env PATH="$T/nopath" "$FCBIN" --output-dir "$O" --labels noperf --preset perf-oncputime-sidecar --pid "$busy" -d 1 --render
none_named "$O" '_noperf-.*\.(profile|svg|folded)$'
grep -q 'perf: not found' "$O"/*_noperf-*_profiler_cmd.log
no_parts "$O"

perf_can_record || { kill "$busy"; echo "SKIP the perf cases: perf record is not permitted here"; exit 0; }

# Ctrl-C in the middle of a perf capture: perf record writes what it has, perf script prints it, exit 130,
# the log says partial, no SVG (render it later with --offline).
$FC --output-dir "$O" --labels int --preset perf-oncputime-sidecar --pid "$busy" -d 60 --render > /dev/null 2> "$T/err" & fc=$!
recording && sleep 1.5
kill -INT "$fc"; rc=0; wait "$fc" || rc=$?
[ "$rc" = 130 ]
grep -q 'interrupted by SIGINT; the capture is partial: kept ' "$T/err"
grep -qx 'flame-capture: interrupted by SIGINT; the capture is partial' "$O"/*_int-*_profiler_cmd.log
grep -q 'spin_hot_' "$O"/*_int-*.profile
none_named "$O" '_int-.*\.(svg|folded)$'
group_gone 'perf record -F 99'
# ... and --offline renders that partial capture.
$FC --offline "$(ls "$O"/*_int-*.profile)" --render --output-dir "$O" --labels int2 --preset perf-oncputime-sidecar > "$T/paths"
grep -q '<title>spin_hot_alpha' "$(grep '\.svg$' "$T/paths")"
kill "$busy"

# The process exits mid-capture: what perf took while it ran is rendered, with a warning in both places.
"$T/bin/envoy" > /dev/null 2>&1 & short=$!
$FC --output-dir "$O" --labels gone --preset perf-oncputime-sidecar --pid "$short" -d 8 --render > "$T/paths" 2> "$T/err" & fc=$!
recording && sleep 1.5
kill "$short"; wait "$fc"
grep -q "warning: process $short exited during the capture, which covers only the time it ran" "$T/err"
grep -q "^flame-capture: process $short exited during the capture" "$O"/*_gone-*_profiler_cmd.log
grep -q '<title>spin_hot_alpha' "$(grep '\.svg$' "$T/paths")"
# A pid that is gone before the capture starts: perf's own message.
expect_fail 1 "the command failed \\(exit status [0-9]+\\): .*; see " \
  $FC --output-dir "$O" --labels nopid --preset perf-oncputime-sidecar --pid "$short" -d 1
no_parts "$O"
