// output_file.cc: buffered, atomic, optionally gzip output; temporaries are removed on fatal signals
// (process_signals.h).
#include "io/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "io/process_signals.h"

namespace flamekit::io {
namespace {

constexpr size_t kBufferBytes = 1 << 20;

}  // namespace

struct OutputFile::Deflater {
  z_stream zs;
  std::vector<char> out = std::vector<char>(kBufferBytes);
};

bool OutputFile::wants_gzip(const std::string& path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".gz") || ends(".svgz");
}

OutputFile::OutputFile(const std::string& path, Options options) : path_(path) {
  buffer_.reserve(kBufferBytes);
  if (path == "-") {
    fd_ = 1;
  } else {
    std::string dir = ".", base = path;
    if (auto slash = path.rfind('/'); slash != std::string::npos) {
      dir = path.substr(0, slash == 0 ? 1 : slash);
      base = path.substr(slash + 1);
    }
    std::string templ = dir + "/." + base + ".tmp.XXXXXX";
    fd_ = ::mkstemp(templ.data());
    if (fd_ < 0) throw system_error(path, "cannot create output file");
    temp_path_ = templ;
    add_temporary(temp_path_);  // unlinked if a fatal signal ends the process
    ::fchmod(fd_, 0644 & ~[] { mode_t m = ::umask(0); ::umask(m); return m; }());
  }
  if (options.gzip) {
    deflater_ = std::make_unique<Deflater>();
    std::memset(&deflater_->zs, 0, sizeof deflater_->zs);
    if (deflateInit2(&deflater_->zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw Error(path + ": cannot initialise zlib");
    }
  }
}

OutputFile::~OutputFile() {
  if (deflater_) deflateEnd(&deflater_->zs);
  if (!temp_path_.empty() && !committed_) {
    ::close(fd_);
    ::unlink(temp_path_.c_str());
    remove_temporary(temp_path_);
  }
}

void OutputFile::write_fd(const char* data, size_t n) {
  while (n > 0) {
    ssize_t put = ::write(fd_, data, n);
    if (put < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE && fd_ == 1) throw BrokenPipe{};
      throw system_error(path_ == "-" ? "<stdout>" : path_, "write failed");
    }
    data += put;
    n -= static_cast<size_t>(put);
  }
}

void OutputFile::write_through(std::string_view bytes) {
  if (!deflater_) {
    write_fd(bytes.data(), bytes.size());
    return;
  }
  z_stream& zs = deflater_->zs;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  do {
    zs.next_out = reinterpret_cast<Bytef*>(deflater_->out.data());
    zs.avail_out = static_cast<uInt>(deflater_->out.size());
    deflate(&zs, Z_NO_FLUSH);
    write_fd(deflater_->out.data(), deflater_->out.size() - zs.avail_out);
  } while (zs.avail_in > 0 || zs.avail_out == 0);
}

void OutputFile::flush_buffer() {
  if (buffer_.empty()) return;
  write_through(std::string_view(buffer_.data(), buffer_.size()));
  buffer_.clear();
}

void OutputFile::commit() {
  flush_buffer();
  if (deflater_) {
    z_stream& zs = deflater_->zs;
    zs.avail_in = 0;
    int rc;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(deflater_->out.data());
      zs.avail_out = static_cast<uInt>(deflater_->out.size());
      rc = deflate(&zs, Z_FINISH);
      write_fd(deflater_->out.data(), deflater_->out.size() - zs.avail_out);
    } while (rc != Z_STREAM_END);
  }
  if (temp_path_.empty()) {
    committed_ = true;
    return;
  }
  if (::close(fd_) != 0) throw system_error(path_, "close failed");
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) throw system_error(path_, "cannot rename output");
  remove_temporary(temp_path_);
  committed_ = true;
}

}  // namespace flamekit::io
