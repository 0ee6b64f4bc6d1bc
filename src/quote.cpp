// Text in messages: where a byte offset is as a character column, and text quoted so that a
// message stays short and valid UTF-8 whatever it quotes.
#include "quote.hpp"

namespace indeval::detail {

std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

std::size_t column_of(std::string_view s, std::size_t byte_offset) noexcept {
  const std::size_t end = byte_offset < s.size() ? byte_offset : s.size();
  std::size_t column = 0;
  for (std::size_t i = 0; i < end; ++column) {
    const std::size_t n = utf8_sequence(s, i);
    i += n == 0 ? 1 : n;
  }
  return column;
}

std::string quoted(std::string_view s) {
  constexpr std::size_t max_characters = 40;
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out = "'";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < s.size(); ++shown) {
    if (shown == max_characters) {
      out += "…";  // …: the rest is left out, so the message keeps its position
      break;
    }
    const std::size_t n = utf8_sequence(s, i);
    const auto c = static_cast<unsigned char>(s[i]);
    if (n == 0 || c < 0x20 || c == 0x7F) {  // not UTF-8, or a control character: escaped
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out + "'";
}

}  // namespace indeval::detail
