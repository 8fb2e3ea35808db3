// ordered_pipeline.cc: the claiming, hand-over and writing turns of run_ordered (see ordered_pipeline.h).
#include "io/ordered_pipeline.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace flamekit::io {
namespace {

class Pipeline {
 public:
  Pipeline(size_t items, size_t ahead, const std::function<void(size_t, int)>& produce,
           const std::function<void(size_t)>& consume)
      : items_(items), ahead_(ahead), produce_(produce), consume_(consume), done_(items, false) {}

  void run(int threads) {
    std::vector<std::thread> helpers;
    for (int worker = 1; worker < threads; ++worker) helpers.emplace_back([this, worker] { work(worker); });
    work(0);
    for (std::thread& h : helpers) h.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void work(int worker) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return failure_ || claimed_ == items_ || claimed_ < written_ + ahead_; });
      if (failure_ || claimed_ == items_) return;
      const size_t k = claimed_++;
      lock.unlock();
      try {
        produce_(k, worker);
      } catch (...) {
        lock.lock();
        fail(std::current_exception());
        return;
      }
      lock.lock();
      done_[k] = true;
      if (writing_) continue;  // the thread that is writing takes this item when its turn comes
      writing_ = true;
      while (written_ < items_ && done_[written_] && !failure_) {
        const size_t next = written_;
        lock.unlock();
        try {
          consume_(next);
        } catch (...) {
          lock.lock();
          fail(std::current_exception());
          break;
        }
        lock.lock();
        ++written_;
        changed_.notify_all();
      }
      writing_ = false;
    }
  }

  // Requires the lock.
  void fail(std::exception_ptr e) {
    if (!failure_) failure_ = e;
    changed_.notify_all();
  }

  const size_t items_, ahead_;
  const std::function<void(size_t, int)>& produce_;
  const std::function<void(size_t)>& consume_;
  std::mutex mutex_;  // guards everything below
  std::condition_variable changed_;
  std::vector<bool> done_;  // produced, not necessarily consumed
  size_t claimed_ = 0, written_ = 0;
  bool writing_ = false;
  std::exception_ptr failure_;
};

}  // namespace

void run_ordered(size_t items, int threads, size_t ahead, const std::function<void(size_t item, int worker)>& produce,
                 const std::function<void(size_t item)>& consume) {
  Pipeline(items, ahead, produce, consume).run(threads);
}

}  // namespace flamekit::io
