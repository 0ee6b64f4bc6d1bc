// The C ABI's machinery: last error, failure translation, argument checks, string output, UTF-16.
#include <cstdarg>
#include <cstdio>
#include <limits>
#include <new>
#include <stdexcept>

#include "internal.hpp"

namespace indeval::capi {

namespace {

// The calling thread's last error. A plain array: no allocation, no destructor at thread exit.
constexpr std::size_t last_error_capacity = 2048;
thread_local char last_error_text[last_error_capacity];
thread_local std::size_t last_error_size = 0;

// Keeps [0, n) of a UTF-8 string without splitting a character.
std::size_t utf8_cut(std::string_view s, std::size_t n) noexcept {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0u) == 0x80u) --n;
  return n;
}

constexpr char32_t replacement = 0xFFFD;

// Decodes one character of UTF-8 at s[i], advancing i; malformed input gives U+FFFD and advances
// one byte.
char32_t decode_utf8(std::string_view s, std::size_t& i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80u) {
    ++i;
    return b0;
  }
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0u) == 0xC0u) {
    extra = 1, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0u) == 0xE0u) {
    extra = 2, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8u) == 0xF0u) {
    extra = 3, cp = b0 & 0x07u, min = 0x10000;
  } else {
    ++i;
    return replacement;
  }
  if (i + static_cast<std::size_t>(extra) >= s.size()) {  // cut short
    ++i;
    return replacement;
  }
  for (int k = 1; k <= extra; ++k) {
    const unsigned char b = byte(i + static_cast<std::size_t>(k));
    if ((b & 0xC0u) != 0x80u) {
      ++i;
      return replacement;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return replacement;
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = decode_utf8(s, i);
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void check_buffer(const void* buf, std::int32_t cap) {
  if (cap < 0) fail(INDEVAL_E_RANGE, "cap must not be negative (got %d)", static_cast<int>(cap));
  if (buf == nullptr && cap > 0)
    fail(INDEVAL_E_NULL, "buf is NULL but cap is %d", static_cast<int>(cap));
}

std::int32_t length_for_abi(std::size_t n) {
  if (n >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    fail(INDEVAL_E_RANGE, "the text is too long for an int32_t length (%zu code units)", n);
  return static_cast<std::int32_t>(n);
}

}  // namespace

void fail(std::int32_t code, const char* format, ...) {
  failure f{};
  f.code = code;
  va_list args;
  va_start(args, format);
  std::vsnprintf(f.message, sizeof f.message, format, args);
  va_end(args);
  throw f;
}

void set_last_error(const char* prefix, std::string_view message) noexcept {
  std::size_t n = 0;
  const auto put = [&](std::string_view part) {
    const std::size_t room = last_error_capacity - 1 - n;
    const std::size_t take = utf8_cut(part, part.size() < room ? part.size() : room);
    std::memcpy(last_error_text + n, part.data(), take);
    n += take;
  };
  if (prefix != nullptr && *prefix != '\0') {
    put(prefix);
    put(": ");
  }
  put(message);
  last_error_text[n] = '\0';
  last_error_size = n;
}

std::string_view last_error() noexcept { return {last_error_text, last_error_size}; }

std::int32_t translate_current_exception(const char* function) noexcept {
  try {
    throw;
  } catch (const failure& f) {
    set_last_error(function, f.message);
    return f.code;
  } catch (const std::bad_alloc&) {
    set_last_error(function, "out of memory");
    return INDEVAL_E_NOMEM;
  } catch (const std::length_error&) {
    set_last_error(function, "out of memory (a size beyond the library's limits)");
    return INDEVAL_E_NOMEM;
  } catch (const std::exception& e) {
    set_last_error(function, "internal error: ");
    std::size_t n = last_error_size;
    const std::string_view what = e.what();
    const std::size_t room = last_error_capacity - 1 - n;
    const std::size_t take = utf8_cut(what, what.size() < room ? what.size() : room);
    std::memcpy(last_error_text + n, what.data(), take);
    last_error_size = n + take;
    last_error_text[last_error_size] = '\0';
    return INDEVAL_E_INTERNAL;
  } catch (...) {
    set_last_error(function, "internal error: an unknown exception");
    return INDEVAL_E_INTERNAL;
  }
}

const rule_set* optional_rules(const indeval_rules* h, const char* name) {
  if (h == nullptr) return nullptr;
  return &handle(h, name).rules;
}

void check_count(std::int32_t count, const char* name) {
  if (count < 0)
    fail(INDEVAL_E_RANGE, "%s must not be negative (got %d)", name, static_cast<int>(count));
}

std::optional<int> decimals_arg(std::int32_t decimals) {
  if (decimals == INDEVAL_NO_DECIMALS) return std::nullopt;
  if (decimals < 0 || decimals > max_decimals)
    fail(INDEVAL_E_RANGE, "decimals must be 0..%d or INDEVAL_NO_DECIMALS (-1), not %d",
         max_decimals, static_cast<int>(decimals));
  return static_cast<int>(decimals);
}

indeval::scale scale_arg(std::int32_t scale) {
  if (scale != INDEVAL_SCALE_POINTS && scale != INDEVAL_SCALE_FRACTION)
    fail(INDEVAL_E_RANGE,
         "scale must be INDEVAL_SCALE_POINTS (0) or INDEVAL_SCALE_FRACTION (1), not %d",
         static_cast<int>(scale));
  return static_cast<indeval::scale>(scale);
}

indeval::polarity polarity_arg(std::int32_t polarity) {
  if (polarity < INDEVAL_POLARITY_NEUTRAL || polarity > INDEVAL_POLARITY_SIB)
    fail(INDEVAL_E_RANGE, "polarity must be 0 (neutral), 1 (BIB) or 2 (SIB), not %d",
         static_cast<int>(polarity));
  return static_cast<indeval::polarity>(polarity);
}

indeval::unit unit_arg(std::int32_t unit) {
  if (unit < INDEVAL_UNIT_COUNT || unit > INDEVAL_UNIT_RATE)
    fail(INDEVAL_E_RANGE, "unit must be 0..4 (count, percent, days, average, rate), not %d",
         static_cast<int>(unit));
  return static_cast<indeval::unit>(unit);
}

indeval::kernel kernel_arg(std::int32_t kernel) {
  if (kernel < INDEVAL_KERNEL_AUTOMATIC || kernel > INDEVAL_KERNEL_AVX512)
    fail(INDEVAL_E_RANGE, "kernel must be 0..3 (automatic, scalar, avx2, avx512), not %d",
         static_cast<int>(kernel));
  return static_cast<indeval::kernel>(kernel);
}

void target_arg(double target) {
  if (!storable_target(target)) fail(INDEVAL_E_RANGE, "target must be finite, or NaN for none");
}

void write_text(std::string_view text, char* buf, std::int32_t cap, std::int32_t* needed) {
  check_buffer(buf, cap);
  const std::int32_t length = length_for_abi(text.size());
  if (needed != nullptr) *needed = length;
  if (cap > length) {
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    return;
  }
  if (cap > 0) {
    const std::size_t take = utf8_cut(text, static_cast<std::size_t>(cap) - 1);
    std::memcpy(buf, text.data(), take);
    buf[take] = '\0';
  }
  fail(INDEVAL_E_BUFFER, "the buffer holds %d bytes; the text needs %d and a NUL",
       static_cast<int>(cap), static_cast<int>(length));
}

void write_text(std::string_view text, std::uint16_t* buf, std::int32_t cap, std::int32_t* needed) {
  check_buffer(buf, cap);
  const std::u16string wide = to_utf16(text);
  const std::int32_t length = length_for_abi(wide.size());
  if (needed != nullptr) *needed = length;
  if (cap > length) {
    std::memcpy(buf, wide.data(), wide.size() * sizeof(char16_t));
    buf[wide.size()] = 0;
    return;
  }
  if (cap > 0) {
    std::size_t take = static_cast<std::size_t>(cap) - 1;
    if (take > 0 && wide[take - 1] >= 0xD800 && wide[take - 1] <= 0xDBFF) --take;  // whole pairs
    std::memcpy(buf, wide.data(), take * sizeof(char16_t));
    buf[take] = 0;
  }
  fail(INDEVAL_E_BUFFER, "the buffer holds %d UTF-16 units; the text needs %d and a NUL",
       static_cast<int>(cap), static_cast<int>(length));
}

std::string from_utf16(const std::uint16_t* text, const char* name) {
  need(text, name);
  std::string out;
  for (std::size_t i = 0; text[i] != 0; ++i) {
    char32_t cp = text[i];
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const char32_t low = text[i + 1];  // the NUL, at worst
      if (low < 0xDC00 || low > 0xDFFF)
        fail(INDEVAL_E_ENCODING, "%s has an unpaired high surrogate at UTF-16 unit %zu", name, i);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      ++i;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      fail(INDEVAL_E_ENCODING, "%s has an unpaired low surrogate at UTF-16 unit %zu", name, i);
    }
    append_utf8(out, cp);
  }
  return out;
}

std::int32_t utf16_length_of_prefix(std::string_view utf8, std::size_t bytes) noexcept {
  if (bytes > utf8.size()) bytes = utf8.size();
  std::int64_t units = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    const unsigned char b = static_cast<unsigned char>(utf8[i]);
    if ((b & 0xC0u) == 0x80u) continue;  // continuation byte
    units += (b & 0xF8u) == 0xF0u ? 2 : 1;
  }
  return static_cast<std::int32_t>(units);
}

}  // namespace indeval::capi
