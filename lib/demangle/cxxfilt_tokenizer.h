// cxxfilt_tokenizer.h: cuts text into the tokens binutils `c++filt` (2.40, cxxfilt.c) tries to demangle, so
// that flame-demangle changes exactly the bytes c++filt changes. Measured rules (../shared/docs/demangling.md,
// re-checked against `c++filt -n` on this machine):
//   - a token is a maximal run of ASCII letters, digits, '_', '$', '.' and NUL; every other byte (';', ' ',
//     '@', '+', '(', bytes >= 0x80, ...) is copied through as text;
//   - c++filt reads a run into a 32,767-byte buffer: after 32,766 bytes the run is cut, those bytes are one
//     token, the next byte of the run is copied through as text, and a new run starts after it.
// Example: "main;_ZN3foo3barEv.cold@plt+0x1f 3" gives tokens "main", "_ZN3foo3barEv.cold", "plt", "0x1f", "3"
// and the texts ";", "@", "+", " ".
#pragma once

#include <cstddef>
#include <string_view>

namespace flamekit::demangle {

// Bytes c++filt treats as part of a symbol: isalnum (C locale), '_', '$', '.', and NUL (cxxfilt.c tests
// `strchr("_$.", c)`, which also finds the terminating NUL).
inline bool is_symbol_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c == '.' || c == 0;
}

// The longest token c++filt hands to the demangler (its buffer is 32,767 bytes with a terminating NUL).
inline constexpr size_t kMaxTokenBytes = 32766;

// Calls on_text(view) for each run of copied-through bytes and on_token(view) for each token, in order, so
// that concatenating every view gives `text` back. Views point into `text`.
template <typename OnText, typename OnToken>
void for_each_token(std::string_view text, OnText&& on_text, OnToken&& on_token) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    size_t start = i;
    while (i < n && !is_symbol_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) on_text(text.substr(start, i - start));
    start = i;
    while (i < n && is_symbol_byte(static_cast<unsigned char>(text[i]))) {
      if (i - start == kMaxTokenBytes) {
        // The buffer is full: c++filt demangles what it has and echoes this byte unchanged.
        on_token(text.substr(start, i - start));
        on_text(text.substr(i, 1));
        start = ++i;
        continue;
      }
      ++i;
    }
    if (i > start) on_token(text.substr(start, i - start));
  }
}

}  // namespace flamekit::demangle
