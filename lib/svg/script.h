// script.h: the ECMAScript embedded at the end of every SVG that flame-svg writes (search, zoom, tooltips).
// The writer (lib/svg/) and the script agree only through docs/svg-dom.md; the script itself lives in
// lib/svg/script.cc.
#pragma once

#include <string_view>

namespace flamekit::svg {

// The script text, without <script> or CDATA wrapping; the view is static and lives forever.
// It never contains the sequence "]]>" so the writer can put it in a CDATA section.
std::string_view script_source();

}  // namespace flamekit::svg
