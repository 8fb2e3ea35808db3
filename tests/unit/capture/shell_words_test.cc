// shell_words_test.cc: what --dry-run prints is what sh would run, and prefixes split as sh splits them.
#include "capture/shell_words.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace flamekit::capture;
using Words = std::vector<std::string>;

TEST_CASE("words are quoted only when sh needs it", "[capture]") {
  CHECK(shell_quote("kubectl") == "kubectl");
  CHECK(shell_quote("twopods/fortioclient-6b:/tmp/x.profile") == "twopods/fortioclient-6b:/tmp/x.profile");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("*alloc*") == "'*alloc*'");
  CHECK(shell_quote("$HOME") == "'$HOME'");
  CHECK(shell_join({"sh", "-c", "perf record -p 1 -- sleep 3"}) == "sh -c 'perf record -p 1 -- sleep 3'");
}

TEST_CASE("prefixes split as sh splits them", "[capture]") {
  CHECK(split_shell_words("kubectl exec -n twopods pod-1 -c perf --", "--exec-prefix") ==
        Words{"kubectl", "exec", "-n", "twopods", "pod-1", "-c", "perf", "--"});
  CHECK(split_shell_words("  ssh   'my host' \"a \\\"b\\\"\" c\\ d ''", "p") == Words{"ssh", "my host", "a \"b\"", "c d", ""});
  CHECK(split_shell_words("nsenter -t 42 -a", "p") == Words{"nsenter", "-t", "42", "-a"});
  CHECK(split_shell_words("", "p").empty());
  CHECK(split_shell_words("sh -c 'exec \"$@\"' sh", "p") == Words{"sh", "-c", "exec \"$@\"", "sh"});
  // Splitting what shell_join made gives the words back.
  Words odd = {"a'b", "", "$x", "tab\there", "back\\slash"};
  CHECK(split_shell_words(shell_join(odd), "p") == odd);
}

TEST_CASE("a prefix that needs a shell is refused", "[capture]") {
  CHECK_THROWS_WITH(split_shell_words("ssh 'node", "--exec-prefix"), "--exec-prefix: unterminated ' quote");
  CHECK_THROWS_WITH(split_shell_words("ssh \"node", "p"), "p: unterminated \" quote");
  CHECK_THROWS_WITH(split_shell_words("x \\", "p"), "p: trailing \\");
  CHECK_THROWS_WITH(split_shell_words("nsenter -t $(pidof envoy)", "p"),
                    "p: unquoted '$' needs a shell; quote it, or put the commands in a script");
  CHECK_THROWS_WITH(split_shell_words("a | b", "p"), "p: unquoted '|' needs a shell; quote it, or put the commands in a script");
  CHECK_THROWS_WITH(split_shell_words("a \"$b\"", "p"), "p: $ and ` need a shell; write the values out");
}
