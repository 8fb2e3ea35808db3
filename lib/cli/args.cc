// args.cc: shared --help/--version/FILE handling.
#include "cli/args.h"

#include <cstdio>

#include "core/error.h"

namespace flamekit::cli {

std::optional<cxxopts::ParseResult> parse_args(cxxopts::Options& spec, int argc, char** argv,
                                               const char* files_help) {
  spec.add_options()
      ("h,help", "print this help")
      ("version", "print the version")
      ("files", files_help, cxxopts::value<std::vector<std::string>>());
  spec.parse_positional({"files"});
  auto args = spec.parse(argc, argv);
  const char* text = nullptr;
  std::string help;
  if (args.count("help")) {
    help = spec.help();
    text = help.c_str();
  } else if (args.count("version")) {
    text = kVersion;
  }
  if (text == nullptr) return args;
  if (std::fputs(text, stdout) < 0 || (text == kVersion && std::fputc('\n', stdout) < 0) || std::fflush(stdout) != 0) {
    throw system_error("<stdout>", "write failed");
  }
  return std::nullopt;
}

std::vector<std::string> input_files(const cxxopts::ParseResult& args) {
  if (!args.count("files")) return {"-"};
  return args["files"].as<std::vector<std::string>>();
}

}  // namespace flamekit::cli
