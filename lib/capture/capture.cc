// capture.cc: the steps of a capture and what each failure says.
#include "capture/capture.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <map>
#include <memory>

#include "capture/capture_files.h"
#include "capture/capture_kind.h"
#include "capture/capture_plan.h"
#include "capture/command_template.h"
#include "capture/process_group.h"
#include "capture/process_table.h"
#include "capture/shell_words.h"
#include "capture/sidecar_finder.h"
#include "core/error.h"

namespace flamekit::capture {
namespace {

constexpr size_t kSniffBytes = 64 * 1024;
constexpr int kExitNotFound = 127;  // sh's status for a command it cannot find

using Values = std::map<std::string, std::string, std::less<>>;

void say(const Options& o, const std::string& text) {
  if (o.verbose) std::fprintf(stderr, "flame-capture: %s\n", text.c_str());
}

std::string read_head(const std::string& path, size_t limit) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw system_error(path, "cannot open");
  std::string head(limit, '\0');
  size_t got = 0;
  ssize_t n;
  while (got < limit && (n = ::read(fd, head.data() + got, limit - got)) > 0) got += static_cast<size_t>(n);
  ::close(fd);
  head.resize(got);
  return head;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

// Where {sidecar_pid} comes from: --pid, this machine's /proc, or the listing script run behind the prefix.
std::string find_pid(const Options& o, const Argv& prefix, SignalHold& hold) {
  if (!o.pid.empty()) return o.pid;
  SidecarQuery query{.process_name = o.process_name, .self_pid = static_cast<int>(::getpid())};
  if (prefix.empty()) return std::to_string(find_sidecar(read_process_table(), query));
  Argv argv = through_prefix(prefix, kProcessListingScript);
  say(o, "finding the sidecar: " + shell_join(argv));
  char tmpl[] = "/tmp/flame-capture-ps.XXXXXX";
  int fd = ::mkstemp(tmpl);
  if (fd < 0) throw system_error("/tmp", "cannot create a temporary file");
  ::unlink(tmpl);
  auto result = run_group({argv}, {.stdout_fd = fd, .timeout_ms = 60000}, hold);
  std::string listing = read_head("/proc/self/fd/" + std::to_string(fd), 64 << 20);
  ::close(fd);
  if (result.signal) return "";
  if (!result.ok()) throw Error("cannot list the processes through the prefix (" + result.failure() + "): " + shell_join(argv));
  std::vector<ProcessInfo> table = parse_process_listing(listing);
  query.self_pid = 0;  // flame-capture is not there
  return std::to_string(find_sidecar(table, query));
}

struct Expanded {
  std::string command;  // what runs
  std::string pid;      // "" if not used
  std::string title;    // the flame graph's title
};

Expanded expand_command(const Options& o, const Argv& prefix, SignalHold& hold, bool find) {
  std::vector<std::string> known = {"duration", "sidecar_pid", "pid", "frequency"};
  Values values = {{"duration", o.duration}, {"frequency", o.frequency}};
  for (const auto& v : o.vars) {
    std::string name = v.substr(0, v.find('='));
    if (values.count(name) == 0) known.push_back(name), values[name] = v.substr(v.find('=') + 1);
  }
  // --offline runs nothing: the template is only the title's, and its pid stays a placeholder.
  auto t = parse_template(o.command, known);
  Expanded e;
  values["sidecar_pid"] = values["pid"] = o.pid.empty() ? "{sidecar_pid}" : o.pid;
  if ((t.uses("sidecar_pid") || t.uses("pid")) && o.offline.empty()) {
    if (find) e.pid = find_pid(o, prefix, hold);
    if (find && e.pid.empty()) return e;  // interrupted while listing
    if (!find) e.pid = values["pid"];
    say(o, "sidecar pid " + e.pid);
    values["sidecar_pid"] = values["pid"] = e.pid;
  }
  e.command = t.expand(values);
  // runner.py's title: flamegraph.pl --title='CMD Flame Graph'; a preset's --title is a template too.
  // With --offline and no command, the saved file names the graph.
  std::string what = o.command.empty() ? o.offline.substr(o.offline.rfind('/') + 1) : e.command;
  e.title = o.title.empty() ? what + " Flame Graph" : parse_template(o.title, known).expand(values);
  return e;
}

bool process_alive(const std::string& pid) { return ::kill(std::stoi(pid), 0) == 0 || errno == EPERM; }

class Capture {
 public:
  explicit Capture(const Options& o) : o_(o), prefix_(exec_prefix(o)), render_(o.render || !o.offline.empty()) {}

  int run() {
    std::time_t start = std::time(nullptr);
    std::string pod = o_.pod.empty() ? host_name() : o_.pod;
    names_ = {o_.output_dir, capture_basename(start, o_.labels, o_.name, pod)};
    if (o_.dry_run) return dry_run();
    Expanded e = expand_command(o_, prefix_, hold_, o_.offline.empty());
    if (hold_.poll()) return interrupted_before();
    make_directories(o_.output_dir);
    std::string profile = o_.offline.empty() ? names_.profile() : o_.offline;
    if (o_.offline.empty()) {
      refuse_existing(names_.profile()), refuse_existing(names_.log());
    }
    if (render_) refuse_existing(names_.svg()), refuse_existing(names_.folded()), refuse_existing(names_.render_log());
    title_ = e.title;
    if (o_.offline.empty()) {
      int rc = profile_step(e);
      if (rc != 0) return rc;
    }
    if (render_) render(profile);
    return 0;
  }

 private:
  int interrupted_before() {
    std::fprintf(stderr, "flame-capture: interrupted by %s before the capture started\n", signal_name(hold_.received()).c_str());
    return 128 + hold_.received();
  }

  void wrote(const std::string& path) { std::printf("%s\n", path.c_str()), std::fflush(stdout); }

  int dry_run() {
    std::string part = part_path(names_.profile()), log = part_path(names_.log());
    // Reading /proc here runs nothing, so a local dry run names the real pid; behind a prefix the listing
    // is a command, printed and not run, and the pid stays {sidecar_pid}.
    Expanded e = expand_command(o_, prefix_, hold_, prefix_.empty() && o_.offline.empty());
    title_ = e.title;
    if (o_.offline.empty()) {
      if (e.pid == "{sidecar_pid}") std::printf("%s\n", shell_join(through_prefix(prefix_, kProcessListingScript)).c_str());
      Step run{{through_prefix(prefix_, e.command)}, "", o_.fetch.empty() ? part : log, log};
      std::printf("%s\n", run.shown().c_str());
      if (!o_.fetch.empty()) std::printf("%s\n", Step{{fetch_argv(o_, part)}, "", fetch_to_stdout(o_) ? part : "", ""}.shown().c_str());
    }
    if (!render_) return 0;
    std::string input = o_.offline.empty() ? part : o_.offline;
    CaptureKind kind = !o_.offline.empty() ? sniff_capture(read_head(o_.offline, kSniffBytes))
                       : o_.format == "perf-script" ? CaptureKind::kPerfScript
                       : o_.format == "bpftrace"    ? CaptureKind::kBpftrace
                       : o_.format == "folded"      ? CaptureKind::kFolded
                       : o_.format == "pprof"       ? CaptureKind::kPprof
                                                    : CaptureKind::kUnknown;
    if (kind == CaptureKind::kUnknown || kind == CaptureKind::kEmpty) {
      std::printf("# then the filters that fit what the command printed (give --format to show them)\n");
      return 0;
    }
    auto plan = render_plan(kind, o_, title_, input, part_path(names_.folded()), part_path(names_.svg()), tool_path);
    std::string render_log = part_path(names_.render_log());
    if (!plan.to_folded.empty()) std::printf("%s\n", Step{plan.to_folded, "", "", render_log, true}.shown().c_str());
    std::printf("%s\n", Step{{plan.svg}, "", "", render_log, true}.shown().c_str());
    return 0;
  }

  int profile_step(const Expanded& e) {
    PendingFile profile(names_.profile());
    PendingFile log(names_.log());
    Argv argv = through_prefix(prefix_, e.command);
    say(o_, "running: " + shell_join(argv));
    log.append("flame-capture: running: " + shell_join(argv) + "\n");
    GroupIo io{.stdout_fd = o_.fetch.empty() ? profile.fd() : log.fd(), .stderr_fd = log.fd(),
               .timeout_ms = o_.timeout * 1000};
    auto r = run_group({argv}, io, hold_);
    if (!r.signal && !r.timed_out && r.ok() && !o_.fetch.empty()) {
      Argv fetch = fetch_argv(o_, part_path(names_.profile()));
      bool to_stdout = fetch_to_stdout(o_);
      say(o_, "fetching: " + shell_join(fetch));
      log.append("flame-capture: fetching: " + shell_join(fetch) + "\n");
      if (!to_stdout) ::ftruncate(profile.fd(), 0);
      r = run_group({fetch}, {.stdout_fd = to_stdout ? profile.fd() : log.fd(), .stderr_fd = log.fd()}, hold_);
    }
    std::string gone;
    if (!e.pid.empty() && prefix_.empty() && !process_alive(e.pid)) {
      gone = "process " + e.pid + " exited during the capture, which covers only the time it ran";
    }
    std::string state = r.signal ? "interrupted by " + signal_name(r.signal) + "; the capture is partial"
                        : r.timed_out ? "timed out after " + std::to_string(o_.timeout) + " s; the capture is partial"
                        : r.ok() ? "finished" : "failed: " + r.failure();
    log.append("flame-capture: " + state + "\n" + (gone.empty() ? "" : "flame-capture: " + gone + "\n"));
    // A failed command keeps its log, and its output if it printed any; an empty file would only look like
    // a capture.
    bool keep_profile = r.signal || r.timed_out || r.ok() || ::lseek(profile.fd(), 0, SEEK_END) > 0;
    if (keep_profile) profile.commit(), wrote(names_.profile());
    log.commit();
    wrote(names_.log());
    if (!gone.empty()) std::fprintf(stderr, "flame-capture: warning: %s\n", gone.c_str());
    std::string kept = "kept " + names_.profile() + " (log " + names_.log() + "; render it with flame-capture --offline " +
                       shell_quote(names_.profile()) + " --render)";
    if (r.signal) {
      std::fprintf(stderr, "flame-capture: %s: %s\n", state.c_str(), kept.c_str());
      return 128 + r.signal;
    }
    if (r.timed_out) throw Error(state + ": " + kept);
    if (!r.ok()) {
      bool missing = !r.statuses.empty() && WIFEXITED(r.statuses[0]) && WEXITSTATUS(r.statuses[0]) == kExitNotFound;
      std::string cmd_line = last_command_line(names_.log());
      throw Error(std::string(missing ? "the command was not found" : "the command failed") + " (" + r.failure() +
                  ")" + (cmd_line.empty() ? "" : ": " + cmd_line) + "; see " + names_.log());
    }
    return 0;
  }

  // The last line of the log that flame-capture did not write.
  static std::string last_command_line(const std::string& log) {
    std::string text = read_head(log, 1 << 20);
    std::string best;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(pos, nl - pos);
      if (!line.empty() && line.rfind("flame-capture: ", 0) != 0) best = line;
      pos = nl + 1;
    }
    return best;
  }

  void render(const std::string& profile) {
    CaptureKind kind = sniff_capture(read_head(profile, kSniffBytes));
    if (kind == CaptureKind::kEmpty) throw Error(Error::Position{profile, 0, -1}, "the command printed nothing to render" + see_log());
    if (kind == CaptureKind::kUnknown) {
      throw Error(Error::Position{profile, 0, -1}, "not perf script text, bpftrace maps, folded stacks or a pprof "
                                                   "profile: cannot tell which filters fit" + see_log());
    }
    std::string folded_part = part_path(names_.folded()), svg_part = part_path(names_.svg());
    auto plan = render_plan(kind, o_, title_, profile, folded_part, svg_part, tool_path);
    std::string path = std::string(kind_name(kind)) + ": ";
    for (const auto& stage : plan.to_folded) path += stage[0].substr(stage[0].rfind('/') + 1) + " | ";
    say(o_, path + "flame-svg");
    PendingFile log(names_.render_log());
    auto run = [&](const std::vector<Argv>& stages) {
      say(o_, "rendering: " + Step{stages, "", "", ""}.shown());
      log.append("flame-capture: running: " + Step{stages, "", "", ""}.shown() + "\n");
      auto r = run_group(stages, {.stderr_fd = log.fd()}, hold_);
      if (r.ok() && !r.signal) return;
      ::unlink(folded_part.c_str()), ::unlink(svg_part.c_str());
      std::string state = r.signal ? "interrupted by " + signal_name(r.signal) : "failed: " + r.failure();
      log.append("flame-capture: " + state + "\n");
      log.commit();
      wrote(names_.render_log());
      if (r.signal) throw Signalled{r.signal};
      throw Error("rendering " + profile + " " + state + ": " + last_command_line(names_.render_log()) + "; see " +
                  names_.render_log());
    };
    if (!plan.to_folded.empty()) run(plan.to_folded);
    run({plan.svg});
    log.append("flame-capture: finished\n");
    if (!plan.to_folded.empty()) commit_part(names_.folded()), wrote(names_.folded());
    commit_part(names_.svg());
    log.commit();
    wrote(names_.svg()), wrote(names_.render_log());
  }

  std::string see_log() const { return o_.offline.empty() ? " (see " + names_.log() + ")" : ""; }

 public:
  struct Signalled { int sig; };

 private:
  const Options& o_;
  Argv prefix_;
  bool render_;  // --render, or --offline (which has nothing else to do)
  SignalHold hold_;
  CaptureNames names_;
  std::string title_;
};

}  // namespace

int run_capture(const Options& options) {
  validate(options);
  Capture capture(options);
  try {
    return capture.run();
  } catch (const Capture::Signalled& s) {
    std::fprintf(stderr, "flame-capture: interrupted by %s while rendering; no SVG was written\n", signal_name(s.sig).c_str());
    return 128 + s.sig;
  }
}

}  // namespace flamekit::capture
