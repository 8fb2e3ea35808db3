// capture_kind.h: what a profiler printed, told from its first bytes, so --render picks the filters:
//   perf script text   "envoy 4242 1234.5: 10101 cpu-clock:" then "\tffffffff81000000 sym+0x10 (dso)"
//   bpftrace maps      "@[\n    frame\n]: 7" or "@name[...]: 7" (after "Attaching N probes...")
//   folded stacks      "envoy;main;work 42" (BCC -f, flame-collapse, stackcollapse-*)
//   pprof / gperftools gzip'd profile.proto, a legacy CPU profile (binary), a heap profile ("heap profile:")
// A gzip'd capture is looked at inflated: perf script text or folded stacks inside stay what they are.
// TODO: replace with lib/io/format_sniff once branch collapse-ux lands: one content sniffer for the toolkit.
#pragma once

#include <string_view>

namespace flamekit::capture {

enum class CaptureKind { kEmpty, kPerfScript, kBpftrace, kFolded, kPprof, kUnknown };

// Looks at (a prefix of) the capture; 64 KiB is plenty.
CaptureKind sniff_capture(std::string_view head);

// "perf script text", "bpftrace maps", ... for -v and errors.
const char* kind_name(CaptureKind kind);

}  // namespace flamekit::capture
