// capture_plan.cc: argv for each step of a capture.
#include "capture/capture_plan.h"

#include <unistd.h>

#include "capture/command_template.h"
#include "capture/shell_words.h"
#include "core/error.h"

namespace flamekit::capture {
namespace {

bool is_ssh(const Argv& prefix) {
  if (prefix.empty()) return false;
  const std::string& p = prefix[0];
  return p == "ssh" || (p.size() > 4 && p.compare(p.size() - 4, 4, "/ssh") == 0);
}

void append_words(Argv* argv, const std::string& text, const char* what) {
  for (auto& w : split_shell_words(text, what)) argv->push_back(std::move(w));
}

}  // namespace

std::string binary_dir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  std::string self = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  size_t slash = self.rfind('/');
  return slash == std::string::npos ? "." : self.substr(0, slash);
}

std::string tool_path(const std::string& name) {
  static const std::string dir = binary_dir();
  std::string beside = dir + "/" + name;
  return ::access(beside.c_str(), X_OK) == 0 ? beside : name;
}

std::string Step::shown() const {
  std::string line;
  for (const auto& argv : stages) line += (line.empty() ? "" : " | ") + shell_join(argv);
  if (!stdin_path.empty()) line += " < " + shell_quote(stdin_path);
  if (!stdout_path.empty()) line += " > " + shell_quote(stdout_path);
  if (!stderr_path.empty() && stderr_path == stdout_path) {
    line += " 2>&1";
  } else if (!stderr_path.empty()) {
    line += (append_stderr ? " 2>> " : " 2> ") + shell_quote(stderr_path);
  }
  return line;
}

Argv exec_prefix(const Options& o) {
  if (!o.pod.empty() && o.exec_prefix.empty()) {
    Argv argv = {"kubectl", "exec"};
    if (!o.kube_namespace.empty()) argv.insert(argv.end(), {"-n", o.kube_namespace});
    argv.push_back(o.pod);
    if (!o.container.empty()) argv.insert(argv.end(), {"-c", o.container});
    argv.push_back("--");
    return argv;
  }
  return split_shell_words(o.exec_prefix, "--exec-prefix");
}

Argv through_prefix(const Argv& prefix, const std::string& shell_command) {
  Argv argv = prefix;
  Argv sh = {"/bin/sh", "-c", shell_command};
  if (is_ssh(prefix)) {
    argv.push_back(shell_join(sh));  // ssh joins its arguments and the remote shell splits them again
  } else {
    argv.insert(argv.end(), sh.begin(), sh.end());
  }
  return argv;
}

bool fetch_to_stdout(const Options& o) { return (o.pod.empty() || !o.exec_prefix.empty()) && o.copy_command.empty(); }

Argv fetch_argv(const Options& o, const std::string& local_path) {
  if (!o.pod.empty() && o.exec_prefix.empty()) {
    Argv argv = {"kubectl", "cp"};
    if (!o.kube_namespace.empty()) argv.insert(argv.end(), {"-n", o.kube_namespace});
    if (!o.container.empty()) argv.insert(argv.end(), {"-c", o.container});
    argv.insert(argv.end(), {o.pod + ":" + o.fetch, local_path});
    return argv;
  }
  if (!o.copy_command.empty()) {
    auto t = parse_template(o.copy_command, {"remote", "local"});
    return {"/bin/sh", "-c", t.expand({{"remote", shell_quote(o.fetch)}, {"local", shell_quote(local_path)}})};
  }
  Argv prefix = exec_prefix(o);
  if (prefix.empty()) return {"cat", "--", o.fetch};
  Argv cat = {"cat", "--", o.fetch};
  if (is_ssh(prefix)) {
    prefix.push_back(shell_join(cat));
    return prefix;
  }
  prefix.insert(prefix.end(), cat.begin(), cat.end());
  return prefix;
}

RenderPlan render_plan(CaptureKind kind, const Options& o, const std::string& title, const std::string& profile,
                       const std::string& folded, const std::string& svg, std::string (*tool)(const std::string&)) {
  RenderPlan plan;
  Argv collapse = {tool("flame-collapse")};
  append_words(&collapse, o.collapse_args, "--collapse-args");
  switch (kind) {
    case CaptureKind::kPerfScript:
      collapse.push_back(profile);
      plan.to_folded = {collapse, {tool("flame-demangle"), "-o", folded}};
      break;
    case CaptureKind::kBpftrace:
      collapse.insert(collapse.end(), {"-o", folded, profile});
      plan.to_folded = {collapse};
      break;
    case CaptureKind::kPprof: {
      Argv pprof = {tool("flame-pprof")};
      append_words(&pprof, o.pprof_args, "--pprof-args");
      pprof.insert(pprof.end(), {"-o", folded, profile});
      plan.to_folded = {pprof};
      break;
    }
    case CaptureKind::kFolded:
      break;
    case CaptureKind::kEmpty:
    case CaptureKind::kUnknown:
      throw Error(Error::Position{profile, 0, -1}, std::string("cannot render ") + kind_name(kind));
  }
  plan.svg = {tool("flame-svg"), "--title", title};
  if (!o.colors.empty()) plan.svg.insert(plan.svg.end(), {"--colors", o.colors});
  if (!o.countname.empty()) plan.svg.insert(plan.svg.end(), {"--countname", o.countname});
  plan.svg.insert(plan.svg.end(), {"-o", svg, plan.to_folded.empty() ? profile : folded});
  return plan;
}

}  // namespace flamekit::capture
