// elf_image.cc: libelf reads of one file (see elf_image.h).
#include "elf/elf_image.h"

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "elf/symbol_table.h"

namespace flamekit::elf {
namespace {

bool is_mapping_symbol(const char* name) {  // ARM "$a", "$d", "$t", "$x" (and "$a.1"); RISC-V "$d", "$x"
  return name[0] == '$' && std::strchr("adtx", name[1]) != nullptr && name[1] != '\0' &&
         (name[2] == '\0' || name[2] == '.');
}

}  // namespace

std::string hex_string(const unsigned char* bytes, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

ElfImage::ElfImage(std::string path) : path_(std::move(path)) {
  elf_version(EV_CURRENT);
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    error_ = Error(Error::Position{path_}, std::string("cannot open: ") + std::strerror(errno));
    return;
  }
  struct stat st;
  if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    error_ = Error(Error::Position{path_}, "not a regular file");
    return;
  }
  elf_ = elf_begin(fd_, ELF_C_READ_MMAP, nullptr);
  if (!elf_ || elf_kind(elf_) != ELF_K_ELF) {
    if (elf_) elf_end(elf_);
    elf_ = nullptr;
    error_ = Error(Error::Position{path_}, "not an ELF file");
    return;
  }
  read_facts();
}

ElfImage::~ElfImage() {
  if (elf_) elf_end(elf_);
  if (fd_ >= 0) ::close(fd_);
}

void ElfImage::read_facts() {
  GElf_Ehdr ehdr;
  if (gelf_getehdr(elf_, &ehdr)) dynamic_ = ehdr.e_type == ET_DYN;
  size_t phnum = 0;
  if (elf_getphdrnum(elf_, &phnum) == 0) {
    for (size_t i = 0; i < phnum; ++i) {
      GElf_Phdr ph;
      if (gelf_getphdr(elf_, static_cast<int>(i), &ph) && ph.p_type == PT_LOAD) {
        loads_.push_back({ph.p_vaddr, ph.p_offset, ph.p_filesz, ph.p_memsz});
      }
    }
  }
  size_t shstrndx = 0;
  if (elf_getshdrstrndx(elf_, &shstrndx) != 0) return;
  for (Elf_Scn* scn = elf_nextscn(elf_, nullptr); scn; scn = elf_nextscn(elf_, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    const char* name = elf_strptr(elf_, shstrndx, sh.sh_name);
    if (!name) continue;
    if (sh.sh_type == SHT_SYMTAB) has_symtab_ = true;
    if ((std::strcmp(name, ".debug_info") == 0 || std::strcmp(name, ".zdebug_info") == 0) &&
        sh.sh_type != SHT_NOBITS && sh.sh_size > 0) {
      has_dwarf_ = true;
    }
    if (sh.sh_type == SHT_NOTE && build_id_.empty()) {
      Elf_Data* data = elf_getdata(scn, nullptr);
      size_t at = 0, name_at = 0, desc_at = 0;
      GElf_Nhdr nh;
      while (data && (at = gelf_getnote(data, at, &nh, &name_at, &desc_at)) > 0) {
        if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
            std::memcmp(static_cast<char*>(data->d_buf) + name_at, "GNU", 4) == 0) {
          build_id_ = hex_string(static_cast<unsigned char*>(data->d_buf) + desc_at, nh.n_descsz);
          break;
        }
      }
    }
    if (std::strcmp(name, ".gnu_debuglink") == 0 && sh.sh_type != SHT_NOBITS) {
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (data && data->d_size > 0) {
        const char* s = static_cast<const char*>(data->d_buf);
        debuglink_.assign(s, strnlen(s, data->d_size));
      }
    }
  }
}

std::optional<uint64_t> ElfImage::file_offset_to_vaddr(uint64_t offset) const {
  for (const LoadSegment& l : loads_) {
    if (offset >= l.offset && offset - l.offset < l.filesz) return offset - l.offset + l.vaddr;
  }
  return std::nullopt;
}

bool ElfImage::read_symbols(SymbolTable* out, Table table) const {
  if (!elf_) return false;
  Elf32_Word want = table == kSymtab ? SHT_SYMTAB : SHT_DYNSYM;
  for (Elf_Scn* scn = elf_nextscn(elf_, nullptr); scn; scn = elf_nextscn(elf_, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != want || sh.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) return false;
    size_t n = sh.sh_size / sh.sh_entsize;
    for (size_t i = 1; i < n; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) break;
      int type = GELF_ST_TYPE(sym.st_info);
      bool function = type == STT_FUNC || type == STT_GNU_IFUNC;
      bool label = type == STT_NOTYPE && sym.st_size == 0;
      if ((!function && !label) || sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE) continue;
      const char* name = elf_strptr(elf_, sh.sh_link, sym.st_name);
      if (!name || !*name || is_mapping_symbol(name)) continue;
      GElf_Shdr target;
      Elf_Scn* in = elf_getscn(elf_, sym.st_shndx);
      if (!in || !gelf_getshdr(in, &target) || !(target.sh_flags & SHF_EXECINSTR)) continue;
      int bind = GELF_ST_BIND(sym.st_info);
      SymbolTable::Binding b = bind == STB_GLOBAL ? SymbolTable::kGlobal
                               : bind == STB_WEAK ? SymbolTable::kWeak
                                                  : SymbolTable::kLocal;
      out->add(sym.st_value, sym.st_size, name, b, target.sh_addr + target.sh_size);
    }
    return true;
  }
  return false;
}

}  // namespace flamekit::elf
