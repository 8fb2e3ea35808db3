// capture_files.h: where a capture's files go and how they get there. Names follow runner.py,
//   {start}_{labels}-{profile_name}-{podname}.profile        the command's standard output
//   {start}_{labels}-{profile_name}-{podname}_profiler_cmd.log  its standard error, then flame-capture's notes
//   ...folded / ...svg                                          with --render
// with {start} the run's start as %Y-%m-%d-%H%M%S (local time, as Python's strftime). Each file is written
// as DIR/.NAME.part (created exclusively) and renamed to NAME without replacing anything, so a capture is
// never overwritten and a name that exists is complete.
//
//   CaptureNames names(opts.output_dir, capture_basename(start, labels, name, pod));
//   PendingFile profile(names.profile());   // fd() for the child's stdout
//   profile.commit();                        // rename; throws if NAME appeared meanwhile
#pragma once

#include <ctime>
#include <string>

namespace flamekit::capture {

// "{start}_{labels}-{profile_name}-{podname}".
std::string capture_basename(std::time_t start, const std::string& labels, const std::string& profile_name,
                             const std::string& pod);

struct CaptureNames {
  std::string dir, base;
  std::string path(const std::string& suffix) const { return dir + "/" + base + suffix; }
  std::string profile() const { return path(".profile"); }
  std::string log() const { return path("_profiler_cmd.log"); }
  std::string render_log() const { return path("_render.log"); }
  std::string folded() const { return path(".folded"); }
  std::string svg() const { return path(".svg"); }
};

// The temporary name a final path is written under: DIR/.NAME.part.
std::string part_path(const std::string& path);

// Throws Error if `path` exists (flame-capture never overwrites a capture).
void refuse_existing(const std::string& path);

// Creates `dir` and its parents if missing. Throws Error naming the component that cannot be made.
void make_directories(const std::string& dir);

// A file being written under its part name.
class PendingFile {
 public:
  // Creates part_path(path) exclusively (O_EXCL). Throws Error if it cannot.
  explicit PendingFile(std::string path);
  ~PendingFile();  // unlinks the part file unless committed or kept
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Appends text (flame-capture's notes in the log). Throws Error on a write failure.
  void append(const std::string& text);
  // Closes and renames to the final path, never replacing one. Throws Error if it exists.
  void commit();

 private:
  std::string path_, part_;
  int fd_ = -1;
  bool done_ = false;
};

// Renames the part file a tool wrote (flame-svg -o, flame-demangle -o) to `path`, never replacing one.
void commit_part(const std::string& path);

}  // namespace flamekit::capture
