#include "indeval/parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <system_error>
#include <tuple>
#include <utility>

#include "indeval/text.hpp"

namespace indeval {

parse_error::parse_error(std::string message, std::size_t position, bool whole_text)
    : std::invalid_argument(message + " at character " + std::to_string(position)),
      position_(position),
      whole_text_(whole_text) {}

namespace {

// ---- tokens ------------------------------------------------------------------------------------

enum class tk : std::uint8_t { number, word, symbol };

// Symbol keys: ">=" ">" "<=" "<" "=" ":" "-" "+" "%" "&" and "," for every separator.
struct token {
  tk kind = tk::symbol;
  std::size_t pos = 0;
  std::size_t len = 0;
  std::string key;  // words in lower case; symbols by their key; numbers "#"
  double number = 0.0;
};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_letter(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The words the grammar knows, for telling an unknown status ("Gold:") from a misplaced word.
constexpr std::string_view filler_words[] = {
    "is",       "are",        "be",          "being", "was",        "the",     "a",      "an",
    "value",    "values",     "performance", "rated", "rating",     "rag",     "status", "then",
    "if",       "when",       "where",       "will",  "would",      "should",  "band",   "score",
    "figure",   "result",     "results",     "it",    "that",       "this",    "all",    "any",
    "anything", "everything", "for",         "as",    "considered", "classed", "shown",  "case"};
constexpr std::string_view status_words[] = {"red", "amber", "green", "blue"};
// Colour names that are not statuses: in a status position they are an unknown status.
constexpr std::string_view colour_words[] = {
    "purple", "yellow", "orange", "black", "white",   "grey",      "gray",   "pink",   "brown",
    "violet", "gold",   "silver", "cyan",  "magenta", "turquoise", "indigo", "maroon", "lime"};
constexpr std::string_view otherwise_words[] = {"otherwise", "else",      "other",    "others",
                                                "rest",      "remainder", "remaining"};

// A phrase of up to five keys, split at compile time from its space-separated text.
struct key_seq {
  std::string_view w[5] = {};
  std::size_t n = 0;

  constexpr key_seq(const char* text) : key_seq(std::string_view(text)) {}  // for the tables
  constexpr explicit key_seq(std::string_view text) {
    while (!text.empty() && n < 5) {
      const auto sp = text.find(' ');
      w[n++] = text.substr(0, sp);
      if (sp == std::string_view::npos) break;
      text.remove_prefix(sp + 1);
    }
  }
  [[nodiscard]] constexpr bool has(std::string_view x) const noexcept {
    for (std::size_t i = 0; i < n; ++i)
      if (w[i] == x) return true;
    return false;
  }
};

enum class pk : std::uint8_t { at_least, above, at_most, below, equal };
struct phrase {
  key_seq words;
  pk kind;
};

constexpr phrase prefixes[] = {{">=", pk::at_least},
                               {"at least", pk::at_least},
                               {"at or above", pk::at_least},
                               {"on or above", pk::at_least},
                               {"at or over", pk::at_least},
                               {"not less than", pk::at_least},
                               {"no less than", pk::at_least},
                               {"not fewer than", pk::at_least},
                               {"no fewer than", pk::at_least},
                               {"not below", pk::at_least},
                               {"not under", pk::at_least},
                               {"minimum", pk::at_least},
                               {"minimum of", pk::at_least},
                               {"min", pk::at_least},
                               {"greater than or equal to", pk::at_least},
                               {"more than or equal to", pk::at_least},
                               {"higher than or equal to", pk::at_least},
                               {"equal to or above", pk::at_least},
                               {"equal to or more than", pk::at_least},
                               {"equal to or greater than", pk::at_least},
                               {"equal to or over", pk::at_least},
                               {"equal or above", pk::at_least},
                               {">", pk::above},
                               {"above", pk::above},
                               {"over", pk::above},
                               {"more than", pk::above},
                               {"greater than", pk::above},
                               {"higher than", pk::above},
                               {"exceeding", pk::above},
                               {"exceeds", pk::above},
                               {"in excess of", pk::above},
                               {"<=", pk::at_most},
                               {"at most", pk::at_most},
                               {"no more than", pk::at_most},
                               {"not more than", pk::at_most},
                               {"no greater than", pk::at_most},
                               {"not greater than", pk::at_most},
                               {"no higher than", pk::at_most},
                               {"not above", pk::at_most},
                               {"not over", pk::at_most},
                               {"not exceeding", pk::at_most},
                               {"at or below", pk::at_most},
                               {"on or below", pk::at_most},
                               {"at or under", pk::at_most},
                               {"up to", pk::at_most},
                               {"maximum", pk::at_most},
                               {"maximum of", pk::at_most},
                               {"max", pk::at_most},
                               {"less than or equal to", pk::at_most},
                               {"fewer than or equal to", pk::at_most},
                               {"lower than or equal to", pk::at_most},
                               {"equal to or below", pk::at_most},
                               {"equal to or less than", pk::at_most},
                               {"equal to or fewer than", pk::at_most},
                               {"equal to or under", pk::at_most},
                               {"equal or below", pk::at_most},
                               {"<", pk::below},
                               {"below", pk::below},
                               {"under", pk::below},
                               {"less than", pk::below},
                               {"fewer than", pk::below},
                               {"lower than", pk::below},
                               {"=", pk::equal},
                               {"equal to", pk::equal},
                               {"equals", pk::equal},
                               {"exactly", pk::equal},
                               {"on", pk::equal},
                               {"at", pk::equal}};

constexpr phrase suffixes[] = {
    {"+", pk::at_least},           {"or above", pk::at_least},     {"and above", pk::at_least},
    {"or more", pk::at_least},     {"and more", pk::at_least},     {"or over", pk::at_least},
    {"and over", pk::at_least},    {"or higher", pk::at_least},    {"and higher", pk::at_least},
    {"or greater", pk::at_least},  {"and greater", pk::at_least},  {"plus", pk::at_least},
    {"and upwards", pk::at_least}, {"or upwards", pk::at_least},   {"upwards", pk::at_least},
    {"or below", pk::at_most},     {"and below", pk::at_most},     {"or less", pk::at_most},
    {"and less", pk::at_most},     {"or under", pk::at_most},      {"and under", pk::at_most},
    {"or fewer", pk::at_most},     {"and fewer", pk::at_most},     {"or lower", pk::at_most},
    {"and lower", pk::at_most},    {"and downwards", pk::at_most}, {"or downwards", pk::at_most},
    {"downwards", pk::at_most}};

enum class unit_kind : std::uint8_t { none, percent, points, other };
struct unit_phrase {
  key_seq words;
  unit_kind kind;
};
constexpr unit_phrase units[] = {{"%", unit_kind::percent},
                                 {"percent", unit_kind::percent},
                                 {"per cent", unit_kind::percent},
                                 {"pc", unit_kind::percent},
                                 {"% points", unit_kind::points},
                                 {"percentage points", unit_kind::points},
                                 {"percentage point", unit_kind::points},
                                 {"percent points", unit_kind::points},
                                 {"pp", unit_kind::points},
                                 {"ppt", unit_kind::points},
                                 {"ppts", unit_kind::points},
                                 {"pts", unit_kind::points},
                                 {"points", unit_kind::points},
                                 {"point", unit_kind::points},
                                 {"working days", unit_kind::other},
                                 {"working day", unit_kind::other},
                                 {"days", unit_kind::other},
                                 {"day", unit_kind::other},
                                 {"weeks", unit_kind::other},
                                 {"week", unit_kind::other},
                                 {"months", unit_kind::other},
                                 {"month", unit_kind::other},
                                 {"years", unit_kind::other},
                                 {"year", unit_kind::other},
                                 {"hours", unit_kind::other},
                                 {"hour", unit_kind::other},
                                 {"cases", unit_kind::other},
                                 {"children", unit_kind::other},
                                 {"episodes", unit_kind::other},
                                 {"visits", unit_kind::other}};

constexpr std::string_view other_words[] = {
    "and",    "or",     "but",    "between", "from",  "to",      "within", "of",  "target",
    "cohort", "higher", "bigger", "larger",  "lower", "smaller", "better", "size"};

template <std::size_t N>
bool in(const std::string_view (&list)[N], std::string_view w) noexcept {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

bool known_word(std::string_view w) noexcept {
  if (in(filler_words, w) || in(status_words, w) || in(otherwise_words, w) || in(other_words, w))
    return true;
  for (const auto& p : prefixes)
    if (p.words.has(w)) return true;
  for (const auto& p : suffixes)
    if (p.words.has(w)) return true;
  for (const auto& u : units)
    if (u.words.has(w)) return true;
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::size_t utf8_length(unsigned char c) noexcept {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// The extent of something that looks like a number, for "malformed number '8.5.1'".
std::size_t number_like_end(std::string_view s, std::size_t i) noexcept {
  while (i < s.size()) {
    if (is_digit(s[i])) {
      ++i;
    } else if ((s[i] == '.' || s[i] == ',') && i + 1 < s.size() && is_digit(s[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

[[noreturn]] void malformed(std::string_view s, std::size_t start) {
  throw parse_error(
      "malformed number " + quoted(s.substr(start, number_like_end(s, start) - start)), start);
}

// Reads the number at s[i] (a digit, or '.' before a digit). Returns the end.
std::size_t scan_number(std::string_view s, std::size_t start, token& t) {
  const std::size_t n = s.size();
  std::size_t j = start;
  std::string clean;
  while (j < n && is_digit(s[j])) clean += s[j++];
  const std::size_t lead = j - start;
  while (j + 1 < n && s[j] == ',' && is_digit(s[j + 1])) {
    std::size_t k = j + 1;
    while (k < n && is_digit(s[k])) ++k;
    if (k - (j + 1) != 3 || lead == 0 || lead > 3) malformed(s, start);
    clean.append(s.substr(j + 1, 3));
    j = k;
  }
  if (j + 1 < n && s[j] == '.' && is_digit(s[j + 1])) {
    clean += s[j++];
    while (j < n && is_digit(s[j])) clean += s[j++];
  }
  if (j + 1 < n && (s[j] == '.' || s[j] == ',') && is_digit(s[j + 1])) malformed(s, start);
  if (j + 1 < n && (s[j] == 'e' || s[j] == 'E')) {
    std::size_t k = j + 1;
    if (k < n && (s[k] == '+' || s[k] == '-')) ++k;
    if (k < n && is_digit(s[k])) {
      clean += 'e';
      if (s[j + 1] == '-') clean += '-';
      j = k;
      while (j < n && is_digit(s[j])) clean += s[j++];
    }
  }
  double v = 0.0;
  const auto res = std::from_chars(clean.data(), clean.data() + clean.size(), v);
  if (res.ec != std::errc() || res.ptr != clean.data() + clean.size() || !std::isfinite(v))
    throw parse_error("number " + quoted(s.substr(start, j - start)) + " is out of range", start);
  t.kind = tk::number;
  t.pos = start;
  t.len = j - start;
  t.key = "#";
  t.number = v;
  return j;
}

std::vector<token> tokenize(std::string_view s) {
  std::vector<token> out;
  out.reserve(s.size() / 3 + 4);
  const std::size_t n = s.size();
  std::size_t i = 0;
  const auto sym = [&](std::size_t pos, std::size_t len, std::string_view key) {
    token t;
    t.kind = tk::symbol;
    t.pos = pos;
    t.len = len;
    t.key = std::string(key);
    out.push_back(std::move(t));
  };
  while (i < n) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      sym(i, 1, ",");
      ++i;
    } else if (is_blank(c)) {
      ++i;
    } else if (is_digit(c) ||
               (c == '.' && i + 1 < n && is_digit(s[i + 1]) && (i == 0 || !is_digit(s[i - 1])))) {
      token t;
      i = scan_number(s, i, t);
      out.push_back(std::move(t));
    } else if (is_letter(c)) {
      const std::size_t start = i;
      while (i < n && is_letter(s[i])) ++i;
      token t;
      t.kind = tk::word;
      t.pos = start;
      t.len = i - start;
      t.key = lower(s.substr(start, i - start));
      out.push_back(std::move(t));
    } else if (c == '>' || c == '<') {
      const bool eq = i + 1 < n && s[i + 1] == '=';
      sym(i, eq ? 2 : 1, c == '>' ? (eq ? ">=" : ">") : (eq ? "<=" : "<"));
      i += eq ? 2 : 1;
    } else if (c == '=') {
      if (i + 1 < n && (s[i + 1] == '>' || s[i + 1] == '<')) {
        sym(i, 2, s[i + 1] == '>' ? ">=" : "<=");
        i += 2;
      } else {
        std::size_t len = 1;
        while (i + len < n && s[i + len] == '=') ++len;
        sym(i, len, "=");
        i += len;
      }
    } else if (c == ':' || c == '-' || c == '+' || c == '%' || c == '&') {
      sym(i, 1, std::string_view(&s[i], 1));
      ++i;
    } else if (c == ',' || c == ';' || c == '/' || c == '|' || c == '.' || c == '(' || c == ')' ||
               c == '[' || c == ']') {
      sym(i, 1, ",");
      ++i;
    } else if (u == 0xC2 && i + 1 < n && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      i += 2;  // no-break space
    } else if (u == 0xE2 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x89 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA5 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA4)) {
      sym(i, 3, static_cast<unsigned char>(s[i + 2]) == 0xA5 ? ">=" : "<=");  // ≥ ≤
      i += 3;
    } else if (u == 0xE2 && i + 2 < n &&
               ((static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                 static_cast<unsigned char>(s[i + 2]) >= 0x92 &&
                 static_cast<unsigned char>(s[i + 2]) <= 0x94) ||
                (static_cast<unsigned char>(s[i + 1]) == 0x88 &&
                 static_cast<unsigned char>(s[i + 2]) == 0x92))) {
      sym(i, 3, "-");  // ‒ – — and the minus sign −
      i += 3;
    } else if (u == 0xE2 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               static_cast<unsigned char>(s[i + 2]) == 0xAF) {
      i += 3;  // narrow no-break space
    } else {
      const std::size_t len = std::min(utf8_length(u), n - i);
      throw parse_error("unexpected character " + quoted(s.substr(i, len)), i);
    }
  }
  return out;
}

// ---- written bands
// -------------------------------------------------------------------------------

// One bound as written, before the orientation says whether it is a threshold or a limit.
struct wbound {
  bool within = false;  // "within N of target": which side depends on the orientation
  comparison op = comparison::at_least;
  basis base = basis::absolute;
  double number = 0.0;
  double rising_number = 0.0;   // within: the number when the bands rise (floor)
  double falling_number = 0.0;  // within: the number when they fall (ceiling)
  bool percent = false;         // written with a bare "%" (may be a percentage of the cohort)
  std::size_t pos = 0;
};

struct wband {
  status rating = status::none;
  std::size_t status_pos = 0;
  std::vector<wbound> bounds;
  bool otherwise = false;
};

// Which way bands run, judged from what was written (see the header: hint, then half-open bounds
// on a better band, then on the worst band, then the numbers, then rising). `bands` best first.
orientation infer(const std::vector<wband>& bands) {
  const auto directed_single = [](const wband& b) {
    return b.bounds.size() == 1 && !b.bounds.front().within;
  };
  for (std::size_t i = 0; i + 1 < bands.size(); ++i)
    if (directed_single(bands[i]))
      return is_floor(bands[i].bounds.front().op) ? orientation::rising : orientation::falling;
  if (!bands.empty() && directed_single(bands.back()))
    return is_floor(bands.back().bounds.front().op) ? orientation::falling : orientation::rising;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    for (std::size_t j = i + 1; j < bands.size(); ++j) {
      bool higher = false, lower = false, tie = false;
      for (const auto& x : bands[i].bounds) {
        for (const auto& y : bands[j].bounds) {
          if (x.within || y.within || x.base != y.base) continue;
          if (x.number > y.number)
            higher = true;
          else if (x.number < y.number)
            lower = true;
          else
            tie = true;
        }
      }
      if (higher && !lower && !tie) return orientation::rising;
      if (lower && !higher && !tie) return orientation::falling;
    }
  }
  return orientation::rising;
}

comparison flip(comparison c) noexcept {
  switch (c) {
    case comparison::at_least: return comparison::at_most;
    case comparison::above: return comparison::below;
    case comparison::at_most: return comparison::at_least;
    case comparison::below: return comparison::above;
  }
  return c;
}

comparison to_comparison(pk k) noexcept {
  switch (k) {
    case pk::at_least: return comparison::at_least;
    case pk::above: return comparison::above;
    case pk::at_most: return comparison::at_most;
    case pk::below: return comparison::below;
    case pk::equal: break;
  }
  return comparison::at_least;
}

// An operand as written: a number with its unit and basis, or the target.
struct operand {
  double amount = 0.0;  // the number written
  unit_kind unit = unit_kind::none;
  basis base = basis::absolute;
  bool explicit_basis = false;  // "of target", "of cohort", "target", "above target"
  bool tail = false;  // the basis is written after the number ("of target", "above target")
  int offset = 0;     // +1 "N above target", -1 "N below target", 0 otherwise
  std::size_t pos = 0;

  // The bound's basis and number.
  [[nodiscard]] std::pair<basis, double> resolved() const noexcept {
    if (offset != 0) {
      if (unit == unit_kind::percent)
        return {basis::target_percent, offset > 0 ? 100.0 + amount : 100.0 - amount};
      return {basis::target_points, offset > 0 ? amount : -amount};
    }
    return {base, amount};
  }
};

class parser {
 public:
  explicit parser(std::string_view text) : text_(text) {}

  located_rules run();

 private:
  std::string_view text_;
  std::vector<token> toks_;
  std::size_t end_ = 0;  // end of the segment being parsed

  [[nodiscard]] bool is(std::size_t i, std::string_view key) const {
    return i < end_ && toks_[i].kind != tk::number && toks_[i].key == key;
  }
  [[nodiscard]] bool is_number(std::size_t i) const {
    return i < end_ && toks_[i].kind == tk::number;
  }
  [[nodiscard]] std::string_view raw(std::size_t i) const {
    return text_.substr(toks_[i].pos, toks_[i].len);
  }
  [[nodiscard]] std::size_t pos_at(std::size_t i) const {
    return i < toks_.size() ? toks_[i].pos : text_.size();
  }
  // A "-"/"+" that touches the number after it: a sign.
  [[nodiscard]] bool is_sign(std::size_t i) const {
    return (is(i, "-") || is(i, "+")) && is_number(i + 1) &&
           toks_[i].pos + toks_[i].len == toks_[i + 1].pos;
  }
  [[nodiscard]] bool is_separator(std::size_t i) const { return is(i, ","); }

  // Length of the phrase matched at i (0 when it does not match).
  [[nodiscard]] std::size_t match(std::size_t i, const key_seq& p) const {
    if (i >= end_ || toks_[i].key[0] != p.w[0][0]) return 0;  // most phrases fail here
    for (std::size_t k = 0; k < p.n; ++k)
      if (!is(i + k, p.w[k])) return 0;
    return p.n;
  }
  template <class Table>
  [[nodiscard]] std::pair<std::size_t, pk> longest(std::size_t i, const Table& table) const {
    std::size_t best = 0;
    pk kind = pk::equal;
    for (const auto& p : table) {
      const std::size_t n = match(i, p.words);
      if (n > best) {
        best = n;
        kind = p.kind;
      }
    }
    return {best, kind};
  }
  [[nodiscard]] std::pair<std::size_t, unit_kind> unit_at(std::size_t i) const {
    std::size_t best = 0;
    unit_kind kind = unit_kind::none;
    for (const auto& u : units) {
      const std::size_t n = match(i, u.words);
      if (n > best) {
        best = n;
        kind = u.kind;
      }
    }
    return {best, kind};
  }
  // "target" or "the target" has been reduced to "target" (fillers are dropped).
  [[nodiscard]] bool is_target_word(std::size_t i) const { return is(i, "target"); }

  [[noreturn]] void unexpected(std::size_t i, std::string_view wanted) const;
  // `after`: the words before the operand, as written, for the message when there is none.
  operand parse_operand(std::size_t& i, std::string_view after) const;
  void parse_clause(std::size_t& i, wband& band) const;
  void parse_condition(std::size_t b, std::size_t e, wband& band);
};

void parser::unexpected(std::size_t i, std::string_view wanted) const {
  if (i >= end_) {
    const std::size_t at = i > 0 ? toks_[i - 1].pos + toks_[i - 1].len : 0;
    throw parse_error("expected " + std::string(wanted), at);
  }
  const token& t = toks_[i];
  if (t.kind == tk::word) {
    const std::string_view w = raw(i);
    if (w[0] >= 'A' && w[0] <= 'Z' && !known_word(t.key))
      throw parse_error("unknown status " + quoted(w), t.pos);
    throw parse_error("unexpected word " + quoted(w) + " (expected " + std::string(wanted) + ")",
                      t.pos);
  }
  throw parse_error("unexpected " + quoted(raw(i)) + " (expected " + std::string(wanted) + ")",
                    t.pos);
}

operand parser::parse_operand(std::size_t& i, std::string_view after) const {
  operand op;
  op.pos = pos_at(i);
  if (is_target_word(i)) {
    ++i;
    op.base = basis::target_points;
    op.explicit_basis = true;
    if ((is(i, "+") || is(i, "-")) && is_number(i + 1)) {
      const double sign = is(i, "-") ? -1.0 : 1.0;
      const double n = toks_[i + 1].number;
      i += 2;
      const auto [len, kind] = unit_at(i);
      i += len;
      if (kind == unit_kind::percent) {
        op.base = basis::target_percent;
        op.amount = 100.0 + sign * n;
      } else {
        op.amount = sign * n;
      }
    }
    return op;
  }
  double sign = 1.0;
  if (is_sign(i)) {
    sign = is(i, "-") ? -1.0 : 1.0;
    ++i;
  }
  if (!is_number(i))
    unexpected(
        i, "a number or 'target'" + (after.empty() ? std::string() : " after " + quoted(after)));
  op.amount = sign * toks_[i].number;
  ++i;
  const auto [len, kind] = unit_at(i);
  i += len;
  op.unit = kind;
  if (is(i, "of") && is(i + 1, "target")) {
    i += 2;
    op.base = basis::target_percent;
    op.explicit_basis = op.tail = true;
  } else if (is(i, "of") && is(i + 1, "cohort")) {
    i += 2;
    if (is(i, "size")) ++i;
    op.base = basis::cohort_percent;
    op.explicit_basis = op.tail = true;
  } else if ((is(i, "above") || is(i, "over")) && is_target_word(i + 1)) {
    i += 2;
    op.offset = 1;
    op.explicit_basis = op.tail = true;
  } else if ((is(i, "higher") || is(i, "more")) && is(i + 1, "than") && is_target_word(i + 2)) {
    i += 3;
    op.offset = 1;
    op.explicit_basis = op.tail = true;
  } else if ((is(i, "below") || is(i, "under")) && is_target_word(i + 1)) {
    i += 2;
    op.offset = -1;
    op.explicit_basis = op.tail = true;
  } else if ((is(i, "lower") || is(i, "less")) && is(i + 1, "than") && is_target_word(i + 2)) {
    i += 3;
    op.offset = -1;
    op.explicit_basis = op.tail = true;
  }
  return op;
}

wbound make_bound(comparison c, const operand& op, std::size_t pos) {
  wbound b;
  b.op = c;
  std::tie(b.base, b.number) = op.resolved();
  b.percent = op.unit == unit_kind::percent && !op.explicit_basis;
  b.pos = pos;
  return b;
}

void parser::parse_clause(std::size_t& i, wband& band) const {
  const std::size_t start = i;
  if (i < end_ && toks_[i].kind == tk::word && in(otherwise_words, toks_[i].key)) {
    band.otherwise = true;
    ++i;
    return;
  }
  const auto single = [&](const operand& op) {
    band.bounds.push_back(make_bound(comparison::at_least, op, op.pos));
    band.bounds.push_back(make_bound(comparison::at_most, op, op.pos));
  };
  const auto range = [&](operand lo, operand hi) {
    if (!lo.explicit_basis && hi.tail) {  // "10-15% of cohort": the basis is both ends'
      lo.base = hi.base;
      lo.offset = hi.offset;
      lo.explicit_basis = true;
    }
    if (lo.unit == unit_kind::none) lo.unit = hi.unit;
    wbound a = make_bound(comparison::at_least, lo, lo.pos);
    wbound b = make_bound(comparison::at_most, hi, hi.pos);
    if (a.base == b.base && a.number > b.number) {  // written high to low
      std::swap(a.number, b.number);
      std::swap(a.pos, b.pos);
      std::swap(a.percent, b.percent);
    }
    band.bounds.push_back(a);
    band.bounds.push_back(b);
  };

  if (is(i, "between") || is(i, "from")) {
    const bool between = is(i, "between");
    const std::string_view word = raw(i);
    ++i;
    const operand lo = parse_operand(i, word);
    if (is(i, "to") || is(i, "-") || (between && (is(i, "and") || is(i, "&")))) {
      ++i;
    } else {
      unexpected(i, between ? "'and'" : "'to'");
    }
    const operand hi = parse_operand(i, {});
    range(lo, hi);
    return;
  }

  if (is(i, "within")) {
    ++i;
    wbound b;
    b.within = true;
    b.pos = toks_[start].pos;
    if (is_target_word(i)) {
      ++i;
      b.base = basis::target_points;
      band.bounds.push_back(b);
      return;
    }
    const operand op = parse_operand(i, raw(start));
    if (op.offset != 0) {  // "within 5% below target": up to that distance
      band.bounds.push_back(
          make_bound(op.offset > 0 ? comparison::at_most : comparison::at_least, op, b.pos));
      return;
    }
    if (op.base != basis::target_percent || !op.tail) unexpected(i, "'of target' after 'within'");
    if (op.unit == unit_kind::percent) {  // N% of the target: relative
      b.base = basis::target_percent;
      b.rising_number = 100.0 - op.amount;
      b.falling_number = 100.0 + op.amount;
    } else {  // N points (or N in the value's own unit): absolute
      b.base = basis::target_points;
      b.rising_number = -op.amount;
      b.falling_number = op.amount;
    }
    band.bounds.push_back(b);
    return;
  }

  if (const auto [len, kind] = longest(i, prefixes); len > 0) {
    const std::string_view words =
        text_.substr(toks_[i].pos, toks_[i + len - 1].pos + toks_[i + len - 1].len - toks_[i].pos);
    i += len;
    const operand op = parse_operand(i, words);
    if (kind == pk::equal) {
      single(op);
      return;
    }
    comparison c = to_comparison(kind);
    if (op.offset < 0) c = flip(c);  // the words measure the distance below the target
    band.bounds.push_back(make_bound(c, op, toks_[start].pos));
    return;
  }

  const operand op = parse_operand(i, {});
  if (const auto [len, kind] = longest(i, suffixes); len > 0) {
    i += len;
    band.bounds.push_back(make_bound(to_comparison(kind), op, op.pos));
    return;
  }
  if (is(i, "-") || is(i, "to")) {
    const std::string_view word = raw(i);
    ++i;
    const operand hi = parse_operand(i, word);
    range(op, hi);
    return;
  }
  single(op);
}

void parser::parse_condition(std::size_t b, std::size_t e, wband& band) {
  end_ = e;
  std::size_t i = b;
  while (i < e) {
    parse_clause(i, band);
    if (i >= e) break;
    if (is(i, "and") || is(i, "&") || is(i, "but") || is_separator(i)) {
      while (i < e && (is(i, "and") || is(i, "&") || is(i, "but") || is_separator(i))) ++i;
      continue;
    }
    unexpected(i, "'and', a separator or a status");
  }
  end_ = toks_.size();
}

located_rules parser::run() {
  toks_ = tokenize(text_);
  std::erase_if(toks_,
                [](const token& t) { return t.kind == tk::word && in(filler_words, t.key); });
  end_ = toks_.size();
  if (std::all_of(toks_.begin(), toks_.end(), [](const token& t) { return t.key == ","; }))
    throw parse_error("empty rule text", 0, true);  // nothing, blanks, or only separators

  // The orientation hint, "higher is better" / "lower is better" (fillers already dropped).
  std::optional<orientation> hint;
  for (std::size_t i = 0; i + 1 < toks_.size();) {
    std::optional<orientation> h;
    if (is(i + 1, "better")) {
      if (is(i, "higher") || is(i, "bigger") || is(i, "larger")) h = orientation::rising;
      if (is(i, "lower") || is(i, "smaller")) h = orientation::falling;
    }
    if (!h) {
      ++i;
      continue;
    }
    if (hint && *hint != *h)
      throw parse_error("conflicting hints of which way is better", toks_[i].pos);
    hint = h;
    const std::size_t n = is(i + 2, ":") ? 3 : 2;  // the hint, and a colon after it
    toks_.erase(toks_.begin() + static_cast<std::ptrdiff_t>(i),
                toks_.begin() + static_cast<std::ptrdiff_t>(i + n));
    end_ = toks_.size();
  }

  std::vector<std::size_t> statuses;
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    if (toks_[i].kind != tk::word) continue;
    if (in(colour_words, toks_[i].key))
      throw parse_error("unknown status " + quoted(raw(i)), toks_[i].pos);
    if (in(status_words, toks_[i].key)) {
      statuses.push_back(i);
      continue;
    }
    // A capitalised word the grammar does not know, labelling a band: "Platinum: 99%", "= Gold".
    const std::string_view w = raw(i);
    if (w[0] >= 'A' && w[0] <= 'Z' && !known_word(toks_[i].key) &&
        (is(i + 1, ":") || is(i + 1, "=") || (i > 0 && is(i - 1, "="))))
      throw parse_error("unknown status " + quoted(w), toks_[i].pos);
  }
  if (statuses.empty()) {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      const std::string_view w = raw(i);
      if (toks_[i].kind == tk::word && w[0] >= 'A' && w[0] <= 'Z' && !known_word(toks_[i].key))
        throw parse_error("unknown status " + quoted(w), toks_[i].pos);
    }
    throw parse_error("no status word (Red, Amber, Green or Blue)", 0, true);
  }
  for (std::size_t a = 0; a < statuses.size(); ++a)
    for (std::size_t b = 0; b < a; ++b)
      if (toks_[statuses[a]].key == toks_[statuses[b]].key)
        throw parse_error("duplicate status " + quoted(raw(statuses[a])), toks_[statuses[a]].pos);

  // Segments: the tokens of each band's condition.
  const auto leading = [&](std::size_t i) {
    return is_separator(i) || is(i, ":") || is(i, "=") || is(i, "and") || is(i, "&") ||
           is(i, "of") ||  // "values of 95% or above"
           ((is(i, "-") || is(i, "+")) && !is_sign(i));
  };
  const auto trailing = [&](std::size_t i) {
    return is_separator(i) || is(i, ":") || is(i, "=") || is(i, "and") || is(i, "&") || is(i, "-");
  };
  std::size_t first = 0;
  while (first < toks_.size() && (is_separator(first) || is(first, ":"))) ++first;
  const bool status_first = first == statuses.front();

  struct segment {
    std::size_t b, e;
  };
  std::vector<segment> segs(statuses.size());
  for (std::size_t k = 0; k < statuses.size(); ++k) {
    if (status_first)
      segs[k] = {statuses[k] + 1, k + 1 < statuses.size() ? statuses[k + 1] : toks_.size()};
    else
      segs[k] = {k == 0 ? 0 : statuses[k - 1] + 1, statuses[k]};
  }
  const auto strip = [&](segment& s) {
    while (s.b < s.e && leading(s.b)) ++s.b;
    while (s.e > s.b && trailing(s.e - 1)) --s.e;
  };
  for (auto& s : segs) strip(s);
  const auto is_otherwise = [&](std::size_t i) {
    return i < toks_.size() && toks_[i].kind == tk::word && in(otherwise_words, toks_[i].key);
  };
  if (status_first) {
    // "Green: 95%+, Amber: 85-94%, otherwise Red": the "otherwise" before a status is its own.
    for (std::size_t k = 0; k + 1 < segs.size(); ++k) {
      if (segs[k + 1].b == segs[k + 1].e && segs[k].e > segs[k].b && is_otherwise(segs[k].e - 1)) {
        segs[k + 1] = {segs[k].e - 1, segs[k].e};
        --segs[k].e;
        strip(segs[k]);
      }
    }
  } else {
    // Text after the last status: the last band's condition when it has none ("... Red otherwise").
    segment tail{statuses.back() + 1, toks_.size()};
    strip(tail);
    if (tail.b < tail.e) {
      if (segs.back().b == segs.back().e)
        segs.back() = tail;
      else
        throw parse_error(
            "text after the last status " + quoted(raw(statuses.back())) + " belongs to no band",
            toks_[tail.b].pos);
    }
  }

  std::vector<wband> bands;
  for (std::size_t k = 0; k < statuses.size(); ++k) {
    wband band;
    const token& st = toks_[statuses[k]];
    band.rating = *parse_status(st.key);
    band.status_pos = st.pos;
    if (segs[k].b == segs[k].e)
      throw parse_error("status " + quoted(raw(statuses[k])) + " has no condition", st.pos);
    parse_condition(segs[k].b, segs[k].e, band);
    if (!band.bounds.empty()) band.otherwise = false;
    bands.push_back(std::move(band));
  }

  // "10% of cohort or below Green 10-15% Amber": bare percentages are of the cohort too.
  const bool cohort = std::any_of(bands.begin(), bands.end(), [](const wband& b) {
    return std::any_of(b.bounds.begin(), b.bounds.end(),
                       [](const wbound& x) { return x.base == basis::cohort_percent; });
  });
  if (cohort)
    for (auto& b : bands)
      for (auto& x : b.bounds)
        if (x.percent && x.base == basis::absolute) x.base = basis::cohort_percent;

  std::stable_sort(bands.begin(), bands.end(),
                   [](const wband& a, const wband& b) { return better_than(a.rating, b.rating); });
  const orientation o = hint ? *hint : infer(bands);
  const bool rising = o == orientation::rising;

  std::vector<band> out;
  std::vector<band_location> where;
  for (std::size_t k = 0; k < bands.size(); ++k) {
    const wband& wb = bands[k];
    const std::string name = quoted(to_string(wb.rating));
    band b;
    b.rating = wb.rating;
    band_location loc;
    loc.status = wb.status_pos;
    for (const wbound& x : wb.bounds) {
      bound bd;
      bool threshold = false;
      if (x.within) {
        bd = {rising ? comparison::at_least : comparison::at_most, x.base,
              rising ? x.rising_number : x.falling_number};
        threshold = true;
      } else {
        bd = {x.op, x.base, x.number};
        threshold = is_floor(x.op) == rising;
      }
      auto& slot = threshold ? b.threshold : b.limit;
      if (slot)
        throw parse_error(
            "status " + name + " has two " + (is_floor(bd.op) ? "lower" : "upper") + " bounds",
            x.pos);
      slot = bd;
      (threshold ? loc.threshold : loc.limit) = x.pos;
    }
    const bool worst = k + 1 == bands.size();
    if (!worst && !b.threshold) {
      if (wb.otherwise)
        throw parse_error("'otherwise' can only be the worst band's condition, not " + name,
                          wb.status_pos);
      throw parse_error("status " + name + " needs a bound on its worse side: the bands " +
                            (rising ? "rise, so a lower bound" : "fall, so an upper bound") +
                            " such as '" + (rising ? "85 or above" : "20 or below") +
                            "' or a range",
                        wb.status_pos);
    }
    out.push_back(b);
    where.push_back(loc);
  }
  try {
    return located_rules{rule_set(std::move(out)), std::move(where)};
  } catch (const rule_set_error& e) {
    throw parse_error(e.what(), bands.front().status_pos);
  }
}

// ---- printing
// ------------------------------------------------------------------------------------

std::string number_text(double v) {
  if (v == 0.0) v = 0.0;  // no "-0"
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string operand_text(const bound& b) {
  switch (b.base) {
    case basis::absolute: return number_text(b.number);
    case basis::target_percent: return number_text(b.number) + "% of target";
    case basis::target_points:
      if (b.number == 0.0) return "target";
      if (b.number > 0.0) return "target + " + number_text(b.number);
      return "target - " + number_text(-b.number);
    case basis::cohort_percent: return number_text(b.number) + "% of cohort";
  }
  return number_text(b.number);
}

wbound as_written(const bound& b) {
  wbound w;
  w.op = b.op;
  w.base = b.base;
  w.number = b.number;
  return w;
}

std::string bound_text(const bound& b) {
  return std::string(to_string(b.op)) + " " + operand_text(b);
}

}  // namespace

rule_set parse_rules(std::string_view text) { return parser(text).run().rules; }

located_rules parse_rules_located(std::string_view text) { return parser(text).run(); }

std::string to_text(const rule_set& rules) {
  std::string out;
  std::vector<wband> written;
  for (const band& b : rules.bands()) {
    if (!out.empty()) out += "; ";
    out += to_string(b.rating);
    out += ": ";
    wband w;
    w.rating = b.rating;
    if (b.threshold) {
      out += bound_text(*b.threshold);
      w.bounds.push_back(as_written(*b.threshold));
    }
    if (b.limit) {
      if (b.threshold) out += " and ";
      out += bound_text(*b.limit);
      w.bounds.push_back(as_written(*b.limit));
    }
    if (!b.threshold && !b.limit) out += "otherwise";
    written.push_back(std::move(w));
  }
  // The bands alone are read one way; say so when the rule set runs the other.
  const orientation o = rules.orientation();
  if (o != orientation::none && infer(written) != o)
    out += o == orientation::rising ? " (higher is better)" : " (lower is better)";
  return out;
}

}  // namespace indeval
