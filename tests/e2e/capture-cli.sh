#!/usr/bin/env bash
# capture-cli: flame-capture's command line without a profiler: templates are checked before anything runs,
# files are named as runner.py named them and never overwritten, FLAMEKIT_* variables and presets lose to
# the command line, and --exec-prefix / --fetch / --dry-run run (or print) exactly the commands expected.
source "$(dirname "$0")/capture-helpers.bash"
O=$T/out
STAMP='[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}'

# A bad template is an error before anything runs: no command, no output directory.
expect_fail 2 'column [0-9]+: unknown placeholder \{duraton\}' $FC --output-dir "$O" "touch $T/ran; sleep {duraton}"
expect_fail 2 "single '\\{' without its '\\}'" $FC --output-dir "$O" "touch $T/ran; awk '{ print"
expect_fail 2 "unknown placeholder \\{ print \\}" $FC --output-dir "$O" "touch $T/ran; awk '{ print }'"
expect_fail 2 "--pid: 'abc' is not a process id" $FC --output-dir "$O" --pid abc "touch $T/ran; kill -0 {pid}"
expect_fail 2 "--duration: '3s' is not a number" $FC --output-dir "$O" -d 3s "touch $T/ran; sleep {duration}"
[ ! -e "$T/ran" ] && [ ! -e "$O" ]

# runner.py's names: {start}_{labels}-{profile_name}-{podname}, stdout in .profile, stderr in the log.
$FC --output-dir "$O" --labels L1 --name N1 --pod P1 --exec-prefix env -d 7 'printf "a;b {duration}\n"; echo "to stderr" >&2' > "$T/paths"
grep -qxE "$O/${STAMP}_L1-N1-P1\\.profile" "$T/paths"
grep -qxE "$O/${STAMP}_L1-N1-P1_profiler_cmd\\.log" "$T/paths"
[ "$(wc -l < "$T/paths")" = 2 ]
profile=$(sed -n 1p "$T/paths") log=$(sed -n 2p "$T/paths")
[ "$(cat "$profile")" = "a;b 7" ]
grep -qx 'to stderr' "$log"
grep -qx 'flame-capture: finished' "$log"
# Without --pod the pod name is the host's; without --name it is runner.py's default-profile.
$FC --output-dir "$O" --labels L2 'true' | grep -qxE "$O/${STAMP}_L2-default-profile-$(hostname)\\.profile"
no_parts "$O"

# Never overwrites: a capture of the same name makes it an error before the command runs.
mkdir -p "$T/clash"
for s in 0 1 2 3; do
  name="$T/clash/$(date -d "@$(( $(date +%s) + s ))" +%Y-%m-%d-%H%M%S)_x-default-profile-$(hostname).profile"
  echo keep > "$name"
done
expect_fail 1 "\\.profile: exists; flame-capture never overwrites a capture" \
  $FC --output-dir "$T/clash" --labels x "touch $T/ran; echo new"
[ ! -e "$T/ran" ]
[ "$(cat "$T"/clash/*.profile | sort -u)" = keep ]
no_parts "$T/clash"

# An output directory that cannot be written: an error naming it, nothing run, nothing left.
touch "$T/afile"
expect_fail 1 "$T/afile: cannot be the output directory: Not a directory" $FC --output-dir "$T/afile/sub" "touch $T/ran"
if [ -n "${CAPTURE_ISOLATED:-}" ] && mkdir "$T/ro" && mount -t tmpfs -o ro none "$T/ro" 2> /dev/null; then
  expect_fail 1 "$T/ro/.*: cannot create: Read-only file system" $FC --output-dir "$T/ro" "touch $T/ran"
  expect_fail 1 "$T/ro/new: cannot create directory: Read-only file system" $FC --output-dir "$T/ro/new" "touch $T/ran"
  umount "$T/ro"
fi
[ ! -e "$T/ran" ]

# A failing command keeps its log (not an empty profile), and the error quotes the command's own words.
expect_fail 1 "the command failed \\(exit status 3\\): no such thing; see $O/${STAMP}_f-default-profile-.*_profiler_cmd\\.log" \
  $FC --output-dir "$O" --labels f 'echo "no such thing" >&2; exit 3'
ls "$O" | grep -qE "_f-default-profile-.*_profiler_cmd\\.log$"
none_named "$O" "_f-default-profile-.*\\.profile$"

# The command starts with no signal ignored or blocked, whatever flame-capture itself ignores (SIGPIPE)
# or blocks (SIGINT, SIGTERM, SIGHUP, SIGCHLD while it waits): `yes | head` ends because yes gets SIGPIPE.
# (exec: the shell itself blocks every signal while it waits for a child, so only the exec'd grep reads
# exactly what flame-capture gave the command.)
# glibc's own signals 32 and 33 may stay ignored if they were when this test started (make starts recipes
# with posix_spawn, which leaves them so, and glibc will not change them); every other bit must be clear.
$FC --output-dir "$O" --labels sig 'exec grep -E "^Sig(Ign|Blk):" /proc/self/status' > "$T/paths"
blk=$(awk '/^SigBlk:/ { print $2 }' "$(sed -n 1p "$T/paths")") ign=$(awk '/^SigIgn:/ { print $2 }' "$(sed -n 1p "$T/paths")")
ours=$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status)
[ "$(( 0x$blk ))" = 0 ] && [ "$(( 0x$ign & ~(0x$ours & 0x180000000) ))" = 0 ]
$FC --output-dir "$O" --labels pipe --timeout 20 'yes | head -n 1' > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = y ]
expect_fail 1 "nosuchprog: cannot run: No such file or directory" $FC --output-dir "$O" --exec-prefix nosuchprog true

# FLAMEKIT_* variables set flags; the command line beats them.
FLAMEKIT_OUTPUT_DIR="$T/envout" FLAMEKIT_LABELS=fromenv $FC 'echo "e;f 1"' | grep -qE "^$T/envout/${STAMP}_fromenv-"
FLAMEKIT_OUTPUT_DIR="$T/envout" FLAMEKIT_LABELS=fromenv $FC --labels fromcli 'true' | grep -qE "^$T/envout/${STAMP}_fromcli-"

# --exec-prefix: the same command through env, through sh -c 'exec "$@"', and through an ssh that, like the
# real one, joins its arguments and hands them to a shell.
$FC --output-dir "$O" --labels env --exec-prefix 'env FLAMEKIT_WHERE=prefixed' 'echo "$FLAMEKIT_WHERE;x 1"' > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "prefixed;x 1" ]
$FC --output-dir "$O" --labels shc --exec-prefix "sh -c 'exec \"\$@\"' sh" 'echo "it'"'"'s;y {duration}"' -d 2 > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "it's;y 2" ]
mkdir -p "$T/fakebin"
printf '#!/bin/sh\nshift\nexec /bin/sh -c "$*"\n' > "$T/fakebin/ssh" && chmod +x "$T/fakebin/ssh"
PATH="$T/fakebin:$PATH" $FC --output-dir "$O" --labels ssh --exec-prefix 'ssh node1' 'echo "a b;'"'"'q'"'"' 1"' > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "a b;'q' 1" ]
expect_fail 2 "--exec-prefix: unquoted '\\$' needs a shell" $FC --exec-prefix 'nsenter -t $(pidof envoy) -a' true

# --fetch: the capture is a file the command wrote, brought back by cat (here, through a prefix) or by
# --copy-command; the command's stdout then goes to the log.
$FC --output-dir "$O" --labels fetch --fetch "$T/remote.prof" "echo 'r;s 5' > $T/remote.prof; echo chatter" > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "r;s 5" ] && grep -qx chatter "$(sed -n 2p "$T/paths")"
$FC --output-dir "$O" --labels fetch2 --exec-prefix env --fetch "$T/remote.prof" true > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "r;s 5" ]
$FC --output-dir "$O" --labels fetch3 --exec-prefix env --copy-command 'cp {remote} {local}' --fetch "$T/remote.prof" true > "$T/paths"
[ "$(cat "$(sed -n 1p "$T/paths")")" = "r;s 5" ]
no_parts "$O"

# --dry-run prints the exact commands, one a line, and runs none. --pod/--namespace/--container build
# runner.py's kubectl exec prefix, and a --fetch comes back with kubectl cp.
$FC --dry-run --output-dir "$T/dry" --pod fortioclient-6b4 --namespace twopods --container perf --pid 42 -d 5 \
  --labels run1 'touch /tmp/x; perf record -F {frequency} -g -p {sidecar_pid} -- sleep {duration}' > "$T/dry.out"
base="$(date +%Y-%m-%d)-[0-9]{6}_run1-default-profile-fortioclient-6b4"
grep -qxE "kubectl exec -n twopods fortioclient-6b4 -c perf -- /bin/sh -c 'touch /tmp/x; perf record -F 99 -g -p 42 -- sleep 5' > $T/dry/\\.${base}\\.profile\\.part 2> $T/dry/\\.${base}_profiler_cmd\\.log\\.part" "$T/dry.out"
[ "$(wc -l < "$T/dry.out")" = 1 ] && [ ! -e "$T/dry" ]
$FC --dry-run --output-dir "$T/dry" --preset envoy-cpuprofiler --pod istio-ingress-7 -n istio-system -d 3 > "$T/dry.out"
grep -qE "^kubectl exec -n istio-system istio-ingress-7 -c istio-proxy -- /bin/sh -c 'd=/var/lib/istio/data; .*'\\\\''http://localhost:15000/cpuprofiler\\?enable=y'\\\\''.* 2>&1$" "$T/dry.out"
grep -qxE "kubectl cp -n istio-system -c istio-proxy istio-ingress-7:/var/lib/istio/data/envoy.prof $T/dry/\\.[^ ]*envoy-cpuprofiler-istio-ingress-7\\.profile\\.part" "$T/dry.out"
# Without --pid, behind a prefix, the sidecar is found there: the listing is printed as the first command.
$FC --dry-run --preset perf-oncputime-sidecar --pod p -n ns > "$T/dry.out"
grep -qE "^kubectl exec -n ns p -c perf -- /bin/sh -c 'for d in /proc/\\[0-9\\]\\*; do" "$T/dry.out"
grep -qE "^kubectl exec -n ns p -c perf -- .*perf record -F 99 -g -p \\{sidecar_pid\\} " "$T/dry.out"
# What a local dry run prints, run by sh, makes the files the real run makes.
$FC --dry-run --output-dir "$T/dry" --labels sh 'printf "p;q 4\n"; echo e >&2' > "$T/dry.out"
mkdir -p "$T/dry" && sh "$T/dry.out"
[ "$(cat "$T"/dry/.*_sh-*.profile.part)" = "p;q 4" ] && [ "$(cat "$T"/dry/.*_sh-*_profiler_cmd.log.part)" = e ]
# --render in a dry run: the filters of the preset's --format, each with its exact arguments.
$FC --dry-run --preset perf-pagefaults-sidecar --pid 7 -d 1 --render --output-dir "$T/d2" > "$T/dry.out"
[ "$(wc -l < "$T/dry.out")" = 3 ]
grep -qE "^[^ ]*flame-collapse $T/d2/\\.[^ ]*\\.profile\\.part \\| [^ ]*flame-demangle -o $T/d2/\\.[^ ]*\\.folded\\.part 2>> " "$T/dry.out"
grep -qE "^[^ ]*flame-svg --title 'perf record -e page-faults -g -p 7 -- sleep 1 Flame Graph' --colors mem --countname faults -o $T/d2/\\.[^ ]*\\.svg\\.part " "$T/dry.out"

# Presets: the shipped file is found beside the binaries' tree without FLAMEKIT_CONFIG; the command line
# beats a preset's keys; an engine the preset lacks and an unknown preset are errors that list what exists.
if [ -f "$FLAMEKIT_BIN/../scripts/flamekit-presets.conf" ]; then
  env -u FLAMEKIT_CONFIG $FC --list-presets | grep -q '^perf-oncputime-sidecar '
fi
[ "$($FC --list-presets | awk '{ print $1 }' | tr '\n' ' ')" = "bcc-oncputime-sidecar bcc-offcputime-sidecar bcc-offwaketime-sidecar bcc-wakeuptime-sidecar bcc-stackcount-alloc perf-oncputime-sidecar perf-pagefaults-sidecar envoy-cpuprofiler envoy-heapprofiler istiod-pprof " ]
$FC --dry-run --preset bcc-offcputime-sidecar --pid 9 -d 2 --render --colors red > "$T/dry.out"
grep -qE "^/bin/sh -c 'offcputime-bpfcc -df -p 9 2' > " "$T/dry.out"
grep -qE "flame-svg --title 'offcputime-bpfcc -df -p 9 2 Flame Graph' --colors red --countname us -o [^ ]*bcc-offcputime-sidecar-" "$T/dry.out"
$FC --dry-run --preset istiod-pprof --engine heap --var istiod=http://127.0.0.1:9 | grep -qF "curl -sf '\\''http://127.0.0.1:9/debug/pprof/heap'\\''"
expect_fail 2 "preset perf-oncputime-sidecar has no command for --engine bpftrace \\(engines: perf\\)" \
  $FC --preset perf-oncputime-sidecar --engine bpftrace --dry-run
expect_fail 2 "no preset 'perf-oncpu' in .*flamekit-presets.conf \\(presets: bcc-oncputime-sidecar, " $FC --preset perf-oncpu
printf '[mine]\ncommand = true\ncolour = red\n' > "$T/bad.conf"
expect_fail 2 "$T/bad.conf: \\[mine\\]: unknown key 'colour'" $FC --config "$T/bad.conf" --preset mine

# --offline renders a saved capture (--render is implied), with the filters its content needs; -v says which.
printf 'busy;main;spin_hot_alpha 90\nbusy;main;spin_hot_beta 10\n' > "$T/saved.folded"
$FC --offline "$T/saved.folded" -v --output-dir "$O" --labels off -c 'saved' 2> "$T/err" > "$T/paths"
grep -q 'folded stacks: flame-svg' "$T/err"
svg=$(grep '\.svg$' "$T/paths") && grep -q 'spin_hot_alpha' "$svg" && grep -q '>saved Flame Graph<' "$svg"
$FC --offline "$TOP/examples/mesh-O2.perf.txt.gz" --render -v --output-dir "$O" --labels offgz --title 'mesh' 2> "$T/err" > "$T/paths"
grep -q 'perf script text: flame-collapse | flame-demangle | flame-svg' "$T/err"
grep -q '\.folded$' "$T/paths" && grep -q '\.svg$' "$T/paths"
printf 'just some words\n' > "$T/words.txt"
expect_fail 1 "words.txt: not perf script text, bpftrace maps, folded stacks or a pprof profile" \
  $FC --offline "$T/words.txt" --render --output-dir "$O" --labels bad
no_parts "$O"
