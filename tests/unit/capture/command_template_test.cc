// command_template_test.cc: templates read as Python's str.format reads them; every mistake is an error
// that names its column before anything runs.
#include "capture/command_template.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/error.h"

using namespace flamekit::capture;

namespace {

const std::vector<std::string> kKnown = {"duration", "sidecar_pid", "pid", "frequency"};

std::string expand(const std::string& text) {
  return parse_template(text, kKnown).expand({{"duration", "30"}, {"sidecar_pid", "4242"}, {"pid", "4242"},
                                              {"frequency", "99"}});
}

std::string error_of(const std::string& text) {
  try {
    parse_template(text, kKnown);
  } catch (const flamekit::Error& e) {
    CHECK(e.code() == flamekit::kExitUsage);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("templates expand as str.format does", "[capture]") {
  struct Case { std::string text, expected; };
  const Case cases[] = {
      {"", ""},
      {"plain text", "plain text"},
      {"perf record -F 99 -g -p {sidecar_pid} -- sleep {duration}", "perf record -F 99 -g -p 4242 -- sleep 30"},
      {"profile-bpfcc -df {duration} -p {sidecar_pid}", "profile-bpfcc -df 30 -p 4242"},
      {"stackcount-bpfcc -p {sidecar_pid} *alloc* -fD {duration}", "stackcount-bpfcc -p 4242 *alloc* -fD 30"},
      {"-F {frequency} -p {pid}", "-F 99 -p 4242"},
      {"{duration}{duration}", "3030"},
      {"{{}}", "{}"},
      {"{{duration}}", "{duration}"},
      {"{{{duration}}}", "{30}"},
      {"curl -w '%{{http_code}}'", "curl -w '%{http_code}'"},
      {"awk '{{ s += $2 }} END {{ print s }}'", "awk '{ s += $2 } END { print s }'"},
      {std::string("\xff\x00{duration}", 12), std::string("\xff\x00" "30", 4)},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(expand(c.text) == c.expected);
  }
}

TEST_CASE("a template says which fields it uses", "[capture]") {
  auto t = parse_template("perf record -a -- sleep {duration}", kKnown);
  CHECK(t.uses("duration"));
  CHECK_FALSE(t.uses("sidecar_pid"));
  CHECK_FALSE(parse_template("{{sidecar_pid}}", kKnown).uses("sidecar_pid"));
  CHECK(parse_template("-p {pid}", kKnown).uses("pid"));
}

TEST_CASE("template mistakes are errors with their column", "[capture]") {
  struct Case { const char* text; const char* message; };
  const Case cases[] = {
      {"sleep {duraton}", "command template: column 7: unknown placeholder {duraton} (known: duration, "
                          "sidecar_pid, pid, frequency; write {{ and }} for literal braces)"},
      {"{}", "command template: column 1: positional field {} (name a placeholder: duration, sidecar_pid, pid, "
             "frequency)"},
      {"x {0}", "command template: column 3: unknown placeholder {0} (known: duration, sidecar_pid, pid, frequency)"},
      {"{duration:>5}", "command template: column 10: {duration:>5}: format specs are not supported; write the "
                        "field as {name}"},
      {"{pid!r}", "command template: column 5: {pid!r}: conversions are not supported; write the field as {name}"},
      {"{pid.real}", "command template: column 5: {pid.real}: attributes and indexes are not supported; write "
                     "the field as {name}"},
      {"{pid[0]}", "command template: column 5: {pid[0]}: attributes and indexes are not supported; write the "
                   "field as {name}"},
      {"awk '{ print }'", "command template: column 6: unknown placeholder { print } (known: duration, "
                          "sidecar_pid, pid, frequency)"},
      {"a } b", "command template: column 3: single '}' (write }} for a literal brace)"},
      {"}", "command template: column 1: single '}' (write }} for a literal brace)"},
      {"sleep {duration", "command template: column 7: single '{' without its '}' (write {{ for a literal brace)"},
      {"{", "command template: column 1: single '{' without its '}' (write {{ for a literal brace)"},
      {"{a{b}}", "command template: column 1: single '{' without its '}' (write {{ for a literal brace)"},
      {"{{{", "command template: column 3: single '{' without its '}' (write {{ for a literal brace)"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(error_of(c.text) == c.message);
  }
}

TEST_CASE("expanding a field without a value is an error", "[capture]") {
  auto t = parse_template("-p {sidecar_pid}", kKnown);
  CHECK_THROWS_WITH(t.expand({{"duration", "1"}}), "command template: no value for {sidecar_pid}");
}
