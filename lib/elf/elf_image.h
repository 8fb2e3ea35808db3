// elf_image.h: one ELF file opened read-only through elfutils libelf, and the few facts the symbolizer reads
// from it: the GNU build id, the .gnu_debuglink name, the PT_LOAD segments (to turn a file offset into a
// virtual address), whether it has .symtab and DWARF, and its function symbols (into a SymbolTable).
//
//   ElfImage image("/usr/lib/x86_64-linux-gnu/libc.so.6");
//   if (!image.ok()) warn(image.error());                  // missing, unreadable or not ELF: never a crash
//   image.build_id();                                      // "93ac61ec5a8e..." (lower-case hex), or ""
//   image.file_offset_to_vaddr(0x27b25);                   // through the PT_LOAD that holds the offset
//   image.read_symbols(&table, ElfImage::kSymtab);         // false if it has none
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

typedef struct Elf Elf;

namespace flamekit::elf {

class SymbolTable;

struct LoadSegment {
  uint64_t vaddr = 0, offset = 0, filesz = 0, memsz = 0;
};

class ElfImage {
 public:
  enum Table { kSymtab, kDynsym };

  // Opens `path`; ok() is false if it cannot be read or is not an ELF file (error() says why).
  explicit ElfImage(std::string path);
  ~ElfImage();
  ElfImage(const ElfImage&) = delete;
  ElfImage& operator=(const ElfImage&) = delete;

  bool ok() const { return elf_ != nullptr; }
  const Error& error() const { return error_; }  // about path(): "cannot open: ...", "not an ELF file"
  const std::string& path() const { return path_; }
  Elf* elf() const { return elf_; }
  int fd() const { return fd_; }

  const std::string& build_id() const { return build_id_; }   // lower-case hex; "" if it has no note
  const std::string& debuglink() const { return debuglink_; }  // the .gnu_debuglink file name, or ""
  bool has_symtab() const { return has_symtab_; }
  bool has_dwarf() const { return has_dwarf_; }  // a .debug_info with contents
  bool relocatable_base() const { return dynamic_; }  // ET_DYN: PIE or shared library
  const std::vector<LoadSegment>& loads() const { return loads_; }

  // The virtual address of file offset `offset`: through the PT_LOAD with p_offset <= offset <
  // p_offset + p_filesz, as perf maps a sample (perfdata.md §4.1). nullopt if no segment holds it.
  std::optional<uint64_t> file_offset_to_vaddr(uint64_t offset) const;

  // Adds the named, defined functions (STT_FUNC, STT_GNU_IFUNC) and labels (STT_NOTYPE, size 0) of
  // executable sections of `table` (perf's dso__load_sym filter; ARM/RISC-V mapping symbols "$a", "$x"...
  // are left out) to *out, in table order. False if the file has no such table.
  bool read_symbols(SymbolTable* out, Table table) const;

 private:
  void read_facts();

  std::string path_;
  int fd_ = -1;
  Elf* elf_ = nullptr;
  Error error_{""};
  std::string build_id_, debuglink_;
  bool has_symtab_ = false, has_dwarf_ = false, dynamic_ = false;
  std::vector<LoadSegment> loads_;
};

// `bytes` as lower-case hex.
std::string hex_string(const unsigned char* bytes, size_t size);

}  // namespace flamekit::elf
