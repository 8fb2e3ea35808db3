// symbol_table_test.cc: perf's alias and end rules (perfdata.md §4.2) and addr2line's alias rule.
#include "elf/symbol_table.h"

#include <catch2/catch.hpp>
#include <string>

using flamekit::elf::SymbolRule;
using flamekit::elf::SymbolTable;

namespace {

std::string same(std::string_view s) { return std::string(s); }

std::string name_at(const SymbolTable& t, uint64_t address, SymbolRule rule = SymbolRule::kPerf) {
  const flamekit::elf::Symbol* s = t.find(address, rule);
  return s ? std::string(s->name) : "-";
}

}  // namespace

TEST_CASE("aliases: perf keeps the sized, non-weak, global, fewer-underscore, longer, earlier one", "[elf]") {
  struct Case {
    const char* what;
    std::string a_name;
    uint64_t a_size;
    SymbolTable::Binding a_bind;
    std::string b_name;
    uint64_t b_size;
    SymbolTable::Binding b_bind;
    const char* kept;
  };
  const Case cases[] = {
      {"non-zero size beats zero", "zero", 0, SymbolTable::kGlobal, "sized", 8, SymbolTable::kLocal, "sized"},
      {"non-weak beats weak", "weak_one", 8, SymbolTable::kWeak, "local_one", 8, SymbolTable::kLocal, "local_one"},
      {"global beats local", "local_one", 8, SymbolTable::kLocal, "global_one", 8, SymbolTable::kGlobal, "global_one"},
      {"fewer leading underscores", "__mprotect", 8, SymbolTable::kGlobal, "mprotect", 8, SymbolTable::kGlobal,
       "mprotect"},
      {"the longer name", "write", 8, SymbolTable::kGlobal, "write_nocancel", 8, SymbolTable::kGlobal,
       "write_nocancel"},
      {"a full tie keeps the earlier", "clock_gettime@@GLIBC_2.17", 8, SymbolTable::kGlobal,
       "clock_gettime@GLIBC_2.2.5", 8, SymbolTable::kGlobal, "clock_gettime@@GLIBC_2.17"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      for (bool swapped : {false, true}) {
        SymbolTable t;
        if (!swapped) {
          t.add(0x1000, c.a_size, c.a_name, c.a_bind);
          t.add(0x1000, c.b_size, c.b_name, c.b_bind);
        } else {
          t.add(0x1000, c.b_size, c.b_name, c.b_bind);
          t.add(0x1000, c.a_size, c.a_name, c.a_bind);
        }
        t.finish(same);
        std::string expected = c.kept;
        if (std::string(c.what) == "a full tie keeps the earlier") expected = swapped ? c.b_name : c.a_name;
        CHECK(name_at(t, 0x1004) == expected);
      }
    }
  }
}

TEST_CASE("perf compares the demangled names of aliases", "[elf]") {
  SymbolTable t;
  t.add(0x2000, 16, "_Z3foov", SymbolTable::kGlobal);   // "foo" demangled: no leading '_'
  t.add(0x2000, 16, "_foo_impl", SymbolTable::kGlobal);  // one leading '_'
  t.finish([](std::string_view s) { return s == "_Z3foov" ? std::string("foo") : std::string(s); });
  CHECK(name_at(t, 0x2000) == "_Z3foov");
}

TEST_CASE("addr2line's aliases: the largest, then the earliest", "[elf]") {
  SymbolTable t;
  t.add(0x1000, 8, "__clone3", SymbolTable::kLocal);
  t.add(0x1000, 8, "clone3", SymbolTable::kGlobal);
  t.add(0x3000, 4, "small", SymbolTable::kGlobal);
  t.add(0x3000, 16, "big", SymbolTable::kLocal);
  t.finish(same);
  CHECK(name_at(t, 0x1000, SymbolRule::kAddr2line) == "__clone3");
  CHECK(name_at(t, 0x1000, SymbolRule::kPerf) == "clone3");
  CHECK(name_at(t, 0x3002, SymbolRule::kAddr2line) == "big");
  CHECK(name_at(t, 0x3002, SymbolRule::kPerf) == "small");  // global beats local before size counts
  CHECK(name_at(t, 0x3008, SymbolRule::kPerf) == "-");      // each pick ends where it ends
  CHECK(name_at(t, 0x3008, SymbolRule::kAddr2line) == "big");
}

TEST_CASE("ends: sized symbols cover their size, zero-size ones reach the next symbol", "[elf]") {
  SymbolTable t;
  t.add(0x1000, 0x10, "sized", SymbolTable::kGlobal);
  t.add(0x1040, 0, "label", SymbolTable::kLocal);
  t.add(0x1080, 0x10, "after", SymbolTable::kGlobal);
  t.add(0x5000, 0, "last", SymbolTable::kGlobal);
  t.finish(same);
  CHECK(name_at(t, 0xfff) == "-");
  CHECK(name_at(t, 0x100f) == "sized");
  CHECK(name_at(t, 0x1010) == "-");  // padding after a sized symbol
  CHECK(name_at(t, 0x1040) == "label");
  CHECK(name_at(t, 0x107f) == "label");
  CHECK(name_at(t, 0x1080) == "after");
  CHECK(name_at(t, 0x5fff) == "last");  // the last ends 4 KiB past its start rounded up to a page
  CHECK(name_at(t, 0x6000) == "-");
  CHECK(t.size() == 4);
  SymbolTable init;  // _init is the last symbol of .init: it does not reach into .plt
  init.add(0x9000, 0, "_init", SymbolTable::kGlobal, 0x9010);
  init.add(0x9100, 0x10, "after_plt", SymbolTable::kGlobal);
  init.finish(same);
  CHECK(name_at(init, 0x900f) == "_init");
  CHECK(name_at(init, 0x9010) == "-");
}

TEST_CASE("names are found in table order, also by their plain name", "[elf]") {
  SymbolTable t;
  t.add(0x3000, 8, "_Z4worki", SymbolTable::kGlobal);
  t.add(0x1000, 8, "work", SymbolTable::kLocal);
  t.add(0x2000, 8, "main", SymbolTable::kGlobal);
  t.finish(same);
  auto plain = [](std::string_view s) { return s == "_Z4worki" ? std::string("work") : std::string(); };
  CHECK(t.address_of("_Z4worki", plain) == 0x3000);
  CHECK(t.address_of("work", plain) == 0x3000);  // the first entry in table order whose name matches
  CHECK(t.address_of("main", plain) == 0x2000);
  CHECK_FALSE(t.address_of("nothing", plain).has_value());
}
