// folded_input.cc: the read loop: parse, rewrite (reverse, chain), add to the trie. No allocation per line
// in steady state: the rewrites use scratch strings that keep their capacity.
#include "svg/folded_input.h"

#include <cmath>
#include <string_view>
#include <vector>

#include "folded/folded_reader.h"
#include "io/format_sniff.h"
#include "io/line_reader.h"

namespace flamekit::svg {
namespace {

// Perl's `join(";", reverse split(";", stack))`: split drops trailing empty fields.
void reverse_frames(std::string_view stack, std::vector<std::string_view>* frames, std::string* out) {
  out->clear();
  frames->clear();
  stack = stack.substr(0, folded::trimmed_stack_length(stack));
  if (stack.empty()) return;
  for (size_t pos = 0;;) {
    size_t semi = stack.find(';', pos);
    frames->push_back(stack.substr(pos, semi == std::string_view::npos ? semi : semi - pos));
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  for (size_t i = frames->size(); i-- > 0;) {
    out->append((*frames)[i]);
    if (i > 0) out->push_back(';');
  }
}

// flamegraph.pl's chain rewrite: parts = split(";--;", stack); stack = parts[0] . ";--;" .
// join(";--;", map { s/;/_[w];/g; $_ . "_[w]" } parts[1..]).
void chain_rewrite(std::string_view stack, std::vector<std::string_view>* scratch, std::string* out) {
  constexpr std::string_view kSep = ";--;";
  std::vector<std::string_view>& parts = *scratch;
  parts.clear();
  size_t pos = 0;
  while (pos <= stack.size()) {
    size_t at = stack.find(kSep, pos);
    if (at == std::string_view::npos) {
      parts.push_back(stack.substr(pos));
      break;
    }
    parts.push_back(stack.substr(pos, at - pos));
    pos = at + kSep.size();
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();  // split drops trailing empty fields
  out->clear();
  if (!parts.empty()) out->append(parts[0]);
  out->append(kSep);
  for (size_t i = 1; i < parts.size(); ++i) {
    if (i > 1) out->append(kSep);
    for (char c : parts[i]) {
      if (c == ';') out->append("_[w]");
      out->push_back(c);
    }
    out->append("_[w]");
  }
}

class Reader {
 public:
  Reader(const InputRules& rules, FlameTree* tree, InputStats* stats, Diagnostics* diag)
      : rules_(rules), tree_(tree), stats_(stats), diag_(diag) {}

  void read(io::LineReader& lines) {
    folded::FoldedReader in(folded::Dialect::kFlamegraph, &lines, diag_);
    folded::FoldedLine parsed;
    while (in.next(&parsed)) {
      if (!add(parsed)) folded::report_unfolded(folded::Dialect::kFlamegraph, in.where(), diag_);
    }
  }

 private:
  bool add(folded::FoldedLine& parsed) {
    std::string_view line = parsed.text;
    if (rules_.reverse) {  // rebuild the line as Perl does, then read it again
      reverse_frames(parsed.stack, &frames_, &reversed_);
      reversed_.push_back(' ');
      reversed_.append(parsed.count1);
      if (parsed.differential) {
        reversed_.push_back(' ');
        reversed_.append(parsed.count2);
      }
      // Its last count follows the space put before it, so it always matches; Perl's second loop would
      // count it as ignored if it did not.
      line = reversed_;
      if (folded::parse_folded_line(folded::Dialect::kFlamegraph, line, &parsed) != folded::LineKind::kStack) {
        return false;
      }
    }
    if (parsed.differential) {
      ++stats_->differential;
      stats_->max_delta = std::max(stats_->max_delta, std::fabs(parsed.delta));
    } else {
      ++stats_->plain;
    }
    if (parsed.count != std::trunc(parsed.count)) stats_->integral = false;
    if (parsed.count == 0) stats_->zero = true;
    std::string_view stack = parsed.stack.substr(0, folded::trimmed_stack_length(parsed.stack));
    std::string_view tail = line.substr(stack.size());
    if (rules_.chain) {  // on the stack as matched, trailing ';' included, as Perl does
      chain_rewrite(parsed.stack, &frames_, &chained_);
      stack = std::string_view(chained_).substr(0, folded::trimmed_stack_length(chained_));
    }
    tree_->add(stack, tail, parsed.count, parsed.delta, parsed.differential);
    return true;
  }

  const InputRules& rules_;
  FlameTree* tree_;
  InputStats* stats_;
  Diagnostics* diag_;
  std::string reversed_, chained_;
  std::vector<std::string_view> frames_;
};

}  // namespace

void read_folded_inputs(const std::vector<std::string>& paths, const InputRules& rules, FlameTree* tree,
                        InputStats* stats, Diagnostics* diag) {
  Reader reader(rules, tree, stats, diag);
  for (const std::string& path : paths.empty() ? std::vector<std::string>{"-"} : paths) {
    io::LineReader in(path);
    io::check_input_format(in.peek(io::kSniffBytes), io::Reader::kSvg, path);
    reader.read(in);
  }
  tree->finish();
}

void read_folded_text(std::string_view text, const InputRules& rules, FlameTree* tree, InputStats* stats,
                      Diagnostics* diag) {
  Reader reader(rules, tree, stats, diag);
  io::LineReader in("-", text);
  reader.read(in);
  tree->finish();
}

}  // namespace flamekit::svg
