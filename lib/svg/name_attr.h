// name_attr.h: flamegraph.pl's --nameattr file: per-function attributes for the frames of that name.
// Each line is the function name, a TAB, then TAB-separated key=value pairs:
//   main	href=https://example.com/main	title=the entry point	class=entry
// Keys: title (replaces the tooltip), href (wraps the frame in a link), target (default _top), class, id,
// g_extra and a_extra (attribute text added to the frame group or to the link, as given).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace flamekit::svg {

struct FrameAttrs {
  std::map<std::string, std::string> values;  // key -> value
  const std::string* get(std::string_view key) const {
    auto it = values.find(std::string(key));
    return it == values.end() ? nullptr : &it->second;
  }
};

class NameAttrs {
 public:
  // Reads `path`. Throws Error naming the line for a line without a TAB.
  static NameAttrs read(const std::string& path);
  // The attributes of frames named `name`, or null.
  const FrameAttrs* find(std::string_view name) const {
    auto it = attrs_.find(name);
    return it == attrs_.end() ? nullptr : &it->second;
  }
  bool empty() const { return attrs_.empty(); }

 private:
  std::map<std::string, FrameAttrs, std::less<>> attrs_;
};

}  // namespace flamekit::svg
