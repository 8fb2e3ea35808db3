// json_writer.h: --format json: the frames flame-svg would draw, as the nested tree d3-flame-graph and
// similar viewers read:
//   {"name":"all","value":22,"children":[{"name":"main","value":22,"children":[...]}]}
// Frames pruned by --minwidth are left out (--minwidth 0 keeps them all); names are the full frame names
// (annotations such as _[k] kept), made valid UTF-8; differential frames carry "delta".
#pragma once

#include "io/output_file.h"
#include "svg/flame_tree.h"
#include "svg/layout.h"

namespace flamekit::svg {

// `timemax` is the root's value (--total, or the sum of the counts).
void write_json(const FlameTree& tree, const Layout& layout, double timemax, io::OutputFile* out);

}  // namespace flamekit::svg
