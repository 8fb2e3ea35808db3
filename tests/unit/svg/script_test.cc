// script_test.cc: the embedded script can be put in a CDATA section and keeps to docs/svg-dom.md.
// Its behaviour is tested in a real browser by tests/e2e/svg-browser.sh.
#include "svg/script.h"

#include <catch2/catch.hpp>

using flamekit::svg::script_source;

TEST_CASE("script fits in a CDATA section", "[svg]") {
  std::string_view js = script_source();
  CHECK(js.size() > 1000);
  CHECK(js.find("]]>") == std::string_view::npos);
  CHECK(js.find('\0') == std::string_view::npos);
}

TEST_CASE("script declares no globals and uses no ids", "[svg]") {
  std::string_view js = script_source();
  // One closure: the text is a single immediately invoked function.
  auto first = js.find_first_not_of(" \n");
  REQUIRE(first != std::string_view::npos);
  CHECK(js.substr(first, 12) == "(function ()");
  CHECK(js.substr(js.find_last_not_of(" \n") - 4, 5) == "})();");
  CHECK(js.find("getElementById") == std::string_view::npos);
  CHECK(js.find("onclick") == std::string_view::npos);
}
