#include "indeval/cell.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "indeval/decimal.hpp"
#include "indeval/text.hpp"
#include "quote.hpp"

namespace indeval {

namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_letter(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Text that stands for "no figure here", compared ignoring case.
constexpr std::array<std::string_view, 17> markers = {
    "-", "\u2013", "\u2014", "na", "n/a", "n.a.", "..", ":", "x", "c", "*", "tbc", "nil return",
    "not available", "no data", "none", "null"};
// Spreadsheet error values, as Excel and LibreOffice print them.
constexpr std::array<std::string_view, 11> spreadsheet_errors = {
    "#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
    "#GETTING_DATA", "#FIELD!"};

struct qualifier_word {
  std::string_view word;
  qualifier q;
};
constexpr std::array<qualifier_word, 19> qualifier_words = {{
    {"~", qualifier::approximate},         {"approx", qualifier::approximate},
    {"approx.", qualifier::approximate},   {"approximately", qualifier::approximate},
    {"approximate", qualifier::approximate}, {"c", qualifier::approximate},
    {"c.", qualifier::approximate},        {"ca.", qualifier::approximate},
    {"circa", qualifier::approximate},     {"est", qualifier::estimate},
    {"est.", qualifier::estimate},         {"estimate", qualifier::estimate},
    {"estimated", qualifier::estimate},    {"provisional", qualifier::provisional},
    {"prov", qualifier::provisional},      {"prov.", qualifier::provisional},
    {"rounded", qualifier::rounded},       {"suppressed", qualifier::suppressed},
    {"<", qualifier::suppressed},
}};

std::string quote_char(char c) {
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
    return "byte 0x" + std::string{"0123456789abcdef"[(static_cast<unsigned char>(c) >> 4) & 15],
                                   "0123456789abcdef"[static_cast<unsigned char>(c) & 15]};
  return std::string("'") + c + "'";
}

class reader {
 public:
  reader(std::string_view text, read_options options) : text_(text), options_(options) {}

  cell run() {
    std::size_t begin = 0, end = text_.size();
    while (begin < end && is_blank(text_[begin])) ++begin;
    while (end > begin && is_blank(text_[end - 1])) --end;
    const std::string_view s = text_.substr(begin, end - begin);
    if (s.empty()) return out_;  // blank
    for (std::string_view m : markers)
      if (iequals(s, m)) return without(cell_reason::not_available, s);
    if (s.front() == '#') {
      for (std::string_view e : spreadsheet_errors)
        if (iequals(s, e)) return without(cell_reason::spreadsheet_error, s);
    }
    pos_ = begin;
    end_ = end;
    if (text_[pos_] == '<') return suppressed(s);
    read_qualifier();
    if (!read_number()) {
      if (out_.qualifier == qualifier::none && explanation(s))
        return without(cell_reason::no_figure_text, s);
      return malformed(pos_, "expected a figure such as 63.9, 63.9%, 1,234 or 460 days");
    }
    skip_blanks();
    read_unit();
    skip_blanks();
    if (pos_ < end_ && text_[pos_] == '(') {
      const std::size_t open = pos_;
      const std::size_t close = text_.find(')', open);
      if (close == std::string_view::npos || close >= end_)
        return malformed(open, "the note opened here has no closing ')'");
      const std::string_view note = trim(text_.substr(open + 1, close - open - 1));
      if (const auto q = parse_qualifier(note); q && *q != qualifier::suppressed &&
                                                out_.qualifier == qualifier::none)
        out_.qualifier = *q;
      else
        out_.note = std::string(note);
      pos_ = close + 1;
      skip_blanks();
    }
    if (pos_ < end_) return malformed(pos_, "unexpected " + quote_char(text_[pos_]) + " after the figure");
    if (!std::isfinite(out_.figure)) return malformed(number_at_, "the figure is out of range");
    out_.reason = cell_reason::figure;
    return out_;
  }

 private:
  cell without(cell_reason why, std::string_view s) {
    out_.reason = why;
    out_.note = std::string(s);
    return out_;
  }

  cell malformed(std::size_t at, std::string what) {
    cell c;
    c.reason = cell_reason::malformed;
    c.position = at;
    c.problem = "cannot read " + detail::quoted(trim(text_)) + " as a figure: " + what +
                " (at character " + std::to_string(detail::column_of(text_, at)) + ")";
    return c;
  }

  cell suppressed(std::string_view s) {
    ++pos_;
    skip_blanks();
    if (!read_number()) return malformed(pos_, "expected a number after '<'");
    skip_blanks();
    read_unit();
    skip_blanks();
    if (pos_ < end_) return malformed(pos_, "unexpected " + quote_char(text_[pos_]) + " after '<N'");
    cell c;
    c.reason = cell_reason::suppressed;
    c.qualifier = qualifier::suppressed;
    c.unit = out_.unit;
    c.note = std::string(s);
    return c;
  }

  void skip_blanks() {
    while (pos_ < end_ && is_blank(text_[pos_])) ++pos_;
  }

  // A leading qualifier word ("approx", "c.", "~", "Provisional"), then optional ':' and blanks.
  void read_qualifier() {
    std::size_t p = pos_;
    if (text_[p] == '~') {
      ++p;
    } else {
      while (p < end_ && (is_letter(text_[p]) || text_[p] == '.')) ++p;
    }
    const auto q = parse_qualifier(text_.substr(pos_, p - pos_));
    if (!q || *q == qualifier::suppressed) return;
    std::size_t after = p;
    if (after < end_ && text_[after] == ':') ++after;
    while (after < end_ && is_blank(text_[after])) ++after;
    // Only a qualifier when a figure follows ("c. 95%"; not "Circa data ...").
    if (after >= end_ || !(is_digit(text_[after]) || text_[after] == '.' || text_[after] == '-' ||
                           text_[after] == '+'))
      return;
    if (after == p && text_[p - 1] != '.' && text_[p - 1] != '~') return;  // "c95" is no word
    out_.qualifier = *q;
    pos_ = after;
  }

  // sign? (d{1,3}(,ddd)+ | d+) (. d*)? | sign? . d+  (no exponent: scorecards do not write one)
  bool read_number() {
    const std::size_t start = pos_;
    number_at_ = start;
    std::size_t p = pos_;
    std::string digits;
    if (p < end_ && (text_[p] == '-' || text_[p] == '+')) digits += text_[p++];
    std::size_t int_digits = 0;
    bool grouped = false;
    std::size_t group = 0;
    for (; p < end_; ++p) {
      const char c = text_[p];
      if (is_digit(c)) {
        digits += c;
        ++int_digits;
        ++group;
      } else if (c == ',' && int_digits > 0 && p + 1 < end_ && is_digit(text_[p + 1])) {
        if ((grouped && group != 3) || (!grouped && group > 3)) break;
        grouped = true;
        group = 0;
      } else {
        break;
      }
    }
    if (grouped && group != 3) {
      pos_ = p;
      bad_grouping_ = true;
    }
    std::size_t frac_digits = 0;
    if (p < end_ && text_[p] == '.') {
      std::size_t q = p + 1;
      while (q < end_ && is_digit(text_[q])) ++q;
      frac_digits = q - p - 1;
      if (int_digits > 0 || frac_digits > 0) {
        digits.append(text_.substr(p, q - p));
        p = q;
      }
    }
    if (int_digits == 0 && frac_digits == 0) {
      pos_ = start;
      return false;
    }
    if (bad_grouping_) return false;
    const char* first = digits.data() + (digits[0] == '+' ? 1 : 0);
    double v = 0;
    const auto res = std::from_chars(first, digits.data() + digits.size(), v);
    if (res.ec == std::errc::result_out_of_range) {  // beyond a double: huge, or a tiny fraction
      v = int_digits > 0 ? HUGE_VAL : 0.0;
      if (digits[0] == '-') v = -v;
    }
    if (options_ == read_options::significant_15) v = read_as_published(v, published_digits);
    if (v == 0.0) v = 0.0;  // "-0" is 0
    out_.figure = v;
    pos_ = p;
    return true;
  }

  void read_unit() {
    if (pos_ < end_ && text_[pos_] == '%') {
      out_.unit = unit::percent;
      ++pos_;
      return;
    }
    std::size_t p = pos_;
    while (p < end_ && is_letter(text_[p])) ++p;
    const std::string_view word = text_.substr(pos_, p - pos_);
    if (iequals(word, "days") || iequals(word, "day")) {
      out_.unit = unit::days;
      pos_ = p;
    }
  }

  // Explanatory text: a word of letters, then (after optional punctuation) at least one more.
  [[nodiscard]] static bool explanation(std::string_view s) noexcept {
    std::size_t p = 0;
    if (s.empty() || !is_letter(s[0])) return false;
    while (p < s.size() && (is_letter(s[p]) || s[p] == '\'')) ++p;
    while (p < s.size() && (is_blank(s[p]) || s[p] == '-' || s[p] == ':' || s[p] == ',')) ++p;
    return p < s.size() && p > 0 && (is_blank(s[p - 1]));
  }

  std::string_view text_;
  read_options options_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::size_t number_at_ = 0;
  bool bad_grouping_ = false;
  cell out_;
};

}  // namespace

std::optional<qualifier> parse_qualifier(std::string_view word) noexcept {
  word = trim(word);
  for (const qualifier_word& w : qualifier_words)
    if (iequals(word, w.word)) return w.q;
  for (int q = 0; q < qualifier_count; ++q)
    if (iequals(word, to_string(static_cast<qualifier>(q)))) return static_cast<qualifier>(q);
  return std::nullopt;
}

cell read_cell(std::string_view text, read_options options) {
  return reader(text, options).run();
}

}  // namespace indeval
