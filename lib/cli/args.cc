// args.cc: shared --help/--version/FILE handling.
#include "cli/args.h"

#include <cstdio>
#include <string>

#include "core/error.h"

namespace flamekit::cli {
namespace {

// cxxopts appends " (default: VALUE)" to an option's help, and ' (default: "")' for an empty default. Our
// tools use an empty default for "not given" and say in the description what happens then, and some say
// their default in the description already ("(default: the first event seen)"): for those the appended text
// is wrong or said twice, so it is turned off. group_help() hands out the details help() prints from; the
// Options object is ours and not const, so writing through the reference is defined.
void drop_redundant_defaults(cxxopts::Options& spec) {
  for (const std::string& group : spec.groups()) {
    for (auto& option : const_cast<cxxopts::HelpGroupDetails&>(spec.group_help(group)).options) {
      if (option.default_value.empty() || option.desc.find("(default") != std::string::npos) {
        option.has_default = false;
      }
    }
  }
}

}  // namespace

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
    drop_redundant_defaults(spec);
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
