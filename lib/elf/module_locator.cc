// module_locator.cc: the candidate paths of a module and the build-id checks (see module_locator.h).
#include "elf/module_locator.h"

#include <sys/stat.h>

#include <cstdlib>

namespace flamekit::elf {
namespace {

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string dir_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
}

std::string base_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

// "xx/rest" of a build id: the directory-and-name form every build-id tree uses.
std::string build_id_path(const std::string& build_id) {
  return build_id.substr(0, 2) + "/" + build_id.substr(2);
}

// A path as perf records it, cleaned of the " (deleted)" suffix of a replaced file.
std::string recorded(const std::string& path) {
  static const std::string kDeleted = " (deleted)";
  if (path.size() > kDeleted.size() && path.compare(path.size() - kDeleted.size(), kDeleted.size(), kDeleted) == 0) {
    return path.substr(0, path.size() - kDeleted.size());
  }
  return path;
}

}  // namespace

ModuleLocator::ModuleLocator(LocatorOptions options) : options_(std::move(options)) {
  if (options_.build_id_cache.empty()) {
    if (const char* home = std::getenv("HOME")) options_.build_id_cache = join(home, ".debug");
  }
}

std::unique_ptr<ElfImage> ModuleLocator::runtime_image(const std::string& path, const std::string& build_id,
                                                       std::vector<Error>* problems) const {
  std::vector<std::string> tries;
  tries.push_back(options_.symfs.empty() ? path : join(options_.symfs, path.substr(path[0] == '/')));
  if (build_id.size() > 2 && !options_.build_id_cache.empty()) {
    tries.push_back(join(options_.build_id_cache, ".build-id/" + build_id_path(build_id) + "/elf"));
  }
  for (const std::string& dir : options_.search_path) tries.push_back(join(dir, base_of(path)));
  std::unique_ptr<ElfImage> first_error;
  for (const std::string& t : tries) {
    if (!exists(t) && t != tries[0]) continue;
    auto image = std::make_unique<ElfImage>(t);
    if (!image->ok()) {
      if (!first_error) first_error = std::move(image);
      continue;
    }
    if (!build_id.empty() && !image->build_id().empty() && image->build_id() != build_id) {
      problems->push_back(Error(Error::Position{t}, "build id " + image->build_id() + " does not match the recorded " +
                                                        build_id));
      continue;
    }
    return image;
  }
  if (first_error) problems->push_back(first_error->error());
  return nullptr;
}

LocatedModule ModuleLocator::locate(const std::string& recorded_path, const std::string& recorded_build_id) const {
  LocatedModule m;
  std::string path = recorded(recorded_path);
  if (path.empty()) {
    m.problems.push_back(Error("a mapping without a file name"));
    return m;
  }
  m.image = runtime_image(path, recorded_build_id, &m.problems);
  m.build_id = !recorded_build_id.empty() ? recorded_build_id : m.image ? m.image->build_id() : "";
  std::string real = m.image ? m.image->path() : path;

  std::vector<std::string> tries;
  if (m.image && !m.image->debuglink().empty()) {
    const std::string& link = m.image->debuglink();
    std::string dir = dir_of(real);
    tries.push_back(join(dir, link));
    tries.push_back(join(dir, ".debug/" + link));
    if (!options_.debug_dir.empty()) tries.push_back(join(options_.debug_dir, dir.substr(dir[0] == '/') + "/" + link));
  }
  if (m.build_id.size() > 2 && !options_.build_id_cache.empty()) {
    tries.push_back(join(options_.build_id_cache, ".build-id/" + build_id_path(m.build_id) + "/debug"));
  }
  if (!options_.debug_dir.empty() && !path.empty() && path[0] == '/') {
    tries.push_back(options_.debug_dir + path + ".debug");
    tries.push_back(options_.debug_dir + path);
  }
  if (m.build_id.size() > 2 && !options_.debug_dir.empty()) {
    tries.push_back(join(options_.debug_dir, ".build-id/" + build_id_path(m.build_id) + ".debug"));
  }
  for (const std::string& t : tries) {
    if (t == real || !exists(t)) continue;
    bool seen = false;
    for (const auto& d : m.debug) seen = seen || d->path() == t;
    if (seen) continue;
    auto image = std::make_unique<ElfImage>(t);
    if (!image->ok()) {
      m.problems.push_back(image->error());
      continue;
    }
    if (!m.build_id.empty() && !image->build_id().empty() && image->build_id() != m.build_id) {
      m.problems.push_back(Error(Error::Position{t}, "build id " + image->build_id() + " does not match " +
                                                         m.build_id + " of " + real));
      continue;
    }
    m.debug.push_back(std::move(image));
  }
  return m;
}

}  // namespace flamekit::elf
