// process_group.h: running a command, or a pipeline of commands, as one process group that flame-capture
// can stop as a whole, with a deadline and with Ctrl-C / SIGTERM passed on.
//
// Signals: while a SignalHold lives, SIGINT, SIGTERM, SIGHUP and SIGCHLD are blocked in flame-capture and
// taken synchronously (sigtimedwait), so no handler races the child's exit and a Ctrl-C between two steps is
// seen at the next check. Each child starts with every signal at its default and an empty mask, set between
// fork and exec: flame-capture ignores SIGPIPE (tool_main) and lib/io installs handlers, and a profiler must
// inherit neither (`perf script | head` needs SIGPIPE). glibc's two internal signals (32, 33) are the one
// exception: glibc refuses to change them, so they stay as flame-capture inherited them (glibc programs
// install their own handlers for them).
//
// Stopping: a signal received, or the deadline, sends SIGINT to the group first (perf record and bpftrace
// then write what they have), SIGTERM after `grace`, SIGKILL after twice that; a second Ctrl-C kills at
// once. flame-capture is a child subreaper, so processes the command left behind in its group are reaped
// too; once every stage has exited, leftovers are sent SIGTERM.
//
//   SignalHold hold;
//   auto r = run_group({{"/bin/sh", "-c", cmd}}, {.stdout_fd = out, .stderr_fd = log, .timeout_ms = 60000}, hold);
//   if (r.signal) ... exit 128 + r.signal ...
#pragma once

#include <string>
#include <vector>

namespace flamekit::capture {

class SignalHold {
 public:
  SignalHold();
  ~SignalHold();
  SignalHold(const SignalHold&) = delete;
  SignalHold& operator=(const SignalHold&) = delete;

  // The first SIGINT/SIGTERM/SIGHUP taken so far (0 = none); poll() takes any that are pending now.
  int received() const { return received_; }
  int poll();
  // Waits up to `ms` for a held signal; returns it (SIGCHLD included), or 0 on timeout.
  int wait(int ms);

 private:
  int received_ = 0;
};

struct GroupIo {
  int stdin_fd = -1;    // -1: /dev/null
  int stdout_fd = -1;   // -1: flame-capture's own
  int stderr_fd = -1;   // -1: flame-capture's own
  long timeout_ms = 0;  // 0: none
  long grace_ms = 10000;  // between SIGINT, SIGTERM and SIGKILL (perf script may still be printing)
};

struct GroupResult {
  std::vector<int> statuses;  // wait status of each stage, in order
  int signal = 0;             // SIGINT/SIGTERM/SIGHUP that stopped the run, else 0
  bool timed_out = false;
  // True if every stage exited 0.
  bool ok() const;
  // "exit status 3", "killed by SIGKILL" for the first stage that did not exit 0 ("" if none).
  std::string failure() const;
};

// "SIGINT", "SIGTERM", ... for messages.
std::string signal_name(int sig);

// Runs `stages` connected by pipes (stage i's stdout into stage i+1's stdin) in a new process group and waits
// for all of them. Throws Error if a stage cannot be started (its argv[0] is named).
GroupResult run_group(const std::vector<std::vector<std::string>>& stages, const GroupIo& io, SignalHold& hold);

}  // namespace flamekit::capture
