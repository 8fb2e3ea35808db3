// flame-svg: folded stacks in, one interactive flame graph SVG out; a drop-in for flamegraph.pl.
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/tool_main.h"
#include "cxxopts.hpp"
#include "svg/flame_svg.h"

namespace {

flamekit::svg::Options to_options(const cxxopts::ParseResult& a) {
  flamekit::svg::Options o;
  auto str = [&](const char* name, std::string* field) { if (a.count(name)) *field = a[name].as<std::string>(); };
  auto flag = [&](const char* name, bool* field) { *field = a[name].as<bool>(); };
  str("title", &o.title), str("subtitle", &o.subtitle), str("minwidth", &o.minwidth), str("fonttype", &o.fonttype);
  str("countname", &o.countname), str("nametype", &o.nametype), str("colors", &o.colors), str("color", &o.colors);
  str("bgcolors", &o.bgcolors), str("palfile", &o.palfile), str("notes", &o.notes), str("encoding", &o.encoding);
  str("nameattr", &o.nameattr), str("total", &o.total), str("format", &o.format), str("output", &o.output);
  if (a.count("width")) o.width = a["width"].as<int>();
  if (a.count("height")) o.height = a["height"].as<int>();
  if (a.count("fontsize")) o.fontsize = a["fontsize"].as<double>();
  if (a.count("fontwidth")) o.fontwidth = a["fontwidth"].as<double>();
  if (a.count("factor")) o.factor = a["factor"].as<double>();
  flag("hash", &o.hash), flag("random", &o.random), flag("cp", &o.cp), flag("reverse", &o.reverse);
  flag("inverted", &o.inverted), flag("flamechart", &o.flamechart), flag("negate", &o.negate);
  if (a.count("files")) o.inputs = flamekit::cli::input_files(a);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  return flamekit::cli::run_tool("flame-svg", [&] {
    cxxopts::Options spec("flame-svg", "Render folded stacks as an interactive flame graph SVG (flamegraph.pl compatible).");
    spec.custom_help("[OPTIONS]").positional_help("[FILE...]");
    auto s = [] { return cxxopts::value<std::string>(); };
    spec.add_options()
        ("title", "title text (default \"Flame Graph\")", s(), "TEXT")
        ("subtitle", "second level title", s(), "TEXT")
        ("width", "image width in pixels (default 1200)", cxxopts::value<int>(), "N")
        ("height", "frame height in pixels (default 16)", cxxopts::value<int>(), "N")
        ("minwidth", "omit frames narrower than N pixels, or N% of the total (default 0.1)", s(), "N[%]")
        ("fonttype", "font family (default Verdana)", s(), "FONT")
        ("fontsize", "font size (default 12)", cxxopts::value<double>(), "N")
        ("fontwidth", "average glyph width relative to the font size (default 0.59)", cxxopts::value<double>(), "N")
        ("countname", "count type label (default \"samples\")", s(), "TEXT")
        ("nametype", "name type label (default \"Function:\")", s(), "TEXT")
        ("colors", "palette: hot (default), mem, io, wakeup, chain, java, js, perl, red, green, blue, aqua, yellow, purple, orange", s(), "PALETTE")
        ("color", "same as --colors", s(), "PALETTE")
        ("bgcolors", "background: yellow, blue, green, grey, or #rrggbb (default from the palette)", s(), "COLOR")
        ("hash", "colours keyed by a hash of the function name")
        ("random", "random colours")
        ("cp", "consistent palette: read and rewrite the palette map (see --palfile)")
        ("palfile", "palette map file for --cp (default palette.map)", s(), "FILE")
        ("reverse", "reverse each stack before merging")
        ("inverted", "icicle graph (root at the top)")
        ("flamechart", "flame chart: keep input order, do not sort and merge")
        ("negate", "swap differential hues (blue<->red)")
        ("notes", "notes comment in the SVG", s(), "TEXT")
        ("encoding", "encoding name for the XML declaration", s(), "NAME")
        ("nameattr", "per-function attributes file (NAME<TAB>KEY=VALUE...)", s(), "FILE")
        ("total", "total count for 100% (default the sum of the counts)", s(), "N")
        ("factor", "multiply the counts shown in tooltips by F (default 1)", cxxopts::value<double>(), "F")
        ("format", "output format: svg (default) or json (d3-flame-graph tree)", s(), "FORMAT")
        ("o,output", "write to FILE (atomically; gzip if it ends in .svgz or .gz)", s(), "FILE");
    auto args = flamekit::cli::parse_args(spec, argc, argv);
    if (!args) return 0;
    return flamekit::svg::run_flame_svg(to_options(*args));
  });
}
