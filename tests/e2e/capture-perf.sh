#!/usr/bin/env bash
# capture-perf: the perf-oncputime-sidecar and perf-pagefaults-sidecar presets live, the whole flow as the
# docs give it (`flame-capture --preset NAME --duration N --render`), against a busy stand-in sidecar found
# under `pilot-agent proxy sidecar`: the SVG names the program's hot functions, and the files are named and
# logged as runner.py named them.
source "$(dirname "$0")/capture-helpers.bash"
needs_quiet_node
build_busy
perf_can_record || skip "perf record is not permitted here"
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$T"' EXIT
start_sidecar
O=flame/flameoutput
host=$(hostname)
STAMP='[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}'

# check_capture PRESET LABELS: the five files, in runner.py's pattern, complete and consistent.
check_capture() {
  local preset=$1 labels=$2 base
  base="$O/${STAMP}_${labels}-${preset}-${host}"
  [ "$(wc -l < "$T/paths")" = 5 ]
  grep -qxE "${base}\\.profile" "$T/paths"
  grep -qxE "${base}_profiler_cmd\\.log" "$T/paths"
  grep -qxE "${base}\\.folded" "$T/paths"
  grep -qxE "${base}\\.svg" "$T/paths"
  grep -qxE "${base}_render\\.log" "$T/paths"
  profile=$(grep '\.profile$' "$T/paths") log=$(grep '_profiler_cmd\.log$' "$T/paths")
  folded=$(grep '\.folded$' "$T/paths") svg=$(grep '\.svg$' "$T/paths")
  grep -q "^flame-capture: running: /bin/sh -c .*perf record .* -p $ENVOY_PID " "$log"
  grep -q '^\[ perf record: Captured and wrote ' "$log"
  grep -qx 'flame-capture: finished' "$log"
  grep -qE "^ *envoy +$ENVOY_PID " "$profile"              # perf script text of the sidecar
  awk '!/^envoy;/ { bad++ } END { exit bad > 0 }' "$folded"   # every stack is the sidecar's
  xmllint --noout "$svg"
  grep -q '^flame-capture: perf script text: flame-collapse | flame-demangle | flame-svg$' "$T/err"
  no_parts "$O"
}

cd "$T"   # the default --output-dir is runner.py's flame/flameoutput, under the current directory
flame-capture --preset perf-oncputime-sidecar --duration 3 --render --labels e2e_qps_100 -v > "$T/paths" 2> "$T/err"
check_capture perf-oncputime-sidecar e2e_qps_100
grep -q '>perf record -F 99 -g -p '"$ENVOY_PID"' -- sleep 3 Flame Graph<' "$svg"
for f in spin_hot_alpha spin_hot_beta; do grep -q "<title>$f (" "$svg"; done
# Most on-CPU time is in the two spinning functions.
hot=$(awk '/;spin_hot_(alpha|beta)( |;)/ { s += $NF } END { print s + 0 }' "$folded")
all=$(awk '{ s += $NF } END { print s + 0 }' "$folded")
echo "on-CPU: $((hot * 100 / all))% in spin_hot_*, $(grep -c ' cpu-clock:' "$profile") samples"
# (a loaded machine gives the program less CPU: at least 20 of the 300 samples 99 Hz could take)
[ "$(grep -c ' cpu-clock:' "$profile")" -ge 20 ] && [ "$((hot * 100 / all))" -ge 60 ]

flame-capture --preset perf-pagefaults-sidecar --duration 2 --render --labels e2e_faults -v > "$T/paths" 2> "$T/err"
check_capture perf-pagefaults-sidecar e2e_faults
grep -q -- '-e page-faults -g -p '"$ENVOY_PID" "$log"
grep -q '<title>fault_fresh_pages (.* faults, ' "$svg"      # --countname faults
faults=$(awk '/;fault_fresh_pages( |;)/ { s += $NF } END { print s + 0 }' "$folded")
all=$(awk '{ s += $NF } END { print s + 0 }' "$folded")
echo "page faults: $((faults * 100 / all))% of $all in fault_fresh_pages"
[ "$((faults * 100 / all))" -ge 50 ]
# The mem palette: greens (flamegraph.pl's mem colours are rgb(0,190-240,0..)).
grep -qE 'fill="rgb\(0,[0-9]+,[0-9]+\)"' "$svg"
