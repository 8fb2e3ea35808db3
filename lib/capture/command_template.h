// command_template.h: the profiling command templates of runner.py's --custom_profiling_command, parsed the
// way Python's str.format reads them, so every documented recipe works unchanged:
//
//   perf record -F {frequency} -g -p {sidecar_pid} -- sleep {duration}
//   curl -s -w '%{{http_code}}' ...           ({{ and }} are literal braces)
//
// A field is a bare name, `{duration}`; Python's positional fields (`{}`, `{0}`), attributes, indexes,
// conversions (`!r`) and format specs (`:>5`) are rejected, as is a name the caller does not know, so a typo
// fails before anything runs rather than as a shell error halfway through a capture. Parsing is a pure
// function of the bytes (the fuzz target calls it directly).
//
//   auto t = parse_template(text, {"duration", "sidecar_pid", "pid", "frequency"});
//   if (t.uses("sidecar_pid") || t.uses("pid")) ...find the sidecar...
//   std::string cmd = t.expand({{"duration", "30"}, {"sidecar_pid", "4242"}, ...});
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace flamekit::capture {

class CommandTemplate {
 public:
  // One run of literal text (braces already unescaped) or one field.
  struct Piece {
    bool is_field = false;
    std::string text;  // the literal text, or the field's name
  };

  const std::vector<Piece>& pieces() const { return pieces_; }
  // True if the template has a field called `name`.
  bool uses(std::string_view name) const;
  // The template with every field replaced by values.at(name). Throws a usage Error naming a field that
  // has no value (the caller decides which fields it can fill).
  std::string expand(const std::map<std::string, std::string, std::less<>>& values) const;

 private:
  friend CommandTemplate parse_template(std::string_view, const std::vector<std::string>&);
  std::vector<Piece> pieces_;
};

// Parses `text`. Throws a usage Error ("command template: column N: ...") on a lone `{` or `}`, an empty,
// positional or formatted field, or a name not in `known`.
CommandTemplate parse_template(std::string_view text, const std::vector<std::string>& known);

}  // namespace flamekit::capture
