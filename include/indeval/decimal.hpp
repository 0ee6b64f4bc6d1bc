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

/// The most digits an exact sum or product is carried to. Two doubles whose written forms sit
/// further apart than this (1e300 + 1e-300) add in binary instead: the smaller cannot move the
/// nearest double of the sum.
inline constexpr int exact_digits = 760;

/// The double nearest  (negative ? -1 : 1) x digits x 10^power10 for a long digit string
/// (most significant first, no sign).
inline double from_long_digits(bool negative, const char* digits, int count,
                               int power10) noexcept {
  while (count > 0 && *digits == '0') ++digits, --count;
  if (count == 0) return negative ? -0.0 : 0.0;
  if (count <= 30) return from_digits(negative, digits, count, power10);
  char buf[exact_digits + 24];
  char* p = buf;
  if (negative) *p++ = '-';
  for (int i = 0; i < count; ++i) *p++ = digits[i];
  *p++ = 'e';
  p = std::to_chars(p, buf + sizeof buf, power10).ptr;
  double out = 0;
  if (std::from_chars(buf, p, out).ec == std::errc::result_out_of_range) {
    out = power10 + count > 0 ? HUGE_VAL : 0.0;
    if (negative) out = -out;
  }
  return out;
}

}  // namespace detail

/// The double nearest  a x b x 10^shift10  computed on a and b as written: the threshold
/// "95% of a target of 2.3" is 2.185 exactly (binary arithmetic gives 2.1849999999999996).
/// Non-finite or zero operands multiply in binary.
[[nodiscard]] inline double multiply_decimal(double a, double b, int shift10 = 0) noexcept {
  if (!std::isfinite(a) || !std::isfinite(b) || a == 0.0 || b == 0.0) {
    const double p = a * b;
    return shift10 == 0 || !std::isfinite(p) || p == 0.0 ? p : p * std::pow(10.0, shift10);
  }
  const detail::written_decimal wa = detail::written(a), wb = detail::written(b);
  int product[40] = {};  // little-endian decimal digits of the two digit strings' product
  for (int i = 0; i < wa.count; ++i)
    for (int j = 0; j < wb.count; ++j)
      product[i + j] += (wa.digits[wa.count - 1 - i] - '0') * (wb.digits[wb.count - 1 - j] - '0');
  const int n = wa.count + wb.count;
  for (int k = 0; k + 1 < n; ++k) {
    product[k + 1] += product[k] / 10;
    product[k] %= 10;
  }
  char digits[40];
  for (int k = 0; k < n; ++k) digits[k] = static_cast<char>('0' + product[n - 1 - k]);
  const int power = (wa.exponent - wa.count) + (wb.exponent - wb.count) + shift10;
  return detail::from_long_digits(wa.negative != wb.negative, digits, n, power);
}

/// The double nearest  a + b  computed on a and b as written: a target of 2.3 "plus 0.1 points"
/// is 2.4 exactly (binary arithmetic gives 2.4000000000000004).
[[nodiscard]] inline double add_decimal(double a, double b) noexcept {
  if (!std::isfinite(a) || !std::isfinite(b) || a == 0.0 || b == 0.0) return a + b;
  const detail::written_decimal wa = detail::written(a), wb = detail::written(b);
  const int pa = wa.exponent - wa.count, pb = wb.exponent - wb.count;  // value = digits x 10^p
  const int low = pa < pb ? pa : pb;
  const int top = (wa.exponent > wb.exponent ? wa.exponent : wb.exponent) - low;
  const int n = top + 1;  // room for a carry
  if (n > detail::exact_digits) return a + b;
  // Little-endian digits of |a| and |b|, aligned at 10^low.
  unsigned char x[detail::exact_digits] = {}, y[detail::exact_digits] = {};
  for (int i = 0; i < wa.count; ++i) x[pa - low + i] = static_cast<unsigned char>(wa.digits[wa.count - 1 - i] - '0');
  for (int i = 0; i < wb.count; ++i) y[pb - low + i] = static_cast<unsigned char>(wb.digits[wb.count - 1 - i] - '0');
  bool negative = wa.negative;
  if (wa.negative == wb.negative) {
    int carry = 0;
    for (int k = 0; k < n; ++k) {
      const int d = x[k] + y[k] + carry;
      x[k] = static_cast<unsigned char>(d % 10);
      carry = d / 10;
    }
  } else {
    // Subtract the smaller magnitude from the larger; the sign is the larger's.
    int cmp = 0;
    for (int k = n; k-- > 0 && cmp == 0;) cmp = (x[k] > y[k]) - (x[k] < y[k]);
    if (cmp == 0) return 0.0;
    unsigned char* big = cmp > 0 ? x : y;
    const unsigned char* small = cmp > 0 ? y : x;
    negative = cmp > 0 ? wa.negative : wb.negative;
    int borrow = 0;
    for (int k = 0; k < n; ++k) {
      int d = big[k] - small[k] - borrow;
      borrow = d < 0;
      if (d < 0) d += 10;
      big[k] = static_cast<unsigned char>(d);
    }
    if (big == y)
      for (int k = 0; k < n; ++k) x[k] = y[k];
  }
  char digits[detail::exact_digits];
  for (int k = 0; k < n; ++k) digits[k] = static_cast<char>('0' + x[n - 1 - k]);
  return detail::from_long_digits(negative, digits, n, low);
}

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

/// How far published figures are read: some are published with binary noise (LAIT writes
/// 95.399999999999991 for 95.4), so readers that ask for it (cell reading's significant_15,
/// comparisons) read them at 15 significant digits, the most a double holds exactly as decimal.
inline constexpr int published_digits = 15;

/// `value` as read at `digits` significant digits (1..17): the double nearest the decimal that
/// printf("%.*g") writes, i.e. the stored double rounded, as a display of that many digits shows
/// it (2.675 at 3 digits is 2.67: the double is 2.67499999...). 0 digits, NaN and ±inf give
/// `value` unchanged. The one definition of "read as published".
[[nodiscard]] double read_as_published(double value, int digits = published_digits) noexcept;

}  // namespace indeval
