// byte_source.cc: plain and gzip byte streams over a file descriptor, and gzip inflated ahead on a thread.
#include "io/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"

namespace flamekit::io {
namespace {

constexpr size_t kChunk = 1 << 20;

// Reads from fd, retrying on EINTR. Returns bytes read (0 at EOF).
size_t read_fd(int fd, char* dst, size_t n, const std::string& name) {
  for (;;) {
    ssize_t got = ::read(fd, dst, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno == EINTR) continue;
    throw system_error(name, "read failed");
  }
}

class FdSource : public ByteSource {
 public:
  FdSource(std::string name, int fd, bool owned, std::string prefix, bool regular, int64_t size)
      : name_(std::move(name)), fd_(fd), owned_(owned), prefix_(std::move(prefix)), regular_(regular),
        size_(size) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  size_t read(char* dst, size_t n) override {
    if (prefix_pos_ < prefix_.size()) {
      size_t take = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(dst, prefix_.data() + prefix_pos_, take);
      prefix_pos_ += take;
      return take;
    }
    return read_fd(fd_, dst, n, name_);
  }
  int mappable_fd(int64_t* size) const override {
    *size = size_;
    return regular_ && prefix_pos_ == 0 ? fd_ : -1;
  }

 protected:
  std::string name_;
  int fd_;
  bool owned_;
  std::string prefix_;  // bytes already read while sniffing the format
  size_t prefix_pos_ = 0;
  bool regular_;
  int64_t size_;
};

class GzipSource : public FdSource {
 public:
  GzipSource(std::string name, int fd, bool owned, std::string prefix)
      : FdSource(std::move(name), fd, owned, std::move(prefix), false, 0), in_(kChunk) {
    std::memset(&zs_, 0, sizeof zs_);
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) throw Error(name_ + ": cannot initialise zlib");
  }
  ~GzipSource() override { inflateEnd(&zs_); }

  size_t read(char* dst, size_t n) override {
    const uInt want = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    zs_.next_out = reinterpret_cast<Bytef*>(dst);
    zs_.avail_out = want;
    while (zs_.avail_out == want) {  // until something is produced or the input ends
      if (zs_.avail_in == 0) {
        size_t got = FdSource::read(in_.data(), in_.size());
        if (got == 0) {
          if (!member_done_) throw Error::at_offset(name_, compressed_offset_, "truncated gzip data");
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(got);
      }
      uInt before = zs_.avail_in;
      member_done_ = false;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      compressed_offset_ += before - zs_.avail_in;
      if (rc == Z_STREAM_END) {
        member_done_ = true;
        inflateReset(&zs_);  // a further gzip member may follow (cat a.gz b.gz)
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw Error::at_offset(name_, compressed_offset_,
                               std::string("corrupt gzip data: ") + (zs_.msg ? zs_.msg : "inflate failed"));
      }
    }
    return want - zs_.avail_out;
  }
  int mappable_fd(int64_t*) const override { return -1; }

 private:
  z_stream zs_;
  std::vector<char> in_;
  int64_t compressed_offset_ = 0;
  bool member_done_ = true;  // an empty stream is a complete (empty) one
};

// Reads `inner` on a helper thread into kBlocks blocks of kChunk bytes; read() copies out of the oldest full
// block and hands it back once empty. The helper stops when the input ends, fails (the error is thrown by
// read() after the bytes before it), or the source is destroyed (after at most one more block).
class ReadAheadSource : public ByteSource {
 public:
  explicit ReadAheadSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {
    for (Block& b : blocks_) {
      b.bytes.resize(kChunk);
      free_.push_back(&b);
    }
    helper_ = std::thread([this] { fill(); });
  }
  ~ReadAheadSource() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    helper_.join();
  }

  size_t read(char* dst, size_t n) override {
    if (!current_ || taken_ == current_->size) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (current_) free_.push_back(current_);
      current_ = nullptr;
      changed_.notify_all();
      changed_.wait(lock, [this] { return !full_.empty() || ended_; });
      if (full_.empty()) {
        if (error_) std::rethrow_exception(error_);
        return 0;
      }
      current_ = full_.front();
      full_.pop_front();
      taken_ = 0;
    }
    size_t take = std::min(n, current_->size - taken_);
    std::memcpy(dst, current_->bytes.data() + taken_, take);
    taken_ += take;
    return take;
  }
  int mappable_fd(int64_t*) const override { return -1; }

 private:
  struct Block {
    std::vector<char> bytes;
    size_t size = 0;
  };
  static constexpr size_t kBlocks = 4;

  void fill() {
    for (bool end = false; !end;) {
      Block* b;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return !free_.empty() || stop_; });
        if (stop_) return;
        b = free_.back();
        free_.pop_back();
      }
      std::exception_ptr error;
      b->size = 0;
      try {
        while (b->size < b->bytes.size()) {
          size_t got = inner_->read(b->bytes.data() + b->size, b->bytes.size() - b->size);
          if (got == 0) break;
          b->size += got;
        }
      } catch (...) {
        error = std::current_exception();
      }
      end = error || b->size < b->bytes.size();
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (b->size > 0) full_.push_back(b);
        if (b->size == 0) free_.push_back(b);
        error_ = error;
        ended_ = end;
      }
      changed_.notify_all();
    }
  }

  std::unique_ptr<ByteSource> inner_;  // read by the helper only
  Block blocks_[kBlocks];
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Block*> free_;  // guarded by mutex_
  std::deque<Block*> full_;   // guarded by mutex_, oldest first
  bool ended_ = false;        // guarded by mutex_: the helper has read its last block
  bool stop_ = false;         // guarded by mutex_
  std::exception_ptr error_;  // guarded by mutex_
  Block* current_ = nullptr;  // the reader's block
  size_t taken_ = 0;          // bytes of it already read
  std::thread helper_;
};

}  // namespace

std::unique_ptr<ByteSource> ByteSource::open(const std::string& path, Options options) {
  bool is_stdin = path == "-";
  int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw system_error(path, "cannot open");
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    if (!is_stdin) ::close(fd);
    throw system_error(path, "cannot stat");
  }
  if (S_ISDIR(st.st_mode)) {
    if (!is_stdin) ::close(fd);
    throw Error(Error::Position{path, 0, -1}, "is a directory");
  }
  bool regular = S_ISREG(st.st_mode);
  char magic[2];
  size_t got = 0;
  if (regular) {
    ssize_t r = ::pread(fd, magic, 2, 0);
    got = r > 0 ? static_cast<size_t>(r) : 0;
  } else {
    while (got < 2) {
      size_t r = read_fd(fd, magic + got, 2 - got, path);
      if (r == 0) break;
      got += r;
    }
  }
  bool gzip = got == 2 && static_cast<unsigned char>(magic[0]) == 0x1f && static_cast<unsigned char>(magic[1]) == 0x8b;
  std::string prefix = regular ? std::string() : std::string(magic, got);
  if (gzip) {
    auto source = std::make_unique<GzipSource>(path, fd, !is_stdin, std::move(prefix));
    if (options.read_ahead && regular) return std::make_unique<ReadAheadSource>(std::move(source));
    return source;
  }
  return std::make_unique<FdSource>(path, fd, !is_stdin, std::move(prefix), regular, st.st_size);
}

}  // namespace flamekit::io
