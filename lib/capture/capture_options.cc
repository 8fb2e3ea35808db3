// capture_options.cc: cross-flag rules.
#include "capture/capture_options.h"

#include <algorithm>

#include "core/error.h"

namespace flamekit::capture {

bool is_number(const std::string& text) {
  int dots = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return false;
  }
  return dots <= 1 && text.size() > static_cast<size_t>(dots) && text.front() != '.' && text.back() != '.';
}

void validate(const Options& o) {
  auto usage = [](const std::string& m) { throw Error::usage(m); };
  if (o.command.empty() && o.offline.empty()) usage("no command: give a TEMPLATE, --command, --preset or --offline");
  if (!is_number(o.duration)) usage("--duration: '" + o.duration + "' is not a number of seconds");
  if (!is_number(o.frequency)) usage("--frequency: '" + o.frequency + "' is not a number");
  if (!o.pid.empty() && (o.pid.find_first_not_of("0123456789") != std::string::npos || o.pid == "0")) {
    usage("--pid: '" + o.pid + "' is not a process id");
  }
  if (o.pod.empty() && !o.kube_namespace.empty()) usage("--namespace needs --pod");
  if (!o.exec_prefix.empty() && !o.kube_namespace.empty()) {
    usage("--namespace builds the kubectl prefix; with --exec-prefix, write it in the prefix");
  }
  if (!o.copy_command.empty() && o.exec_prefix.empty()) usage("--copy-command needs --exec-prefix");
  if (o.timeout < 0) usage("--timeout: must be 0 (none) or more seconds");
  for (const auto& v : o.vars) {
    size_t eq = v.find('=');
    if (eq == std::string::npos || eq == 0) usage("--var: '" + v + "' is not NAME=VALUE");
  }
  const char* formats[] = {"", "perf-script", "bpftrace", "folded", "pprof"};
  if (std::find(std::begin(formats), std::end(formats), o.format) == std::end(formats)) {
    usage("--format: '" + o.format + "' is not perf-script, bpftrace, folded or pprof");
  }
  for (char c : o.name + o.labels + o.pod) {
    if (c == '/') usage("--name, --labels and --pod become file names and cannot hold '/'");
  }
}

}  // namespace flamekit::capture
