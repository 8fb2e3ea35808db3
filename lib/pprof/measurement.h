// measurement.h: numbers with units as pprof prints them (internal/measurement ScaledLabel): "20ms",
// "9.54MB", "1.50s", "3". flame-pprof prints label values in --tag-root frames this way, as pprof's
// -tagroot does, and reads them back from `go tool pprof -traces` text, which prints sample values so.
//
//   scaled_label(20000000, "nanoseconds") == "20ms"
//   parse_scaled_label("9.54MB", &v, &unit)  -> v = 9.54 * 2^20, unit = "bytes"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flamekit::pprof {

// `value` in `unit` ("bytes", "nanoseconds", "count", ...), scaled to the largest unit it is at least one of,
// with two decimals and a trailing ".00" dropped; units pprof does not know are left off.
std::string scaled_label(int64_t value, std::string_view unit);

// The inverse, as far as the printed digits allow: "20ms" -> 2e7 in "nanoseconds", "9.54MB" -> bytes,
// "3" -> 3 in "count". Returns false if `text` is not such a label.
bool parse_scaled_label(std::string_view text, double* value, std::string_view* base_unit);

}  // namespace flamekit::pprof
