// flame_svg.h: the flame-svg program: folded stacks in, one interactive SVG (or JSON tree) out.
//
//   Options o;
//   o.inputs = {"out.folded"};
//   o.output = "graph.svg";
//   int status = run_flame_svg(o);   // 0, or 2 for an input without counts (flamegraph.pl's status)
//
// Steps: read every input into a FlameTree (folded_input.h), lay it out in flamegraph.pl's order with
// --minwidth pruning (layout.h), then stream the SVG (svg_writer.h) or JSON (json_writer.h) through an
// atomic OutputFile; with --cp, rewrite the palette map last.
#pragma once

#include "svg/options.h"

namespace flamekit::svg {

// Throws Error for bad options (usage) and unreadable input or unwritable output.
int run_flame_svg(const Options& options);

}  // namespace flamekit::svg
