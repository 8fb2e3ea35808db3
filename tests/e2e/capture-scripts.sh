#!/usr/bin/env bash
# capture-scripts: one executable per documented recipe in scripts/, named after its preset, each a thin
# wrapper of flame-capture: --help, the flags every recipe takes, the recipe's own flags (--probe,
# --heap-dump), a live run of the perf recipe through its script, and the offline reprocessing scripts.
source "$(dirname "$0")/capture-helpers.bash"
S=$TOP/scripts
O=$T/out

presets=$(flame-capture --list-presets | awk '{ print $1 }')
[ "$(echo "$presets" | wc -l)" = 10 ]
for p in $presets perf-script-to-svg perf-data-to-svg; do
  [ -x "$S/$p" ] || { echo "no executable scripts/$p" >&2; exit 1; }
  "$S/$p" --help > "$T/help"
  grep -q "usage: $p" "$T/help"
done
for p in $presets; do
  "$S/$p" --help > "$T/help"
  for flag in --duration --pid --name --labels --output-dir --offline --pod --namespace --container --engine; do
    grep -q -- "$flag" "$T/help" || { echo "$p --help lacks $flag" >&2; exit 1; }
  done
  # Every script runs its preset (with --render): the dry run shows the recipe's command and flame-svg.
  "$S/$p" --dry-run --pid 4242 -d 3 --output-dir "$O" --format folded > "$T/dry"
  grep -q "flame-svg --title " "$T/dry"
  grep -q '4242\|localhost:150' "$T/dry"
done
# --pod builds the kubectl prefix with the recipe's container.
"$S/bcc-offcputime-sidecar" --dry-run --pod fortioserver-0 --namespace twopods --pid 7 -d 10 > "$T/dry"
grep -qE "^kubectl exec -n twopods fortioserver-0 -c perf -- /bin/sh -c 'offcputime-bpfcc -df -p 7 10' > " "$T/dry"
grep -q -- "--colors io --countname us" "$T/dry"
"$S/bcc-wakeuptime-sidecar" --dry-run --pid 7 | grep -q -- "--colors wakeup --countname us"
"$S/bcc-stackcount-alloc" --dry-run --pid 7 -d 5 | grep -qF "/bin/sh -c 'stackcount-bpfcc -p 7 '\\''*alloc*'\\'' -fD 5'"
"$S/bcc-stackcount-alloc" --dry-run --pid 7 -d 5 --probe /usr/local/bin/envoy:_Znwm |
  grep -qF "/bin/sh -c 'stackcount-bpfcc -p 7 /usr/local/bin/envoy:_Znwm -fD 5'"
"$S/bcc-stackcount-alloc" --dry-run --pid 7 --probe=c:malloc | grep -qF "stackcount-bpfcc -p 7 c:malloc -fD"
"$S/envoy-heapprofiler" --dry-run --heap-dump --pod ingress-1 -n istio-system > "$T/dry"
grep -qF "kubectl exec -n istio-system ingress-1 -c istio-proxy -- /bin/sh -c 'd=/var/lib/istio/data;" "$T/dry"
grep -qF "'\\''http://localhost:15000/heap_dump'\\''" "$T/dry"
grep -qF "kubectl cp -n istio-system -c istio-proxy ingress-1:/var/lib/istio/data/envoy.heap " "$T/dry"
grep -qF "flame-pprof --sample-index alloc_space -o " "$T/dry"
grep -q -- "--colors mem --countname bytes" "$T/dry"

# Offline: saved perf script text, and BCC folded output (profile -df, with its - between user and kernel
# stacks), rendered through the scripts; each prints the paths it wrote.
"$S/perf-script-to-svg" "$TOP/examples/mesh-O2.perf.txt.gz" --output-dir "$O" --labels mesh > "$T/paths"
grep -qE '_mesh-perf-script-to-svg-.*\.svg$' "$T/paths"
grep -q '>mesh-O2.perf.txt.gz Flame Graph<' "$(grep '\.svg$' "$T/paths")"
printf '%s\n' 'envoy;[unknown];__libc_start_main;main;Envoy::Server::InstanceImpl::run();-;entry_SYSCALL_64_[k];do_syscall_64_[k] 3' \
  'envoy;[unknown];start_thread;Envoy::Thread::ThreadImplPosix::ThreadImplPosix(std::function<void ()>, absl::optional<Envoy::Thread::Options> const&)::{lambda(void*)#1}::_FUN(void*) 5' \
  > "$T/bcc-profile.folded"
"$S/bcc-oncputime-sidecar" --offline "$T/bcc-profile.folded" --output-dir "$O" --labels bcc -v > "$T/paths" 2> "$T/err"
grep -q 'folded stacks: flame-svg' "$T/err"
grep -q 'Envoy::Server::InstanceImpl::run()' "$(grep '\.svg$' "$T/paths")"

# Installed as make install lays it out (scripts and presets beside the binaries), with no FLAMEKIT_CONFIG.
mkdir -p "$T/inst"
cp "$FLAMEKIT_BIN"/flame-* "$S"/flamekit-presets.conf "$T/inst/"
for f in "$S"/*; do case $f in *.sh|*.conf) ;; *) cp "$f" "$T/inst/" ;; esac; done
env -u FLAMEKIT_CONFIG "$T/inst/perf-oncputime-sidecar" --dry-run --pid 3 -d 1 > "$T/dry"
grep -qF "$T/inst/flame-svg --title 'perf record -F 99 -g -p 3 -- sleep 1 Flame Graph'" "$T/dry"

# flamekit(7) maps every recipe, and is clean for groff.
[ -z "$(groff -man -ww -Tutf8 -z "$TOP/man/flamekit.7" 2>&1)" ]
groff -man -Tascii -P-c -P-b -P-u "$TOP/man/flamekit.7" 2> /dev/null > "$T/flamekit.7.txt"
for p in $presets perf-script-to-svg perf-data-to-svg --custom_profiling_command --custom_profiling_name --perf \
  '--envoy_profiler cpuprofiler' '--envoy_profiler heapprofiler'; do
  grep -qF -- "$p" "$T/flamekit.7.txt" || { echo "flamekit(7) does not mention $p" >&2; exit 1; }
done

build_busy
perf_can_record || { echo "SKIP the live script cases: perf record is not permitted here"; exit 0; }
"$T/bin/envoy" 20 > /dev/null 2>&1 & busy=$!
"$S/perf-oncputime-sidecar" --pid "$busy" --duration 1 --output-dir "$O" --labels script > "$T/paths"
[ "$(wc -l < "$T/paths")" = 5 ]
grep -q '<title>spin_hot_alpha' "$(grep '\.svg$' "$T/paths")"
perf record -q -F 499 -g -o "$T/saved.data" -p "$busy" -- sleep 0.5 > /dev/null 2>&1
"$S/perf-data-to-svg" "$T/saved.data" --output-dir "$O" --labels data > "$T/paths"
grep -q '<title>spin_hot_alpha' "$(grep '\.svg$' "$T/paths")"
grep -q '>saved.data Flame Graph<' "$(grep '\.svg$' "$T/paths")"
kill "$busy"
no_parts "$O"
