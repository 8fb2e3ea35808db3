// line_reader_test.cc: LineReader over mapped files, pipes and gzip, with and without a final newline.
#include "io/line_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "io/output_file.h"

using flamekit::io::LineReader;

namespace {

std::string temp_path(const char* name) { return std::string("/tmp/flamekit-unit-") + std::to_string(getpid()) + name; }

std::vector<std::string> read_lines(const std::string& path) {
  LineReader reader(path);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(&line)) lines.emplace_back(line);
  return lines;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("lines of a mapped file, last one without newline", "[io]") {
  auto path = temp_path("plain.txt");
  write_file(path, "a\n\nccc\r\nlast");
  CHECK(read_lines(path) == std::vector<std::string>{"a", "", "ccc\r", "last"});
  std::remove(path.c_str());
}

TEST_CASE("empty file has no lines", "[io]") {
  auto path = temp_path("empty.txt");
  write_file(path, "");
  CHECK(read_lines(path).empty());
  std::remove(path.c_str());
}

TEST_CASE("gzip input is detected by magic and read through", "[io]") {
  auto path = temp_path("data.bin");  // no .gz suffix on purpose
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i) + "\n";
  {
    flamekit::io::OutputFile out(path, {.gzip = true});
    out.write(text);
    out.commit();
  }
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 100000);
  CHECK(lines[99999] == "line 99999");
  std::remove(path.c_str());
}

TEST_CASE("truncated gzip is an error with an offset", "[io]") {
  auto path = temp_path("trunc.gz");
  {
    flamekit::io::OutputFile out(path, {.gzip = true});
    out.write(std::string(100000, 'x'));
    out.commit();
  }
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  write_file(path, bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_WITH(read_lines(path), Catch::Contains("truncated gzip"));
  std::remove(path.c_str());
}

TEST_CASE("long lines across buffer refills through a pipe", "[io]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  std::string big(3 << 20, 'y');
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string all = "short\n" + big + "\nend";
    size_t off = 0;
    while (off < all.size()) off += static_cast<size_t>(write(fds[1], all.data() + off, all.size() - off));
    _exit(0);
  }
  close(fds[1]);
  int saved = dup(0);
  dup2(fds[0], 0);
  auto lines = read_lines("-");
  dup2(saved, 0);
  close(fds[0]);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].size() == big.size());
  CHECK(lines[2] == "end");
}

TEST_CASE("missing file is an error naming it", "[io]") {
  try {
    LineReader reader("/nonexistent/x.txt");
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe() == "/nonexistent/x.txt: cannot open: No such file or directory");
    CHECK(e.code() == flamekit::kExitBadInput);
  }
}

TEST_CASE("lines from bytes in memory", "[io]") {
  std::string bytes = "one\ntwo\n";
  LineReader reader("mem", bytes);
  std::string_view line;
  REQUIRE(reader.next(&line));
  CHECK(line == "one");
  REQUIRE(reader.next(&line));
  CHECK(line == "two");
  CHECK(reader.line_number() == 2);
  CHECK(reader.line_offset() == 4);
  CHECK_FALSE(reader.next(&line));
  LineReader empty("empty", std::string_view());
  CHECK_FALSE(empty.next(&line));
}

TEST_CASE("standard input redirected from a file is mapped, and read whole past the release step", "[io]") {
  // More than the 16 MiB after which the pages read are handed back: the views of earlier lines must stay
  // valid (the mapping reads a dropped page again from the file).
  auto path = temp_path("stdin.txt");
  std::string text;
  for (int i = 0; text.size() < (40u << 20); ++i) text += "line " + std::to_string(i) + " " + std::string(100, 'x') + "\n";
  write_file(path, text);
  int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  int saved = dup(0);
  dup2(fd, 0);
  close(fd);
  {
    LineReader reader("-");
    CHECK(reader.views_persist());
    std::string_view line, first;
    size_t bytes = 0, lines = 0;
    while (reader.next(&line)) {
      if (lines++ == 0) first = line;
      bytes += line.size() + 1;
    }
    CHECK(bytes == text.size());
    CHECK(first == text.substr(0, text.find('\n')));
    CHECK(reader.name() == "-");
  }
  dup2(saved, 0);
  close(saved);
  std::remove(path.c_str());
}

TEST_CASE("peek shows the next bytes, decompressed, and next() still reads them", "[io]") {
  auto path = temp_path("peek.gz");
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + "\n";
  {
    flamekit::io::OutputFile out(path, {.gzip = true});
    out.write(text);
    out.commit();
  }
  LineReader reader(path);
  std::string_view head = reader.peek(40000);
  CHECK(head == std::string_view(text).substr(0, 40000));
  CHECK(reader.peek(3) == "lin");
  std::string_view line;
  REQUIRE(reader.next(&line));
  CHECK(line == "line 0");
  CHECK(reader.peek(7) == "line 1\n");
  size_t n = 1;
  while (reader.next(&line)) ++n;
  CHECK(n == 20000);
  CHECK(reader.peek(10).empty());
  std::remove(path.c_str());

  std::string small = "a\nb";
  LineReader mem("mem", small);
  CHECK(mem.peek(100) == "a\nb");
}

TEST_CASE("read_ahead inflates on a helper thread: the same lines, the same errors", "[io]") {
  auto path = temp_path("ahead.gz");
  std::string text;
  for (int i = 0; i < 400000; ++i) text += "line " + std::to_string(i) + "\n";  // several read-ahead blocks
  {
    flamekit::io::OutputFile out(path, {.gzip = true});
    out.write(text);
    out.commit();
  }
  auto read_ahead = [](const std::string& p, size_t stop_after) {
    LineReader reader(p, {.read_ahead = true});
    std::vector<std::string> lines;
    std::string_view line;
    while (lines.size() < stop_after && reader.next(&line)) lines.emplace_back(line);
    return lines;
  };
  CHECK(read_ahead(path, SIZE_MAX) == read_lines(path));
  CHECK(read_ahead(path, 10).size() == 10);  // closed early: the helper stops
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  write_file(path, bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_WITH(read_ahead(path, SIZE_MAX), Catch::Contains("truncated gzip"));
  std::remove(path.c_str());
}
