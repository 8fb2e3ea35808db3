// pprof_options.h: what flame-pprof's command line sets, one field per flag (tools/flame-pprof.cc fills it).
#pragma once

#include <string>
#include <vector>

namespace flamekit::pprof {

struct PprofOptions {
  std::string input_format = "auto";  // --input-format: auto, proto, cpu, heap, raw, traces
  std::string sample_index;           // --sample-index NAME|N; "" = the profile's default
  std::vector<std::string> tag_root;  // --tag-root KEY[,KEY]: label values as root frames
  bool no_inline = false;             // --no-inline: fold inlined functions into their caller
  bool mangled = false;               // --mangled: system (mangled) names where the profile has them
  bool no_symbolize = false;          // --no-symbolize: do not read the binaries
  std::string binary;                 // --binary PATH: the main executable (the profile's first mapping)
  std::string search_path;            // --search-path DIR[:DIR]: where binaries are looked for first
  bool verbose = false;               // -v: what was read, on stderr
  std::string output = "-";           // -o FILE

  // Throws a usage Error on flags that contradict each other or name no known format.
  void validate() const;
};

}  // namespace flamekit::pprof
