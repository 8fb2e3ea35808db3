// prune_test.cc: drop_frames / keep_frames as Go's pprof applies them (profile/prune.go).
#include "pprof/prune.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded;

namespace {

// A profile of one-function locations; each stack is given root first, as folded text reads.
struct Builder {
  Profile p;
  Builder() { p.sample_types = {{"samples", "count"}}; }
  uint32_t loc(const std::vector<const char*>& inner_to_outer) {
    std::vector<uint32_t> fs;
    for (const char* name : inner_to_outer) fs.push_back(p.add_function(name));
    return p.add_location(p.locations.size() + 1, kNone, fs);
  }
  void sample(std::vector<uint32_t> root_first) {
    std::vector<uint32_t> leaf_first(root_first.rbegin(), root_first.rend());
    int64_t one = 1;
    p.add_sample(leaf_first, std::span<const int64_t>(&one, 1));
  }
};

}  // namespace

TEST_CASE("the names patterns match have their argument lists cut", "[pprof]") {
  CHECK(simplify_function_name("f(int) const") == "f");
  CHECK(simplify_function_name("operator()(int)") == "operator()");
  CHECK(simplify_function_name("(anonymous namespace)::g(long)") == "(anonymous namespace)::g");
  CHECK(simplify_function_name("std::function<void (int)>::operator()(int) const") == "std::function<void ");
  CHECK(simplify_function_name(".ppc_entry(x)") == "ppc_entry");
  CHECK(simplify_function_name("main") == "main");
}

TEST_CASE("a dropped frame takes everything leafward of it, after the first kept frame", "[pprof]") {
  Builder b;
  uint32_t main = b.loc({"main"}), alloc = b.loc({"alloc_big(unsigned long)"}), op_new = b.loc({"operator new(unsigned long)"});
  uint32_t malloc = b.loc({"malloc"}), inner = b.loc({"tc_new_helper"});
  b.sample({main, alloc, op_new, malloc, inner});
  b.sample({malloc, main});  // drop frames at the root stay: nothing kept comes before them
  b.p.drop_frames = "malloc|operator new(\\[\\])?";
  prune_frames(&b.p, "test");
  CHECK(folded(b.p) == "main;alloc_big(unsigned long) 1\nmalloc;main 1\n");
}

TEST_CASE("keep_frames exempts frames drop_frames names", "[pprof]") {
  Builder b;
  uint32_t main = b.loc({"main"}), panic = b.loc({"runtime.panic"}), mallocgc = b.loc({"runtime.mallocgc"});
  b.sample({main, panic, mallocgc});
  b.p.drop_frames = "runtime\\..*";
  b.p.keep_frames = "runtime\\.panic";
  prune_frames(&b.p, "test");
  CHECK(folded(b.p) == "main;runtime.panic 1\n");
}

TEST_CASE("a matching inlined function drops only the functions inlined at it", "[pprof]") {
  Builder b;
  uint32_t main = b.loc({"main"}), mixed = b.loc({"leaf", "malloc", "caller"});
  b.sample({main, mixed});
  b.p.drop_frames = "malloc";
  prune_frames(&b.p, "test");
  CHECK(folded(b.p) == "main;caller 1\n");
}

TEST_CASE("patterns are anchored and a bad one is an error", "[pprof]") {
  Builder b;
  uint32_t main = b.loc({"main"}), xmalloc = b.loc({"xmalloc"});
  b.sample({main, xmalloc});
  b.p.drop_frames = "malloc";
  prune_frames(&b.p, "test");
  CHECK(folded(b.p) == "main;xmalloc 1\n");
  b.p.drop_frames = "(";
  CHECK_THROWS_AS(prune_frames(&b.p, "test"), flamekit::Error);
}
