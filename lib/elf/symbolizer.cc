// symbolizer.cc: modules opened once, addresses resolved once (see symbolizer.h). A Module holds the located
// files of one binary, its SymbolTable (built on first use) and a libdwfl handle on its DWARF (opened on
// first use); a TextModule is the kallsyms or perf-PID.map table. Both cache every Location they hand out
// in an absl::node_hash_map, whose values stay put when the table grows: the references the interface
// promises stay valid.
#include "elf/symbolizer.h"

#include <elfutils/libdwfl.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "absl/container/node_hash_map.h"
#include "demangle/name_transforms.h"
#include "demangle/symbol_demangler.h"
#include "elf/dwarf_frames.h"
#include "elf/elf_image.h"
#include "elf/text_symbols.h"
#include "io/line_reader.h"

namespace flamekit::elf {
namespace {

std::string base_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// libdwfl asks for the separate debug file through this; the module's user data points at the path the
// locator chose (or is null when the runtime image holds its own DWARF). A request with a link name and no
// CRC is for a dwz .gnu_debugaltlink file: that one libdwfl's standard search finds.
int find_located_debuginfo(Dwfl_Module* mod, void** userdata, const char* modname, Dwarf_Addr base,
                           const char* file_name, const char* debuglink_file, GElf_Word debuglink_crc,
                           char** debuginfo_file_name) {
  if (debuglink_file && debuglink_crc == 0) {
    return dwfl_standard_find_debuginfo(mod, userdata, modname, base, file_name, debuglink_file, debuglink_crc,
                                        debuginfo_file_name);
  }
  const auto* path = static_cast<const std::string*>(*userdata);
  if (!path || path->empty()) return -1;
  int fd = ::open(path->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) *debuginfo_file_name = strdup(path->c_str());
  return fd;
}

char* g_debuginfo_path = nullptr;  // libdwfl's default search path, for the altlink files

const Dwfl_Callbacks kCallbacks = {
    dwfl_build_id_find_elf,
    find_located_debuginfo,
    dwfl_offline_section_address,
    &g_debuginfo_path,
};

}  // namespace

std::string Location::unresolved() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "+0x%llx", static_cast<unsigned long long>(address));
  return module + buf;
}

// One ELF module: its files, symbols and DWARF, and the Locations handed out.
class Symbolizer::Module {
 public:
  Module(Symbolizer* owner, const std::string& recorded_path, LocatedModule located)
      : owner_(owner), name_(base_name(recorded_path)), files_(std::move(located)) {
    for (const auto& d : files_.debug) {
      if (d->has_dwarf()) {
        dwarf_path_ = d->path();
        break;
      }
    }
  }
  ~Module() {
    if (dwfl_) dwfl_end(dwfl_);
  }

  const ElfImage* image() const { return files_.image.get(); }
  const std::vector<Error>& problems() const { return files_.problems; }
  const std::string& name() const { return name_; }

  // The Location at ELF address `address`.
  const Location& at_address(uint64_t address) {
    auto [it, added] = by_address_.try_emplace(address);
    if (added) resolve(address, &it->second);
    return it->second;
  }
  // A Location that nothing can resolve (an offset outside the mapping or the file's segments).
  const Location& unresolved_at(uint64_t address) {
    auto [it, added] = unresolved_.try_emplace(address);
    if (added) {
      it->second.module = name_;
      it->second.address = address;
    }
    return it->second;
  }

  std::optional<uint64_t> symbol_address(std::string_view name) {
    if (!image()) return std::nullopt;
    return symbols().address_of(name, [&](std::string_view mangled) { return owner_->plain_name(mangled); });
  }

 private:
  const SymbolTable& symbols() {
    if (symbols_built_) return symbols_;
    symbols_built_ = true;
    bool found = false;
    for (const auto& d : files_.debug) {
      if (d->has_symtab() && d->read_symbols(&symbols_, ElfImage::kSymtab)) {
        found = true;
        break;
      }
    }
    if (!found && image()) {
      if (!image()->read_symbols(&symbols_, ElfImage::kSymtab)) image()->read_symbols(&symbols_, ElfImage::kDynsym);
    }
    symbols_.finish([&](std::string_view mangled) { return owner_->plain_name(mangled); });
    return symbols_;
  }

  Dwfl_Module* dwarf(GElf_Addr* bias) {
    if (!dwarf_opened_) {
      dwarf_opened_ = true;
      dwfl_ = dwfl_begin(&kCallbacks);
      if (dwfl_ && image()) {
        dwfl_report_begin(dwfl_);
        // The image's own descriptor (libdwfl closes the copy it is given): the file opened once is the one read.
        Dwfl_Module* mod = dwfl_report_offline(dwfl_, image()->path().c_str(), image()->path().c_str(),
                                               ::dup(image()->fd()));
        dwfl_report_end(dwfl_, nullptr, nullptr);
        if (mod) {
          void** userdata = nullptr;
          dwfl_module_info(mod, &userdata, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
          if (userdata) *userdata = &dwarf_path_;
          if (dwfl_module_getelf(mod, &bias_)) dwmod_ = mod;
        }
      }
    }
    *bias = bias_;
    return dwmod_;
  }

  std::string name_of(const std::string& raw) { return owner_->display_name(raw); }

  void resolve(uint64_t address, Location* out) {
    out->module = name_;
    out->address = address;
    if (!image()) return;
    const SymbolRule rule = owner_->options_.rule;
    GElf_Addr bias = 0;
    if (Dwfl_Module* mod = dwarf(&bias)) dwarf_frames(mod, address + bias, &chain_);
    else chain_.clear();
    const Symbol* sym = symbols().find(address, rule);
    for (const DwarfFrame& d : chain_) {
      Frame f{d.name, d.file, d.line, d.inlined};
      // A function without a linkage name (C, main, an anonymous namespace, a static function) is named by
      // its symbol, which has the namespace and parameters, as addr2line names it. Only the real (not
      // inlined) function: the symbol that holds an inlined call's code is its caller's.
      if (!d.linkage && !d.inlined && sym) f.function = sym->name;
      f.function = name_of(f.function);
      out->frames.push_back(std::move(f));
    }
    if (!owner_->options_.inline_frames && out->frames.size() > 1) {
      Frame outer = std::move(out->frames.back());
      out->frames.assign(1, std::move(outer));
    }
    if (out->frames.empty() && sym) out->frames.push_back({name_of(std::string(sym->name)), "", 0, false});
  }

  Symbolizer* owner_;
  std::string name_;
  LocatedModule files_;
  std::string dwarf_path_;  // the separate file libdwfl reads DWARF from; "" = the image's own
  SymbolTable symbols_;
  bool symbols_built_ = false;
  Dwfl* dwfl_ = nullptr;
  Dwfl_Module* dwmod_ = nullptr;
  GElf_Addr bias_ = 0;
  bool dwarf_opened_ = false;
  std::vector<DwarfFrame> chain_;  // scratch
  absl::node_hash_map<uint64_t, Location> by_address_;
  absl::node_hash_map<uint64_t, Location> unresolved_;
};

// kallsyms or one perf-PID.map: symbols only, addresses taken as they are.
class Symbolizer::TextModule {
 public:
  TextModule(Symbolizer* owner, std::string name, const std::string& path, bool kallsyms) : name_(std::move(name)) {
    try {
      io::LineReader in(path);
      size_t n = kallsyms ? read_kallsyms(in, &symbols_) : read_perf_map(in, &symbols_);
      if (n == 0) {
        owner->problems_.push_back(Error(Error::Position{path}, kallsyms ? "no kernel symbol addresses (kptr_restrict?)"
                                                                         : "no symbols"));
      }
    } catch (const Error& e) {
      owner->problems_.push_back(e);
    }
    symbols_.finish([&](std::string_view mangled) { return owner->plain_name(mangled); });
  }

  const Location& at(Symbolizer* owner, uint64_t address) {
    auto [it, added] = cache_.try_emplace(address);
    if (added) {
      it->second.module = name_;
      it->second.address = address;
      if (const Symbol* s = symbols_.find(address, owner->options_.rule)) {
        it->second.frames.push_back({owner->display_name(s->name), "", 0, false});
      }
    }
    return it->second;
  }

 private:
  std::string name_;
  SymbolTable symbols_;
  absl::node_hash_map<uint64_t, Location> cache_;
};

Symbolizer::Symbolizer(SymbolizerOptions options)
    : options_(std::move(options)), locator_(options_.files), demangler_(std::make_unique<demangle::SymbolDemangler>()) {}

Symbolizer::~Symbolizer() = default;

std::string Symbolizer::display_name(std::string_view mangled) {
  if (!options_.demangle) return std::string(mangled);
  return std::string(demangler_->demangle(mangled));
}

std::string Symbolizer::plain_name(std::string_view mangled) {
  std::string_view full = demangler_->demangle(mangled);
  if (full == mangled) return std::string(mangled);
  std::string out;
  demangle::strip_params(full, &out);
  return out;
}

Symbolizer::Module& Symbolizer::module(const std::string& path, const std::string& build_id) {
  std::string key = path;
  key.push_back('\0');
  key += build_id;
  auto it = by_path_.find(key);
  if (it != by_path_.end()) return *it->second;
  LocatedModule located = locator_.locate(path, build_id);
  std::string cache_key = located.build_id.empty() ? "path:" + path : located.build_id;
  auto found = by_build_id_.find(cache_key);
  Module* m = nullptr;
  if (found != by_build_id_.end() && found->second->image()) {
    m = found->second;  // the same file under another path: read once
  } else {
    modules_.push_back(std::make_unique<Module>(this, path, std::move(located)));
    m = modules_.back().get();
    for (const Error& e : m->problems()) problems_.push_back(e);
    by_build_id_[cache_key] = m;
  }
  by_path_.emplace(key, m);
  return *m;
}

const Location& Symbolizer::symbolize(const Mapping& mapping, uint64_t address) {
  Module& m = module(mapping.path, mapping.build_id);
  uint64_t offset = address - mapping.start + mapping.file_offset;
  if (address < mapping.start || (mapping.size && address - mapping.start >= mapping.size) || !m.image()) {
    return m.unresolved_at(offset);
  }
  std::optional<uint64_t> elf_address = m.image()->file_offset_to_vaddr(offset);
  if (!elf_address) return m.unresolved_at(offset);
  return m.at_address(*elf_address);
}

const Location& Symbolizer::symbolize_file_address(const std::string& path, uint64_t address,
                                                   const std::string& build_id) {
  Module& m = module(path, build_id);
  if (!m.image()) return m.unresolved_at(address);
  return m.at_address(address);
}

const Location& Symbolizer::symbolize_kernel(uint64_t address) {
  if (!kernel_) kernel_ = std::make_unique<TextModule>(this, "[kernel.kallsyms]", options_.kallsyms, true);
  return kernel_->at(this, address);
}

const Location& Symbolizer::symbolize_jit(int64_t pid, uint64_t address) {
  std::unique_ptr<TextModule>& map = jit_[pid];
  std::string name = "perf-" + std::to_string(pid) + ".map";
  if (!map) map = std::make_unique<TextModule>(this, name, options_.perf_map_dir + "/" + name, false);
  return map->at(this, address);
}

std::optional<uint64_t> Symbolizer::symbol_address(const std::string& path, std::string_view name) {
  return module(path, "").symbol_address(name);
}

const Error* Symbolizer::unreadable(const std::string& path) {
  Module& m = module(path, "");
  if (m.image() || m.problems().empty()) return nullptr;
  return &m.problems().front();
}

}  // namespace flamekit::elf
