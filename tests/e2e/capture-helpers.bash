# capture-helpers.bash: sourced (instead of common.sh) by tests/e2e/capture-*.sh; not a test itself (run.sh
# runs *.sh only). First it re-runs the test in its own pid and mount namespace where unshare allows (as
# root), so sidecar discovery sees only the processes the test starts and a read-only mount can be made
# (CAPTURE_ISOLATED=1 there); then it sources common.sh and gives:
#   needs_quiet_node       skips the test if envoy already runs here and there is no private pid namespace
#   build_busy             compiles the stand-in sidecar into $T/bin/envoy and $T/bin/pilot-agent
#   start_sidecar          starts `pilot-agent proxy sidecar` (which starts its envoy child); sets
#                          AGENT_PID and ENVOY_PID
#   perf_can_record        true if perf record works on this machine
#   no_parts DIR           fails if a .part file is left in DIR
#   none_named DIR ERE     fails if a file in DIR has a name matching ERE
#   FC                     flame-capture, with the tree's presets file in FLAMEKIT_CONFIG
if [ -z "${CAPTURE_ISOLATED:-}" ] && unshare --pid --fork --mount-proc true 2> /dev/null; then
  CAPTURE_ISOLATED=1 exec unshare --pid --fork --mount-proc bash "$0" "$@"
fi
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
set -E  # common.sh's ERR trap then names a failing line inside functions too

export FLAMEKIT_CONFIG="$FLAMEKIT_TOP/scripts/flamekit-presets.conf"
FC=flame-capture

needs_quiet_node() {
  if [ -z "${CAPTURE_ISOLATED:-}" ] && pgrep -x envoy > /dev/null; then skip "an envoy runs here and no pid namespace"; fi
}

build_busy() {
  command -v cc > /dev/null || skip "no C compiler"
  mkdir -p "$T/bin"
  cat > "$T/busy.c" <<'C'
/* busy: a stand-in sidecar with known hot functions. Run as "pilot-agent proxy sidecar" (its file named
   pilot-agent), it starts its sibling file "envoy" as its child, as Istio's agent starts Envoy; under any
   other name it burns CPU in spin_hot_alpha/spin_hot_beta and takes page faults in fault_fresh_pages, for
   argv[1] seconds or until killed. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static volatile double sink;
__attribute__((noinline)) void spin_hot_alpha(long n) { double s = 0; for (long i = 0; i < n; i++) s += i * 0.5; sink = s; }
__attribute__((noinline)) void spin_hot_beta(long n) { double s = 1; for (long i = 0; i < n; i++) s *= 1.0000001; sink = s; }
__attribute__((noinline)) void fault_fresh_pages(void) {
  size_t len = 64 << 12;
  char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
  for (size_t i = 0; i < len; i += 4096) p[i] = 1;
  munmap(p, len);
}
int main(int argc, char **argv) {
  char self[4096], path[4096];
  snprintf(self, sizeof self, "%s", argv[0]);
  if (strcmp(basename(self), "pilot-agent") == 0) {
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(path, sizeof path, "%s/envoy", dirname(self));
    pid_t child = fork();
    if (child == 0) { execl(path, "envoy", "-c", "envoy-rev.json", (char *)0); _exit(127); }
    int status;
    waitpid(child, &status, 0);
    return 0;
  }
  double seconds = argc > 1 && argv[1][0] != '-' ? atof(argv[1]) : 1e9;
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do {
    spin_hot_alpha(2000000);
    spin_hot_beta(1000000);
    fault_fresh_pages();
    clock_gettime(CLOCK_MONOTONIC, &t);
  } while ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < seconds);
  return 0;
}
C
  # -O0 with frame pointers: every hot function keeps its frame, so perf's unwinder names them all.
  cc -O0 -g -fno-omit-frame-pointer -o "$T/bin/envoy" "$T/busy.c"
  cp "$T/bin/envoy" "$T/bin/pilot-agent"
}

start_sidecar() {
  "$T/bin/pilot-agent" proxy sidecar > /dev/null 2>&1 &
  AGENT_PID=$!
  local child i
  for i in $(seq 100); do
    child=$(pgrep -P "$AGENT_PID" -x envoy || true)
    [ -n "$child" ] && { ENVOY_PID=$child; return 0; }
    sleep 0.05
  done
  echo "pilot-agent $AGENT_PID started no envoy" >&2
  return 1
}

perf_can_record() {
  command -v perf > /dev/null || return 1
  perf record -q -F 99 -g -o "$T/probe.data" -- "$T/bin/envoy" 0.2 > /dev/null 2>&1 || return 1
  [ -n "$(perf script -i "$T/probe.data" 2> /dev/null | head -n 1)" ]
}

none_named() {
  if ls -A "$1" | grep -qE "$2"; then echo "unexpected in $1: $(ls -A "$1" | grep -E "$2")" >&2; return 1; fi
}

no_parts() {
  local left
  left=$(find "$1" -name '*.part' 2> /dev/null)
  [ -z "$left" ] || { echo "part files left behind: $left" >&2; return 1; }
}
