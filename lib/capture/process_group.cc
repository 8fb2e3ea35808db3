// process_group.cc: fork/exec into one process group, and the wait/stop loop.
#include "capture/process_group.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace flamekit::capture {
namespace {

constexpr int kSlowestPollMs = 100;

sigset_t held_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&set, sig);
  return set;
}

long now_ms() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

// Starts one stage in group `pgid` (0: a new group led by this stage) with fds 0, 1, 2 set. A plain fork,
// not posix_spawn: glibc's posix_spawn leaves its internal signals (32, 33) ignored in the new program, and
// an ignored signal stays ignored across exec. The child makes only async-signal-safe calls (flame-capture
// has one thread) and reports a failed exec through a close-on-exec pipe.
pid_t spawn_stage(const std::vector<std::string>& argv, pid_t pgid, int in, int out, int err) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) throw system_error("pipe", "cannot create");
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(report[0]), ::close(report[1]);
    throw system_error(argv[0], "cannot fork to run");
  }
  if (pid == 0) {
    ::setpgid(0, pgid);
    for (int sig = 1; sig < NSIG; ++sig) {
      if (sig != SIGKILL && sig != SIGSTOP) ::signal(sig, SIG_DFL);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    int fds[3] = {in, out, err};
    for (int target = 0; target < 3; ++target) {
      // dup2 onto itself keeps close-on-exec set: clear it so the fd survives exec.
      if (fds[target] == target) ::fcntl(target, F_SETFD, 0);
      else if (fds[target] >= 0) ::dup2(fds[target], target);
    }
    ::execvp(args[0], args.data());
    int e = errno;
    [[maybe_unused]] ssize_t n = ::write(report[1], &e, sizeof e);
    ::_exit(127);
  }
  ::setpgid(pid, pgid == 0 ? pid : pgid);  // also here, so the group exists before any signal is sent to it
  ::close(report[1]);
  int e = 0;
  ssize_t n;
  while ((n = ::read(report[0], &e, sizeof e)) < 0 && errno == EINTR) {
  }
  ::close(report[0]);
  if (n == sizeof e) {
    ::waitpid(pid, nullptr, 0);
    errno = e;
    throw system_error(argv[0], "cannot run");
  }
  return pid;
}

// Sends the next signal of the stop sequence: SIGINT, then SIGTERM, then SIGKILL.
struct Stopper {
  pid_t pgid;
  long grace_ms;
  int step = 0;
  long next_ms = 0;
  void start(long now) {
    if (step == 0) advance(now);
  }
  void advance(long now) {
    static const int kSequence[] = {SIGINT, SIGTERM, SIGKILL};
    if (step < 3) ::kill(-pgid, kSequence[step++]);
    next_ms = now + grace_ms;
  }
  void kill_now() {
    step = 2;
    advance(0);
  }
};

}  // namespace

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

SignalHold::SignalHold() {
  sigset_t set = held_set();
  ::sigprocmask(SIG_BLOCK, &set, nullptr);
  // Orphans of the command's group become our children, so waiting on the group waits for them too.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
}

SignalHold::~SignalHold() {
  sigset_t set = held_set();
  ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
}

int SignalHold::wait(int ms) {
  sigset_t set = held_set();
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  int sig = ::sigtimedwait(&set, nullptr, &ts);
  if (sig > 0 && sig != SIGCHLD && received_ == 0) received_ = sig;
  return sig > 0 ? sig : 0;
}

int SignalHold::poll() {
  while (wait(0) != 0) {
  }
  return received_;
}

bool GroupResult::ok() const { return failure().empty(); }

std::string GroupResult::failure() const {
  for (int status : statuses) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "killed by " + signal_name(WTERMSIG(status));
    return "wait status " + std::to_string(status);
  }
  return "";
}

GroupResult run_group(const std::vector<std::vector<std::string>>& stages, const GroupIo& io, SignalHold& hold) {
  GroupResult result;
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::vector<pid_t> pids;
  pid_t pgid = 0;
  int in = io.stdin_fd >= 0 ? io.stdin_fd : null_fd;
  try {
    for (size_t i = 0; i < stages.size(); ++i) {
      int pipe_fds[2] = {-1, -1};
      bool last = i + 1 == stages.size();
      if (!last && ::pipe2(pipe_fds, O_CLOEXEC) != 0) throw system_error("pipe", "cannot create");
      pid_t pid = spawn_stage(stages[i], pgid, in, last ? io.stdout_fd : pipe_fds[1], io.stderr_fd);
      if (pgid == 0) pgid = pid;
      pids.push_back(pid);
      if (in != io.stdin_fd && in != null_fd) ::close(in);
      if (!last) ::close(pipe_fds[1]);
      in = pipe_fds[0];
    }
  } catch (...) {
    if (in != io.stdin_fd && in != null_fd && in >= 0) ::close(in);
    ::close(null_fd);
    if (pgid != 0) {
      ::kill(-pgid, SIGKILL);
      while (::waitpid(-pgid, nullptr, 0) > 0) {
      }
    }
    throw;
  }
  ::close(null_fd);

  result.statuses.assign(pids.size(), 0);
  size_t running = pids.size();
  long start = now_ms();
  Stopper stopper{pgid, io.grace_ms};
  bool leftovers_told = false;
  for (;;) {
    int status;
    pid_t pid;
    while ((pid = ::waitpid(-pgid, &status, WNOHANG)) > 0) {
      for (size_t i = 0; i < pids.size(); ++i) {
        if (pids[i] == pid) result.statuses[i] = status, --running;
      }
    }
    if (pid < 0 && errno == ECHILD) break;
    long now = now_ms();
    if (running == 0 && !leftovers_told) {
      ::kill(-pgid, SIGTERM);  // what the command left running in its group
      leftovers_told = true;
      stopper.step = 2;        // SIGKILL after the grace period
      stopper.next_ms = now + io.grace_ms;
    }
    if (io.timeout_ms > 0 && !result.timed_out && running > 0 && now - start >= io.timeout_ms) {
      result.timed_out = true;
      stopper.start(now);
    }
    if (stopper.step > 0 && now >= stopper.next_ms) stopper.advance(now);
    int had = hold.received();
    long wait_ms = kSlowestPollMs;
    if (io.timeout_ms > 0 && !result.timed_out) wait_ms = std::min(wait_ms, std::max(1L, start + io.timeout_ms - now));
    int sig = hold.wait(static_cast<int>(wait_ms));
    if (sig != 0 && sig != SIGCHLD) {
      if (had != 0 || stopper.step > 0) {
        stopper.kill_now();  // a second Ctrl-C: no more waiting
      } else {
        ::kill(-pgid, sig);  // as a terminal's Ctrl-C would have reached the command's own group
        stopper.step = 1;
        stopper.next_ms = now_ms() + io.grace_ms;
      }
    }
  }
  result.signal = hold.received();
  return result;
}

}  // namespace flamekit::capture
