// text_format.cc: UTF-8 sanitizing, XML/JSON escaping and Perl-compatible number formatting.
#include "svg/text_format.h"

#include <charconv>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "folded/count_format.h"

namespace flamekit::svg {
namespace {

// Decodes one code point at s[i] following Unicode's table of well-formed sequences (3-7). Returns the
// number of bytes consumed; *cp is the code point, or -1 for a maximal invalid subpart.
size_t decode_one(std::string_view s, size_t i, int32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned c = b(i);
  if (c < 0x80) {
    *cp = static_cast<int32_t>(c);
    return 1;
  }
  size_t need;
  unsigned lo = 0x80, hi = 0xBF;
  int32_t v;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1, v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2, v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3, v = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *cp = -1;
    return 1;
  }
  size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    unsigned t = b(i + k);
    if (t < lo || t > hi) break;
    v = (v << 6) | static_cast<int32_t>(t & 0x3F);
    lo = 0x80, hi = 0xBF;
  }
  if (k <= need) {
    *cp = -1;
    return k;
  }
  *cp = v;
  return k;
}

void append_utf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Calls emit(std::string_view piece, bool is_ascii_char) over the sanitized text: runs of safe bytes are
// passed through as they are, unsafe characters as U+FFFD.
template <typename Emit>
void sanitize(std::string_view text, Emit&& emit) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {  // fast path: printable ASCII, one byte at a time for escaping
      emit(text.substr(i, 1), true);
      ++i;
      continue;
    }
    int32_t cp;
    size_t n = decode_one(text, i, &cp);
    if (cp < 0 || !xml_safe(static_cast<char32_t>(cp))) {
      emit(kReplacement, false);
    } else {
      emit(text.substr(i, n), n == 1);
    }
    i += n;
  }
}

}  // namespace

void decode_utf8(std::string_view bytes, std::vector<char32_t>* out, int32_t invalid) {
  out->clear();
  size_t i = 0;
  while (i < bytes.size()) {
    int32_t cp;
    size_t n = decode_one(bytes, i, &cp);
    if (cp >= 0) {
      out->push_back(static_cast<char32_t>(cp));
    } else if (invalid >= 0) {
      out->push_back(static_cast<char32_t>(invalid));
    } else {
      for (size_t k = 0; k < n; ++k) out->push_back(static_cast<unsigned char>(bytes[i + k]));
    }
    i += n;
  }
}

bool xml_safe(char32_t c) {
  if (c < 0x20) return c == '\t';
  if (c >= 0x7F && c <= 0x9F) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  return c != 0xFFFE && c != 0xFFFF;
}

void append_xml(std::string* out, std::string_view text) {
  sanitize(text, [&](std::string_view piece, bool ascii) {
    if (ascii) {
      switch (piece[0]) {
        case '&': out->append("&amp;"); return;
        case '<': out->append("&lt;"); return;
        case '>': out->append("&gt;"); return;
        case '"': out->append("&quot;"); return;
        case '\'': out->append("&#39;"); return;
        default: break;
      }
    }
    out->append(piece);
  });
}

void append_sanitized(std::string* out, std::string_view text) {
  sanitize(text, [&](std::string_view piece, bool) { out->append(piece); });
}

void append_json(std::string* out, std::string_view text) {
  sanitize(text, [&](std::string_view piece, bool ascii) {
    if (ascii && (piece[0] == '"' || piece[0] == '\\')) out->push_back('\\');
    if (ascii && piece[0] == '\t') {
      out->append("\\t");
      return;
    }
    out->append(piece);
  });
}

std::string fit_label(std::string_view name, int64_t chars) {
  std::string out;
  if (chars < 3) return out;
  std::vector<char32_t> cps;
  decode_utf8(name, &cps);
  if (static_cast<int64_t>(cps.size()) <= chars) {
    append_sanitized(&out, name);
    return out;
  }
  for (int64_t k = 0; k < chars - 2; ++k) {
    char32_t c = cps[static_cast<size_t>(k)];
    append_utf8(&out, xml_safe(c) ? c : 0xFFFD);
  }
  out.append("..");
  return out;
}

std::string perl_number(double v) {
  std::string out;
  folded::append_count(&out, v);
  return out;
}

double perl_roundtrip(double v) {
  if (v == std::trunc(v) && std::fabs(v) < 1e15) return v;
  return std::strtod(perl_number(v).c_str(), nullptr);
}

// std::to_chars prints what printf("%.*f") prints (C++17 [charconv.to.chars]), several times faster: an
// SVG has tens of thousands of these numbers.
std::string fixed(double v, int digits) {
  char buf[512];
  auto [end, error] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
  if (error != std::errc()) return perl_number(v);
  return std::string(buf, end);
}

std::string commify(std::string_view digits) {
  size_t start = (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) ? 1 : 0;
  size_t end = start;
  while (end < digits.size() && digits[end] >= '0' && digits[end] <= '9') ++end;
  std::string out(digits.substr(0, start));
  size_t n = end - start;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[start + i]);
    size_t left = n - 1 - i;
    if (left > 0 && left % 3 == 0) out.push_back(',');
  }
  out.append(digits.substr(end));
  return out;
}

std::string_view strip_annotation(std::string_view name) {
  if (name.size() >= 4 && name.substr(name.size() - 4, 2) == "_[" && name.back() == ']') {
    char k = name[name.size() - 2];
    if (k == 'k' || k == 'w' || k == 'i' || k == 'j') return name.substr(0, name.size() - 4);
  }
  return name;
}

}  // namespace flamekit::svg
