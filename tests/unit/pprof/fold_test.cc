// fold_test.cc: Profile -> folded stacks: frame order, inline frames, names, --tag-root, sample index.
#include "pprof/fold.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded;
using flamekit::pprof::testing::folded_by;

namespace {

// main -> [outer with inner inlined] (one location), then leaf; plus an unsymbolized location in libc.
struct Fixture {
  Profile p;
  uint32_t main_loc, inlined_loc, leaf_loc, libc_loc;
  Fixture() {
    p.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
    Mapping libc;
    libc.id = 1, libc.start = 0x7f0000001000, libc.limit = 0x7f0000100000, libc.offset = 0x26000;
    libc.file = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    p.mappings.push_back(libc);
    uint32_t f_main = p.add_function("main"), f_outer = p.add_function("outer"), f_inner = p.add_function("inner");
    uint32_t f_leaf = p.add_function("leaf");
    libc_loc = p.add_location(0x7f0000001249, 0);
    main_loc = p.add_location(0x1000, kNone, std::vector<uint32_t>{f_main});
    inlined_loc = p.add_location(0x2000, kNone, std::vector<uint32_t>{f_inner, f_outer});
    leaf_loc = p.add_location(0x3000, kNone, std::vector<uint32_t>{f_leaf});
    add({leaf_loc, inlined_loc, main_loc, libc_loc}, {2, 20});
    add({leaf_loc, inlined_loc, main_loc, libc_loc}, {1, 10});
    add({main_loc, libc_loc}, {0, 5});
    add({leaf_loc, libc_loc}, {0, 0});  // all zero: left out, as pprof's merge leaves it out
  }
  void add(std::vector<uint32_t> stack, std::vector<int64_t> values) { p.add_sample(stack, values); }
};

}  // namespace

TEST_CASE("samples fold root first, inlined functions inside their location's function", "[pprof]") {
  Fixture f;
  CHECK(folded_by(f.p, "") ==
        "libc.so.6+0x26249;main 5\n"
        "libc.so.6+0x26249;main;outer;inner;leaf 30\n");
  CHECK(folded_by(f.p, "samples") ==
        "libc.so.6+0x26249;main 0\n"
        "libc.so.6+0x26249;main;outer;inner;leaf 3\n");
}

TEST_CASE("--no-inline keeps only the function the others were inlined into", "[pprof]") {
  Fixture f;
  FoldOptions o;
  o.inline_frames = false;
  o.value_index = 0;
  CHECK(folded(f.p, o) == "libc.so.6+0x26249;main 0\nlibc.so.6+0x26249;main;outer;leaf 3\n");
  o.keep_zero_samples = true;
  CHECK(folded(f.p, o) == "libc.so.6+0x26249;leaf 0\nlibc.so.6+0x26249;main 0\nlibc.so.6+0x26249;main;outer;leaf 3\n");
}

TEST_CASE("unnamed locations are module+offset, or the address without a file", "[pprof]") {
  Profile p;
  Mapping anon;
  anon.id = 1, anon.start = 0x1000, anon.limit = 0x2000;
  p.mappings.push_back(anon);
  Location in_anon, nowhere;
  in_anon.address = 0x1234, in_anon.mapping = 0;
  nowhere.address = 0xdead;
  CHECK(unresolved_name(p, in_anon) == "0x1234");
  CHECK(unresolved_name(p, nowhere) == "0xdead");
}

TEST_CASE("names holding ';' are split so equal texts add up", "[pprof]") {
  Profile p;
  p.sample_types = {{"samples", "count"}};
  uint32_t joined = p.add_location(1, kNone, std::vector<uint32_t>{p.add_function("a;b")});
  uint32_t a = p.add_location(2, kNone, std::vector<uint32_t>{p.add_function("a")});
  uint32_t b = p.add_location(3, kNone, std::vector<uint32_t>{p.add_function("b")});
  int64_t one = 1;
  p.add_sample(std::vector<uint32_t>{joined}, std::span<const int64_t>(&one, 1));
  p.add_sample(std::vector<uint32_t>{b, a}, std::span<const int64_t>(&one, 1));
  CHECK(folded(p) == "a;b 2\n");
}

TEST_CASE("--tag-root puts label values at the root as pprof's -tagroot does", "[pprof]") {
  Profile p;
  p.sample_types = {{"samples", "count"}};
  uint32_t loc = p.add_location(1, kNone, std::vector<uint32_t>{p.add_function("work")});
  int64_t one = 1;
  p.add_sample(std::vector<uint32_t>{loc}, std::span<const int64_t>(&one, 1));
  p.add_label(Label{"worker", "a", 0, {}, false});
  p.add_label(Label{"bytes", {}, 100000, "bytes", true});
  p.add_sample(std::vector<uint32_t>{loc}, std::span<const int64_t>(&one, 1));
  p.add_label(Label{"worker", "b", 0, {}, false});
  p.add_label(Label{"worker", "c", 0, {}, false});
  p.add_sample(std::vector<uint32_t>{loc}, std::span<const int64_t>(&one, 1));
  FoldOptions o;
  o.tag_root = {"worker", "bytes"};
  CHECK(folded(p, o) ==
        "<unknown>;<unknown>;work 1\n"
        "a;97.66kB;work 1\n"
        "b,c;<unknown>;work 1\n");
}

TEST_CASE("the sample index resolves as pprof's -sample_index does", "[pprof]") {
  Profile p;
  p.sample_types = {{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"inuse_space", "bytes"}};
  CHECK(choose_sample_index(p, "") == 3);
  CHECK(choose_sample_index(p, "alloc_space") == 1);
  CHECK(choose_sample_index(p, "0") == 0);
  p.default_sample_type = "alloc_space";
  CHECK(choose_sample_index(p, "") == 1);
  p.default_sample_type = "missing";
  CHECK(choose_sample_index(p, "") == 3);
  CHECK_THROWS_WITH(choose_sample_index(p, "4"), "--sample-index 4 is outside the range [0..3]");
  CHECK_THROWS_WITH(choose_sample_index(p, "space"),
                    "--sample-index space must be one of: alloc_objects alloc_space inuse_objects inuse_space");

  Profile legacy;
  legacy.sample_types = {{"objects", "count"}, {"space", "bytes"}};
  CHECK(choose_sample_index(legacy, "inuse_space") == 1);
  CHECK(choose_sample_index(legacy, "inuse_objects") == 0);
  CHECK(choose_sample_index(legacy, "alloc_space") == 1);  // the columns are the same there
  try {
    choose_sample_index(legacy, "cpu");
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.code() == flamekit::kExitUsage);
  }
}

TEST_CASE("an empty name is an empty frame, interned from a view without data", "[pprof]") {
  // (Found by the fuzzer: FrameTable copied from the null data pointer of a default string_view.)
  Profile p;
  p.sample_types = {{"samples", "count"}};
  uint32_t f = p.add_function(std::string_view());
  uint32_t loc = p.add_location(0, kNone, std::vector<uint32_t>{f});
  uint32_t main = p.add_location(0, kNone, std::vector<uint32_t>{p.add_function("main")});
  int64_t one = 1;
  p.add_sample(std::vector<uint32_t>{loc, main}, std::span<const int64_t>(&one, 1));
  CHECK(folded(p) == "main; 1\n");
}
