// capture_kind_test.cc: each profiler's output is told apart by its first lines.
#include "capture/capture_kind.h"

#include <zlib.h>

#include <catch2/catch.hpp>

#include <string>

using namespace flamekit::capture;

TEST_CASE("captures are told apart by content", "[capture]") {
  struct Case { std::string text; CaptureKind kind; };
  const Case cases[] = {
      {"", CaptureKind::kEmpty},
      {"busy 4242 [001] 1234.567890:   10101010 cpu-clock:pppH: \n\t    55d0c1a01139 spin+0x9 (/tmp/busy)\n",
       CaptureKind::kPerfScript},
      {"busy 4242 1.0: 1 page-faults:\n            7f0000001000 memset (/usr/lib/libc.so.6)\n", CaptureKind::kPerfScript},
      {"Attaching 2 probes...\n\n@[\n    spin+9\n    main+20\n, busy]: 17\n", CaptureKind::kBpftrace},
      {"@stacks[\n    f+1\n]: 3\n", CaptureKind::kBpftrace},
      {"busy;main;spin 97\nbusy;main;sleepy 2\n", CaptureKind::kFolded},
      {"dd;__write;-;entry_SYSCALL_64_fastpath_[k];sys_write_[k] 1\n", CaptureKind::kFolded},
      {";ret_from_fork;kthread 5\n", CaptureKind::kFolded},
      {"envoy;Envoy::Server::run() const 12.5\n", CaptureKind::kFolded},
      {"\x1f\x8b\x08\x00", CaptureKind::kPprof},
      {"heap profile:    7:   100 [    9:   300] @ heapprofile\n", CaptureKind::kPprof},
      {std::string("\0\0\0\0\0\0\0\0\3\0\0\0\0\0\0\0", 16), CaptureKind::kPprof},
      {"Warning: no kernel symbols\nhello world\n", CaptureKind::kUnknown},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(sniff_capture(c.text) == c.kind);
  }
  CHECK(std::string(kind_name(CaptureKind::kPerfScript)) == "perf script text");
}

TEST_CASE("gzip'd captures are looked at inside", "[capture]") {
  auto gzip = [](const std::string& text) {
    std::string out(text.size() + 64, '\0');
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  };
  CHECK(sniff_capture(gzip("busy 1 1.0: 1 cpu-clock:\n\t  4005d0 main (/tmp/busy)\n")) == CaptureKind::kPerfScript);
  CHECK(sniff_capture(gzip("a;b 1\n")) == CaptureKind::kFolded);
  CHECK(sniff_capture(gzip(std::string("\x0a\x04\x08\x01\x10\x02\0\0", 8))) == CaptureKind::kPprof);
  // A truncated stream still tells.
  std::string big;
  for (int i = 0; i < 5000; ++i) big += "busy;main;f" + std::to_string(i) + " 1\n";
  CHECK(sniff_capture(gzip(big).substr(0, 200)) == CaptureKind::kFolded);
}
