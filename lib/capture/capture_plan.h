// capture_plan.h: the exact commands a capture runs, built before anything runs so that --dry-run prints
// what the real run executes, word for word. Where the command runs:
//   locally                /bin/sh -c CMD
//   --pod P [-n NS] [-c C] kubectl exec -n NS P -c C -- /bin/sh -c CMD   (runner.py ran it in the perf container)
//   --exec-prefix 'X ...'  X ... /bin/sh -c CMD          (ssh gets the command as one word: it re-parses it;
//                                                        --pod then only names the files)
// The command's standard output streams back through the prefix. A --fetch PATH capture comes back with
// `kubectl cp` (with --pod), the --copy-command, or `cat -- PATH` through the prefix.
#pragma once

#include <string>
#include <vector>

#include "capture/capture_kind.h"
#include "capture/capture_options.h"

namespace flamekit::capture {

using Argv = std::vector<std::string>;

// One pipeline with its redirections (paths; "" = none).
struct Step {
  std::vector<Argv> stages;
  std::string stdin_path, stdout_path, stderr_path;
  bool append_stderr = false;  // 2>> (the render log gathers every render step)
  // The step as one sh line: `a | b < in > out 2> err` (`> f 2>&1` when both are the same file).
  std::string shown() const;
};

// The words that put a command where it runs: empty locally, the kubectl words for --pod, or the split
// --exec-prefix.
Argv exec_prefix(const Options& o);

// `shell_command` run by /bin/sh behind `prefix`.
Argv through_prefix(const Argv& prefix, const std::string& shell_command);

// The command that copies --fetch's file to `local_path`; if fetch_to_stdout(), it prints the file instead
// (cat), and the caller sends its standard output to `local_path`.
Argv fetch_argv(const Options& o, const std::string& local_path);
bool fetch_to_stdout(const Options& o);

// The directory of the running binary (bin/ in the tree, PREFIX/bin installed); "." if unknown.
std::string binary_dir();

// A filter beside this binary, else its bare name for a PATH search.
std::string tool_path(const std::string& name);

// How a capture of `kind` in `profile` becomes folded stacks in `folded` (none for folded input: the
// profile is already folded) and then an SVG in `svg`. Tools are named by `tool(name)`.
struct RenderPlan {
  std::vector<Argv> to_folded;  // a pipeline writing `folded` itself (-o), or empty
  Argv svg;                     // flame-svg ... -o svg INPUT
};
RenderPlan render_plan(CaptureKind kind, const Options& o, const std::string& title, const std::string& profile,
                       const std::string& folded, const std::string& svg, std::string (*tool)(const std::string&));

}  // namespace flamekit::capture
