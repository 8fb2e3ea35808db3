// A small request-processing workload: parse, route, compress; deep C++ stacks with templates and lambdas.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>
namespace mesh {
template <typename T> struct Codec {
  __attribute__((noinline)) static std::string encode(const T& v) {
    std::string s = std::to_string(v);
    for (int i = 0; i < 40; i++) s = std::to_string(std::hash<std::string>{}(s) % 100000);
    return s;
  }
};
struct Router {
  std::map<std::string, std::function<long(const std::string&)>> routes;
  __attribute__((noinline)) long dispatch(const std::string& path, const std::string& body) {
    auto it = routes.find(path);
    return it == routes.end() ? 0 : it->second(body);
  }
};
__attribute__((noinline)) std::vector<std::string> parse_headers(int n) {
  std::vector<std::string> hs;
  for (int i = 0; i < n; i++) hs.push_back("x-header-" + std::to_string(i * 7919 % 1000));
  std::sort(hs.begin(), hs.end());
  return hs;
}
__attribute__((noinline)) long compress(const std::string& body) {
  long h = 0;
  for (int r = 0; r < 200; r++) for (char c : body) h = h * 131 + c;
  return h;
}
}  // namespace mesh
int main(int argc, char**) {
  mesh::Router router;
  router.routes["/api"] = [](const std::string& b) { return mesh::compress(b) + (long)mesh::Codec<long>::encode(b.size()).size(); };
  router.routes["/health"] = [](const std::string& b) { return (long)mesh::Codec<int>::encode((int)b.size()).size(); };
  long acc = 0;
  int rounds = argc > 1 ? 60000 : 40000;
  for (int i = 0; i < rounds; i++) {
    auto hs = mesh::parse_headers(20 + i % 13);
    acc += router.dispatch(i % 4 ? "/api" : "/health", hs[i % hs.size()] + std::string(64, 'a' + i % 26));
  }
  std::printf("%ld\n", acc);
}
