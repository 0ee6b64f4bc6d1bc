// Rule text, lexing: the text as tokens (words, numbers, symbols), and the text helpers the
// parser's messages use. The vocabulary is in rule_text.hpp.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "rule_text.hpp"

namespace indeval::rule_text {

bool known_word(std::string_view w) noexcept {
  if (in(filler_words, w) || in(status_words, w) || in(otherwise_words, w) || in(other_words, w))
    return true;
  for (const auto& p : prefixes)
    if (p.words.has(w)) return true;
  for (const auto& p : suffixes)
    if (p.words.has(w)) return true;
  for (const auto& u : units)
    if (u.words.has(w)) return true;
  for (const auto& r : references)
    if (r.words.has(w)) return true;
  return in(average_words, w);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
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
  throw failure(
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
    throw failure("number " + quoted(s.substr(start, j - start)) + " is out of range", start);
  t.kind = tk::number;
  t.pos = start;
  t.len = j - start;
  t.key.assign(1, '#');  // not = "#": GCC 12 (MinGW, -O3) warns -Wrestrict falsely on that
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
      // A possessive is the word itself: "England's average", "neighbours' mean", "last year’s".
      const std::size_t mark = i < n && s[i] == '\'' ? 1 : (s.substr(i, 3) == "\u2019" ? 3 : 0);
      if (mark != 0) {
        if (i + mark < n && (s[i + mark] == 's' || s[i + mark] == 'S') &&
            (i + mark + 1 == n || !is_letter(s[i + mark + 1])))
          i += mark + 1;
        else if (t.key.back() == 's')
          i += mark;
      }
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
      const std::size_t len = std::max<std::size_t>(utf8_sequence(s, i), 1);
      throw failure("unexpected character " + quoted(s.substr(i, len)), i);
    }
  }
  return out;
}

}  // namespace indeval::rule_text
