// error.cc: formatting of Error positions.
#include "core/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace flamekit {

std::string Error::describe() const {
  std::string out;
  if (!where_.file.empty()) {
    out = where_.file == "-" ? "<stdin>" : where_.file;
    if (where_.line > 0) {
      out += ":" + std::to_string(where_.line);
    } else if (where_.offset >= 0) {
      char buf[40];
      std::snprintf(buf, sizeof buf, ": offset 0x%llx", static_cast<unsigned long long>(where_.offset));
      out += buf;
    }
    out += ": ";
  }
  out += what();
  return out;
}

Error system_error(const std::string& file, const std::string& what) {
  int saved = errno;
  return Error(Error::Position{file, 0, -1}, what + ": " + std::strerror(saved));
}

}  // namespace flamekit
