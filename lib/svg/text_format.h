// text_format.h: the text flame-svg puts into an SVG, formatted as flamegraph.pl formats it (Perl number
// stringification, %.0f / %.1f / %.2f, thousands separators) and made safe for XML whatever the input bytes:
//   - invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart (as Python's errors="replace");
//   - control characters (C0 but TAB, DEL, C1) and the non-characters U+FFFE / U+FFFF become U+FFFD;
//   - & < > " ' are escaped, so a name can never open an element or close an attribute.
// Lengths and truncation count code points, so a label is never cut inside a character.
//
//   std::string out;
//   append_xml(&out, "a<b");            // "a&lt;b"
//   perl_number(22.5) == "22.5"; perl_number(437.0) == "437"
//   commify("1234567") == "1,234,567"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flamekit::svg {

// Decodes `bytes` as UTF-8 into code points; each maximal invalid subpart yields `invalid` (a
// replacement, or the raw byte value when invalid == -1, which is how the name hashes see it).
void decode_utf8(std::string_view bytes, std::vector<char32_t>* out, int32_t invalid = 0xFFFD);

// True if `c` is kept as it is in XML text (not a control character or non-character).
bool xml_safe(char32_t c);

// Appends `text` sanitized (see the top comment) and XML-escaped.
void append_xml(std::string* out, std::string_view text);
// Appends `text` sanitized (valid UTF-8, no control characters) but not escaped.
void append_sanitized(std::string* out, std::string_view text);
// Appends `text` as the inside of a JSON string (sanitized, then \" \\ and control escapes).
void append_json(std::string* out, std::string_view text);

// The label flamegraph.pl draws for `name` in a box of `chars` characters: "" below 3, the whole name if
// it fits, else its first chars-2 code points and "..". Sanitized, not escaped.
std::string fit_label(std::string_view name, int64_t chars);

// Perl's stringification of a number: integers as integers, others as "%.15g".
std::string perl_number(double v);
// perl_number() parsed back: the value Perl gets when it reads its own stringified number.
double perl_roundtrip(double v);
// sprintf("%.<digits>f", v).
std::string fixed(double v, int digits);
// "1234567" -> "1,234,567" (Perl's perlfaq5 commify on an integer string).
std::string commify(std::string_view digits);

// flamegraph.pl's annotation suffixes _[k] _[w] _[i] _[j]: the name without one at its end.
std::string_view strip_annotation(std::string_view name);

}  // namespace flamekit::svg
