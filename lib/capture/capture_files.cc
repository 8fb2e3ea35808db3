// capture_files.cc: runner.py's names, exclusive part files, and renames that never replace.
#include "capture/capture_files.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "core/error.h"

namespace flamekit::capture {

std::string capture_basename(std::time_t start, const std::string& labels, const std::string& profile_name,
                             const std::string& pod) {
  std::tm tm{};
  ::localtime_r(&start, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", &tm);
  return std::string(stamp) + "_" + labels + "-" + profile_name + "-" + pod;
}

std::string part_path(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t at = slash == std::string::npos ? 0 : slash + 1;
  return path.substr(0, at) + "." + path.substr(at) + ".part";
}

void refuse_existing(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    throw Error(Error::Position{path, 0, -1}, "exists; flame-capture never overwrites a capture (move it, or "
                                              "change --name or --labels)");
  }
}

void make_directories(const std::string& dir) {
  for (size_t at = dir.find('/', 1);; at = dir.find('/', at + 1)) {
    std::string prefix = dir.substr(0, at);
    struct stat st;
    if (::stat(prefix.c_str(), &st) != 0) {
      if (::mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) throw system_error(prefix, "cannot create directory");
    } else if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      throw system_error(prefix, "cannot be the output directory");
    }
    if (at == std::string::npos) break;
  }
}

static void rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
  if (errno == EEXIST) refuse_existing(to);
  // Filesystems without RENAME_NOREPLACE: link() also refuses to replace.
  if (errno == EINVAL && ::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return;
  }
  if (errno == EEXIST) refuse_existing(to);
  throw system_error(to, "cannot rename " + from + " to it");
}

PendingFile::PendingFile(std::string path) : path_(std::move(path)), part_(part_path(path_)) {
  refuse_existing(path_);
  fd_ = ::open(part_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    if (errno == EEXIST) {
      throw Error(Error::Position{part_, 0, -1}, "exists: another flame-capture is writing this capture, or one "
                                                 "was killed (remove the file)");
    }
    throw system_error(part_, "cannot create");
  }
}

PendingFile::~PendingFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!done_) ::unlink(part_.c_str());
}

void PendingFile::append(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw system_error(part_, "write failed");
    done += static_cast<size_t>(n);
  }
}

void PendingFile::commit() {
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw system_error(part_, "write failed");
  rename_no_replace(part_, path_);
  done_ = true;
}

void commit_part(const std::string& path) { rename_no_replace(part_path(path), path); }

}  // namespace flamekit::capture
