// process_signals_test.cc: the process-wide signal settings stay out of child processes (their
// /proc/PID/status shows SIGPIPE at its default and an empty mask), a forked child never unlinks its
// parent's temporaries, and a wrapper can pass SIGTERM on to its child's process group.
#include "io/process_signals.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

extern char** environ;

namespace {

using namespace flamekit::io;

struct ChildSignals {
  uint64_t ignored = ~uint64_t{0};  // SigIgn: bit N-1 for signal N
  uint64_t blocked = ~uint64_t{0};  // SigBlk
};

uint64_t bit(int sig) { return uint64_t{1} << (sig - 1); }

// Parses the "SigIgn:" and "SigBlk:" lines of /proc/PID/status text.
ChildSignals parse_status(const std::string& text) {
  ChildSignals s;
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    if (line.rfind("SigIgn:", 0) == 0) s.ignored = std::strtoull(line.c_str() + 7, nullptr, 16);
    if (line.rfind("SigBlk:", 0) == 0) s.blocked = std::strtoull(line.c_str() + 7, nullptr, 16);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return s;
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Runs `cat /proc/self/status` as a child the way a wrapper would, with SIGPIPE ignored and SIGUSR1 blocked
// here, and returns what the child's status says. `how`: 0 = plain fork + exec, 1 = fork +
// reset_signals_for_exec() + exec, 2 = posix_spawn with set_spawn_signal_defaults().
ChildSignals child_signals(int how) {
  ignore_sigpipe();
  sigset_t usr1, old;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigprocmask(SIG_BLOCK, &usr1, &old);
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const char* argv[] = {"cat", "/proc/self/status", nullptr};
  pid_t pid;
  if (how == 2) {
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    REQUIRE(set_spawn_signal_defaults(&attr) == 0);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_adddup2(&files, out[1], 1);
    REQUIRE(::posix_spawnp(&pid, "cat", &files, &attr, const_cast<char**>(argv), environ) == 0);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
  } else {
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      if (how == 1) reset_signals_for_exec();
      ::dup2(out[1], 1);
      ::execvp("cat", const_cast<char**>(argv));
      ::_exit(127);
    }
  }
  sigprocmask(SIG_SETMASK, &old, nullptr);
  ::close(out[1]);
  std::string status = read_all(out[0]);
  ::close(out[0]);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  REQUIRE(WIFEXITED(wstatus));
  REQUIRE(WEXITSTATUS(wstatus) == 0);
  return parse_status(status);
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE("without a reset, a child inherits the ignored SIGPIPE and the mask", "[io]") {
  // What a child runner must not do: this is the leak the reset below prevents.
  ChildSignals s = child_signals(0);
  CHECK((s.ignored & bit(SIGPIPE)) != 0);
  CHECK((s.blocked & bit(SIGUSR1)) != 0);
}

TEST_CASE("a child reset between fork and exec has SIGPIPE at its default and an empty mask", "[io]") {
  add_temporary("/nonexistent/flamekit-test-temporary");  // the fatal-signal handlers are installed too
  ChildSignals s = child_signals(1);
  CHECK((s.ignored & bit(SIGPIPE)) == 0);
  CHECK((s.ignored & (bit(SIGINT) | bit(SIGTERM) | bit(SIGHUP))) == 0);
  CHECK(s.blocked == 0);
  remove_temporary("/nonexistent/flamekit-test-temporary");
}

TEST_CASE("a child from posix_spawn with set_spawn_signal_defaults has SIGPIPE at its default", "[io]") {
  ChildSignals s = child_signals(2);
  CHECK((s.ignored & bit(SIGPIPE)) == 0);
  CHECK((s.ignored & (bit(SIGINT) | bit(SIGTERM) | bit(SIGHUP))) == 0);
  CHECK(s.blocked == 0);
}

TEST_CASE("forked children leave the parent's temporaries; forwarding passes SIGTERM to the child's group",
          "[io]") {
  // All in a fresh process with default dispositions (the test runner's may differ), which reports the
  // first check that fails in its exit status and at the end dies of SIGTERM with its temporary unlinked.
  std::string temp = "/tmp/flamekit-signals-" + std::to_string(::getpid());
  std::ofstream(temp) << "partial output";
  pid_t wrapper = ::fork();
  REQUIRE(wrapper >= 0);
  if (wrapper == 0) {
    reset_signals_for_exec();
    if (!add_temporary(temp)) ::_exit(10);
    // A child forked before exec that dies of a signal must not unlink the parent's temporary.
    pid_t child = ::fork();
    if (child == 0) {
      ::raise(SIGTERM);
      ::_exit(11);
    }
    int st = 0;
    ::waitpid(child, &st, 0);
    if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM) ::_exit(12);
    if (!exists(temp)) ::_exit(13);
    // A child in its own process group, and SIGTERM sent to the wrapper: it reaches the child's group.
    child = ::fork();
    if (child == 0) {
      ::setpgid(0, 0);
      reset_signals_for_exec();
      ::pause();
      ::_exit(14);
    }
    ::setpgid(child, child);
    forward_signals_to(child);
    ::raise(SIGTERM);  // the wrapper goes on
    while (::waitpid(child, &st, 0) < 0) {
    }
    if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM) ::_exit(15);
    if (stop_forwarding() != SIGTERM) ::_exit(16);
    if (!exists(temp)) ::_exit(17);
    // Forwarding over, SIGTERM ends the wrapper with its temporary unlinked.
    ::raise(SIGTERM);
    ::_exit(18);
  }
  int st = 0;
  ::waitpid(wrapper, &st, 0);
  INFO("wrapper exit status " << (WIFEXITED(st) ? WEXITSTATUS(st) : -1));
  CHECK(WIFSIGNALED(st));
  CHECK(WTERMSIG(st) == SIGTERM);
  CHECK_FALSE(exists(temp));
  std::remove(temp.c_str());
}
