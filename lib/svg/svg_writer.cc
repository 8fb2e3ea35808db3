// svg_writer.cc: the SVG document: header, controls, frames, script.
#include "svg/svg_writer.h"

#include <cmath>
#include <cstdlib>
#include <string_view>

#include "svg/script.h"
#include "svg/text_format.h"

namespace flamekit::svg {
namespace {

constexpr double kXPad = 10;     // flamegraph.pl's $xpad
constexpr double kFramePad = 1;  // $framepad

// The vertical layout of flamegraph.pl, from the font size.
struct Geometry {
  double ypad1, ypad2, ypad3, image_height;
};

Geometry geometry(const Options& o, uint32_t depth_max) {
  Geometry g;
  g.ypad1 = o.fontsize * 3;
  g.ypad2 = o.fontsize * 2 + 10;
  g.ypad3 = o.fontsize * 2;
  g.image_height = ((depth_max + 1.0) * o.height) + g.ypad1 + g.ypad2;
  if (!o.subtitle.empty()) g.image_height += g.ypad3;
  return g;
}

void attr(std::string* out, std::string_view name, std::string_view value) {
  out->push_back(' ');
  out->append(name);
  out->append("=\"");
  append_xml(out, value);
  out->push_back('"');
}

// A comment's text: no "--" inside and no '-' at the end.
void append_comment_text(std::string* out, std::string_view text) {
  std::string clean;
  append_sanitized(&clean, text);
  for (char c : clean) {
    if (c == '-' && !out->empty() && out->back() == '-') out->push_back(' ');
    out->push_back(c);
  }
  if (!out->empty() && out->back() == '-') out->push_back(' ');
}

void header(std::string* s, const Options& o, double height, bool data_attrs) {
  s->append("<?xml version=\"1.0\"");
  if (!o.encoding.empty()) attr(s, "encoding", o.encoding);
  s->append(" standalone=\"no\"?>\n");
  s->append("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n");
  std::string w = std::to_string(o.width), h = perl_number(height);
  s->append("<svg version=\"1.1\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
            "\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
  if (data_attrs) s->append("\n    ");
}

void text_element(std::string* s, std::string_view cls, double x, double y, std::string_view text,
                  std::string_view extra = {}) {
  s->append("<text");
  if (!cls.empty()) attr(s, "class", cls);
  s->append(" x=\"" + fixed(x, 2) + "\" y=\"" + perl_number(y) + "\"");
  s->append(extra);
  s->push_back('>');
  append_xml(s, text);
  s->append("</text>\n");
}

// The gradient id: named after its colours, so two graphs on one page that share it also agree on it.
std::string gradient_id(const Picture& p) {
  std::string id = "fk-bg-";
  for (char c : p.bg_top + "-" + p.bg_bottom) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (c != '#') id.push_back(ok ? c : '_');
  }
  return id;
}

class FrameWriter {
 public:
  FrameWriter(const FlameTree& tree, const Options& o, const Picture& p, const Geometry& g, Colors* colors,
              const NameAttrs* attrs)
      : tree_(tree), o_(o), p_(p), g_(g), colors_(colors), attrs_(attrs),
        width_per_time_((o.width - 2 * kXPad) / p.timemax) {}

  void write(const LaidFrame& f, std::string* s) {
    bool root = f.frame == FlameTree::kNone;
    std::string_view name = root ? std::string_view() : tree_.frames().name(f.frame);
    double etime = root ? p_.timemax : f.etime;
    double x1 = kXPad + f.stime * width_per_time_;
    double x2 = kXPad + etime * width_per_time_;
    double y1, y2;
    if (!o_.inverted) {
      y1 = g_.image_height - g_.ypad2 - (f.depth + 1.0) * o_.height + kFramePad;
      y2 = g_.image_height - g_.ypad2 - f.depth * static_cast<double>(o_.height);
    } else {
      y1 = g_.ypad1 + f.depth * static_cast<double>(o_.height);
      y2 = g_.ypad1 + (f.depth + 1.0) * o_.height - kFramePad;
    }
    const FrameAttrs* user = attrs_ ? attrs_->find(name) : nullptr;
    const std::string* href = user ? user->get("href") : nullptr;
    if (href && href->empty()) href = nullptr;
    if (href) {
      s->append("<a");
      attr(s, "xlink:href", *href);
      const std::string* target = user->get("target");
      attr(s, "target", target && !target->empty() ? *target : "_top");
      if (const std::string* extra = user->get("a_extra")) s->append(" " + *extra);
      s->push_back('>');
    }
    s->append("<g");
    std::string cls = "fk-frame";
    if (const std::string* c = user ? user->get("class") : nullptr) cls += " " + *c;
    attr(s, "class", cls);
    if (const std::string* id = user ? user->get("id") : nullptr) attr(s, "id", *id);
    if (const std::string* extra = user ? user->get("g_extra") : nullptr) s->append(" " + *extra);
    attr(s, "data-fk-s", perl_number(etime - f.stime));
    attr(s, "data-fk-x", perl_number(f.stime));
    s->append(">\n<title>");
    const std::string* title = user ? user->get("title") : nullptr;
    if (title && !title->empty() && *title != "0") {
      append_xml(s, *title);
    } else {
      append_xml(s, tooltip(f, name, etime));
    }
    s->append("</title><rect");
    std::string sx1 = fixed(x1, 1), sx2 = fixed(x2, 1);
    s->append(" x=\"" + sx1 + "\" y=\"" + perl_number(y1) + "\" width=\"" +
              fixed(std::strtod(sx2.c_str(), nullptr) - std::strtod(sx1.c_str(), nullptr), 1) + "\" height=\"" +
              fixed(y2 - y1, 1) + "\"");
    attr(s, "fill", color(f, name));
    s->append(" rx=\"2\" ry=\"2\"/>\n");
    auto chars = static_cast<int64_t>(std::trunc((x2 - x1) / (o_.fontsize * o_.fontwidth)));
    s->append("<text x=\"" + fixed(x1 + 3, 2) + "\" y=\"" + perl_number(3 + (y1 + y2) / 2) + "\">");
    append_xml(s, fit_label(strip_annotation(name), chars));
    s->append("</text>\n</g>");
    s->append(href ? "</a>\n" : "\n");
  }

 private:
  std::string tooltip(const LaidFrame& f, std::string_view name, double etime) const {
    std::string samples = fixed((etime - f.stime) * o_.factor, 0);
    std::string text;
    if (f.frame == FlameTree::kNone) {
      return "all (" + commify(samples) + " " + o_.countname + ", 100%)";
    }
    double basis = p_.timemax * o_.factor;
    std::string pct = fixed((100 * std::strtod(samples.c_str(), nullptr)) / basis, 2);
    text.append(strip_annotation(name));
    text += " (" + commify(samples) + " " + o_.countname + ", " + pct + "%";
    if (f.has_delta) {
      double d = o_.negate ? -f.delta : f.delta;
      if (d == 0) d = 0;  // Perl negates an integer 0 to 0, not to -0
      std::string dpct = fixed((100 * d) / basis, 2);
      text += "; " + std::string(d > 0 ? "+" : "") + dpct + "%";
    }
    text += ")";
    return text;
  }

  std::string color(const LaidFrame& f, std::string_view name) {
    if (f.frame != FlameTree::kNone && name == "--") return "rgb(160,160,160)";
    if (f.frame != FlameTree::kNone && name == "-") return "rgb(200,200,200)";
    if (f.has_delta) return diff_color(f.delta, p_.max_delta, o_.negate);
    return colors_->of(name);
  }

  const FlameTree& tree_;
  const Options& o_;
  const Picture& p_;
  const Geometry& g_;
  Colors* colors_;
  const NameAttrs* attrs_;
  double width_per_time_;
};

}  // namespace

void write_svg(const FlameTree& tree, const Layout& layout, const Options& o, const Picture& p, Colors* colors,
               const NameAttrs* attrs, io::OutputFile* out) {
  Geometry g = geometry(o, layout.depth_max);
  std::string s;
  header(&s, o, g.image_height, true);
  attr(&s, "data-fk-total", perl_number(p.timemax));
  attr(&s, "data-fk-width", std::to_string(o.width));
  attr(&s, "data-fk-xpad", perl_number(kXPad));
  attr(&s, "data-fk-fontsize", perl_number(o.fontsize));
  attr(&s, "data-fk-fontwidth", perl_number(o.fontwidth));
  attr(&s, "data-fk-inverted", o.inverted ? "1" : "0");
  attr(&s, "data-fk-searchcolor", "rgb(230,0,230)");
  attr(&s, "data-fk-countname", o.countname);
  attr(&s, "data-fk-nametype", o.nametype);
  attr(&s, "data-fk-factor", perl_number(o.factor));
  s.append("\n    ");
  attr(&s, "font-family", o.fonttype);
  attr(&s, "font-size", perl_number(o.fontsize));
  s.append(">\n<!-- Flame graph made by flame-svg (flamekit), a drop-in for FlameGraph's flamegraph.pl. -->\n");
  s.append("<!-- NOTES: ");
  append_comment_text(&s, o.notes);
  s.append(" -->\n");
  std::string grad = gradient_id(p);
  s.append("<defs>\n<linearGradient id=\"" + grad + "\" y1=\"0\" y2=\"1\" x1=\"0\" x2=\"0\">\n<stop");
  attr(&s, "stop-color", p.bg_top);
  s.append(" offset=\"5%\"/>\n<stop");
  attr(&s, "stop-color", p.bg_bottom);
  s.append(" offset=\"95%\"/>\n</linearGradient>\n</defs>\n");
  s.append(
      "<style type=\"text/css\">\n"
      ".fk-search, .fk-ignorecase { opacity:0.1; cursor:pointer; }\n"
      ".fk-search:hover, .fk-ignorecase:hover { opacity:1; }\n"
      ".fk-unzoom { cursor:pointer; }\n"
      ".fk-frames > *:hover { stroke:black; stroke-width:0.5; cursor:pointer; }\n"
      "</style>\n");
  s.append("<rect x=\"0.0\" y=\"0\" width=\"" + fixed(o.width, 1) + "\" height=\"" + fixed(g.image_height, 1) +
           "\" fill=\"url(#" + grad + ")\"/>\n");
  double center = std::floor(o.width / 2.0);
  text_element(&s, "fk-title", center, o.fontsize * 2, p.title,
               " text-anchor=\"middle\" font-size=\"" + perl_number(o.fontsize + 5) + "\"");
  if (!o.subtitle.empty()) {
    text_element(&s, "fk-subtitle", center, o.fontsize * 4, o.subtitle, " text-anchor=\"middle\"");
  }
  double bottom = g.image_height - (g.ypad2 / 2);
  text_element(&s, "fk-details", kXPad, bottom, " ");
  text_element(&s, "fk-unzoom", kXPad, o.fontsize * 2, "Reset Zoom", " style=\"display:none\"");
  text_element(&s, "fk-search", o.width - kXPad - 100, o.fontsize * 2, "Search");
  text_element(&s, "fk-ignorecase", o.width - kXPad - 16, o.fontsize * 2, "ic");
  text_element(&s, "fk-matched", o.width - kXPad - 100, bottom, " ");
  s.append("<g class=\"fk-frames\">\n");
  out->write(s);

  FrameWriter frames(tree, o, p, g, colors, attrs);
  for (const LaidFrame& f : layout.frames) {
    s.clear();
    frames.write(f, &s);
    out->write(s);
  }

  s.assign("</g>\n<script type=\"text/ecmascript\"><![CDATA[\n");
  std::string_view script = script_source();
  for (size_t at; (at = script.find("]]>")) != std::string_view::npos; script.remove_prefix(at + 3)) {
    s.append(script.substr(0, at));
    s.append("]]]]><![CDATA[>");
  }
  s.append(script);
  s.append("\n]]></script>\n</svg>\n");
  out->write(s);
}

void write_no_input_svg(const Options& o, io::OutputFile* out) {
  std::string s;
  header(&s, o, o.fontsize * 5, false);
  s.append(">\n<!-- Flame graph made by flame-svg (flamekit), a drop-in for FlameGraph's flamegraph.pl. -->\n");
  s.append("<!-- NOTES: ");
  append_comment_text(&s, o.notes);
  s.append(" -->\n");
  text_element(&s, "", std::floor(o.width / 2.0), o.fontsize * 2, "ERROR: No valid input provided to flamegraph.pl.");
  s.append("</svg>\n");
  out->write(s);
}

}  // namespace flamekit::svg
