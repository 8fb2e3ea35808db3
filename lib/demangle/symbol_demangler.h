// symbol_demangler.h: demangles one c++filt token exactly as `c++filt -n` prints it, or as `perf script`
// prints the same symbol, with a cache so that a frame repeated a million times costs one hash lookup and
// one libiberty call in total.
//
// DemangleStyle::kCxxfilt calls libiberty's cplus_demangle(sym, DMGL_PARAMS | DMGL_ANSI | DMGL_VERBOSE), the
// call c++filt makes (binutils 2.40 cxxfilt.c demangle_it): in the default "auto" style that tries Rust (v0
// "_R..." and legacy "_ZN...17h<hash>E") first, then the Itanium C++ ABI ("_Z...", "_GLOBAL__sub_I_..."),
// clone suffixes such as ".cold" and ".constprop.0" included. Like c++filt:
//   - a leading '.' or '$' is skipped before demangling, and a skipped '.' is printed back in front;
//   - with -n no leading underscore is stripped;
//   - a token that does not demangle is printed unchanged;
//   - a token holding a NUL byte is handled as the C string before it (the rest of the token is dropped).
//
// DemangleStyle::kPerf calls cplus_demangle(sym, DMGL_NO_OPTS), as perf 6.1 does when it reads a symbol
// table without -v (tools/perf/util/symbol-elf.c demangle_sym; Debian's perf is built without libbfd, so
// bfd_demangle is cplus_demangle). Without DMGL_PARAMS libiberty prints no return type, parameter list,
// qualifiers or clone suffix for the function itself, and accepts a symbol with trailing bytes it does not
// parse; without DMGL_VERBOSE it prints std::string, std::ostream, ... and no Rust hash or crate
// disambiguator. perf hands the symbol over as it is, so no '.' or '$' is skipped. The NUL rule above holds.
// (perf's fallbacks for OCaml and Java names, which C++ demangling rejects, are not reproduced.)
//
// One deliberate difference from both: a ';' in a demangled name (Rust v0 arrays print as "[u8; 4]")
// becomes ':', so a folded line keeps its frame separators.
//
//   SymbolDemangler d;
//   d.demangle("_ZN3foo3barEv.cold")  == "foo::bar() [clone .cold]"
//   d.demangle("main")                == "main"
//   SymbolDemangler p(DemangleStyle::kPerf);
//   p.demangle("_ZN3foo3barEv.cold")  == "foo::bar"
#pragma once

#include <cstring>
#include <memory_resource>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"

namespace flamekit::demangle {

// Whose output a SymbolDemangler reproduces (see the top of this file).
enum class DemangleStyle {
  kCxxfilt,  // c++filt -n
  kPerf,     // perf script without --no-demangle and without -v
};

class SymbolDemangler {
 public:
  explicit SymbolDemangler(DemangleStyle style = DemangleStyle::kCxxfilt) : style_(style) {}
  SymbolDemangler(const SymbolDemangler&) = delete;
  SymbolDemangler& operator=(const SymbolDemangler&) = delete;

  // What c++filt -n (or perf) prints for `token` (one run of symbol bytes, see cxxfilt_tokenizer.h). The view
  // lives as long as the demangler (or as `token`, when the token is printed unchanged).
  std::string_view demangle(std::string_view token) {
    // libiberty demangles nothing that does not start with '_' once '.'/'$' is skipped: its Rust demangler
    // wants "_R" or "_ZN", its C++ one "_Z" or "_GLOBAL_". Such tokens skip the cache, unless they hold a
    // NUL byte (which c++filt treats as the end of the token).
    size_t skip = style_ == DemangleStyle::kCxxfilt && !token.empty() && (token[0] == '.' || token[0] == '$');
    if ((token.size() <= skip + 1 || token[skip] != '_') &&
        std::memchr(token.data(), 0, token.size()) == nullptr) {
      return token;
    }
    auto it = cache_.find(token);
    if (it != cache_.end()) return it->second;
    return add(token);
  }

  // Number of distinct tokens demangled so far (the libiberty calls made).
  size_t distinct() const { return cache_.size(); }

 private:
  std::string_view add(std::string_view token);
  std::string_view keep(std::string_view bytes);

  DemangleStyle style_;
  std::pmr::monotonic_buffer_resource arena_{1 << 16};
  absl::flat_hash_map<std::string_view, std::string_view, StringHash> cache_;
};

// The uncached demangling of one token, for tests: c++filt -n's (or perf's) output for it, ';' rewritten
// to ':'.
std::string demangle_token(std::string_view token, DemangleStyle style = DemangleStyle::kCxxfilt);

}  // namespace flamekit::demangle
