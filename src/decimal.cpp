// Reading a double at a number of significant digits, as a display of that many digits shows it.
#include "indeval/decimal.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace indeval {
namespace {

constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The reference: print at `digits` significant digits, read back.
double published_via_text(double value, int digits) noexcept {
  char text[64];
  const auto printed = std::to_chars(text, text + sizeof text, value, std::chars_format::scientific,
                                     digits - 1);
  double read = value;
  std::from_chars(text, printed.ptr, read);
  return read;
}

}  // namespace

double read_as_published(double value, int digits) noexcept {
  if (digits <= 0 || digits > 17 || !std::isfinite(value) || value == 0) return value;
  // Fast path: for value = m / 10^k with m an integer of `digits` digits and 10^k exact
  // (k <= 22), rounding value * 10^k to an integer and one correctly rounded division give the
  // double nearest that decimal — unless the product lies too near a half to trust its rounding
  // (or has too many digits for its ulp to be small), where the text path decides.
  if (digits <= 15) {
    const double a = std::fabs(value);
    const auto bits = std::bit_cast<std::uint64_t>(a);
    const int e2 = static_cast<int>(bits >> 52) - 1023;  // a in [2^e2, 2^(e2+1)); subnormal: -1023
    // floor(log10(a)) is floor(e2 log10 2) or one more: 78913 / 2^18 is log10 2 to 6 digits
    int k = digits - 1 - ((e2 * 78913) >> 18);
    for (int tries = 0; tries < 3 && k >= 0 && k <= 22; ++tries) {
      const double scaled = a * pow10[k];
      if (scaled >= pow10[digits]) {
        --k;
        continue;
      }
      if (scaled < pow10[digits - 1]) {
        ++k;
        continue;
      }
      const auto whole = static_cast<double>(static_cast<std::int64_t>(scaled));  // < 10^15
      if (std::fabs(scaled - whole - 0.5) <= 0.125) break;  // near a half: decide by text
      const double m = scaled - whole < 0.5 ? whole : whole + 1;
      return std::copysign(m / pow10[k], value);
    }
  }
  return published_via_text(value, digits);
}

}  // namespace indeval
