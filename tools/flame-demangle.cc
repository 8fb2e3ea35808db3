// flame-demangle: demangles C++ and Rust symbols in folded stacks or any text, as `c++filt -n` does.
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/tool_main.h"
#include "core/error.h"
#include "cxxopts.hpp"
#include "demangle/demangle_filter.h"

namespace {

flamekit::demangle::DemangleOptions to_options(const cxxopts::ParseResult& args) {
  flamekit::demangle::DemangleOptions options;
  options.no_params = args["no-params"].as<bool>();
  options.no_templates = args["no-templates"].as<bool>();
  options.no_rust_hash = args["no-rust-hash"].as<bool>();
  options.output = args["output"].as<std::string>();
  options.threads = args["threads"].as<int>();
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  return flamekit::cli::run_tool("flame-demangle", [&] {
    cxxopts::Options spec("flame-demangle", "Demangle C++ and Rust symbols in folded stacks or any text, as c++filt -n does.");
    spec.custom_help("[OPTIONS]").positional_help("[FILE...]");
    spec.add_options()
        ("no-params", "drop function parameter lists and the qualifiers after them")
        ("no-templates", "collapse template argument lists to <>")
        ("no-rust-hash", "drop Rust ::h<hash> suffixes and [hash] crate disambiguators")
        ("threads", "demangle an input file with N threads (same output)", cxxopts::value<int>()->default_value("1"), "N")
        ("o,output", "write to FILE (atomically; gzip if it ends in .gz)", cxxopts::value<std::string>()->default_value("-"), "FILE");
    auto args = flamekit::cli::parse_args(spec, argc, argv);
    if (!args) return 0;
    flamekit::demangle::run_demangle(flamekit::cli::input_files(*args), to_options(*args));
    return 0;
  });
}
