// sidecar_finder.cc: the two-step search and its error messages.
#include "capture/sidecar_finder.h"

#include <algorithm>

#include "core/error.h"

namespace flamekit::capture {
namespace {

constexpr size_t kShownCmdline = 100;

std::string describe(const ProcessInfo& p) {
  std::string cmd = p.cmdline.empty() ? "[" + p.comm + "]" : p.cmdline;
  if (cmd.size() > kShownCmdline) cmd = cmd.substr(0, kShownCmdline) + "...";
  return "pid " + std::to_string(p.pid) + " (" + p.comm + ", parent " + std::to_string(p.ppid) + "): " + cmd;
}

std::string listing(const std::vector<const ProcessInfo*>& procs) {
  std::string out;
  for (const auto* p : procs) out += "\n  " + describe(*p);
  return out;
}

}  // namespace

int find_sidecar(const std::vector<ProcessInfo>& table, const SidecarQuery& query) {
  const std::string& name = query.process_name;
  std::vector<const ProcessInfo*> agents, children, named;
  for (const auto& p : table) {
    if (p.pid == query.self_pid) continue;
    if (p.cmdline.find(kPilotAgentCmdline) != std::string::npos) agents.push_back(&p);
    if (has_process_name(p, name)) named.push_back(&p);
  }
  for (const auto* p : named) {
    bool under_agent = std::any_of(agents.begin(), agents.end(), [&](const ProcessInfo* a) { return a->pid == p->ppid; });
    if (under_agent) children.push_back(p);
  }
  if (children.size() == 1) return children[0]->pid;
  if (children.size() > 1) {
    throw Error(std::to_string(children.size()) + " sidecars: processes named '" + name + "' under a '" +
                kPilotAgentCmdline + "' process; pick one with --pid:" + listing(children));
  }
  if (named.size() == 1) return named[0]->pid;
  if (named.size() > 1) {
    throw Error(std::to_string(named.size()) + " processes named '" + name + "' and none under a '" +
                kPilotAgentCmdline + "' process; pick one with --pid:" + listing(named));
  }
  std::string seen = agents.empty() ? "" : "; '" + std::string(kPilotAgentCmdline) + "' processes seen, none with an '" +
                                               name + "' child:" + listing(agents);
  throw Error("no sidecar to profile: no process named '" + name + "'" + seen +
              "\n  (give --pid PID, or --process-name NAME for another process)");
}

}  // namespace flamekit::capture
