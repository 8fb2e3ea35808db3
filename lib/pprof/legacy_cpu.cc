// legacy_cpu.cc: gperftools CPU profile -> Profile (see legacy_cpu.h).
#include "pprof/legacy_cpu.h"

#include <bit>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "io/binary_cursor.h"
#include "pprof/legacy_frames.h"
#include "pprof/proc_maps.h"

namespace flamekit::pprof {
namespace {

struct Encoding {
  int bytes;  // word size
  std::endian order;
  const char* note;
};
// Go's order of trial (cpuInts).
constexpr Encoding kEncodings[] = {
    {4, std::endian::little, "32-bit little-endian"},
    {4, std::endian::big, "32-bit big-endian"},
    {8, std::endian::little, "64-bit little-endian"},
    {8, std::endian::big, "64-bit big-endian"},
};

uint64_t word(io::BinaryCursor* in, const Encoding& e) {
  return e.bytes == 4 ? in->fixed<uint32_t>(e.order) : in->fixed<uint64_t>(e.order);
}

// The encoding whose five header words read 0, 3, 0|1, >0, 0; sets *period_us and *java.
const Encoding* find_encoding(std::string_view bytes, uint64_t* period_us, bool* java) {
  for (const Encoding& e : kEncodings) {
    if (bytes.size() < 5 * static_cast<size_t>(e.bytes)) continue;
    io::BinaryCursor in("", bytes);
    uint64_t h[5];
    for (uint64_t& w : h) w = word(&in, e);
    if (h[0] == 0 && h[1] == 3 && (h[2] == 0 || h[2] == 1) && h[3] > 0 && h[4] == 0) {
      *period_us = h[3];
      *java = h[2] == 1;
      return &e;
    }
  }
  return nullptr;
}

}  // namespace

void read_legacy_cpu(std::string_view bytes, const std::string& name, Profile* p) {
  io::BinaryCursor in(name, bytes);
  uint64_t period_us = 0;
  bool java = false;
  const Encoding* e = find_encoding(bytes, &period_us, &java);
  if (e == nullptr) throw in.error("not a gperftools CPU profile: no header 0, 3, 0, period, 0");
  if (java) throw in.error("a Java CPU profile (header version 1): not supported");
  if (period_us > static_cast<uint64_t>(INT64_MAX) / 1000) throw in.error("sampling period out of range");
  in.skip(5 * static_cast<uint64_t>(e->bytes));
  p->note = e->note;
  p->period_type = {"cpu", "nanoseconds"};
  p->period = static_cast<int64_t>(period_us) * 1000;
  p->sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};

  absl::flat_hash_map<uint64_t, uint32_t> by_address;
  std::vector<uint64_t> pcs;
  std::vector<uint32_t> stack;
  std::string_view maps;
  while (!in.empty()) {
    size_t record = in.offset();
    uint64_t count = word(&in, *e), n = word(&in, *e);
    if (n > in.remaining() / static_cast<uint64_t>(e->bytes)) {
      throw in.error_at(record, "record of " + std::to_string(n) + " frames, but only " +
                                    std::to_string(in.remaining()) + " bytes are left");
    }
    pcs.resize(n);
    for (uint64_t& pc : pcs) pc = word(&in, *e);
    if (count == 0 && n == 1 && pcs[0] == 0) {  // the trailer
      maps = in.rest();
      break;
    }
    int64_t time = 0;
    if (count > static_cast<uint64_t>(INT64_MAX) || __builtin_mul_overflow(static_cast<int64_t>(count), p->period, &time)) {
      throw in.error_at(record, "sample count " + std::to_string(count) + " overflows 64 bits of nanoseconds");
    }
    stack.clear();
    for (size_t i = 0; i < pcs.size(); ++i) {
      uint64_t a = i > 0 ? pcs[i] - 1 : pcs[i];  // callers: back from the return address into the call
      auto [it, added] = by_address.try_emplace(a, 0);
      if (added) it->second = p->add_location(a, kNone);
      stack.push_back(it->second);
    }
    // cleanupDuplicateLocations: the leaf found both in the signal context and by the unwinder.
    if (stack.size() > 1 && p->locations[stack[0]].address == p->locations[stack[1]].address + 1) {
      stack.erase(stack.begin() + 1);
    }
    int64_t values[2] = {static_cast<int64_t>(count), time};
    p->add_sample(stack, values);
  }
  read_proc_maps(maps, p);
  attach_legacy_mappings(p);
  p->drop_frames = kCpuProfilerDropFrames;
  check_profile(*p, name);
}

}  // namespace flamekit::pprof
