// capture_options.h: everything flame-capture is told, from its command line, FLAMEKIT_* environment
// variables or a preset (capture_flags.cc merges them, in that order of precedence). Raw values: validate()
// checks them, the run interprets them.
#pragma once

#include <string>
#include <vector>

namespace flamekit::capture {

struct Options {
  std::string preset;                        // --preset NAME ("" = none)
  std::string engine;                        // --engine NAME: the preset's command.NAME ("" = its default)
  std::string command;                       // --command TEMPLATE, or the positional TEMPLATE
  std::string duration = "30";               // --duration SECONDS, for {duration}
  std::string frequency = "99";              // --frequency HZ, for {frequency}
  std::string pid;                           // --pid PID, for {sidecar_pid} ("" = find the sidecar)
  std::string process_name = "envoy";        // --process-name NAME
  std::vector<std::string> vars;             // --var NAME=VALUE: more {NAME} fields
  std::string output_dir = "flame/flameoutput";  // --output-dir DIR
  std::string labels;                        // --labels TEXT: runner.py's {labels}
  std::string name = "default-profile";      // --name NAME: runner.py's {profile_name}
  std::string pod;                           // --pod POD: the {podname}; run in it with kubectl exec unless
                                             // --exec-prefix says how
  std::string kube_namespace;                // --namespace NS (with --pod)
  std::string container;                     // --container NAME (with --pod)
  std::string exec_prefix;                   // --exec-prefix 'CMD ...': run the command through it
  std::string fetch;                         // --fetch PATH: the capture is this file the command writes
  std::string copy_command;                  // --copy-command TEMPLATE: brings {remote} back to {local}
  std::string offline;                       // --offline FILE: render a saved capture, run nothing
  bool render = false;                       // --render
  std::string title;                         // --title TEXT (default "<command> Flame Graph", as runner.py)
  std::string colors;                        // --colors PALETTE, for flame-svg
  std::string countname;                     // --countname TEXT, for flame-svg
  std::string collapse_args;                 // --collapse-args 'ARGS': more flame-collapse arguments
  std::string pprof_args;                    // --pprof-args 'ARGS': more flame-pprof arguments
  std::string format;                        // --format KIND: what the command prints, for --dry-run
  long timeout = 0;                          // --timeout SECONDS (0 = none)
  bool dry_run = false;                      // --dry-run
  bool verbose = false;                      // -v, --verbose
};

// Throws a usage Error on a bad combination or value (a duration that is not a number, --namespace without
// --pod or with --exec-prefix, no command and no --offline, ...).
void validate(const Options& o);

// True if `text` is a decimal number ("30", "0.5"): what {duration} and {frequency} may hold.
bool is_number(const std::string& text);

}  // namespace flamekit::capture
