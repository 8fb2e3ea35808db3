// module_locator.h: where the files of a recorded module are, in perf's order (perfdata.md §4.3, §4.4).
// The runtime image (program headers, .dynsym) is the recorded path (under --symfs), else perf's build-id
// cache ~/.debug/.build-id/xx/rest/elf, else the base name in each search directory. The symbol and DWARF
// files are tried in this order, the first with .symtab giving the symbols and the first with DWARF the
// inline chains and lines:
//   1. the .gnu_debuglink name in the binary's directory, its .debug/ and /usr/lib/debug/<dir>/
//   2. ~/.debug/.build-id/xx/rest/debug (perf's cache of a -dbg file)
//   3. /usr/lib/debug/<path>.debug, then /usr/lib/debug/<path>
//   4. /usr/lib/debug/.build-id/xx/rest.debug
//   5. the runtime image itself
// Every candidate's build id must equal the module's (the recorded one, else the runtime image's); one
// that does not is skipped with a warning, as perf skips it.
//
//   ModuleLocator locate(options);
//   LocatedModule m = locate("/usr/bin/app", "");   // m.image: opened runtime ELF (or null); m.debug: the rest
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "elf/elf_image.h"

namespace flamekit::elf {

struct LocatorOptions {
  std::string symfs;                          // prefix of recorded paths (perf --symfs); "" = none
  std::vector<std::string> search_path;       // directories tried for a binary by base name
  std::string debug_dir = "/usr/lib/debug";   // global debug directory ("" = none)
  std::string build_id_cache;                 // perf's cache, default $HOME/.debug ("" = none)
};

struct LocatedModule {
  std::unique_ptr<ElfImage> image;                 // the runtime image; null if none was found
  std::vector<std::unique_ptr<ElfImage>> debug;    // candidates 1-4 that exist and match, in order
  std::string build_id;                            // the recorded one, else the runtime image's
  std::vector<Error> problems;                     // why candidates were rejected, the image not found
};

class ModuleLocator {
 public:
  explicit ModuleLocator(LocatorOptions options);

  // Finds the files of the module recorded as `path`, with `build_id` (hex; "" if not recorded).
  LocatedModule locate(const std::string& path, const std::string& build_id) const;

  // perf's build-id cache directory (for the vdso and for tests).
  const std::string& build_id_cache() const { return options_.build_id_cache; }

 private:
  std::unique_ptr<ElfImage> runtime_image(const std::string& path, const std::string& build_id,
                                          std::vector<Error>* problems) const;

  LocatorOptions options_;
};

}  // namespace flamekit::elf
