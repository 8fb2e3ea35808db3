// folded_line_test.cc: the folded-line grammar /^(.*)\s+?(\d+(?:\.\d*)?)$/ in its three dialects: flamegraph.pl
// (UTF-8 text, one or two counts), difffolded.pl (bytes, one count, CRLF and blank lines as flame-diff
// reads them) and flame-demangle's c++filt filter (a space only, one or two counts).
#include "folded/folded_line.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace flamekit::folded;

namespace {

struct Row {
  std::string line;
  LineKind kind;
  std::string stack;  // for kStack
  double count = 0;
};

void check(Dialect d, const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO("line \"" << r.line << "\"");
    FoldedLine l;
    REQUIRE(parse_folded_line(d, r.line, &l) == r.kind);
    if (r.kind != LineKind::kStack) continue;
    CHECK(l.stack == r.stack);
    CHECK(l.count == r.count);
  }
}

}  // namespace

TEST_CASE("flamegraph.pl: the last number after Unicode whitespace is the count", "[folded]") {
  check(Dialect::kFlamegraph, {
                                  {"main;work 3", LineKind::kStack, "main;work", 3},
                                  {"a b c 12", LineKind::kStack, "a b c", 12},
                                  {"a  5", LineKind::kStack, "a ", 5},  // only the last whitespace separates
                                  {"x\t7", LineKind::kStack, "x", 7},
                                  {"x\v7", LineKind::kStack, "x", 7},
                                  {"x 1.5", LineKind::kStack, "x", 1.5},
                                  {"x 2.", LineKind::kStack, "x", 2},
                                  {"x 007", LineKind::kStack, "x", 7},
                                  {" 4", LineKind::kStack, "", 4},  // an empty stack: the root's own count
                                  {"nbsp\xC2\xA0" "9", LineKind::kStack, "nbsp", 9},  // Perl's \s on UTF-8 text
                                  {"nel\xC2\x85" "9", LineKind::kStack, "nel", 9},
                                  {"ogham\xE1\x9A\x80" "1", LineKind::kStack, "ogham", 1},
                                  {"thin\xE2\x80\x89" "1", LineKind::kStack, "thin", 1},
                                  {"nnbsp\xE2\x80\xAF" "1", LineKind::kStack, "nnbsp", 1},
                                  {"math\xE2\x81\x9F" "1", LineKind::kStack, "math", 1},
                                  {"ideo\xE3\x80\x80" "2", LineKind::kStack, "ideo", 2},
                                  {"x 18446744073709551616", LineKind::kStack, "x", 18446744073709551616.0},
                              });
  // Lines flamegraph.pl ignores (and counts).
  for (std::string line : {"", "no count", "x 5\r", "x -5", "x 1e5", "x .5", "x 1.2.3", "x5", "5", "x 5 ",
                           "zwsp\xE2\x80\x8B" "5", "x\xC2" "5"}) {
    check(Dialect::kFlamegraph, {{line, LineKind::kOther, "", 0}});
  }
}

TEST_CASE("flamegraph.pl: two trailing numbers make a differential line", "[folded]") {
  FoldedLine l;
  REQUIRE(parse_folded_line(Dialect::kFlamegraph, "main;work 3 5", &l) == LineKind::kStack);
  CHECK(l.differential);
  CHECK(l.stack == "main;work");
  CHECK(l.count == 5);
  CHECK(l.delta == 2);
  CHECK(l.count1 == "3");
  CHECK(l.count2 == "5");
  CHECK(l.text == "main;work 3 5");
  REQUIRE(parse_folded_line(Dialect::kFlamegraph, "f 10\xC2\xA0" "0", &l) == LineKind::kStack);
  CHECK(l.delta == -10);
  REQUIRE(parse_folded_line(Dialect::kFlamegraph, "f2 10", &l) == LineKind::kStack);  // "f2" is a name
  CHECK_FALSE(l.differential);
  CHECK(l.count2.empty());
  REQUIRE(parse_folded_line(Dialect::kFlamegraph, "a 1  2", &l) == LineKind::kStack);  // stack "a 1 " ends in ' '
  CHECK_FALSE(l.differential);
  CHECK(l.stack == "a 1 ");
}

TEST_CASE("difffolded.pl: byte whitespace, one count, CRLF and blank lines", "[folded]") {
  check(Dialect::kDifffolded, {
                                  {"a;b 12", LineKind::kStack, "a;b", 12},
                                  {"a b\t3.5", LineKind::kStack, "a b", 3.5},
                                  {"a  7.", LineKind::kStack, "a ", 7},  // the lazy \s+? leaves a space in the stack
                                  {"a 1 2", LineKind::kStack, "a 1", 2},  // no differential lines
                                  {"a;b 12\r", LineKind::kStack, "a;b", 12},  // flame-diff reads CRLF files
                                  {"a\f5", LineKind::kStack, "a", 5},
                                  {"a 12345678901234567890", LineKind::kStack, "a", 12345678901234567890.0},
                                  {"a 1234567890123456789", LineKind::kStack, "a", 1234567890123456789.0},
                                  {"", LineKind::kBlank, "", 0},
                                  {"\r", LineKind::kBlank, "", 0},
                                  {"a;b", LineKind::kOther, "", 0},
                                  {"a;b -1", LineKind::kOther, "", 0},
                                  {"a;b 1e3", LineKind::kOther, "", 0},
                                  {"a;b 12 ", LineKind::kOther, "", 0},
                                  {"a;b 12\r\r", LineKind::kOther, "", 0},  // only one '\r' is dropped
                                  {"12", LineKind::kOther, "", 0},
                                  {"nbsp\xC2\xA0" "9", LineKind::kOther, "", 0},  // bytes: no Unicode \s
                              });
  FoldedLine l;
  REQUIRE(parse_folded_line(Dialect::kDifffolded, "a 1 2\r", &l) == LineKind::kStack);
  CHECK(l.text == "a 1 2");
  CHECK(l.count1 == "2");
  CHECK_FALSE(l.differential);
}

TEST_CASE("c++filt filter: a space and one or two counts, else any text", "[folded]") {
  check(Dialect::kCxxfilt, {
                               {"a;b 12", LineKind::kStack, "a;b", 12},
                               {"a;b 1 2", LineKind::kStack, "a;b", 2},
                               {"a;b 2.5", LineKind::kStack, "a;b", 2.5},
                               {"a;b  2", LineKind::kStack, "a;b ", 2},
                               {"a;b", LineKind::kOther, "", 0},
                               {"a;b 1x", LineKind::kOther, "", 0},
                               {"a;b\t12", LineKind::kOther, "", 0},  // a space only
                               {"a;b 12\r", LineKind::kOther, "", 0},
                               {"12", LineKind::kOther, "", 0},
                               {"", LineKind::kOther, "", 0},
                               {"_Z3foov@plt+0x1f", LineKind::kOther, "", 0},
                           });
  FoldedLine l;
  REQUIRE(parse_folded_line(Dialect::kCxxfilt, "a;b\t1 2", &l) == LineKind::kStack);
  CHECK(l.stack == "a;b\t1");  // the tab does not separate a second count
}

TEST_CASE("trailing empty frames are dropped as Perl's split does", "[folded]") {
  CHECK(trimmed_stack_length("a;b;;") == 3);
  CHECK(trimmed_stack_length(";;") == 0);
  CHECK(trimmed_stack_length(";a") == 2);
  CHECK(trimmed_stack_length("") == 0);
}
