// ordered_pipeline.h: work cut into numbered items, done by several threads, with the outputs written in
// item order: flame-diff's streaming merge (parts of the key space) and flame-demangle --threads (blocks of
// a mapped file) both run on it.
//
// Threads claim items in order. When a thread has produced an item, and it is the next one to write, that
// thread consumes it and then every later item already produced, while the other threads go on producing;
// so writing overlaps the work, one thread writes at a time, and no thread waits while work is left. At most
// `ahead` items are claimed past the last one consumed: when writing is the slow side (a disk, a pipe), the
// outputs do not pile up in memory. The items in flight are always `ahead` consecutive numbers, so item k
// can produce into slot k % ahead of an array of `ahead` buffers that are reused from item to item (fresh
// memory costs page faults).
//
//   std::vector<std::string> slots(ahead);
//   run_ordered(blocks, threads, ahead,
//               [&](size_t k, int worker) { work(k, &state[worker], &slots[k % ahead]); },
//               [&](size_t k) { out.write(slots[k % ahead]); });
#pragma once

#include <cstddef>
#include <functional>

namespace flamekit::io {

// Calls produce(k, worker) for every k in [0, items) on `threads` threads (the calling thread, worker 0,
// and threads - 1 more), and consume(k) for every k in increasing order, one call at a time, each after its
// produce(k) returned. `worker` in [0, threads) names the thread, for state a thread keeps to itself.
// Requires threads >= 1 and ahead >= 1 (ahead >= threads keeps every thread busy). The first exception
// either callback throws (of any type) stops the claiming of new items and is rethrown once every thread
// has stopped.
void run_ordered(size_t items, int threads, size_t ahead, const std::function<void(size_t item, int worker)>& produce,
                 const std::function<void(size_t item)>& consume);

}  // namespace flamekit::io
