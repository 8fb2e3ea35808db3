// args.h: the command-line conventions every filter shares, so each tools/flame-*.cc only declares its own
// options: -h/--help, --version ("flamekit 0.1"), and the positional FILE... list ("-" or none = stdin).
//
//   cxxopts::Options spec("flame-x", "what it does");
//   spec.add_options()("pid", "...");
//   auto args = cli::parse_args(spec, argc, argv);
//   if (!args) return 0;                       // --help or --version was printed
//   run_x(cli::input_files(*args), to_options(*args));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cxxopts.hpp"

namespace flamekit::cli {

inline constexpr const char* kVersion = "flamekit 0.1";

// Adds --help, --version and the positional "files" option to `spec`, parses argv, and prints help or version
// if asked (then returns nullopt). The help leaves out cxxopts' "(default: X)" where the description says
// its default already, and where the default is "" (which means "not given"). Throws cxxopts exceptions on
// bad usage (run_tool turns them into exit 2).
std::optional<cxxopts::ParseResult> parse_args(cxxopts::Options& spec, int argc, char** argv,
                                               const char* files_help = "input files");

// The positional files, or {"-"} (standard input) when none were given.
std::vector<std::string> input_files(const cxxopts::ParseResult& args);

}  // namespace flamekit::cli
