// flame-diff: two folded profiles -> "stack before after" lines for differential flame graphs
// (difffolded.pl semantics, sorted output), with an optional table of the functions that changed most.
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/tool_main.h"
#include "core/error.h"
#include "cxxopts.hpp"
#include "diff/folded_diff.h"

namespace {

flamekit::diff::DiffOptions to_options(const cxxopts::ParseResult& args) {
  flamekit::diff::DiffOptions options;
  std::vector<std::string> files;
  if (args.count("files")) files = args["files"].as<std::vector<std::string>>();
  if (files.size() != 2) throw flamekit::Error::usage("expected two folded profiles: BEFORE AFTER");
  options.before = files[0];
  options.after = files[1];
  options.normalize = args["normalize"].as<bool>();
  options.strip_hex = args["strip-hex"].as<bool>();
  options.top = args["top"].as<int64_t>();
  options.report = args["report"].as<std::string>();
  options.min_delta = args["min-delta"].as<double>();
  options.output = args["output"].as<std::string>();
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  return flamekit::cli::run_tool("flame-diff", [&] {
    cxxopts::Options spec("flame-diff", "Compare two folded profiles: one \"stack before after\" line per stack.");
    spec.custom_help("[OPTIONS]").positional_help("BEFORE AFTER");
    spec.add_options()
        ("n,normalize", "scale the first profile's counts to the second profile's total (difffolded.pl -n)")
        ("s,strip-hex", "replace hex addresses 0x... in stacks before comparing (difffolded.pl -s)")
        ("top", "print a table of the N functions whose counts changed most", cxxopts::value<int64_t>()->default_value("0"), "N")
        ("report", "write the --top table to FILE instead of standard error", cxxopts::value<std::string>()->default_value(""), "FILE")
        ("min-delta", "hide stacks that changed by less than PCT% of the larger total", cxxopts::value<double>()->default_value("0"), "PCT")
        ("o,output", "write the diff to FILE (atomically; gzip if it ends in .gz)", cxxopts::value<std::string>()->default_value("-"), "FILE");
    auto args = flamekit::cli::parse_args(spec, argc, argv, "the two profiles");
    if (!args) return 0;
    flamekit::diff::run_diff(to_options(*args));
    return 0;
  });
}
