// flame_svg.cc: the flame-svg pipeline and flamegraph.pl's warnings and exit status.
#include "svg/flame_svg.h"

#include <cstdlib>
#include <memory>
#include <string>

#include "cli/tool_main.h"
#include "core/diagnostics.h"
#include "core/error.h"
#include "folded/folded_reader.h"
#include "io/output_file.h"
#include "svg/flame_tree.h"
#include "svg/folded_input.h"
#include "svg/json_writer.h"
#include "svg/layout.h"
#include "svg/name_attr.h"
#include "svg/palette.h"
#include "svg/svg_writer.h"
#include "svg/text_format.h"

namespace flamekit::svg {
namespace {

std::string title_of(const Options& o) {
  if (!o.title.empty()) return o.title;
  if (o.flamechart) return "Flame Chart";
  return o.inverted ? "Icicle Graph" : "Flame Graph";
}

// flamegraph.pl: --minwidth N is pixels, N% is a share of the total; both become a width in counts.
double minwidth_time(const Options& o, double timemax) {
  std::string m = o.minwidth;
  bool percent = !m.empty() && m.back() == '%';
  if (percent) m.pop_back();
  double value = std::strtod(m.c_str(), nullptr);
  if (percent) return timemax * value / 100;
  double width_per_time = (o.width - 2 * 10.0) / timemax;
  return value / width_per_time;
}

}  // namespace

int run_flame_svg(const Options& o) {
  o.validate();
  std::unique_ptr<NameAttrs> attrs;
  if (!o.nameattr.empty()) attrs = std::make_unique<NameAttrs>(NameAttrs::read(o.nameattr));

  FlameTree tree(o.flamechart);
  InputStats stats;
  Diagnostics diag(cli::tool_name(), false);
  read_folded_inputs(o.inputs, InputRules{o.reverse, o.colors == "chain"}, &tree, &stats, &diag);
  double time = tree.node(tree.root()).total;

  // flamegraph.pl's warnings, in its order and with its words.
  if (o.countname == "samples" && time < 100) {
    diag.warning("stack count is low (" + perl_number(time) + "). Did something go wrong?");
  }
  if (int64_t ignored = diag.count(folded::kInvalidFormat); ignored > 0) {
    Error::Position first = diag.first(folded::kInvalidFormat);
    diag.warning("ignored " + std::to_string(ignored) + " lines with invalid format (first at " + first.file + ":" +
                 std::to_string(first.line) + ")");
  }
  io::OutputFile out(o.output, {.gzip = io::OutputFile::wants_gzip(o.output)});
  if (time == 0) {
    diag.note("ERROR: No stack counts found");
    if (o.format == "json") {
      out.write("{\"name\":\"all\",\"value\":0,\"children\":[]}\n");
    } else {
      write_no_input_svg(o, &out);
    }
    out.commit();
    return 2;  // flamegraph.pl's status for this case
  }

  Picture picture;
  picture.timemax = time;
  if (!o.total.empty()) {
    double total = std::strtod(o.total.c_str(), nullptr);
    if (total > 0 && total < time) {
      if (total / time > 0.02) {
        diag.warning("specified --total " + o.total + " is less than actual total " + perl_number(time) + ", so ignored");
      }
    } else if (total > 0) {
      picture.timemax = total;
    }
  }
  picture.max_delta = stats.max_delta;
  picture.title = title_of(o);
  background_colors(o.colors, o.bgcolors, &picture.bg_top, &picture.bg_bottom);

  LayoutParams params;
  params.minwidth_time = minwidth_time(o, picture.timemax);
  params.can_skip = stats.integral && !stats.zero && (stats.differential == 0 || stats.plain == 0);
  params.all_differential = stats.plain == 0;
  Layout layout = lay_out(tree, params);

  Colors colors(o.colors, o.hash ? Colors::Mode::kHash : o.random ? Colors::Mode::kRandom : Colors::Mode::kDefault);
  if (o.cp) {
    colors.use_map();
    colors.read_map(o.palfile);
  }
  if (o.format == "json") {
    write_json(tree, layout, picture.timemax, &out);
  } else {
    write_svg(tree, layout, o, picture, &colors, attrs.get(), &out);
  }
  out.commit();
  if (o.cp && o.format == "svg") colors.write_map(o.palfile);
  return 0;
}

}  // namespace flamekit::svg
