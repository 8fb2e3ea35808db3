// process_signals.cc: SIGPIPE, the fatal-signal handler with its table of temporaries, forwarding, and the
// reset for children (see process_signals.h). The handler only reads atomics and a fixed table, and calls
// getpid, kill, unlink, sigaction and raise: all async-signal-safe.
#include "io/process_signals.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace flamekit::io {
namespace {

constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP};

constexpr int kMaxPending = 16;
char g_pending[kMaxPending][4096];
std::atomic<bool> g_pending_used[kMaxPending];

std::atomic<pid_t> g_owner{0};    // the process the handler was installed in (0: not installed)
std::atomic<pid_t> g_forward{0};  // process group to pass signals to (0: none)
std::atomic<int> g_forwarded{0};  // the last signal passed on

void on_fatal_signal(int sig) {
  const int saved_errno = errno;
  // In a child forked from the owner (before its exec), the temporaries and the forwarding are the
  // parent's: the child just dies of the signal.
  if (::getpid() == g_owner.load()) {
    if (pid_t pgid = g_forward.load(); pgid > 0) {
      g_forwarded.store(sig);
      ::kill(-pgid, sig);
      errno = saved_errno;
      return;
    }
    for (int i = 0; i < kMaxPending; ++i) {
      if (g_pending_used[i].load()) ::unlink(g_pending[i]);
    }
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigemptyset(&dfl.sa_mask);
  ::sigaction(sig, &dfl, nullptr);
  ::raise(sig);  // delivered with the default action once this handler returns
  errno = saved_errno;
}

// Installs on_fatal_signal where the default action stands (see the header), once per process.
void install_handler() {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  if (g_owner.load() == ::getpid()) return;
  g_owner.store(::getpid());
  for (int sig : kFatalSignals) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0) continue;
    if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL) continue;  // ignored, or the program's own
    struct sigaction sa {};
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_RESTART;  // a wrapper's waitpid() goes on waiting after a forwarded signal
    ::sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

void ignore_sigpipe() { ::signal(SIGPIPE, SIG_IGN); }

bool add_temporary(const std::string& path) {
  install_handler();
  if (path.size() >= sizeof g_pending[0]) return false;
  for (int i = 0; i < kMaxPending; ++i) {
    if (!g_pending_used[i].load()) {
      std::memcpy(g_pending[i], path.c_str(), path.size() + 1);
      g_pending_used[i].store(true);
      return true;
    }
  }
  return false;
}

void remove_temporary(const std::string& path) {
  for (int i = 0; i < kMaxPending; ++i) {
    if (g_pending_used[i].load() && path == g_pending[i]) g_pending_used[i].store(false);
  }
}

void reset_signals_for_exec() {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigemptyset(&dfl.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);  // glibc's own refuse: EINVAL
  }
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

int set_spawn_signal_defaults(posix_spawnattr_t* attr) {
  sigset_t all, none;
  ::sigfillset(&all);
  ::sigemptyset(&none);
  short flags = 0;
  if (int e = ::posix_spawnattr_getflags(attr, &flags)) return e;
  if (int e = ::posix_spawnattr_setsigdefault(attr, &all)) return e;
  if (int e = ::posix_spawnattr_setsigmask(attr, &none)) return e;
  return ::posix_spawnattr_setflags(attr, static_cast<short>(flags | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
}

void forward_signals_to(pid_t pgid) {
  install_handler();
  g_forwarded.store(0);
  g_forward.store(pgid);
}

int stop_forwarding() {
  g_forward.store(0);
  return g_forwarded.exchange(0);
}

}  // namespace flamekit::io
