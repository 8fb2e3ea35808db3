// stack_runs_test.cc: the run splitter and the streaming LCP merge against std::sort + summing, on
// sorted, concatenated, nearly sorted (spikes, dips) and shuffled inputs with repeated stacks.
#include "diff/stack_runs.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace flamekit::diff;

namespace {

using Lines = std::vector<std::pair<std::string, double>>;  // stack, count

// Splits both profiles, merges, and checks order, sums and every lcp against a std::map.
void check_pairing(const Lines& before, const Lines& after) {
  std::map<std::string, std::pair<double, double>> expected;
  for (const auto& [s, c] : before) expected[s].first += c;
  for (const auto& [s, c] : after) expected[s].second += c;
  RunSplitter splitters[2];
  for (const auto& [s, c] : before) splitters[0].add(StackRec{s.data(), uint32_t(s.size()), 0, c});
  for (const auto& [s, c] : after) splitters[1].add(StackRec{s.data(), uint32_t(s.size()), 0, c});
  RunMerger merger;
  for (int side : {0, 1}) {
    for (auto run : splitters[side].finish()) merger.add_run(run, side);
  }
  std::vector<std::pair<std::string, std::pair<double, double>>> got;
  std::string previous;
  MergedStack m;
  while (merger.next(&m)) {
    std::string s(m.stack());
    uint32_t lcp = 0;
    while (lcp < s.size() && lcp < previous.size() && s[lcp] == previous[lcp]) ++lcp;
    INFO("stack " << s << " after " << previous);
    CHECK(m.lcp == (got.empty() ? 0 : lcp));
    got.push_back({s, {m.counts[0], m.counts[1]}});
    previous = s;
  }
  std::vector<std::pair<std::string, std::pair<double, double>>> want(expected.begin(), expected.end());
  CHECK(got == want);
}

Lines numbered(const std::vector<std::string>& stacks) {
  Lines out;
  for (size_t k = 0; k < stacks.size(); ++k) out.push_back({stacks[k], double(k % 7 + 1)});
  return out;
}

// Stacks with long shared prefixes, as folded profiles have.
std::vector<std::string> make_stacks(size_t n, std::mt19937* rng) {
  static const char* frames[] = {"main", "a", "b", "ab", "a b", "a\tb", "x;y", "", "f(int)", "0x1f"};
  std::vector<std::string> out;
  for (size_t k = 0; k < n; ++k) {
    std::string s = "worker-" + std::to_string((*rng)() % 3);
    size_t depth = (*rng)() % 12;
    for (size_t d = 0; d < depth; ++d) s += std::string(";") + frames[(*rng)() % 10];
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("compare_from finds the first difference and orders bytes unsigned", "[diff]") {
  uint32_t lcp = 99;
  CHECK(compare_from("abc", "abd", 0, &lcp) < 0);
  CHECK(lcp == 2);
  CHECK(compare_from("ab", "abc", 1, &lcp) < 0);
  CHECK(lcp == 2);
  CHECK(compare_from("abc", "abc", 0, &lcp) == 0);
  CHECK(lcp == 3);
  CHECK(compare_from("a\xff", "a\x01", 0, &lcp) > 0);
  std::string x(100, 'q'), y(100, 'q');
  y[77] = 'r';
  CHECK(compare_from(x, y, 16, &lcp) < 0);
  CHECK(lcp == 77);
}

TEST_CASE("sorted, concatenated, nearly sorted and shuffled profiles pair like a map", "[diff]") {
  std::mt19937 rng(42);
  for (int round = 0; round < 40; ++round) {
    std::vector<std::string> stacks = make_stacks(1 + rng() % 300, &rng);
    std::vector<std::string> sorted = stacks;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::vector<std::string> nearly = sorted;  // every 9th moved far away: spikes and dips
    for (size_t k = 0; k + 9 < nearly.size(); k += 9) std::swap(nearly[k], nearly[nearly.size() - 1 - k / 9]);
    std::vector<std::string> concat = sorted;  // two sorted files, overlapping ranges
    concat.insert(concat.end(), sorted.begin(), sorted.begin() + sorted.size() / 2);
    std::vector<std::string> reversed(sorted.rbegin(), sorted.rend());
    check_pairing(numbered(sorted), numbered(stacks));
    check_pairing(numbered(stacks), numbered(nearly));
    check_pairing(numbered(concat), numbered(reversed));
    check_pairing(numbered(nearly), Lines{});
    check_pairing(Lines{}, numbered(concat));
  }
}

TEST_CASE("a sorted profile with a few lines out of place is one run and a few exceptions", "[diff]") {
  std::vector<std::string> stacks;
  for (int k = 0; k < 100; ++k) stacks.push_back("w;" + std::to_string(1000 + k));
  stacks[10] = "w;9";   // spike
  stacks[50] = "w;0";   // dip
  RunSplitter s;
  for (const auto& st : stacks) s.add(StackRec{st.data(), uint32_t(st.size()), 0, 1});
  CHECK(s.exceptions() == 2);
  auto runs = s.finish();
  REQUIRE(runs.size() == 3);  // the main run, then the exceptions "w;9" and "w;0" (two runs)
  CHECK(runs[0].size() == 98);
  CHECK(std::string(runs[1][0].stack()) == "w;9");
  CHECK(std::string(runs[2][0].stack()) == "w;0");
}

TEST_CASE("scan_line finds the line end and the bytes shared with the previous stack", "[diff]") {
  std::string base(100, 'a');
  for (size_t k = 0; k < base.size(); ++k) base[k] = "main;f;g"[k % 8];
  struct Case {
    std::string text;   // the input from the line on
    std::string prev;
    size_t end, shared;
  };
  std::vector<Case> cases = {
      {"a;b 1\nx", "a;c", 5, 2},
      {"a;b 1\n", "a;b", 5, 3},                       // prev is a prefix of the line
      {"a 1", "a;b", 3, 1},                            // no '\n' at the end of the input
      {base + " 7\n" + base, base, 102, 100},          // long, equal stacks
      {base.substr(0, 70) + "X 1\n", base, 73, 70},    // differs after two 32-byte blocks
      {base.substr(0, 40) + " 2\nmore", base, 42, 40},  // the line ends inside a block
      {"\n", "abc", 0, 0},
  };
  for (const Case& c : cases) {
    size_t shared = 999;
    INFO(c.text);
    CHECK(scan_line(c.text.data(), c.text.size(), c.prev, &shared) == c.end);
    CHECK(shared == c.shared);
  }
}
