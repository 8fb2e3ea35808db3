// format_sniff.h: what an input is, told from its first bytes (after gzip decompression), so that a tool
// given the wrong kind of profile says in one line what it got and which tool reads it, instead of warning
// about every line. The one place that knows the profile formats flamekit meets and the route from each to
// the tools: when a reader for a format lands, its entry here changes and every tool's message follows.
//
//   io::LineReader reader(path);
//   io::check_input_format(reader.peek(io::kSniffBytes), io::Reader::kCollapse, path);  // perf.data? pprof?
//   io::check_input_format(mapped.bytes(), io::Reader::kDiff, path);                     // the same, mapped
//
// Binary formats are recognised by their magic bytes or header (perf.data "PERFILE2", file or pipe mode;
// a gperftools CPU profile's header words 0, 3, 0, period, 0; a protobuf whose fields are those of pprof's
// profile.proto; zstd, xz and bzip2 magic), text formats by the shape of their first lines (perf script
// event and frame lines; "stack count" folded lines, as FlameGraph's and BCC's tools print them; a
// gperftools heap profile's "heap profile:" header; `go tool pprof -raw`'s "PeriodType:"... "Samples:";
// `go tool pprof -traces`' separator lines; bpftrace's "@[...]: N" maps). Anything else is plain text, which
// the tools read as they always did, or binary when NULs fill many of its lines or control bytes are many (a
// stray NUL in one frame name is text).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flamekit::io {

enum class Format {
  kText,            // nothing recognised: read as usual
  kPerfScript,      // `perf script` text
  kFolded,          // folded stacks ("a;b;c 12"), FlameGraph's stackcollapse-* or BCC's -f output
  kPerfData,        // perf.data, file mode
  kPerfDataPipe,    // perf.data, pipe mode (`perf record -o -`)
  kPprof,           // pprof profile.proto (gzip'd, as pprof writes it, or raw)
  kGperftoolsCpu,   // gperftools (libprofiler) CPU profile, binary
  kGperftoolsHeap,  // gperftools heap profile text ("heap profile: ... @ heapprofile" or "heap_v2/")
  kPprofRaw,        // `go tool pprof -raw` text
  kPprofTraces,     // `go tool pprof -traces` text
  kBpftrace,        // bpftrace map output ("@[...]: N")
  kZstd,            // zstd-compressed data (flamekit reads gzip only)
  kXz,              // xz-compressed data
  kBzip2,           // bzip2-compressed data
  kBinary,          // binary data of no format above
};

// Which tool is reading: what it takes, and so what it refuses.
enum class Reader {
  kCollapse,  // perf script text
  kPprof,     // the pprof family: profile.proto, gperftools CPU and heap profiles, pprof -raw and -traces
  kSvg,       // folded stacks
  kDiff,      // folded stacks
  kDemangle,  // any text: only binary formats are refused
};

// Bytes to pass as `head`: enough for a `perf script --header` preamble and some samples.
inline constexpr size_t kSniffBytes = 32 << 10;

// The format of an input that starts with `head` (its first kSniffBytes bytes, or all of it if shorter).
Format sniff_format(std::string_view head);

// A short description: "a perf.data file (PERFILE2)", "folded stacks", ...
const char* format_name(Format format);

// Why a tool that is `reader` should not read an input of `format` named `file` ("-" = standard input),
// and what reads it, in one line: "this is a perf.data file (PERFILE2), not perf script text; read it with
// 'perf script -i perf.data | flame-collapse'". Empty if the tool reads it.
std::string wrong_input_message(Format format, Reader reader, const std::string& file);

// Throws Error naming `file` with wrong_input_message() if the input starting with `head` (of any length:
// its first kSniffBytes are looked at) is not for `reader`.
void check_input_format(std::string_view head, Reader reader, const std::string& file);

}  // namespace flamekit::io
