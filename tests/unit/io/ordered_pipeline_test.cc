// ordered_pipeline_test.cc: run_ordered consumes every item once, in order, after it is produced, with at
// most `ahead` items in flight; a failure on either side stops it and comes out of run_ordered.
#include "io/ordered_pipeline.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using flamekit::io::run_ordered;

TEST_CASE("items are consumed in order, each after it was produced into its slot", "[io]") {
  for (int threads : {1, 2, 3, 5}) {
    for (size_t ahead : {size_t{1}, size_t{2}, size_t{7}}) {
      const size_t items = 200;
      std::vector<std::string> slots(ahead);
      std::vector<int> produced(items, 0);
      std::vector<size_t> consumed, wrong;
      std::atomic<int> in_flight{0}, most_in_flight{0};
      std::vector<std::atomic<int>> by_worker(static_cast<size_t>(threads));
      run_ordered(
          items, threads, ahead,
          [&](size_t k, int worker) {
            int now = ++in_flight;
            for (int m = most_in_flight; now > m && !most_in_flight.compare_exchange_weak(m, now);) {
            }
            ++by_worker[static_cast<size_t>(worker)];
            if (k % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50 * (k % 7)));  // out of step
            slots[k % ahead] = "item " + std::to_string(k);
            ++produced[k];
          },
          [&](size_t k) {  // Catch2's assertions are not for other threads: checked below
            if (produced[k] != 1) wrong.push_back(k);
            if (slots[k % ahead] != "item " + std::to_string(k)) wrong.push_back(k);  // overwritten
            consumed.push_back(k);
            --in_flight;
          });
      INFO("threads " << threads << ", ahead " << ahead);
      CHECK(wrong.empty());
      REQUIRE(consumed.size() == items);
      for (size_t k = 0; k < items; ++k) CHECK(consumed[k] == k);
      CHECK(most_in_flight <= static_cast<int>(ahead));
      int total = 0;
      for (auto& n : by_worker) total += n;
      CHECK(total == static_cast<int>(items));
    }
  }
  run_ordered(0, 2, 2, [](size_t, int) { FAIL("no items"); }, [](size_t) { FAIL("no items"); });
}

TEST_CASE("the first failure stops the pipeline and is rethrown", "[io]") {
  for (int threads : {1, 2, 4}) {
    std::atomic<size_t> produced{0};
    size_t consumed = 0;
    CHECK_THROWS_WITH(run_ordered(
                          1000, threads, 4,
                          [&](size_t k, int) {
                            ++produced;
                            if (k == 10) throw std::runtime_error("produce failed");
                          },
                          [&](size_t) { ++consumed; }),
                      "produce failed");
    CHECK(consumed <= 10);
    CHECK(produced < 1000);
    struct BrokenPipe {};  // not a std::exception: OutputFile's BrokenPipe goes through too
    consumed = 0;
    CHECK_THROWS_AS(run_ordered(
                        1000, threads, 4, [](size_t, int) {},
                        [&](size_t k) {
                          if (k == 5) throw BrokenPipe{};
                          ++consumed;
                        }),
                    BrokenPipe);
    CHECK(consumed == 5);
  }
}
