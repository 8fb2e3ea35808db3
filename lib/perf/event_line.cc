// event_line.cc: sample header parsing (see event_line.h for the grammar and the deliberate fixes).
#include "perf/event_line.h"

#include "perf/perl_chars.h"

namespace flamekit::perf {
namespace {

constexpr size_t kNo = std::string_view::npos;

// The id field of the script's first regex at `p` (which must be a blank): \s+(\d+)\/*(\d+)*\s
// Returns the position of the blank that ends it, or kNo. *first/*second get the two digit runs.
size_t match_ids(std::string_view line, size_t p, std::string_view* first, std::string_view* second) {
  size_t n = line.size(), i = p;
  while (i < n && is_perl_space(line[i])) ++i;
  size_t d1 = i;
  while (i < n && is_perl_digit(line[i])) ++i;
  if (i == d1) return kNo;
  *first = line.substr(d1, i - d1);
  while (i < n && line[i] == '/') ++i;
  size_t d2 = i;
  while (i < n && is_perl_digit(line[i])) ++i;
  *second = line.substr(d2, i - d2);
  return i < n && is_perl_space(line[i]) ? i : kNo;
}

// Skips blanks from `i`, then returns the end of the non-blank token there ([*begin, end)).
size_t next_token(std::string_view line, size_t i, size_t* begin) {
  while (i < line.size() && is_perl_space(line[i])) ++i;
  *begin = i;
  while (i < line.size() && !is_perl_space(line[i])) ++i;
  return i;
}

bool is_cpu_token(std::string_view t) {  // "[002]"
  if (t.size() < 3 || t.front() != '[' || t.back() != ']') return false;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (!is_perl_digit(t[i])) return false;
  }
  return true;
}


bool is_digits(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t) {
    if (!is_perl_digit(c)) return false;
  }
  return true;
}

// True if the id field ending at `end` is followed by a cpu or a timestamp: the id perf printed.
bool followed_by_cpu_or_time(std::string_view line, size_t end) {
  size_t b;
  size_t e = next_token(line, end, &b);
  std::string_view t = line.substr(b, e - b);
  return is_cpu_token(t) || is_timestamp(t);
}

// The script's second regex, /:\s*(\d+)*\s+(\S+):\s*$/, leftmost match. Anchored at the end, it matches
// only if the line (less trailing blanks) ends in a token "NAME:" preceded by blanks, optional digits and
// blanks, and a ':'; that makes the match unique, so it is found by walking back from the end.
bool match_period_event(std::string_view line, std::string_view* period, std::string_view* event) {
  size_t r = trim_perl_space_right(line).size();
  if (r == 0 || line[r - 1] != ':') return false;
  size_t s = r - 1;
  while (s > 0 && !is_perl_space(line[s - 1])) --s;
  if (r - s < 2) return false;  // \S+ needs one character before the ':'
  size_t i = s;
  if (i == 0) return false;
  while (i > 0 && is_perl_space(line[i - 1])) --i;  // \s+
  size_t digits_end = i;
  while (i > 0 && is_perl_digit(line[i - 1])) --i;  // (\d+)*
  size_t digits_begin = i;
  while (i > 0 && is_perl_space(line[i - 1])) --i;  // \s*
  if (i == 0 || line[i - 1] != ':') return false;
  *period = line.substr(digits_begin, digits_end - digits_begin);
  *event = line.substr(s, r - 1 - s);
  return true;
}

// Fix for tracepoints: "[cpu] secs.usecs: [period] NAME: payload..." after the ids.
bool match_event_before_payload(std::string_view line, size_t ids_end, std::string_view* period,
                                std::string_view* event) {
  size_t b;
  size_t e = next_token(line, ids_end, &b);
  std::string_view t = line.substr(b, e - b);
  if (is_cpu_token(t)) {
    e = next_token(line, e, &b);
    t = line.substr(b, e - b);
  }
  if (!is_timestamp(t)) return false;
  e = next_token(line, e, &b);
  t = line.substr(b, e - b);
  std::string_view digits;
  if (is_digits(t)) {
    digits = t;
    e = next_token(line, e, &b);
    t = line.substr(b, e - b);
  }
  if (t.size() < 2 || t.back() != ':') return false;
  *period = digits;
  *event = t.substr(0, t.size() - 1);
  return true;
}

// True if the view `v` has bytes in [begin, end) of `line`.
bool overlaps(std::string_view line, std::string_view v, size_t begin, size_t end) {
  if (v.empty() || v.data() < line.data() || v.data() >= line.data() + line.size()) return false;
  size_t b = static_cast<size_t>(v.data() - line.data());
  return b < end && b + v.size() > begin;
}

}  // namespace

bool is_timestamp(std::string_view t) {  // "6544038.708352:"
  size_t i = 0;
  while (i < t.size() && is_perl_digit(t[i])) ++i;
  if (i == 0 || i >= t.size() || t[i] != '.') return false;
  size_t f = ++i;
  while (i < t.size() && is_perl_digit(t[i])) ++i;
  return i > f && i + 1 == t.size() && t[i] == ':';
}

// Why another timestamp parses alike: the token is delimited by blanks (or the line's end) and holds none,
// so the candidate positions of the id field are the same; from a blank before it, match_ids reads its
// digits and stops at the '.' (no id) whatever their number; next_token classifies it as a timestamp, never
// as a cpu, digits or "NAME:" that becomes a field (fields do not overlap it); and the backward walk of
// match_period_event stops at its final ':'.
bool find_timestamp(std::string_view line, const EventLine& event, size_t* begin, size_t* end) {
  size_t b = 0;
  for (size_t e = next_token(line, 0, &b); b < line.size(); e = next_token(line, e, &b)) {
    if (b == 0 || !is_timestamp(line.substr(b, e - b))) continue;
    bool free = true;
    for (std::string_view v : {event.comm, event.pid, event.tid, event.period, event.event}) {
      free = free && !overlaps(line, v, b, e);
    }
    if (free) {
      *begin = b;
      *end = e;
      return true;
    }
  }
  return false;
}

bool parse_event_line(std::string_view line, EventLine* out) {
  if (line.empty() || is_perl_space(line[0])) return false;
  // The script takes the first blank-digits-blank after a comm of two or more characters; we also accept a
  // one-character comm and prefer an id that is followed by a cpu or timestamp (see the header).
  size_t chosen = kNo, chosen_end = kNo;
  std::string_view first, second;
  for (size_t p = 1; p < line.size(); ++p) {
    if (!is_perl_space(line[p])) continue;
    std::string_view a, b;
    size_t end = match_ids(line, p, &a, &b);
    if (end == kNo) continue;
    bool preferred = followed_by_cpu_or_time(line, end);
    if (chosen == kNo || preferred) {
      chosen = p;
      chosen_end = end;
      first = a;
      second = b;
    }
    if (preferred) break;
  }
  if (chosen == kNo) return false;
  out->comm = line.substr(0, chosen);
  // Perl: `if (not $tid) { $tid = $pid; $pid = "?" }` -- "" and "0" are false.
  if (second.empty() || second == "0") {
    out->pid = "?";
    out->tid = first;
  } else {
    out->pid = first;
    out->tid = second;
  }
  out->period = {};
  out->event = {};
  if (!match_period_event(line, &out->period, &out->event)) {
    match_event_before_payload(line, chosen_end, &out->period, &out->event);
  }
  return true;
}

}  // namespace flamekit::perf
