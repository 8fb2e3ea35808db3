// flame-pprof: gperftools CPU and heap profiles, pprof protobuf and pprof's text outputs -> folded stacks.
#include <algorithm>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/tool_main.h"
#include "cxxopts.hpp"
#include "pprof/convert.h"

namespace {

// "a,,b" -> {"a", "b"}, as pprof splits -tagroot.
std::vector<std::string> split_keys(const std::string& list) {
  std::vector<std::string> keys;
  for (size_t at = 0; at <= list.size();) {
    size_t comma = std::min(list.find(',', at), list.size());
    if (comma > at) keys.push_back(list.substr(at, comma - at));
    at = comma + 1;
  }
  return keys;
}

flamekit::pprof::PprofOptions to_options(const cxxopts::ParseResult& args) {
  flamekit::pprof::PprofOptions options;
  options.input_format = args["input-format"].as<std::string>();
  options.sample_index = args["sample-index"].as<std::string>();
  options.tag_root = split_keys(args["tag-root"].as<std::string>());
  options.no_inline = args["no-inline"].as<bool>();
  options.mangled = args["mangled"].as<bool>();
  options.no_symbolize = args["no-symbolize"].as<bool>();
  options.binary = args["binary"].as<std::string>();
  options.search_path = args["search-path"].as<std::string>();
  options.verbose = args["verbose"].as<bool>();
  options.output = args["output"].as<std::string>();
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  return flamekit::cli::run_tool("flame-pprof", [&] {
    cxxopts::Options spec("flame-pprof", "Convert gperftools and pprof profiles into folded stacks.");
    spec.custom_help("[OPTIONS]").positional_help("[PROFILE...]");
    spec.add_options()
        ("input-format", "auto, proto, cpu, heap, raw or traces (default: detected)", cxxopts::value<std::string>()->default_value("auto"), "FORMAT")
        ("sample-index", "the sample type to count, by name or index (default: the profile's)", cxxopts::value<std::string>()->default_value(""), "NAME|N")
        ("tag-root", "label values as root frames, first key at the root", cxxopts::value<std::string>()->default_value(""), "KEY[,KEY]")
        ("no-inline", "fold inlined functions into the function they were inlined into")
        ("mangled", "keep names mangled (the binaries' symbols, the profile's system names)")
        ("no-symbolize", "do not read the binaries: unnamed frames stay module+0xoffset")
        ("binary", "the main executable (the profile's first mapping)", cxxopts::value<std::string>()->default_value(""), "PATH")
        ("search-path", "look for binaries in DIR first (then $PPROF_BINARY_PATH)", cxxopts::value<std::string>()->default_value(""), "DIR[:DIR]")
        ("v,verbose", "say what was read on standard error")
        ("o,output", "write to FILE (atomically; gzip if it ends in .gz)", cxxopts::value<std::string>()->default_value("-"), "FILE");
    auto args = flamekit::cli::parse_args(spec, argc, argv, "profiles");
    if (!args) return 0;
    return flamekit::pprof::run_pprof(flamekit::cli::input_files(*args), to_options(*args));
  });
}
