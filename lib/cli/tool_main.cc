// tool_main.cc: error-to-exit-code mapping at the tool boundary.
#include "cli/tool_main.h"

#include <cstdio>
#include <exception>
#include <new>

#include "core/error.h"
#include "cxxopts.hpp"
#include "io/output_file.h"
#include "io/process_signals.h"

namespace flamekit::cli {
namespace {
const char* g_tool = "flamekit";
}

const char* tool_name() { return g_tool; }

int run_tool(const char* tool, const std::function<int()>& body) {
  g_tool = tool;
  io::ignore_sigpipe();  // a closed stdout shows up as EPIPE, handled as BrokenPipe (children: process_signals.h)
  try {
    return body();
  } catch (const Error& e) {
    std::fprintf(stderr, "%s: %s\n", tool, e.describe().c_str());
    return e.code();
  } catch (const cxxopts::exceptions::exception& e) {
    std::fprintf(stderr, "%s: %s (see --help)\n", tool, e.what());
    return kExitUsage;
  } catch (const io::BrokenPipe&) {
    return kExitOk;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: out of memory\n", tool);
    return kExitBadInput;
  } catch (const std::exception& e) {  // a standard library limit (std::length_error, ...): not an abort
    std::fprintf(stderr, "%s: %s\n", tool, e.what());
    return kExitBadInput;
  }
}

}  // namespace flamekit::cli
