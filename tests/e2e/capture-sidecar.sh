#!/usr/bin/env bash
# capture-sidecar: {sidecar_pid} found in a real process tree the test starts: a process whose command line
# is `pilot-agent proxy sidecar` with an `envoy` child (a small C program under both names), here and
# through an --exec-prefix; two sidecars and none are errors listing what was seen; --pid and
# --process-name choose. Runs in its own pid namespace where unshare allows, so only its processes count.
source "$(dirname "$0")/capture-helpers.bash"
needs_quiet_node
build_busy
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$T"' EXIT

# None: an error before anything runs.
expect_fail 1 "no sidecar to profile: no process named 'envoy'" $FC --output-dir "$T/o" "touch $T/ran; echo {sidecar_pid}"
[ ! -e "$T/ran" ] && [ ! -e "$T/o" ]

start_sidecar; envoy1=$ENVOY_PID agent1=$AGENT_PID
grep -q '^pilot-agent proxy sidecar' <(tr '\0' ' ' < "/proc/$agent1/cmdline" | sed 's|^[^ ]*/||')
# A lone envoy elsewhere (an ingress gateway, say) does not count while a sidecar exists.
"$T/bin/envoy" > /dev/null 2>&1 & lone=$!
$FC --output-dir "$T/o" --labels one -v 'cat /proc/{sidecar_pid}/comm; echo {pid}' 2> "$T/err" > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "envoy
$envoy1" ]
grep -q "sidecar pid $envoy1" "$T/err"
# The same search where the command runs, through a prefix (its /proc is read by a listing script).
$FC --dry-run --exec-prefix env -v 'perf record -p {sidecar_pid}' 2> "$T/err" | grep -q "^env /bin/sh -c 'for d in /proc/"
$FC --output-dir "$T/o" --labels pre --exec-prefix 'env X=1' -v 'echo {sidecar_pid}' 2> "$T/err" > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "$envoy1" ]
grep -q "finding the sidecar: env X=1 /bin/sh -c 'for d in" "$T/err"
# A template without {sidecar_pid} does not look: fine with no sidecar at all (checked below).

# Two sidecars: both listed, with their parents; --pid picks.
start_sidecar; envoy2=$ENVOY_PID agent2=$AGENT_PID
expect_fail 1 "2 sidecars: processes named 'envoy' under a 'pilot-agent proxy sidecar' process; pick one with --pid:" \
  $FC --output-dir "$T/o" "touch $T/ran; echo {sidecar_pid}"
grep -qE "^  pid $envoy1 \\(envoy, parent $agent1\\): envoy -c envoy-rev.json$" "$T/expect_fail.err"
grep -qE "^  pid $envoy2 \\(envoy, parent $agent2\\): envoy -c envoy-rev.json$" "$T/expect_fail.err"
expect_fail 1 "2 sidecars" $FC --exec-prefix env --output-dir "$T/o" "touch $T/ran; echo {sidecar_pid}"
[ ! -e "$T/ran" ]
$FC --output-dir "$T/o" --labels pid --pid "$envoy2" 'echo {sidecar_pid}' > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "$envoy2" ]

# No sidecar, one envoy: that one. Two envoys and no sidecar: both listed.
kill "$agent1" "$envoy1" "$agent2" "$envoy2"; wait "$agent1" "$agent2" 2> /dev/null || true
$FC --output-dir "$T/o" --labels lone 'echo {sidecar_pid}' > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "$lone" ]
"$T/bin/envoy" > /dev/null 2>&1 & lone2=$!
expect_fail 1 "2 processes named 'envoy' and none under a 'pilot-agent proxy sidecar' process; pick one with --pid:" \
  $FC --output-dir "$T/o" 'echo {sidecar_pid}'
grep -qE "^  pid $lone " "$T/expect_fail.err" && grep -qE "^  pid $lone2 " "$T/expect_fail.err"
kill "$lone" "$lone2"; wait "$lone" "$lone2" 2> /dev/null || true

# --process-name looks for another name (here a copy of the program under the name istio-worker).
cp "$T/bin/envoy" "$T/bin/istio-worker"
"$T/bin/istio-worker" > /dev/null 2>&1 & worker=$!
$FC --output-dir "$T/o" --labels pn --process-name istio-worker 'echo {sidecar_pid}' > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "$worker" ]
expect_fail 1 "no sidecar to profile: no process named 'envoy'" $FC --output-dir "$T/o" 'echo {sidecar_pid}'
$FC --output-dir "$T/o" --labels nopid 'echo "a;b 1"' > /dev/null
kill "$worker"
no_parts "$T/o"
