// demangle_filter.cc: the line loop of flame-demangle: tokens through the symbol cache, counts untouched,
// frames through the shortening cache, output through one buffered (and, for -o, atomic) file.
#include "demangle/demangle_filter.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/error.h"
#include "demangle/cxxfilt_tokenizer.h"
#include "demangle/name_transforms.h"
#include "demangle/parallel_demangle.h"
#include "folded/folded_reader.h"
#include "io/format_sniff.h"
#include "io/line_reader.h"
#include "io/mapped_file.h"
#include "io/output_file.h"

namespace flamekit::demangle {
namespace {

// Length of the common prefix of a and b, 8 bytes at a time.
size_t common_prefix(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return i + static_cast<size_t>(__builtin_ctzll(x ^ y)) / 8;  // little-endian
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

std::string_view LineDemangler::keep(std::string_view bytes) {
  char* copy = static_cast<char*>(arena_.allocate(bytes.size() ? bytes.size() : 1, 1));
  std::memcpy(copy, bytes.data(), bytes.size());
  return {copy, bytes.size()};
}

std::string_view LineDemangler::shorten(std::string_view name) {
  auto it = shortened_.find(name);
  if (it != shortened_.end()) return it->second;
  std::string a(name), b;
  if (options_.no_rust_hash) {
    strip_rust_hash(a, &b);
    a.swap(b);
  }
  // Parameters before templates: strip_params knows libiberty's full spellings, not "std::basic_ostream<>".
  if (options_.no_params) {
    b.clear();
    strip_params(a, &b);
    a.swap(b);
  }
  if (options_.no_templates) {
    b.clear();
    collapse_templates(a, &b);
    a.swap(b);
  }
  std::string_view key = keep(name);
  std::string_view value = a == name ? key : keep(a);
  shortened_.emplace(key, value);
  return value;
}

void LineDemangler::demangle_text(std::string_view text, bool shorten_names, std::string* out) {
  auto on_token = [&](std::string_view token) {
    std::string_view name = symbols_.demangle(token);
    if (shorten_names && name != token) name = shorten(name);
    out->append(name);
  };
  // Only a token holding '_' can demangle (SymbolDemangler::demangle), so unless a NUL byte or a run too
  // long for c++filt's buffer changes the cutting, go from '_' to '_' and copy the bytes between: perf
  // script text is mostly addresses, offsets and paths.
  if (text.size() <= kMaxTokenBytes && std::memchr(text.data(), 0, text.size()) == nullptr) {
    size_t written = 0;  // text[0, written) is in *out
    for (;;) {
      const void* underscore = std::memchr(text.data() + written, '_', text.size() - written);
      if (underscore == nullptr) break;
      size_t at = static_cast<size_t>(static_cast<const char*>(underscore) - text.data());
      size_t begin = at, end = at + 1;
      while (begin > written && is_symbol_byte(static_cast<unsigned char>(text[begin - 1]))) --begin;
      while (end < text.size() && is_symbol_byte(static_cast<unsigned char>(text[end]))) ++end;
      out->append(text.substr(written, begin - written));
      on_token(text.substr(begin, end - begin));
      written = end;
    }
    out->append(text.substr(written));
    return;
  }
  for_each_token(
      text, [&](std::string_view bytes) { out->append(bytes); }, on_token);
}

std::string_view LineDemangler::frame(std::string_view text) {
  auto it = frames_.find(text);
  if (it != frames_.end()) return it->second;
  scratch_.clear();
  demangle_text(text, false, &scratch_);
  std::string_view result = scratch_;
  if (options_.any_transform()) result = shorten(result);
  std::string_view key = keep(text);
  std::string_view value = result == text ? key : keep(result);
  frames_.emplace(key, value);
  return value;
}

void LineDemangler::demangle_line(std::string_view line, std::string* out) {
  folded::FoldedLine parsed;
  demangle(parsed, folded::parse_folded_line(folded::Dialect::kCxxfilt, line, &parsed), out);
}

void LineDemangler::demangle(const folded::FoldedLine& line, folded::LineKind kind, std::string* out) {
  if (kind != folded::LineKind::kStack) {  // not a folded line: any text
    demangle_text(line.text, options_.any_transform(), out);
    return;
  }
  const std::string_view stack = line.stack;
  const size_t begin = out->size();
  // Frames up to the last ';' shared with the previous line come out as they did there.
  size_t shared = common_prefix(stack, previous_in_);
  size_t start = 0;
  size_t kept = 0;
  while (kept < previous_semis_.size() && previous_semis_[kept].first < shared) ++kept;
  if (kept > 0) {
    start = previous_semis_[kept - 1].first + 1;
    out->append(previous_out_, 0, previous_semis_[kept - 1].second + 1);
  }
  previous_semis_.resize(kept);
  for (;;) {
    size_t semi = stack.find(';', start);
    if (semi == std::string_view::npos) {
      out->append(frame(stack.substr(start)));
      break;
    }
    out->append(frame(stack.substr(start, semi - start)));
    previous_semis_.emplace_back(static_cast<uint32_t>(semi), static_cast<uint32_t>(out->size() - begin));
    out->push_back(';');
    start = semi + 1;
  }
  previous_in_.assign(stack);
  previous_out_.assign(*out, begin);
  out->append(line.text.substr(stack.size()));
}

void run_demangle(const std::vector<std::string>& inputs, const DemangleOptions& options) {
  if (options.threads < 1 || options.threads > 256) throw Error::usage("--threads must be between 1 and 256");
  io::OutputFile out(options.output, {.gzip = io::OutputFile::wants_gzip(options.output)});
  LineDemangler demangler(options);
  std::string buffer;
  for (const std::string& input : inputs) {
    if (options.threads > 1) {
      io::MappedFile file(input);
      if (file.ok()) {
        io::check_input_format(file.bytes(), io::Reader::kDemangle, input);
        demangle_mapped(input, file, options, options.threads, &out);
        continue;
      }
    }
    io::LineReader reader(input);
    io::check_input_format(reader.peek(io::kSniffBytes), io::Reader::kDemangle, input);
    folded::FoldedReader lines(folded::Dialect::kCxxfilt, &reader, nullptr);
    folded::FoldedLine line;
    while (lines.next(&line)) {
      buffer.clear();
      demangler.demangle(line, lines.kind(), &buffer);
      if (reader.last_line_had_newline()) buffer.push_back('\n');
      out.write(buffer);
    }
  }
  out.commit();
}

}  // namespace flamekit::demangle
