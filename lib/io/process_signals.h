// process_signals.h: every process-wide signal setting a flamekit tool makes, and what a tool that runs
// other programs must do about them. There are two:
//   - SIGPIPE is ignored (ignore_sigpipe(), by cli::run_tool), so a closed standard output shows up as EPIPE
//     and OutputFile raises BrokenPipe, a quiet exit 0;
//   - while an OutputFile has a temporary, SIGINT, SIGTERM and SIGHUP run a handler that unlinks the
//     temporaries, restores the default action and raises the signal again, so the process still dies of
//     it (a shell sees 128 + N). The handler is installed only over the default action: a signal the
//     process was started with ignored (`flame-svg ... &` in a script ignores SIGINT) stays ignored, and a
//     handler the program set first is not replaced.
//
// A wrapper that runs a child (a profiler, a pipeline) must keep both out of the child and stay able to
// pass Ctrl-C on:
//   - an ignored signal stays ignored across exec, and a handler would run in the forked child before
//     exec. Call reset_signals_for_exec() in the child between fork and exec (every signal back to its
//     default, an empty mask), or give posix_spawn the attributes of set_spawn_signal_defaults(). The
//     handler also checks the process id it was installed in: a forked child that dies of a signal before
//     exec never unlinks the parent's temporaries.
//   - to pass a signal on, either block SIGINT/SIGTERM/SIGHUP and take them with sigwait/sigtimedwait
//     (the handler then never runs: nothing is unlinked, nothing raised) and kill(-pgid, sig) yourself; or
//     call forward_signals_to(pgid) while the child runs, and the handler sends each of these signals to
//     that process group instead of ending this process. Either way the wrapper then waits for the child,
//     commits or drops its outputs, and ends as it chooses (e.g. `raise(sig)` for a shell to see the
//     signal, which then runs the cleanup above).
//
//   pid_t pid = fork();
//   if (pid == 0) {
//     setpgid(0, 0);
//     io::reset_signals_for_exec();
//     execvp(argv[0], argv);
//     _exit(127);
//   }
//   setpgid(pid, pid);
//   io::forward_signals_to(pid);       // Ctrl-C now reaches the child's group, not this process
//   waitpid(pid, &status, 0);          // EINTR-safe: the handler is installed with SA_RESTART
//   int sig = io::stop_forwarding();   // the last signal passed on, 0 if none
#pragma once

#include <spawn.h>
#include <sys/types.h>

#include <string>

namespace flamekit::io {

// SIGPIPE ignored, for the whole process (see the top of this file).
void ignore_sigpipe();

// The temporaries the fatal-signal handler unlinks (OutputFile registers its own). add_temporary installs
// the handler on first use; false if the table (16 paths of up to 4095 bytes) has no room, and then the
// temporary is only removed by its owner.
bool add_temporary(const std::string& path);
void remove_temporary(const std::string& path);

// In a child between fork() and exec(): every signal's disposition back to the default and the signal mask
// emptied, so the program runs as if started from a fresh shell. Async-signal-safe (only sigaction and
// sigprocmask). Signals glibc keeps for itself (32, 33) are left alone; a new program resets them.
void reset_signals_for_exec();

// The same for posix_spawn: sets POSIX_SPAWN_SETSIGDEF for every signal and POSIX_SPAWN_SETSIGMASK with an
// empty mask on `attr` (keeping its other flags). Returns 0, or an errno value. (glibc's posix_spawn then
// leaves its own two internal signals ignored in the new program; fork with reset_signals_for_exec() does
// not.)
int set_spawn_signal_defaults(posix_spawnattr_t* attr);

// Until stop_forwarding(): SIGINT, SIGTERM and SIGHUP received by this process are sent to process group
// `pgid` (> 0) and do not end this process or unlink its temporaries. Installs the handler where the
// default action stands.
void forward_signals_to(pid_t pgid);
// Ends forwarding; returns the last signal forwarded since forward_signals_to() (0 if none).
int stop_forwarding();

}  // namespace flamekit::io
