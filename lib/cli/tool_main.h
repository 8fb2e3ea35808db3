// tool_main.h: the boundary every flame-* binary shares. run_tool() calls the tool's body and turns what it
// throws into one line on stderr and an exit code:
//   flamekit::Error      -> "flame-x: file:line: message", the error's code (1 input/I/O, 2 usage)
//   cxxopts exceptions   -> "flame-x: message (see --help)", 2
//   io::BrokenPipe       -> nothing, 0 (`flame-collapse big.txt | head` is not a failure)
//   std::bad_alloc       -> "flame-x: out of memory", 1
//   other std::exception -> "flame-x: what()", 1 (a library limit such as std::length_error)
//
//   int main(int argc, char** argv) {
//     return flamekit::cli::run_tool("flame-collapse", [&] { ...; return 0; });
//   }
#pragma once

#include <functional>

namespace flamekit::cli {

int run_tool(const char* tool, const std::function<int()>& body);

// The tool name given to run_tool, for warnings ("flame-collapse: warning: ...").
const char* tool_name();

}  // namespace flamekit::cli
