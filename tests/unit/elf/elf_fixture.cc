// elf_fixture.cc: builds the test binaries with g++ and runs addr2line and nm (see elf_fixture.h).
#include "elf_fixture.h"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace flamekit::elf::testing {
namespace {

const char kDemo[] = R"(#include <cstdio>
namespace demo {
template <typename T> inline T square(T x) { return x * x; }
inline double scale(double v, int k) {
  double s = 0;
  for (int i = 0; i < k; ++i) s += square(v + i) * 0.5;
  return s;
}
__attribute__((noinline)) double work(int n) {
  double t = 0;
  for (int r = 0; r < n; ++r) t += scale(r, n);
  return t;
}
__attribute__((noinline)) int leaf(int x) {
  asm volatile("" ::: "memory");
  return x * 3 + 1;
}
}  // namespace demo
extern "C" __attribute__((noinline)) int c_function(int x) { return demo::leaf(x) + 2; }
int main(int argc, char**) {
  volatile double sink = demo::work(argc * 100) + c_function(argc);
  (void)sink;
  return 0;
}
)";

const char kLib[] = R"(namespace lib {
template <typename T> inline T cube(T x) { return x * x * x; }
__attribute__((noinline)) long inner(long n) {
  long s = 0;
  for (long i = 0; i < n; ++i) s += cube(i);
  return s;
}
}  // namespace lib
extern "C" __attribute__((noinline)) int lib_entry(int n) { return static_cast<int>(lib::inner(n)); }
)";

const char kProbe[] = R"(#include <dlfcn.h>
#include <cstdio>
extern "C" int lib_entry(int);
int main() {
  std::printf("lib_entry %p\n", dlsym(RTLD_DEFAULT, "lib_entry"));
  std::FILE* maps = std::fopen("/proc/self/maps", "r");
  char line[4096];
  while (std::fgets(line, sizeof line, maps)) std::fputs(line, stdout);
  return lib_entry(3) == 9 ? 0 : 0;
}
)";

// Names that addr2line does not take from DW_AT_linkage_name: an anonymous namespace and a static
// function (named by their symbols), and an assembler function with three aliases (GNU as writes one
// subprogram for each; addr2line names the last).
const char kNames[] = R"(extern "C" int first_alias();
namespace {
__attribute__((noinline)) int anon_fn(int x) {
  asm volatile("" ::: "memory");
  return x * 7 + first_alias();
}
}  // namespace
static __attribute__((noinline)) int file_local(int x) {
  asm volatile("" ::: "memory");
  return anon_fn(x) - 1;
}
int main(int argc, char**) { return file_local(argc) & 1; }
)";

const char kAliases[] = R"(	.text
	.globl	first_alias
	.type	first_alias, @function
	.globl	second_alias
	.type	second_alias, @function
	.globl	third_alias
	.type	third_alias, @function
first_alias:
second_alias:
third_alias:
	movl	$1, %eax
	addl	$2, %eax
	ret
	.size	first_alias, .-first_alias
	.size	second_alias, .-second_alias
	.size	third_alias, .-third_alias
	.section	.note.GNU-stack,"",@progbits
)";

struct WorkDir {
  std::string path;
  WorkDir() {
    char tmpl[] = "/tmp/flamekit-elf-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~WorkDir() { std::filesystem::remove_all(path); }
};

void write(const std::string& path, const char* text) { std::ofstream(path) << text; }

std::string build_id_of(const std::string& path) {
  std::string out = run("readelf -n '" + path + "' | sed -n 's/.*Build ID: //p'");
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string run(const std::string& command) {
  std::FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  if (status != 0) throw std::runtime_error("failed (" + std::to_string(status) + "): " + command);
  return out;
}

const std::string& work_dir() {
  static WorkDir dir;
  return dir.path;
}

std::string binary(const std::string& name) {
  static std::map<std::string, std::string> built;
  auto it = built.find(name);
  if (it != built.end()) return it->second;
  const std::string& d = work_dir();
  std::string out = d + "/" + name;
  std::string cxx = "g++ -O2 -g -fno-omit-frame-pointer ";
  if (name == "pie" || name == "nopie") {
    write(d + "/demo.cc", kDemo);
    run(cxx + (name == "pie" ? "-fPIE -pie" : "-fno-pie -no-pie") + " -o '" + out + "' '" + d + "/demo.cc'");
  } else if (name == "names") {
    write(d + "/names.cc", kNames);
    write(d + "/aliases.S", kAliases);
    run(cxx + "-o '" + out + "' '" + d + "/names.cc' '" + d + "/aliases.S'");
  } else if (name == "libdemo.so") {
    write(d + "/lib.cc", kLib);
    run(cxx + "-fPIC -shared -o '" + out + "' '" + d + "/lib.cc'");
  } else if (name == "probe") {
    binary("libdemo.so");
    write(d + "/probe.cc", kProbe);
    run(cxx + "-o '" + out + "' '" + d + "/probe.cc' -L'" + d + "' -ldemo -Wl,-rpath,'" + d + "'");
    // libdemo.so must be found as lib<name>.so by -ldemo: the file is named libdemo.so already.
  } else if (name == "stripped-buildid" || name == "stripped-debuglink") {
    std::string pie = binary("pie");
    std::string debug = out + ".debug";
    run("objcopy --only-keep-debug '" + pie + "' '" + debug + "'");
    run("objcopy --strip-all '" + pie + "' '" + out + "'");
    if (name == "stripped-buildid") {
      std::string id = build_id_of(pie);
      std::string dir = d + "/debug/.build-id/" + id.substr(0, 2);
      std::filesystem::create_directories(dir);
      std::filesystem::rename(debug, dir + "/" + id.substr(2) + ".debug");
    } else {
      run("cd '" + d + "' && objcopy --add-gnu-debuglink='" + name + ".debug' '" + out + "'");
    }
  } else if (name == "other.debug") {
    write(d + "/other.cc", "int other_main() { return 42; }\nint main() { return other_main(); }\n");
    run(cxx + "-o '" + d + "/other' '" + d + "/other.cc'");
    run("objcopy --only-keep-debug '" + d + "/other' '" + out + "'");
  } else {
    throw std::runtime_error("no test binary " + name);
  }
  built[name] = out;
  return out;
}

std::vector<std::vector<RefFrame>> addr2line(const std::string& path, const std::vector<uint64_t>& addresses) {
  std::string cmd = "addr2line -a -f -i -C -e '" + path + "'";
  char buf[32];
  for (uint64_t a : addresses) {
    std::snprintf(buf, sizeof buf, " 0x%llx", static_cast<unsigned long long>(a));
    cmd += buf;
  }
  std::istringstream in(run(cmd));
  std::vector<std::vector<RefFrame>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("0x", 0) == 0) {
      out.emplace_back();
      continue;
    }
    RefFrame f;
    f.function = line;
    std::getline(in, line);
    size_t disc = line.find(" (discriminator");
    if (disc != std::string::npos) line.resize(disc);
    size_t colon = line.rfind(':');
    f.file = line.substr(0, colon);
    std::string n = line.substr(colon + 1);
    f.line = (n == "?" || n.empty()) ? 0 : std::stoi(n);
    out.back().push_back(f);
  }
  return out;
}

std::vector<NmSymbol> nm(const std::string& path, bool dynamic) {
  std::istringstream in(run("nm -S " + std::string(dynamic ? "-D " : "") + "'" + path + "' 2>/dev/null || true"));
  std::vector<NmSymbol> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string address, size, type, name;
    if (!(fields >> address >> size >> type >> name)) continue;  // no size: not a sized function
    if (type.size() != 1 || std::string("TtWwi").find(type[0]) == std::string::npos) continue;
    out.push_back({std::stoull(address, nullptr, 16), std::stoull(size, nullptr, 16), type[0], name});
  }
  return out;
}

}  // namespace flamekit::elf::testing
