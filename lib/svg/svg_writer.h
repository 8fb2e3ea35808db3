// svg_writer.h: writes the laid-out frames as one self-contained SVG, streamed frame by frame.
//
// What a person sees is flamegraph.pl's picture, number for number (positions, labels cut to
// int(width / (fontsize * fontwidth)) characters ending in "..", tooltips "name (N samples, P%)", the
// colours of palette.h). How it is wired is docs/svg-dom.md: classes instead of ids, layout constants in
// data-fk-* attributes on the root, per-frame exact counts in data-fk-s / data-fk-x, and the script of
// script.h as the last child. Every text from the input is sanitized and escaped (text_format.h).
#pragma once

#include <string>

#include "io/output_file.h"
#include "svg/flame_tree.h"
#include "svg/layout.h"
#include "svg/name_attr.h"
#include "svg/options.h"
#include "svg/palette.h"

namespace flamekit::svg {

// What the writer needs beyond the options and the frames.
struct Picture {
  double timemax = 0;    // the 100% basis: --total, or the sum of the counts
  double max_delta = 1;  // largest |delta| of the differential lines, at least 1
  std::string title;     // resolved title text
  std::string bg_top, bg_bottom;
};

void write_svg(const FlameTree& tree, const Layout& layout, const Options& options, const Picture& picture,
               Colors* colors, const NameAttrs* attrs, io::OutputFile* out);

// flamegraph.pl's picture for an input without counts ("ERROR: No valid input provided ...").
void write_no_input_svg(const Options& options, io::OutputFile* out);

}  // namespace flamekit::svg
