// json_writer.cc: rebuilds parent/child links from the frames' closing order (children close before their
// parent, at depth + 1) and writes the tree depth first, with an explicit stack.
#include "svg/json_writer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "svg/text_format.h"

namespace flamekit::svg {

void write_json(const FlameTree& tree, const Layout& layout, double timemax, io::OutputFile* out) {
  std::vector<LaidFrame> frames = layout.frames;
  std::sort(frames.begin(), frames.end(), [](const LaidFrame& a, const LaidFrame& b) { return a.seq < b.seq; });
  // children[i]: indexes of frame i's children, left to right.
  std::vector<std::vector<uint32_t>> children(frames.size());
  std::vector<uint32_t> open;  // frames whose parent has not closed yet
  for (uint32_t i = 0; i < frames.size(); ++i) {
    size_t first = open.size();
    while (first > 0 && frames[open[first - 1]].depth > frames[i].depth) --first;
    for (size_t k = first; k < open.size(); ++k) {
      if (frames[open[k]].depth == frames[i].depth + 1) children[i].push_back(open[k]);
    }
    open.resize(first);
    open.push_back(i);
  }
  std::string s;
  // The root closes last; anything else still open is an orphan of Perl's key collisions (dropped).
  if (open.empty() || frames[open.back()].depth != 0) {
    out->write("{\"name\":\"all\",\"value\":0,\"children\":[]}\n");
    return;
  }
  struct Visit {
    uint32_t frame;
    size_t next_child;  // SIZE_MAX: not entered yet
  };
  std::vector<Visit> stack{{open.back(), SIZE_MAX}};
  while (!stack.empty()) {
    Visit& v = stack.back();
    const LaidFrame& f = frames[v.frame];
    if (v.next_child == SIZE_MAX) {
      bool root = f.frame == FlameTree::kNone;
      s.append("{\"name\":\"");
      append_json(&s, root ? std::string_view("all") : tree.frames().name(f.frame));
      s.append("\",\"value\":");
      s.append(perl_number((root ? timemax : f.etime) - f.stime));
      if (f.has_delta) s.append(",\"delta\":" + perl_number(f.delta));
      s.append(",\"children\":[");
      v.next_child = 0;
    }
    const std::vector<uint32_t>& kids = children[v.frame];
    if (v.next_child < kids.size()) {
      if (v.next_child > 0) s.push_back(',');
      uint32_t kid = kids[v.next_child++];
      stack.push_back(Visit{kid, SIZE_MAX});  // invalidates v
      continue;
    }
    s.append("]}");
    stack.pop_back();
    if (s.size() > (1 << 16)) {
      out->write(s);
      s.clear();
    }
  }
  s.push_back('\n');
  out->write(s);
}

}  // namespace flamekit::svg
