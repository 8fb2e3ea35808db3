// demangle_filter.h: flame-demangle's work. Copies text line by line, replacing every mangled C++ or Rust
// symbol by what `c++filt -n` prints for it (cxxfilt_tokenizer.h cuts the line, symbol_demangler.h demangles
// each distinct token once), then optionally shortens names (name_transforms.h).
//
// With no_params a token is demangled as `perf script` demangles it (DemangleStyle::kPerf), and a name that
// was demangled before is rewritten by strip_params into the same name, so `perf script --no-demangle |
// flame-demangle --no-params` prints what `perf script` prints.
//
// A folded line ("frame;frame;frame count", or with two counts as flame-diff writes; folded/folded_line.h,
// dialect kCxxfilt) keeps its trailing count(s) byte for byte; the shortening options act on each of its
// frames (the text between ';'), so they
// also shorten names that were demangled before. On any other line they act on each name this tool
// demangled. A ';' inside a demangled name is written as ':'.
//
// Speed: folded stacks repeat the same frames over and over, so the result for a whole frame is cached too:
// a repeated frame costs one hash lookup and one copy, however many tokens it holds. (A token never spans a
// ';', so demangling frame by frame cuts the same tokens as c++filt does on the whole line.) And since folded
// input is usually sorted, a line mostly starts with the frames of the line before: the output for the
// frames it shares with that line is copied from that line's output without any lookup.
//
//   DemangleOptions options;
//   options.no_params = true;
//   run_demangle({"stacks.folded"}, options);   // to standard output
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"
#include "demangle/symbol_demangler.h"
#include "folded/folded_line.h"

namespace flamekit::demangle {

struct DemangleOptions {
  bool no_params = false;     // --no-params: perf's names (demangled as perf does, or strip_params)
  bool no_templates = false;  // --no-templates: collapse template argument lists to "<>"
  bool no_rust_hash = false;  // --no-rust-hash: drop Rust "::h<16 hex>" hashes and "[hex]" disambiguators
  std::string output = "-";   // -o FILE: output path, written atomically ("-" = standard output)
  int threads = 1;            // --threads N: demangle each regular uncompressed input file with N threads

  bool any_transform() const { return no_params || no_templates || no_rust_hash; }
};

// Demangles one line at a time; keeps the caches across lines.
class LineDemangler {
 public:
  explicit LineDemangler(const DemangleOptions& options)
      : options_(options), symbols_(options.no_params ? DemangleStyle::kPerf : DemangleStyle::kCxxfilt) {}

  // Appends the demangled `line` (without its '\n') to *out.
  void demangle_line(std::string_view line, std::string* out);
  // The same for a line that folded::FoldedReader (dialect kCxxfilt) returned, with its kind.
  void demangle(const folded::FoldedLine& line, folded::LineKind kind, std::string* out);

  const SymbolDemangler& symbols() const { return symbols_; }

 private:
  // The output for one frame of a folded line (cached).
  std::string_view frame(std::string_view text);
  // Appends c++filt -n's output for `text` to *out; names it demangled are shortened when `shorten_names`.
  void demangle_text(std::string_view text, bool shorten_names, std::string* out);
  // The shortened form of `name` (cached).
  std::string_view shorten(std::string_view name);
  std::string_view keep(std::string_view bytes);

  DemangleOptions options_;
  SymbolDemangler symbols_;
  std::pmr::monotonic_buffer_resource arena_{1 << 16};
  absl::flat_hash_map<std::string_view, std::string_view, StringHash> frames_;
  absl::flat_hash_map<std::string_view, std::string_view, StringHash> shortened_;
  std::string scratch_;
  // The stack part of the previous folded line, its output, and for each of its ';' the position in both.
  std::string previous_in_;
  std::string previous_out_;
  std::vector<std::pair<uint32_t, uint32_t>> previous_semis_;
};

// Demangles every input ("-" = standard input, gzip read transparently) in order into options.output; a
// regular uncompressed file goes through demangle_mapped() (parallel_demangle.h) when options.threads > 1.
// Throws Error::usage if options.threads is outside [1, 256].
void run_demangle(const std::vector<std::string>& inputs, const DemangleOptions& options);

}  // namespace flamekit::demangle
