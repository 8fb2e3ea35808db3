// process_table.cc: reading /proc/*/stat and /proc/*/cmdline directly (no pgrep: its output cannot say why
// nothing matched, and busybox pgrep lacks -P).
#include "capture/process_table.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

namespace flamekit::capture {
namespace {

constexpr size_t kCommBytes = 15;  // TASK_COMM_LEN - 1

// The whole of a small /proc file, or false if it cannot be read (the process has gone).
bool slurp(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out->clear();
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  ::close(fd);
  return n == 0;
}

bool parse_int(std::string_view s, int* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

bool parse_proc_stat(std::string_view stat, ProcessInfo* out) {
  size_t open = stat.find(" (");
  size_t close = stat.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return false;
  // After the name: " S PPID ..." (state, then the parent's pid).
  std::string_view rest = stat.substr(close + 1);
  if (rest.size() < 4 || rest[0] != ' ' || rest[2] != ' ') return false;
  rest.remove_prefix(3);
  std::string_view ppid = rest.substr(0, rest.find(' '));
  if (!parse_int(stat.substr(0, open), &out->pid) || !parse_int(ppid, &out->ppid)) return false;
  out->comm.assign(stat.substr(open + 2, close - open - 2));
  return true;
}

bool has_process_name(const ProcessInfo& p, std::string_view name) {
  return p.comm == name || (name.size() > kCommBytes && p.comm == name.substr(0, kCommBytes));
}

std::vector<ProcessInfo> parse_process_listing(std::string_view listing) {
  std::vector<ProcessInfo> table;
  size_t pos = 0;
  while (pos < listing.size()) {
    size_t stat_end = listing.find('\n', pos);
    if (stat_end == std::string_view::npos) break;
    size_t cmd_end = std::min(listing.find('\n', stat_end + 1), listing.size());
    ProcessInfo p;
    if (parse_proc_stat(listing.substr(pos, stat_end - pos), &p)) {
      std::string_view cmd = listing.substr(stat_end + 1, cmd_end - stat_end - 1);
      while (!cmd.empty() && cmd.back() == ' ') cmd.remove_suffix(1);  // the trailing NUL, as a space
      p.cmdline.assign(cmd);
      table.push_back(std::move(p));
    }
    pos = cmd_end + 1;
  }
  std::sort(table.begin(), table.end(), [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
  return table;
}

std::vector<ProcessInfo> read_process_table(const std::string& proc_root) {
  std::vector<ProcessInfo> table;
  DIR* dir = ::opendir(proc_root.c_str());
  if (dir == nullptr) return table;
  std::string text;
  while (dirent* entry = ::readdir(dir)) {
    int pid;
    if (!parse_int(entry->d_name, &pid)) continue;
    std::string base = proc_root + "/" + entry->d_name;
    ProcessInfo p;
    if (!slurp(base + "/stat", &text) || !parse_proc_stat(text, &p)) continue;
    if (!slurp(base + "/cmdline", &text)) continue;
    while (!text.empty() && text.back() == '\0') text.pop_back();
    std::replace(text.begin(), text.end(), '\0', ' ');
    p.cmdline = std::move(text);
    table.push_back(std::move(p));
  }
  ::closedir(dir);
  std::sort(table.begin(), table.end(), [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
  return table;
}

}  // namespace flamekit::capture
