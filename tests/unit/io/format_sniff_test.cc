// format_sniff_test.cc: the first bytes of each format -> its Format, and the one-line advice per tool.
#include "io/format_sniff.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/error.h"

using flamekit::io::Format;
using flamekit::io::Reader;
using flamekit::io::sniff_format;

namespace {

std::string bytes(std::initializer_list<int> list) {
  std::string out;
  for (int b : list) out.push_back(static_cast<char>(b));
  return out;
}

// A little-endian 64-bit word.
std::string le64(uint64_t v) {
  std::string out;
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
  return out;
}

}  // namespace

TEST_CASE("binary formats by their magic bytes and headers", "[io]") {
  struct Case {
    std::string head;
    Format format;
  };
  const Case cases[] = {
      {"PERFILE2" + le64(104) + le64(136), Format::kPerfData},
      {"PERFILE2" + le64(16) + le64(0x40), Format::kPerfDataPipe},
      {"2ELIFREP" + std::string(7, '\0') + "h", Format::kPerfData},  // written big-endian
      {"PERFFILE" + le64(104), Format::kPerfData},                   // legacy v1
      // gperftools CPU profile header: 0, 3, 0, period 10000 us, 0 (64-bit and 32-bit words).
      {le64(0) + le64(3) + le64(0) + le64(10000) + le64(0) + le64(2), Format::kGperftoolsCpu},
      {bytes({0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x27, 0, 0, 0, 0, 0, 0}), Format::kGperftoolsCpu},
      // profile.proto as Go writes it: sample_type {type 1, unit 2}, sample_type {3, 4}, time_nanos, ...
      {bytes({0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x0a, 0x04, 0x08, 0x03, 0x10, 0x04, 0x12, 0x0a, 0x0a, 0x01, 0x01,
              0x10, 0x02, 0x10, 0x80, 0xda, 0xc4, 0x09}),
       Format::kPprof},
      // Go 1.19 puts time_nanos (field 9) first.
      {bytes({0x48, 0x9e, 0xa3, 0xf2, 0x83, 0xa5, 0xac, 0xfa, 0xf6, 0x18, 0x0a, 0x04, 0x08, 0x01, 0x10, 0x02}),
       Format::kPprof},
      {bytes({0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00}), Format::kZstd},
      {bytes({0xfd, '7', 'z', 'X', 'Z', 0x00, 0x00}), Format::kXz},
      {"BZh91AY&SY\x01\x02", Format::kBzip2},
      {bytes({0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}), Format::kBinary},
  };
  for (const Case& c : cases) {
    INFO(c.head.size() << " bytes");
    CHECK(sniff_format(c.head) == c.format);
  }
}

TEST_CASE("text formats by the shape of their first lines", "[io]") {
  struct Case {
    const char* head;
    Format format;
  };
  const Case cases[] = {
      {"java 12688 [002] 6544038.708352: 10309278 cpu-clock:\n\tffffffff8103ce3b native_safe_halt ([kernel.kallsyms])\n"
       "\t7f722d142778 Interpreter (/usr/lib/jvm/libjvm.so)\n\n",
       Format::kPerfScript},
      {"# ========\n# captured on    : Thu Dec  4 01:13:01 2026\n# ========\n#\n"
       "app 1 [000] 1.000001: 5 cycles:\n\t1 f (/m)\n\n",
       Format::kPerfScript},
      // Without call chains: one line per sample, comm padded.
      {"               w  7160   412.275973:     500000 cpu-clock:  ffffffff82240c89 pvm_irq_enable+0x19 ([kernel.kallsyms])\n"
       "               w  7160   412.277127:     500000 cpu-clock:      7f90ba22ee10 leaf+0x33 (/tmp/w)\n",
       Format::kPerfScript},
      {"java;start_thread;JavaMain 12\njava;start_thread;Interpreter 3\n", Format::kFolded},
      {"a;b 1 2\nc 0.5\n", Format::kFolded},                                      // differential, fractional
      {";ret_from_fork;kthread;worker_thread 1\n", Format::kFolded},               // BCC stackcount without -P
      {"dd;__write;-;entry_SYSCALL_64_fastpath_[k];sys_write_[k] 1", Format::kFolded},  // no final newline
      {"heap profile:    151: 10007296 [  1151: 11007296] @ heapprofile\n", Format::kGperftoolsHeap},
      {"heap profile:   3213: 627704000 [  3213: 627704000] @ heap_v2/524288\n", Format::kGperftoolsHeap},
      {"PeriodType: cpu nanoseconds\nPeriod: 10000000\nTime: 2026-12-04 01:40:34 +0000 UTC\nDuration: 715.\nSamples:\n"
       "samples/count cpu/nanoseconds\n         11  110000000: 1 2 3 \n",
       Format::kPprofRaw},
      {"File: goprog\nType: cpu\nTime: Dec 4, 2026 at 1:50am (UTC)\nDuration: 1s\n"
       "-----------+-------------------------------------------------------\n      20ms   main.leaf\n",
       Format::kPprofTraces},
      {"Period: 1\n", Format::kPprofRaw},  // cut before Samples:
      {"Time: 12:00\nsomething\n", Format::kText},
      {"Attaching 2 probes...\n\n\n@[\n    0x55831964073e\n]: 1\n", Format::kBpftrace},
      {"@[\n    leaf+12\n    main+34\n]: 123\n", Format::kBpftrace},
      {"@bytes[bash]: 12\n", Format::kBpftrace},
      {"hello world\nthis is a log file 12:00\n", Format::kText},
      // Printable text that reads as protobuf fields ('p' 'h' 'p' ' ': two varints) is not taken for pprof.
      {"php 1234 [000] 1.000001: 10 cycles:\n\t4005d0 zend_execute (/usr/bin/php)\n\n", Format::kPerfScript},
      {"hxhx 1\n", Format::kFolded},
      {"", Format::kText},
      {"\n\n", Format::kText},
      // A folded file with one odd line is not told to be folded (only what is sure gets a message).
      {"a;b 1\nsomething else\n", Format::kText},
  };
  for (const Case& c : cases) {
    INFO(c.head);
    CHECK(sniff_format(c.head) == c.format);
  }
}

TEST_CASE("a stray NUL in a frame name is text; NULs all through are binary", "[io]") {
  using namespace std::string_literals;
  // flamegraph.pl reads a folded line whose frame holds a NUL; so must flame-svg.
  CHECK(sniff_format("main;nul\0byte 10\nmain;a 1\nmain;b 2\nmain;c 3\n"s) == Format::kFolded);
  CHECK(sniff_format("app 1 [000] 1.000001: 5 cycles:\n\t1 f\0g (/m)\n\n\t2 g (/m)\n\n"s) == Format::kPerfScript);
  // NULs on most lines, or one line of NULs alone: binary.
  CHECK(sniff_format("a\0 1\nb\0 2\nc 3\n"s) == Format::kBinary);
  CHECK(sniff_format("abc\0def"s) == Format::kBinary);
  std::string elf_like = "\x7f" "ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0\1\0\0\0\n\0\0\0\0\0\0\0@\0\n"s;
  CHECK(sniff_format(elf_like) == Format::kBinary);
}

TEST_CASE("each tool refuses what it cannot read, in one line, and names what reads it", "[io]") {
  using flamekit::io::wrong_input_message;
  struct Case {
    Format format;
    Reader reader;
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {Format::kPerfData, Reader::kCollapse, "perf.data",
       "this is a perf.data file (PERFILE2), not perf script text; read it with "
       "'perf script -i perf.data | flame-collapse'"},
      {Format::kPerfDataPipe, Reader::kCollapse, "-",
       "this is a perf.data stream in pipe mode (PERFILE2, perf record -o -), not perf script text; read it with "
       "'perf script -i - | flame-collapse'"},
      {Format::kPerfScript, Reader::kSvg, "perf.txt",
       "this is perf script text, not folded stacks; fold it first: 'flame-collapse perf.txt | flame-svg'"},
      {Format::kFolded, Reader::kCollapse, "a.folded",
       "this is folded stacks, collapsed already, not perf script text; give it to flame-svg or flame-diff as it is"},
      {Format::kPprof, Reader::kDiff, "-",
       "this is a pprof profile (profile.proto), not folded stacks; fold it first: 'flame-pprof - > profile.folded'"},
      {Format::kGperftoolsCpu, Reader::kCollapse, "envoy.prof",
       "this is a gperftools CPU profile, not perf script text; read it with 'flame-pprof envoy.prof'"},
      {Format::kPprofTraces, Reader::kSvg, "t.txt",
       "this is go tool pprof -traces output, not folded stacks; fold it first: 'flame-pprof t.txt | flame-svg'"},
      {Format::kBpftrace, Reader::kSvg, "bt.txt",
       "this is bpftrace map output, not folded stacks; flamekit does not read it; fold it first: "
       "'stackcollapse-bpftrace.pl bt.txt | flame-svg' (stackcollapse-bpftrace.pl comes with FlameGraph)"},
      {Format::kPerfScript, Reader::kPprof, "perf.txt",
       "this is perf script text, not a profile flame-pprof reads; read it with 'flame-collapse perf.txt'"},
      {Format::kPprof, Reader::kDemangle, "cpu.pb.gz",
       "this is a pprof profile (profile.proto), not text; read it with 'flame-pprof cpu.pb.gz', which demangles "
       "by itself"},
      {Format::kZstd, Reader::kCollapse, "perf.txt.zst",
       "this is zstd-compressed data, not perf script text; flamekit reads gzip only: "
       "'zstd -dc perf.txt.zst | flame-collapse'"},
  };
  for (const Case& c : cases) CHECK(wrong_input_message(c.format, c.reader, c.file) == c.message);

  // What each tool reads passes.
  for (Format f : {Format::kText, Format::kPerfScript}) CHECK(wrong_input_message(f, Reader::kCollapse, "x").empty());
  for (Format f : {Format::kText, Format::kFolded}) CHECK(wrong_input_message(f, Reader::kSvg, "x").empty());
  for (Format f : {Format::kPprof, Format::kGperftoolsCpu, Format::kGperftoolsHeap, Format::kPprofRaw,
                   Format::kPprofTraces}) {
    CHECK(wrong_input_message(f, Reader::kPprof, "x").empty());
  }
  // flame-demangle is a text filter: every text format passes, and unknown binary data too, as c++filt passes it.
  for (Format f : {Format::kText, Format::kPerfScript, Format::kFolded, Format::kGperftoolsHeap, Format::kPprofRaw,
                   Format::kBpftrace, Format::kBinary}) {
    CHECK(wrong_input_message(f, Reader::kDemangle, "x").empty());
  }
  for (Format f : {Format::kPerfData, Format::kPprof, Format::kGperftoolsCpu, Format::kXz}) {
    CHECK_FALSE(wrong_input_message(f, Reader::kDemangle, "x").empty());
  }
}

TEST_CASE("check_input_format throws an Error naming the file", "[io]") {
  try {
    flamekit::io::check_input_format("PERFILE2" + le64(104), Reader::kSvg, "perf.data");
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe() ==
          "perf.data: this is a perf.data file (PERFILE2), not folded stacks; fold it first: "
          "'perf script -i perf.data | flame-collapse | flame-svg'");
  }
  CHECK_NOTHROW(flamekit::io::check_input_format("a;b 1\n", Reader::kSvg, "a.folded"));
}
