// binary_locator.cc: pprof's search for local binaries (see binary_locator.h).
#include "pprof/binary_locator.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

namespace flamekit::pprof {
namespace {

std::vector<std::string> split_path_list(const std::string& list) {
  std::vector<std::string> dirs;
  size_t at = 0;
  while (at <= list.size()) {
    size_t colon = list.find(':', at);
    if (colon == std::string::npos) colon = list.size();
    if (colon > at) dirs.push_back(list.substr(at, colon - at));
    at = colon + 1;
  }
  return dirs;
}

// Go's filepath.Join for the two-part case: one slash between the parts.
std::string join(const std::string& dir, std::string_view part) {
  while (part.starts_with('/')) part.remove_prefix(1);
  if (part.empty()) return dir;
  std::string out = dir;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.empty() || out.back() != '/') out += '/';
  return out + std::string(part);
}

std::string_view basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<std::string> sorted_entries(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(join(dir, name));
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> candidates(const std::string& dir, const Mapping& m) {
  std::vector<std::string> names;
  std::string_view base = basename(m.file);
  if (!m.build_id.empty()) {
    std::string id_dir = join(dir, m.build_id);
    names.push_back(join(id_dir, base));
    for (std::string& entry : sorted_entries(id_dir)) names.push_back(std::move(entry));
    names.push_back(join(join(dir, m.file), m.build_id));
  }
  if (!m.file.empty()) {
    if (!base.empty()) names.push_back(join(dir, base));
    names.push_back(join(dir, m.file));
  }
  return names;
}

}  // namespace

bool is_regular_file(const std::string& path, const Mapping&) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> locate_binaries(Profile* p, const BinarySearch& search, const BinaryCheck& usable) {
  if (!search.binary.empty()) {
    if (p->mappings.empty()) {
      Mapping m;
      m.id = 1;
      m.limit = UINT64_MAX;
      p->mappings.push_back(m);
      for (Location& l : p->locations) {
        if (l.mapping == kNone) l.mapping = 0;
      }
    }
    p->mappings[0].file = p->keep(search.binary);
  }
  std::vector<std::string> dirs = split_path_list(search.search_path);
  std::string env = search.env_path.empty() ? join(search.home, "pprof/binaries") : search.env_path;
  for (std::string& dir : split_path_list(env)) dirs.push_back(std::move(dir));

  std::vector<std::string> files(p->mappings.size());
  for (size_t i = 0; i < p->mappings.size(); ++i) {
    const Mapping& m = p->mappings[i];
    if (m.file.empty() || m.file.starts_with('[')) continue;  // anonymous memory, [vdso], [heap]
    if (i != 0 || search.binary.empty()) {
      for (const std::string& dir : dirs) {
        for (const std::string& name : candidates(dir, m)) {
          if (usable(name, m)) {
            files[i] = name;
            break;
          }
        }
        if (!files[i].empty()) break;
      }
    }
    // The mapping's own path (or --binary) is used whenever it exists: if it is not the binary the profile
    // names, the symbolizer says so, rather than the frames going unnamed without a word.
    if (files[i].empty() && is_regular_file(std::string(m.file), m)) files[i] = std::string(m.file);
  }
  return files;
}

}  // namespace flamekit::pprof
