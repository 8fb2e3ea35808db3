// symbolizer_test.cc: every lookup of binaries built at test time (elf_fixture.h) against addr2line and nm.
#include "elf/symbolizer.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "elf_fixture.h"

using flamekit::elf::Frame;
using flamekit::elf::Location;
using flamekit::elf::Mapping;
using flamekit::elf::Symbolizer;
using flamekit::elf::SymbolizerOptions;
using flamekit::elf::SymbolRule;
namespace t = flamekit::elf::testing;

namespace {

// Options that look for debug files only where the fixture puts them.
SymbolizerOptions test_options() {
  SymbolizerOptions o;
  o.files.debug_dir = t::work_dir() + "/debug";
  o.files.build_id_cache = t::work_dir() + "/no-cache";
  o.rule = SymbolRule::kAddr2line;
  return o;
}

bool ours(const std::string& name) {
  for (const char* n : {"demo", "c_function", "main", "lib", "anon_fn", "file_local", "_alias"}) {
    if (name.find(n) != std::string::npos) return true;
  }
  return false;
}

// Addresses spread over every function of ours in `reference`: its start and a dozen points inside.
std::vector<uint64_t> sample_addresses(const std::string& reference) {
  std::vector<uint64_t> out;
  for (const t::NmSymbol& s : t::nm(reference)) {
    if (!ours(s.name) || s.size == 0) continue;
    uint64_t step = s.size / 12 ? s.size / 12 : 1;
    for (uint64_t at = 0; at < s.size; at += step) out.push_back(s.address + at);
  }
  return out;
}

std::string show(const std::vector<Frame>& frames) {
  std::string s;
  for (const Frame& f : frames) s += "[" + f.function + " " + f.file + ":" + std::to_string(f.line) + "]";
  return s;
}
std::string show(const std::vector<t::RefFrame>& frames) {
  std::string s;
  for (const t::RefFrame& f : frames) s += "[" + f.function + " " + f.file + ":" + std::to_string(f.line) + "]";
  return s;
}

// Every address of `reference`'s functions, looked up in `module` (the same code, perhaps stripped), gives
// the frames addr2line gives on `reference`.
int compare_with_addr2line(Symbolizer& symbols, const std::string& module, const std::string& reference) {
  std::vector<uint64_t> addresses = sample_addresses(reference);
  REQUIRE(addresses.size() > 20);
  std::vector<std::vector<t::RefFrame>> ref = t::addr2line(reference, addresses);
  REQUIRE(ref.size() == addresses.size());
  int chains = 0;
  for (size_t i = 0; i < addresses.size(); ++i) {
    const Location& at = symbols.symbolize_file_address(module, addresses[i]);
    INFO("address 0x" << std::hex << addresses[i] << ": ours " << show(at.frames) << " addr2line " << show(ref[i]));
    REQUIRE(at.frames.size() == ref[i].size());
    for (size_t k = 0; k < ref[i].size(); ++k) {
      CHECK((at.frames[k].function.empty() ? "??" : at.frames[k].function) == ref[i][k].function);
      CHECK((at.frames[k].file.empty() ? "??" : at.frames[k].file) == ref[i][k].file);
      CHECK(at.frames[k].line == ref[i][k].line);
      CHECK(at.frames[k].inlined == (k + 1 < ref[i].size()));
    }
    if (ref[i].size() > 1) ++chains;
  }
  return chains;
}

}  // namespace

TEST_CASE("a PIE at -O2: inline chains, files and lines as addr2line -f -i prints them", "[elf]") {
  Symbolizer symbols(test_options());
  std::string pie = t::binary("pie");
  CHECK(compare_with_addr2line(symbols, pie, pie) > 0);  // some addresses are inside inlined calls
  CHECK(symbols.problems().empty());
}

TEST_CASE("names without a linkage name, and assembler aliases, as addr2line gives them", "[elf]") {
  Symbolizer symbols(test_options());
  std::string bin = t::binary("names");
  compare_with_addr2line(symbols, bin, bin);
  uint64_t anon = 0, alias = 0;
  for (const t::NmSymbol& s : t::nm(bin)) {
    if (s.name == "_ZN12_GLOBAL__N_17anon_fnEi") anon = s.address;
    if (s.name == "first_alias") alias = s.address;
  }
  CHECK(symbols.symbolize_file_address(bin, anon).frames.at(0).function == "(anonymous namespace)::anon_fn(int)");
  CHECK(symbols.symbolize_file_address(bin, alias).frames.at(0).function == "third_alias");
}

TEST_CASE("a non-PIE executable resolves the same way at its fixed addresses", "[elf]") {
  Symbolizer symbols(test_options());
  std::string exe = t::binary("nopie");
  CHECK(compare_with_addr2line(symbols, exe, exe) > 0);
  // ELF addresses of a fixed-address executable are its runtime addresses: a mapping at 0x400000, offset 0.
  for (const t::NmSymbol& s : t::nm(exe)) {
    if (s.name != "c_function") continue;
    const Location& at = symbols.symbolize(Mapping{exe, 0x400000, 0x100000, 0, ""}, s.address + 1);
    REQUIRE_FALSE(at.frames.empty());
    CHECK(at.frames.back().function == "c_function");
  }
}

TEST_CASE("a shared library of our own, by file address", "[elf]") {
  Symbolizer symbols(test_options());
  std::string lib = t::binary("libdemo.so");
  CHECK(compare_with_addr2line(symbols, lib, lib) > 0);
}

TEST_CASE("a stripped binary takes symbols and DWARF from its debug file found by build id", "[elf]") {
  Symbolizer symbols(test_options());
  CHECK(compare_with_addr2line(symbols, t::binary("stripped-buildid"), t::binary("pie")) > 0);
  CHECK(symbols.problems().empty());
  // Without the debug directory only .dynsym is left, and it has none of these functions.
  SymbolizerOptions bare = test_options();
  bare.files.debug_dir = "";
  Symbolizer plain(bare);
  for (const t::NmSymbol& s : t::nm(t::binary("pie"))) {
    if (s.name == "c_function") CHECK(plain.symbolize_file_address(t::binary("stripped-buildid"), s.address).frames.empty());
  }
}

TEST_CASE("a stripped binary takes symbols and DWARF from its .gnu_debuglink file", "[elf]") {
  Symbolizer symbols(test_options());
  CHECK(compare_with_addr2line(symbols, t::binary("stripped-debuglink"), t::binary("pie")) > 0);
}

TEST_CASE("a debug file whose build id does not match is skipped with a warning", "[elf]") {
  std::string bin = t::binary("stripped-debuglink");
  std::string debug = bin + ".debug";
  std::string saved = debug + ".saved";
  t::run("mv '" + debug + "' '" + saved + "' && cp '" + t::binary("other.debug") + "' '" + debug + "'");
  SymbolizerOptions o = test_options();
  o.files.debug_dir = "";  // else the debug file of "stripped-buildid" (the same build id) is found
  Symbolizer symbols(o);
  uint64_t main_address = 0;
  for (const t::NmSymbol& s : t::nm(t::binary("pie"))) {
    if (s.name == "main") main_address = s.address;
  }
  const Location& at = symbols.symbolize_file_address(bin, main_address);
  t::run("mv '" + saved + "' '" + debug + "'");
  CHECK(at.frames.empty());
  REQUIRE(symbols.problems().size() == 1);
  CHECK(symbols.problems()[0].where().file == debug);
  CHECK(std::string(symbols.problems()[0].what()).find("does not match") != std::string::npos);
  CHECK(symbols.unreadable(bin) == nullptr);  // the binary itself is fine
}

TEST_CASE("a recorded build id that the file does not have makes the module unreadable", "[elf]") {
  Symbolizer symbols(test_options());
  std::string pie = t::binary("pie");
  const Location& at = symbols.symbolize(Mapping{pie, 0x1000, 0x1000, 0, "0123456789abcdef"}, 0x1100);
  CHECK(at.frames.empty());
  REQUIRE(symbols.unreadable(pie) == nullptr);  // under its path alone (no build id) it is readable
  REQUIRE(symbols.problems().size() == 1);
  CHECK(std::string(symbols.problems()[0].what()).find("does not match the recorded 0123456789abcdef") !=
        std::string::npos);
}

TEST_CASE("a runtime address through a mapping of a shared library loaded by a running program", "[elf]") {
  std::istringstream out(t::run("'" + t::binary("probe") + "'"));
  std::string lib = t::binary("libdemo.so");
  std::string line, word;
  uint64_t runtime = 0;
  std::vector<Mapping> maps;
  while (std::getline(out, line)) {
    std::istringstream fields(line);
    if (line.rfind("lib_entry ", 0) == 0) {
      fields >> word >> word;
      runtime = std::stoull(word, nullptr, 16);
      continue;
    }
    std::string range, perms, offset, dev, inode, path;
    fields >> range >> perms >> offset >> dev >> inode >> path;
    if (path != lib) continue;
    uint64_t start = std::stoull(range.substr(0, range.find('-')), nullptr, 16);
    uint64_t end = std::stoull(range.substr(range.find('-') + 1), nullptr, 16);
    maps.push_back(Mapping{path, start, end - start, std::stoull(offset, nullptr, 16), ""});
  }
  REQUIRE(runtime != 0);
  REQUIRE(maps.size() >= 2);
  uint64_t nm_address = 0;
  for (const t::NmSymbol& s : t::nm(lib)) {
    if (s.name == "lib_entry") nm_address = s.address;
  }
  Symbolizer symbols(test_options());
  int resolved = 0;
  for (const Mapping& m : maps) {
    const Location& at = symbols.symbolize(m, runtime);
    if (runtime < m.start || runtime >= m.start + m.size) {
      CHECK(at.frames.empty());  // outside this mapping
      continue;
    }
    ++resolved;
    CHECK(at.address == nm_address);  // the runtime address became the ELF address nm prints
    REQUIRE(at.frames.size() == 1);
    CHECK(at.frames[0].function == "lib_entry");
    std::vector<std::vector<t::RefFrame>> ref = t::addr2line(lib, {nm_address});
    CHECK(at.frames[0].line == ref[0][0].line);
    CHECK(at.frames[0].file == ref[0][0].file);
  }
  CHECK(resolved == 1);
}

TEST_CASE("symbols without DWARF are those nm lists, mangled or demangled", "[elf]") {
  std::string stripped = t::work_dir() + "/nodwarf";
  t::run("objcopy --strip-debug '" + t::binary("pie") + "' '" + stripped + "'");
  SymbolizerOptions o = test_options();
  o.files.debug_dir = "";  // else the debug file of "stripped-buildid" (the same build id) is found
  Symbolizer symbols(o);
  o.demangle = false;
  Symbolizer mangled(o);
  int checked = 0;
  for (const t::NmSymbol& s : t::nm(stripped)) {
    if (!ours(s.name)) continue;
    std::string plain = t::run("echo '" + s.name + "' | c++filt -n");
    plain.pop_back();
    for (uint64_t at : {s.address, s.address + s.size - 1}) {
      const Location& l = symbols.symbolize_file_address(stripped, at);
      REQUIRE(l.frames.size() == 1);
      CHECK(l.frames[0].function == plain);
      CHECK(l.frames[0].file.empty());
      CHECK(mangled.symbolize_file_address(stripped, at).frames[0].function == s.name);
    }
    CHECK(symbols.symbol_address(stripped, s.name) == s.address);
    ++checked;
  }
  CHECK(checked >= 4);
  CHECK(symbols.symbol_address(stripped, "demo::work") .has_value());  // perf's name for _ZN4demo4workEi
  CHECK_FALSE(symbols.symbol_address(stripped, "no_such_symbol").has_value());
}

TEST_CASE("without inline frames one frame per address, the function that holds it", "[elf]") {
  SymbolizerOptions o = test_options();
  o.inline_frames = false;
  Symbolizer outer(o);
  Symbolizer full(test_options());
  std::string pie = t::binary("pie");
  int inlined = 0;
  for (uint64_t a : sample_addresses(pie)) {
    const Location& f = full.symbolize_file_address(pie, a);
    const Location& o1 = outer.symbolize_file_address(pie, a);
    REQUIRE(o1.frames.size() == (f.frames.empty() ? 0 : 1));
    if (f.frames.size() > 1) {
      ++inlined;
      CHECK(o1.frames[0].function == f.frames.back().function);
    }
  }
  CHECK(inlined > 0);
}

TEST_CASE("locations stay put while the cache grows", "[elf]") {
  // InlineResolver handed out references into a flat_hash_map, which moves its values when it grows.
  Symbolizer symbols(test_options());
  std::string pie = t::binary("pie");
  std::vector<uint64_t> addresses = sample_addresses(pie);
  const Location& first = symbols.symbolize_file_address(pie, addresses[0]);
  const Frame* frame = &first.frames.at(0);
  std::string copy = frame->function;
  for (uint64_t i = 0; i < 5000; ++i) symbols.symbolize_file_address(pie, addresses[i % addresses.size()] + i);
  CHECK(&symbols.symbolize_file_address(pie, addresses[0]) == &first);
  CHECK(&first.frames.at(0) == frame);
  CHECK(frame->function == copy);
}

TEST_CASE("unreadable and non-ELF modules give warnings and module+0xoffset, never a crash", "[elf]") {
  std::string text = t::work_dir() + "/not-elf";
  std::ofstream(text) << "just text\n";
  Symbolizer symbols(test_options());
  const Location& a = symbols.symbolize_file_address(text, 0x1234);
  CHECK(a.frames.empty());
  CHECK(a.unresolved() == "not-elf+0x1234");
  const Location& b = symbols.symbolize(Mapping{"/nonexistent/libgone.so", 0x7f0000000000, 0x2000, 0x1000, ""},
                                        0x7f0000000010);
  CHECK(b.frames.empty());
  CHECK(b.unresolved() == "libgone.so+0x1010");  // the file offset: nothing else is known
  REQUIRE(symbols.unreadable(text) != nullptr);
  CHECK(std::string(symbols.unreadable(text)->what()) == "not an ELF file");
  REQUIRE(symbols.unreadable("/nonexistent/libgone.so") != nullptr);
  CHECK(symbols.unreadable("/nonexistent/libgone.so")->describe() ==
        "/nonexistent/libgone.so: cannot open: No such file or directory");
  CHECK(symbols.problems().size() == 2);
  // A mapping without a file (an anonymous one, given here by mistake) is unresolved, with a warning.
  CHECK(symbols.symbolize(Mapping{"", 0x1000, 0x1000, 0, ""}, 0x1010).frames.empty());
  CHECK(symbols.problems().size() == 3);
  // An address past the mapping's end is not looked up.
  Symbolizer s2(test_options());
  std::string pie = t::binary("pie");
  CHECK(s2.symbolize(Mapping{pie, 0x5000, 0x1000, 0, ""}, 0x6000).frames.empty());
}

TEST_CASE("kernel addresses from a kallsyms file, JIT addresses from perf-PID.map", "[elf]") {
  std::string dir = t::work_dir();
  std::ofstream(dir + "/kallsyms") << "ffffffff81000000 T _text\nffffffff81000000 T _stext\n"
                                      "ffffffff81001000 t do_one_initcall\nffffffff81002000 D some_data\n"
                                      "ffffffff81003000 T __x64_sys_read\nffffffffc0001000 t mod_fn\t[mymod]\n";
  std::ofstream(dir + "/perf-4242.map") << "7f0000001000 40 LazyCompile:~fib /app/fib.js:3\n"
                                           "7f0000001040 10 Builtin:Add\n";
  SymbolizerOptions o = test_options();
  o.rule = SymbolRule::kPerf;
  o.kallsyms = dir + "/kallsyms";
  o.perf_map_dir = dir;
  Symbolizer symbols(o);
  CHECK(symbols.symbolize_kernel(0xffffffff81000010).frames.at(0).function == "_stext");  // longer name wins
  CHECK(symbols.symbolize_kernel(0xffffffff81001fff).frames.at(0).function == "do_one_initcall");
  // D symbols are not text: do_one_initcall ends at the next text symbol.
  CHECK(symbols.symbolize_kernel(0xffffffff81002010).frames.at(0).function == "do_one_initcall");
  CHECK(symbols.symbolize_kernel(0xffffffffc0001004).frames.at(0).function == "mod_fn");
  CHECK(symbols.symbolize_kernel(0xffffffff80000000).frames.empty());
  CHECK(symbols.symbolize_kernel(0xffffffff80000000).unresolved() == "[kernel.kallsyms]+0xffffffff80000000");
  CHECK(symbols.symbolize_jit(4242, 0x7f0000001010).frames.at(0).function == "LazyCompile:~fib /app/fib.js:3");
  CHECK(symbols.symbolize_jit(4242, 0x7f0000001048).frames.at(0).function == "Builtin:Add");
  CHECK(symbols.symbolize_jit(4242, 0x7f0000001050).frames.empty());  // past the last entry's size
  CHECK(symbols.problems().empty());
  CHECK(symbols.symbolize_jit(7, 0x1000).frames.empty());  // no /tmp/perf-7.map: a warning
  REQUIRE(symbols.problems().size() == 1);
  CHECK(symbols.problems()[0].where().file == dir + "/perf-7.map");
}

TEST_CASE("one file under two paths is opened once, by its build id", "[elf]") {
  std::string pie = t::binary("pie");
  std::string copy = t::work_dir() + "/pie-copy";
  t::run("cp '" + pie + "' '" + copy + "'");
  std::string id = t::run("readelf -n '" + pie + "' | sed -n 's/.*Build ID: //p'");
  id.resize(id.find_last_not_of(" \n") + 1);
  Symbolizer symbols(test_options());
  uint64_t address = sample_addresses(pie).at(0);
  // A path that cannot be read first, with the same build id: it must not stay cached under that id.
  CHECK(symbols.symbolize_file_address("/nonexistent/pie", address, id).frames.empty());
  const Location& a = symbols.symbolize_file_address(pie, address, id);
  const Location& b = symbols.symbolize_file_address(copy, address, id);
  CHECK_FALSE(a.frames.empty());
  CHECK(&a == &b);
  CHECK(symbols.symbolize_file_address("/nonexistent/pie", address, id).frames.empty());
}
