#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

#include <indeval/decimal.hpp>

using indeval::round_decimal;
using indeval::shift_decimal;

TEST(Decimal, RoundsHalfAwayFromZeroOnTheWrittenValue) {
  EXPECT_EQ(round_decimal(94.95, 1), 95.0);
  EXPECT_EQ(round_decimal(2.675, 2), 2.68);  // binary 2.67499999... would give 2.67
  EXPECT_EQ(round_decimal(1.005, 2), 1.01);
  EXPECT_EQ(round_decimal(0.5, 0), 1.0);
  EXPECT_EQ(round_decimal(1.5, 0), 2.0);
  EXPECT_EQ(round_decimal(2.5, 0), 3.0);  // not banker's rounding
  EXPECT_EQ(round_decimal(-2.5, 0), -3.0);
  EXPECT_EQ(round_decimal(-2.675, 2), -2.68);
  EXPECT_EQ(round_decimal(84.44, 1), 84.4);
  EXPECT_EQ(round_decimal(84.45, 1), 84.5);
  EXPECT_EQ(round_decimal(17.04999, 1), 17.0);
}

TEST(Decimal, CarriesIntoANewLeadingDigit) {
  EXPECT_EQ(round_decimal(9.99, 1), 10.0);
  EXPECT_EQ(round_decimal(99.96, 1), 100.0);
  EXPECT_EQ(round_decimal(0.96, 0), 1.0);
  EXPECT_EQ(round_decimal(-999.5, 0), -1000.0);
}

TEST(Decimal, SmallValuesRoundToZeroOrUp) {
  EXPECT_EQ(round_decimal(0.04, 1), 0.0);
  EXPECT_EQ(round_decimal(0.05, 1), 0.1);
  EXPECT_EQ(round_decimal(0.004, 1), 0.0);
  EXPECT_EQ(round_decimal(1e-300, 2), 0.0);
  EXPECT_TRUE(std::signbit(round_decimal(-0.004, 1)));
}

TEST(Decimal, LeavesValuesWithFewerDecimalsAlone) {
  EXPECT_EQ(round_decimal(63.9, 1), 63.9);
  EXPECT_EQ(round_decimal(63.9, 3), 63.9);
  EXPECT_EQ(round_decimal(460.0, 0), 460.0);
  EXPECT_EQ(round_decimal(1e300, 2), 1e300);
  EXPECT_EQ(round_decimal(0.1, 15), 0.1);
}

TEST(Decimal, EdgeValuesPassThrough) {
  EXPECT_TRUE(std::isnan(round_decimal(std::nan(""), 1)));
  EXPECT_EQ(round_decimal(INFINITY, 1), INFINITY);
  EXPECT_EQ(round_decimal(-INFINITY, 1), -INFINITY);
  EXPECT_EQ(round_decimal(0.0, 1), 0.0);
  EXPECT_EQ(round_decimal(std::numeric_limits<double>::max(), 0), std::numeric_limits<double>::max());
  EXPECT_EQ(round_decimal(std::numeric_limits<double>::denorm_min(), 3), 0.0);
}

TEST(Decimal, DecimalsOutOfRangeAreClamped) {
  EXPECT_EQ(round_decimal(2.5, -3), 3.0);
  EXPECT_EQ(round_decimal(0.1234567890123456, 99), round_decimal(0.1234567890123456, 15));
}

TEST(Decimal, AgreesWithIntegerArithmeticOnRandomDecimals) {
  // Values written with 3 decimals, rounded to 1: the answer is exact integer arithmetic.
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<long long> thousandths(-10'000'000, 10'000'000);
  for (int i = 0; i < 20000; ++i) {
    const long long n = thousandths(rng);
    const double v = static_cast<double>(n) / 1000.0;  // nearest double to the decimal n/1000
    const long long mag = n < 0 ? -n : n;
    long long tenths = mag / 100 + ((mag % 100) >= 50 ? 1 : 0);
    if (n < 0) tenths = -tenths;
    ASSERT_EQ(round_decimal(v, 1), static_cast<double>(tenths) / 10.0) << v;
  }
}

TEST(Decimal, ShiftMovesTheWrittenDecimalPoint) {
  EXPECT_EQ(shift_decimal(0.57, 2), 57.0);  // 0.57 * 100 == 56.99999999999999
  EXPECT_NE(0.57 * 100, 57.0);
  EXPECT_EQ(shift_decimal(0.639, 2), 63.9);
  EXPECT_EQ(shift_decimal(0.95, 2), 95.0);
  EXPECT_EQ(shift_decimal(-0.015, 2), -1.5);
  EXPECT_EQ(shift_decimal(63.9, -2), 0.639);
  EXPECT_EQ(shift_decimal(1.0, 2), 100.0);
  EXPECT_TRUE(std::isnan(shift_decimal(std::nan(""), 2)));
  EXPECT_EQ(shift_decimal(INFINITY, 2), INFINITY);
  EXPECT_EQ(shift_decimal(0.0, 2), 0.0);
  EXPECT_EQ(shift_decimal(1e308, 2), INFINITY);
}

TEST(WidenFloat32, AFloatIsReadAsItsShortestDecimal) {
  EXPECT_EQ(indeval::widen_float32(94.95f), 94.95);
  EXPECT_NE(static_cast<double>(94.95f), 94.95);
  EXPECT_EQ(indeval::round_decimal(indeval::widen_float32(94.95f), 1), 95.0);
  EXPECT_EQ(indeval::widen_float32(2.675f), 2.675);
  EXPECT_EQ(indeval::widen_float32(0.1f), 0.1);
  EXPECT_EQ(indeval::widen_float32(16777216.0f), 16777216.0);
  EXPECT_EQ(indeval::widen_float32(3.4028235e38f), 3.4028235e38);
  EXPECT_EQ(indeval::widen_float32(1e-45f), 1e-45);  // the smallest subnormal
  EXPECT_TRUE(std::signbit(indeval::widen_float32(-0.0f)));
  EXPECT_TRUE(std::isnan(indeval::widen_float32(std::numeric_limits<float>::quiet_NaN())));
  EXPECT_EQ(indeval::widen_float32(-std::numeric_limits<float>::infinity()),
            -std::numeric_limits<double>::infinity());
  // Every float widens to a double that converts back to the same float.
  for (std::uint32_t bits = 0; bits < 0xFFFFFFFFu; bits += 65521u) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    if (!std::isfinite(f)) continue;
    ASSERT_EQ(static_cast<float>(indeval::widen_float32(f)), f) << bits;
  }
}
