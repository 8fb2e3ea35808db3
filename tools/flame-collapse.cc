// flame-collapse: `perf script` text -> folded stacks, byte-identical to FlameGraph's stackcollapse-perf.pl.
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/tool_main.h"
#include "cxxopts.hpp"
#include "perf/collapse.h"

namespace {

flamekit::perf::CollapseOptions to_options(const cxxopts::ParseResult& args) {
  flamekit::perf::CollapseOptions options;
  options.pid = args["pid"].as<bool>();
  options.tid = args["tid"].as<bool>();
  options.kernel = args["kernel"].as<bool>();
  options.jit = args["jit"].as<bool>();
  options.all = args["all"].as<bool>();
  options.addrs = args["addrs"].as<bool>();
  options.event_filter = args["event-filter"].as<std::string>();
  options.srcline = args["srcline"].as<bool>();
  options.inline_frames = args["inline"].as<bool>();
  options.context = args["context"].as<bool>();
  options.no_comm = args["no-comm"].as<bool>();
  options.strict = args["strict"].as<bool>();
  options.verbose = args["verbose"].as<bool>();
  options.threads = args["threads"].as<int>();
  options.output = args["output"].as<std::string>();
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  return flamekit::cli::run_tool("flame-collapse", [&] {
    cxxopts::Options spec("flame-collapse", "Collapse `perf script` output into folded stacks, as stackcollapse-perf.pl does.");
    spec.custom_help("[OPTIONS]").positional_help("[FILE...]");
    spec.add_options()
        ("pid", "include the PID in the process name frame (comm-PID)")
        ("tid", "include PID and TID in the process name frame (comm-PID/TID)")
        ("kernel", "annotate kernel frames with _[k]")
        ("jit", "annotate JIT frames (/tmp/perf-PID.map) with _[j]")
        ("all", "all annotations (--kernel --jit)")
        ("addrs", "include raw addresses where symbols are missing: [module <addr>]")
        ("event-filter", "count only samples of EVENT (default: the first event seen)", cxxopts::value<std::string>()->default_value(""), "EVENT")
        ("srcline", "append the source lines of perf script -F+srcline to the frames")
        ("inline", "expand inlined functions from the binaries' debug info")
        ("context", "with --inline, add :file:line to each expanded frame")
        ("no-comm", "omit the process name root frame")
        ("strict", "treat an unparsable line as an error")
        ("v,verbose", "list the events seen on standard error")
        ("threads", "parse a large input file with N threads (same output)", cxxopts::value<int>()->default_value("1"), "N")
        ("o,output", "write to FILE (atomically; gzip if it ends in .gz)", cxxopts::value<std::string>()->default_value("-"), "FILE");
    auto args = flamekit::cli::parse_args(spec, argc, argv);
    if (!args) return 0;
    return flamekit::perf::run_collapse(flamekit::cli::input_files(*args), to_options(*args));
  });
}
