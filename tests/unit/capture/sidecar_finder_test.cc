// sidecar_finder_test.cc: {sidecar_pid} is the envoy child of pilot-agent, else the one envoy; anything
// else is an error that lists the candidates. (tests/e2e/capture-sidecar.sh runs the same against a real
// process tree.)
#include "capture/sidecar_finder.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/error.h"

using namespace flamekit::capture;

namespace {

const ProcessInfo kInit{1, 0, "systemd", "/sbin/init"};
const ProcessInfo kAgent{100, 1, "pilot-agent", "/usr/local/bin/pilot-agent proxy sidecar --domain ns.svc.cluster.local"};
const ProcessInfo kEnvoy{110, 100, "envoy", "/usr/local/bin/envoy -c etc/istio/proxy/envoy-rev.json"};
const ProcessInfo kAgent2{200, 1, "pilot-agent", "/usr/local/bin/pilot-agent proxy sidecar"};
const ProcessInfo kEnvoy2{210, 200, "envoy", "/usr/local/bin/envoy -c x.json"};
const ProcessInfo kLoneEnvoy{300, 1, "envoy", "envoy -c /etc/envoy/envoy.yaml"};
const ProcessInfo kShell{400, 1, "bash", "bash"};

std::string error_of(const std::vector<ProcessInfo>& table, SidecarQuery q = {}) {
  try {
    return "pid " + std::to_string(find_sidecar(table, q));
  } catch (const flamekit::Error& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("the sidecar is the envoy child of pilot-agent proxy sidecar", "[capture]") {
  CHECK(find_sidecar({kInit, kAgent, kEnvoy, kShell}, {}) == 110);
  // An envoy elsewhere on the node (an ingress gateway, say) does not make it ambiguous.
  CHECK(find_sidecar({kInit, kAgent, kEnvoy, kLoneEnvoy}, {}) == 110);
  // Without pilot-agent, the one process named envoy.
  CHECK(find_sidecar({kInit, kLoneEnvoy, kShell}, {}) == 300);
  // --process-name picks another child or process.
  CHECK(find_sidecar({kInit, kShell, kAgent}, {.process_name = "bash"}) == 400);
  CHECK(find_sidecar({kInit, kAgent, {120, 100, "sleep", "sleep 9"}}, {.process_name = "sleep"}) == 120);
  // flame-capture itself is never the answer.
  CHECK(find_sidecar({kLoneEnvoy, {500, 1, "envoy", "envoy"}}, {.self_pid = 500}) == 300);
}

TEST_CASE("two sidecars, or none, is an error listing what was seen", "[capture]") {
  CHECK(error_of({kInit, kAgent, kEnvoy, kAgent2, kEnvoy2}) ==
        "2 sidecars: processes named 'envoy' under a 'pilot-agent proxy sidecar' process; pick one with --pid:\n"
        "  pid 110 (envoy, parent 100): /usr/local/bin/envoy -c etc/istio/proxy/envoy-rev.json\n"
        "  pid 210 (envoy, parent 200): /usr/local/bin/envoy -c x.json");
  CHECK(error_of({kLoneEnvoy, {301, 1, "envoy", ""}}) ==
        "2 processes named 'envoy' and none under a 'pilot-agent proxy sidecar' process; pick one with --pid:\n"
        "  pid 300 (envoy, parent 1): envoy -c /etc/envoy/envoy.yaml\n"
        "  pid 301 (envoy, parent 1): [envoy]");
  CHECK(error_of({kInit, kShell}) ==
        "no sidecar to profile: no process named 'envoy'\n"
        "  (give --pid PID, or --process-name NAME for another process)");
  CHECK(error_of({kInit, kAgent2}) ==
        "no sidecar to profile: no process named 'envoy'; 'pilot-agent proxy sidecar' processes seen, none with an "
        "'envoy' child:\n"
        "  pid 200 (pilot-agent, parent 1): /usr/local/bin/pilot-agent proxy sidecar\n"
        "  (give --pid PID, or --process-name NAME for another process)");
}

TEST_CASE("process names compare as the kernel truncates them", "[capture]") {
  ProcessInfo p{1, 0, "very-long-proce", ""};
  CHECK(has_process_name(p, "very-long-proce"));
  CHECK(has_process_name(p, "very-long-process-name"));
  CHECK_FALSE(has_process_name(p, "very-long-proc"));
}

TEST_CASE("/proc/PID/stat parses with odd process names", "[capture]") {
  ProcessInfo p;
  REQUIRE(parse_proc_stat("4242 (envoy) S 4200 4242 4242 0 -1 4194560 ...", &p));
  CHECK(p.pid == 4242);
  CHECK(p.ppid == 4200);
  CHECK(p.comm == "envoy");
  REQUIRE(parse_proc_stat("7 (a) (b c)) R 1 7 7", &p));
  CHECK(p.comm == "a) (b c)");
  CHECK(p.ppid == 1);
  CHECK_FALSE(parse_proc_stat("", &p));
  CHECK_FALSE(parse_proc_stat("x (y) S z", &p));
  CHECK_FALSE(parse_proc_stat("12 (y)", &p));
}

TEST_CASE("the listing script's output parses into the same table", "[capture]") {
  auto table = parse_process_listing(
      "100 (pilot-agent) S 1 100 100 0 -1\n/usr/local/bin/pilot-agent proxy sidecar \n"
      "7 (sh) S 1 7 7\n\n"
      "junk\nmore junk\n"
      "110 (envoy) S 100 100 100\n/usr/local/bin/envoy -c x.json ");
  REQUIRE(table.size() == 3);
  CHECK(table[0].pid == 7);
  CHECK(table[0].cmdline.empty());
  CHECK(table[1].cmdline == "/usr/local/bin/pilot-agent proxy sidecar");
  CHECK(table[2].ppid == 100);
  CHECK(find_sidecar(table, {}) == 110);
  CHECK(parse_process_listing("").empty());
}

TEST_CASE("the live process table holds this process", "[capture]") {
  auto table = read_process_table();
  bool found = false;
  for (const auto& p : table) found = found || (p.pid == ::getpid() && !p.cmdline.empty());
  CHECK(found);
}
