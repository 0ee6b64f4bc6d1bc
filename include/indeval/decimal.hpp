// decimal: arithmetic on a double's value *as written* (its shortest round-trip decimal form), the
// way a spreadsheet user reads it, rather than on the binary fraction it happens to be.
//
// Why: 2.675 is stored as 2.67499999999999982236431605997495353221893310546875, so rounding the
// binary value to 2 dp gives 2.67 while Excel's ROUND (and every analyst) says 2.68; 0.57 * 100 is
// 56.99999999999999, which would fall short of a 57% threshold. Both operations here work on the
// decimal digits and return the double nearest the exact decimal answer.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace indeval {

/// The most decimals a rating rounds to. Doubles carry 15-17 significant digits, so more would
/// only round noise.
inline constexpr int max_decimals = 15;

namespace detail {

/// A finite non-zero double as written: digits d1 d2 ... dn (no leading zero) and exponent e with
/// value = 0.d1d2...dn x 10^e.
struct written_decimal {
  char digits[20];
  int count;
  int exponent;
  bool negative;
};

inline written_decimal written(double v) noexcept {
  char buf[40];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  written_decimal w{};
  const char* p = buf;
  w.negative = (*p == '-');
  if (w.negative) ++p;
  for (; p < res.ptr && *p != 'e'; ++p)
    if (*p != '.') w.digits[w.count++] = *p;
  int exp10 = 0;
  if (p < res.ptr) std::from_chars(p + (p[1] == '+' ? 2 : 1), res.ptr, exp10);
  w.exponent = exp10 + 1;
  return w;
}

/// The double nearest  (negative ? -1 : 1) x digits x 10^power10.
inline double from_digits(bool negative, const char* digits, int count, int power10) noexcept {
  char buf[48];
  char* p = buf;
  if (negative) *p++ = '-';
  for (int i = 0; i < count; ++i) *p++ = digits[i];
  *p++ = 'e';
  p = std::to_chars(p, buf + sizeof buf, power10).ptr;
  double out = 0;
  if (std::from_chars(buf, p, out).ec == std::errc::result_out_of_range) {
    // Beyond the range of double: overflow to infinity, underflow to zero, sign kept.
    out = power10 > 0 ? HUGE_VAL : 0.0;
    if (negative) out = -out;
  }
  return out;
}

}  // namespace detail

/// Rounds `v` to `decimals` places (0..max_decimals) half away from zero on its written decimal
/// value, as Excel's ROUND does: round_decimal(94.95, 1) == 95.0, round_decimal(2.675, 2) == 2.68.
/// NaN, infinities and zero come back unchanged; `decimals` outside 0..max_decimals is clamped.
[[nodiscard]] inline double round_decimal(double v, int decimals) noexcept {
  if (!std::isfinite(v) || v == 0.0) return v;
  decimals = decimals < 0 ? 0 : (decimals > max_decimals ? max_decimals : decimals);
  const detail::written_decimal w = detail::written(v);
  const int keep = w.exponent + decimals;  // digits that survive the rounding
  if (keep >= w.count) return v;           // already has no more decimals than asked
  if (keep < 0) return w.negative ? -0.0 : 0.0;
  const bool up = w.digits[keep] >= '5';
  char digits[21];
  int count = keep;
  for (int i = 0; i < keep; ++i) digits[i] = w.digits[i];
  if (up) {
    int i = count - 1;
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i >= 0) {
      ++digits[i];
    } else {  // 9.99 -> 10.0: one more leading digit
      for (int j = count; j > 0; --j) digits[j] = digits[j - 1];
      digits[0] = '1';
      ++count;
      return detail::from_digits(w.negative, digits, count, -decimals);
    }
  }
  if (count == 0) return w.negative ? -0.0 : 0.0;
  return detail::from_digits(w.negative, digits, count, -decimals);
}

/// Moves the decimal point of `v` as written: shift_decimal(0.57, 2) == 57.0 exactly. Used to read
/// a spreadsheet's fraction (0.639) as percentage points (63.9).
[[nodiscard]] inline double shift_decimal(double v, int places) noexcept {
  if (!std::isfinite(v) || v == 0.0) return v;
  const detail::written_decimal w = detail::written(v);
  return detail::from_digits(w.negative, w.digits, w.count, w.exponent - w.count + places);
}

/// A float32 as the double of its shortest round-trip decimal: the figure a person reads from
/// it. np.float32(94.95) is 94.9499969482421875 in binary, which would round to 94.9 at 1 dp;
/// widened here it is 94.95 and rounds to 95.0, as written. NaN and ±infinity stay as they are.
[[nodiscard]] inline double widen_float32(float v) noexcept {
  if (!std::isfinite(v)) return static_cast<double>(v);
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest for float
  double out = 0.0;
  std::from_chars(buf, res.ptr, out);
  return out;
}

}  // namespace indeval
