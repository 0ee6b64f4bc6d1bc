// XmR analysis: one test per rule, threshold and degenerate case, on series built for the purpose.
#include "indeval/spc.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

using namespace indeval;
using r = spc_rule;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

struct result {
  std::vector<double> mean, lower, upper;
  std::vector<spc_rule> rule;
  std::vector<spc_variation> variation;
  spc_assurance assurance{};
  spc_variation last{};
  std::uint8_t warnings{};
};

result run(const std::vector<double>& y, spc_settings s = {}, const std::vector<std::uint8_t>& rebase = {},
           const std::vector<std::int32_t>& date = {}, int threads = 1) {
  const std::size_t n = y.size();
  result out;
  out.mean.resize(n);
  out.lower.resize(n);
  out.upper.resize(n);
  std::vector<std::int8_t> rule(n), variation(n), assurance(1), last(1);
  std::vector<std::uint8_t> warnings(1);
  const spc_series series{0, n, 0};
  spc_input in{y, date, rebase, std::span{&series, 1}, std::span{&s, 1}};
  analyse_spc(in, {out.mean, out.lower, out.upper, variation, rule, assurance, last, warnings}, threads);
  for (auto c : rule) out.rule.push_back(static_cast<spc_rule>(c));
  for (auto c : variation) out.variation.push_back(static_cast<spc_variation>(c));
  out.assurance = static_cast<spc_assurance>(assurance[0]);
  out.last = static_cast<spc_variation>(last[0]);
  out.warnings = warnings[0];
  return out;
}

// Twelve points alternating lo, hi: mean (lo+hi)/2, every moving range hi-lo (none screened).
std::vector<double> base(double first = 10, double second = 12) {
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) y.push_back(i % 2 == 0 ? first : second);
  return y;
}
// With fix_after = 12 on base(): mean 11, mR̄ 2, so these limits hold for every later point.
constexpr double mean11 = 11;
const double upper11 = 11 + 2.66 * 2;
const double lower11 = 11 - 2.66 * 2;
const double upper_close11 = 11 + 2 * (2.66 / 3) * 2;
spc_settings fixed12(polarity p = polarity::bigger_is_better) { return {p, nan, 12, true}; }

std::vector<double> then(std::vector<double> y, std::initializer_list<double> more) {
  y.insert(y.end(), more);
  return y;
}

TEST(Spc, RMeanIsCorrectlyRoundedWhereTheNaiveSumIsNot) {
  const std::vector<double> x{0.1, 0.2, 0.3};
  ASSERT_NE((0.1 + 0.2 + 0.3) / 3, 0.2);  // the naive left-to-right mean is one ulp off
  EXPECT_EQ(r_mean(x), 0.2);
  EXPECT_TRUE(std::isnan(r_mean({})));
  EXPECT_EQ(r_mean(std::vector<double>{1e308, 1e308}), 1e308);  // the long double sum does not overflow
}

TEST(Spc, LimitsAreMeanPlusMinus266MeanMovingRange) {
  const auto res = run(base());
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(res.mean[i], 11);
    EXPECT_EQ(res.lower[i], 11 - 2.66 * 2);
    EXPECT_EQ(res.upper[i], 11 + 2.66 * 2);
    EXPECT_EQ(res.rule[i], r::none);
    EXPECT_EQ(res.variation[i], spc_variation::common_cause);
  }
  EXPECT_EQ(res.warnings, spc_warning_short_phase);  // 12 points
}

TEST(Spc, ScreeningDropsMovingRangesAtOrAbove3267MeanAndRecomputesOnce) {
  // Ranges: eleven of 1 and one of 29: mR̄ = 40/12; 29 ≥ 3.267·mR̄ is screened, leaving mR̄ = 1.
  auto y = then(base(10, 11), {40});
  const double mean = r_mean(y);
  auto on = run(y);
  EXPECT_EQ(on.upper[0], mean + 2.66 * 1);
  auto off = run(y, {polarity::neutral, nan, 0, false});
  EXPECT_EQ(off.upper[0], mean + 2.66 * (40.0 / 12));
  EXPECT_EQ(on.rule[12], r::above_upper);
  // Only once: ranges ten of 1, one of 5, one of 30. The first mR̄ = 45/12 screens only the 30; a
  // second round at 3.267·(15/11) would screen the 5 too, but there is none.
  y = {10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 15, 45};
  const std::vector<double> kept{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5};
  ASSERT_GE(5, 3.267 * r_mean(kept));
  EXPECT_EQ(run(y).upper[0], r_mean(y) + 2.66 * r_mean(kept));
}

TEST(Spc, ScreeningOfAConstantSeriesLeavesNoLimits) {
  const std::vector<double> y(15, 5.0);
  const auto res = run(y);
  EXPECT_EQ(res.mean[0], 5);
  EXPECT_TRUE(std::isnan(res.upper[0]));
  EXPECT_TRUE(std::isnan(res.lower[14]));
  for (auto x : res.rule) EXPECT_EQ(x, r::none);
  EXPECT_EQ(res.warnings, spc_warning_undefined_limits);
  // Without screening mR̄ = 0 and the limits sit on the mean; no point is strictly beyond them.
  const auto off = run(y, {polarity::neutral, nan, 0, false});
  EXPECT_EQ(off.upper[0], 5);
  EXPECT_EQ(off.lower[0], 5);
  for (auto x : off.rule) EXPECT_EQ(x, r::none);
}

TEST(Spc, OnePointHasAMeanAndNoLimits) {
  const auto res = run({7});
  EXPECT_EQ(res.mean[0], 7);
  EXPECT_TRUE(std::isnan(res.upper[0]));
  EXPECT_EQ(res.rule[0], r::none);
  EXPECT_EQ(res.warnings, spc_warning_short_phase | spc_warning_undefined_limits);
}

TEST(Spc, EmptyAndAllMissingSeries) {
  const auto empty = run({});
  EXPECT_EQ(empty.assurance, spc_assurance::none);
  EXPECT_EQ(empty.warnings, 0);
  const auto missing = run({nan, inf, -inf}, {polarity::bigger_is_better, 5, 0, true});
  EXPECT_TRUE(std::isnan(missing.mean[0]));
  EXPECT_EQ(missing.assurance, spc_assurance::inconsistent);
  EXPECT_EQ(missing.warnings, spc_warning_short_phase | spc_warning_missing_values | spc_warning_undefined_limits);
}

TEST(Spc, APointExactlyOnALimitIsNotOutside) {
  auto res = run(then(base(), {upper11, mean11, lower11, mean11}), fixed12());
  EXPECT_EQ(res.upper[12], upper11);
  EXPECT_EQ(res.rule[12], r::none);
  EXPECT_EQ(res.rule[14], r::none);
  res = run(then(base(), {std::nextafter(upper11, inf), mean11, std::nextafter(lower11, -inf), mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::above_upper);
  EXPECT_EQ(res.variation[12], spc_variation::improvement);
  EXPECT_EQ(res.rule[14], r::below_lower);
  EXPECT_EQ(res.variation[14], spc_variation::concern);
}

TEST(Spc, FixAfterUsesOnlyTheFirstNPoints) {
  auto y = then(base(), {100, 101, 102});
  const auto fixed = run(y, fixed12());
  EXPECT_EQ(fixed.mean[14], 11);
  EXPECT_EQ(fixed.upper[14], upper11);
  EXPECT_EQ(fixed.rule[13], r::above_upper);
  const auto all = run(y, {polarity::bigger_is_better, nan, 0, true});
  EXPECT_EQ(all.mean[0], r_mean(y));
  // Missing points count towards N.
  y = base();
  y[3] = nan;
  y.push_back(1000);
  EXPECT_EQ(run(y, fixed12()).mean[0], r_mean(std::vector<double>{10, 12, 10, 10, 12, 10, 12, 10, 12, 10, 12}));
  EXPECT_THROW(run(base(), {polarity::neutral, nan, 11, true}), spc_error);
  EXPECT_THROW(run(base(), {polarity::neutral, nan, -1, true}), spc_error);
}

TEST(Spc, ShiftNeedsSevenPointsOnOneSide) {
  // base(12, 10) ends below the mean; then 11.5 (above, not close) n times, then back below.
  std::vector<double> y = base(12, 10);
  for (int i = 0; i < 6; ++i) y.push_back(11.5);
  y.push_back(10);
  auto res = run(y, fixed12());
  for (std::size_t i = 12; i < 18; ++i) EXPECT_EQ(res.rule[i], r::none) << i;
  y.insert(y.begin() + 12, 11.5);  // seven
  res = run(y, fixed12());
  for (std::size_t i = 12; i < 19; ++i) {
    EXPECT_EQ(res.rule[i], r::shift_high) << i;
    EXPECT_EQ(res.variation[i], spc_variation::improvement);
  }
  EXPECT_EQ(res.rule[19], r::none);
  // Below, and a point on the mean breaks the run.
  y = base(10, 12);
  for (int i = 0; i < 7; ++i) y.push_back(10.5);
  EXPECT_EQ(run(y, fixed12(polarity::smaller_is_better)).rule[18], r::shift_low);
  EXPECT_EQ(run(y, fixed12(polarity::smaller_is_better)).variation[18], spc_variation::improvement);
  y[15] = mean11;
  EXPECT_EQ(run(y, fixed12()).rule[18], r::none);
  y[15] = nan;
  EXPECT_EQ(run(y, fixed12()).rule[18], r::none);
}

TEST(Spc, TrendNeedsSevenStrictlyRisingPoints) {
  // base(10, 12) ends at 12, so the first step into 10.7 is down.
  auto y = then(base(), {10.7, 10.8, 10.9, 11.0, 11.1, 11.2, 10});
  auto res = run(y, fixed12());
  for (std::size_t i = 12; i < 19; ++i) EXPECT_EQ(res.rule[i], r::none) << i;
  y = then(base(), {10.7, 10.8, 10.9, 11.0, 11.1, 11.2, 11.3, 10});
  res = run(y, fixed12());
  EXPECT_EQ(res.rule[11], r::none);
  for (std::size_t i = 12; i < 19; ++i) EXPECT_EQ(res.rule[i], r::trend_up) << i;
  EXPECT_EQ(res.rule[19], r::none);
  // Down, as a concern when increase is better.
  y = then(base(12, 10), {11.3, 11.2, 11.1, 11.0, 10.9, 10.8, 10.7, 12});
  res = run(y, fixed12());
  for (std::size_t i = 12; i < 19; ++i) {
    EXPECT_EQ(res.rule[i], r::trend_down) << i;
    EXPECT_EQ(res.variation[i], spc_variation::concern);
  }
}

TEST(Spc, ATieOrAMissingValueBreaksATrend) {
  auto y = then(base(), {10.7, 10.8, 10.9, 10.9, 11.0, 11.1, 11.2, 11.3, 10});
  for (std::size_t i = 12; i < 21; ++i) EXPECT_EQ(run(y, fixed12()).rule[i], r::none) << i;
  y[15] = nan;
  for (std::size_t i = 12; i < 21; ++i) EXPECT_EQ(run(y, fixed12()).rule[i], r::none) << i;
  y = then(base(), {10.7, 10.8, 10.9, nan, 11.0, 11.1, 11.2, 11.3, 10});
  for (std::size_t i = 12; i < 21; ++i) EXPECT_EQ(run(y, fixed12()).rule[i], r::none) << i;
}

TEST(Spc, TrendPointDirectionFollowsThePackage) {
  // Up seven points to a peak, then down seven from it: the peak is in both, and takes the step to
  // the next point (down).
  auto y = then(base(), {10.4, 10.5, 10.6, 10.7, 10.8, 10.9, 11.0, 10.9, 10.8, 10.7, 10.6, 10.5, 10.4});
  auto res = run(y, fixed12(polarity::neutral));
  EXPECT_EQ(res.rule[17], r::trend_up);
  EXPECT_EQ(res.rule[18], r::trend_down);
  EXPECT_EQ(res.variation[18], spc_variation::neutral_low);
  EXPECT_EQ(res.variation[17], spc_variation::neutral_high);
  // A level step between two trends reads as decreasing, even at the top of a rise.
  y = then(base(), {10.4, 10.5, 10.6, 10.7, 10.8, 10.9, 11.0, 11.0, 10.9, 10.8, 10.7, 10.6, 10.5, 10.4});
  res = run(y, fixed12());
  EXPECT_EQ(res.rule[17], r::trend_up);
  EXPECT_EQ(res.rule[18], r::trend_down);
  EXPECT_EQ(res.rule[19], r::trend_down);
  // The last point of a rise takes the step from the one before.
  y = then(base(), {10.4, 10.5, 10.6, 10.7, 10.8, 10.9, 11.0});
  EXPECT_EQ(run(y, fixed12()).rule[18], r::trend_up);
}

TEST(Spc, TwoOfThreeCloseOnOneSide) {
  auto y = then(base(), {11.5, 15, 15, mean11});
  ASSERT_GT(15, upper_close11);
  ASSERT_LT(15, upper11);
  auto res = run(y, fixed12());
  EXPECT_EQ(res.rule[12], r::none);  // not itself close
  EXPECT_EQ(res.rule[13], r::two_of_three_high);
  EXPECT_EQ(res.rule[14], r::two_of_three_high);
  // Two of three, not adjacent.
  res = run(then(base(), {15, 11.5, 15, mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::two_of_three_high);
  EXPECT_EQ(res.rule[14], r::two_of_three_high);
  // Low side.
  res = run(then(base(), {7, 7, 10.5, mean11}), fixed12(polarity::smaller_is_better));
  EXPECT_EQ(res.rule[12], r::two_of_three_low);
  EXPECT_EQ(res.variation[13], spc_variation::improvement);
}

TEST(Spc, TwoOfThreeThresholdsAndBreaks) {
  // A point exactly on the 2σ band is not close.
  auto res = run(then(base(), {15, upper_close11, 11.5, mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::none);
  res = run(then(base(), {15, std::nextafter(upper_close11, inf), 11.5, mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::two_of_three_high);
  // All three strictly on one side: the middle one below breaks it.
  res = run(then(base(), {15, 10, 15, mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::none);
  EXPECT_EQ(res.rule[14], r::none);
  // Outside points do not count as close.
  res = run(then(base(), {17, 15, 11.5, mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::above_upper);
  EXPECT_EQ(res.rule[13], r::none);
  // No padding at the end: the last two points close, the one before on the other side.
  res = run(then(base(), {mean11, 10, 15, 15}), fixed12());
  EXPECT_EQ(res.rule[14], r::none);
  EXPECT_EQ(res.rule[15], r::none);
}

TEST(Spc, PriorityOutsideThenTrendThenTwoOfThreeThenShift) {
  // A rise ending above the upper limit: the last point is outside, the others trend.
  auto res = run(then(base(), {11.5, 12, 12.5, 13, 13.5, 14, 17}), fixed12());
  for (std::size_t i = 12; i < 18; ++i) EXPECT_EQ(res.rule[i], r::trend_up) << i;
  EXPECT_EQ(res.rule[18], r::above_upper);
  // A rise through the 2σ band, all above the mean: trend beats 2 of 3 and shift.
  res = run(then(base(), {11.5, 12, 12.5, 13, 13.5, 14.6, 15, 11.5}), fixed12());
  for (std::size_t i = 12; i < 19; ++i) EXPECT_EQ(res.rule[i], r::trend_up) << i;
  // Seven above the mean, two of them close: 2 of 3 beats shift.
  res = run(then(base(), {11.5, 11.6, 15, 15, 11.6, 11.5, 11.6, mean11}), fixed12());
  EXPECT_EQ(res.rule[12], r::shift_high);
  EXPECT_EQ(res.rule[14], r::two_of_three_high);
  EXPECT_EQ(res.rule[15], r::two_of_three_high);
  EXPECT_EQ(res.rule[18], r::shift_high);
}

TEST(Spc, VariationByImprovementDirection) {
  const auto y = then(base(), {17, mean11, 5, mean11});
  const auto inc = run(y, fixed12(polarity::bigger_is_better));
  const auto dec = run(y, fixed12(polarity::smaller_is_better));
  const auto neu = run(y, fixed12(polarity::neutral));
  EXPECT_EQ(inc.variation[12], spc_variation::improvement);
  EXPECT_EQ(inc.variation[14], spc_variation::concern);
  EXPECT_EQ(dec.variation[12], spc_variation::concern);
  EXPECT_EQ(dec.variation[14], spc_variation::improvement);
  EXPECT_EQ(neu.variation[12], spc_variation::neutral_high);
  EXPECT_EQ(neu.variation[14], spc_variation::neutral_low);
  EXPECT_EQ(inc.variation[13], spc_variation::common_cause);
  EXPECT_EQ(run(then(base(), {17}), fixed12()).last, spc_variation::improvement);
}

TEST(Spc, AssuranceFromTheLastPhase) {
  auto with = [](polarity p, double target) {
    return run(then(base(), {mean11}), {p, target, 12, true}).assurance;
  };
  using a = spc_assurance;
  EXPECT_EQ(with(polarity::bigger_is_better, 20), a::fail);
  EXPECT_EQ(with(polarity::smaller_is_better, 20), a::pass);
  EXPECT_EQ(with(polarity::bigger_is_better, 2), a::pass);
  EXPECT_EQ(with(polarity::smaller_is_better, 2), a::fail);
  EXPECT_EQ(with(polarity::bigger_is_better, 11), a::inconsistent);
  EXPECT_EQ(with(polarity::bigger_is_better, upper11), a::inconsistent);  // on the limit: not beyond it
  EXPECT_EQ(with(polarity::bigger_is_better, nan), a::none);
  EXPECT_EQ(with(polarity::neutral, 20), a::none);
  // Undefined limits.
  EXPECT_EQ(run(std::vector<double>(14, 3.0), {polarity::bigger_is_better, 20, 0, true}).assurance, a::inconsistent);
  // The last phase's limits decide: the first phase sits around 11, the second around 31.
  std::vector<double> y = base();
  for (double v : base(30, 32)) y.push_back(v);
  std::vector<std::uint8_t> rebase(24, 0);
  rebase[12] = 1;
  EXPECT_EQ(run(y, {polarity::bigger_is_better, 20, 0, true}, rebase).assurance, a::pass);
  EXPECT_EQ(run(y, {polarity::bigger_is_better, 20, 0, true}).assurance, a::inconsistent);
}

TEST(Spc, NothingCrossesAPhaseBoundary) {
  std::vector<double> y = base();
  for (double v : base(20, 22)) y.push_back(v);
  std::vector<std::uint8_t> rebase(24, 0);
  rebase[12] = 1;
  const auto res = run(y, {polarity::neutral, nan, 0, false}, rebase);
  EXPECT_EQ(res.mean[0], 11);
  EXPECT_EQ(res.mean[12], 21);
  EXPECT_EQ(res.upper[23], 21 + 2.66 * 2);  // the jump from 12 to 20 is no moving range
  EXPECT_EQ(res.warnings, spc_warning_short_phase);
  // A rise of four points either side of a rebase is no trend.
  y = then(base(), {10.7, 10.8, 10.9, 11.0, 11.1, 11.2, 11.3, 10});
  rebase.assign(y.size(), 0);
  EXPECT_EQ(run(y, fixed12(), rebase).rule[15], r::trend_up);
  rebase[16] = 1;
  EXPECT_EQ(run(y, fixed12(), rebase).rule[15], r::none);
  // A rebase on the first point changes nothing.
  rebase.assign(y.size(), 0);
  rebase[0] = 1;
  EXPECT_EQ(run(y, fixed12(), rebase).rule[15], r::trend_up);
}

TEST(Spc, ShortPhaseWarningCountsMissingPoints) {
  std::vector<double> y = base();
  y.push_back(nan);
  EXPECT_EQ(run(y).warnings, spc_warning_missing_values);
  y.pop_back();
  EXPECT_EQ(run(y).warnings, spc_warning_short_phase);
}

TEST(Spc, MissingValuesNeverCrashAndAreCommonCause) {
  std::vector<double> y{nan, 1, nan, 2, 3, inf, 4, 5, 6, 7, 8, 9, nan, 10, 11, 12, 13, -inf};
  const auto res = run(y, fixed12());
  EXPECT_EQ(res.rule[0], r::none);
  EXPECT_EQ(res.rule[5], r::none);
  // 6..11 and 13..16 rise, but the missing 12 breaks the run (the R package stops with an error).
  for (auto x : res.rule) EXPECT_NE(x, r::trend_up);
  EXPECT_TRUE(res.warnings & spc_warning_missing_values);
}

TEST(Spc, PointsAreTakenInDateOrderAndResultsGoBackToTheirRows) {
  const std::vector<double> sorted = then(base(), {10.7, 10.8, 10.9, 11.0, 11.1, 11.2, 11.3, 10});
  const std::size_t n = sorted.size();
  std::vector<double> y(n);
  std::vector<std::int32_t> date(n);
  for (std::size_t i = 0; i < n; ++i) {  // reversed rows
    y[n - 1 - i] = sorted[i];
    date[n - 1 - i] = static_cast<std::int32_t>(1000 + 31 * i);
  }
  const auto res = run(y, fixed12(), {}, date);
  const auto ref = run(sorted, fixed12());
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(res.rule[n - 1 - i], ref.rule[i]);
    EXPECT_EQ(res.upper[n - 1 - i], ref.upper[i]);
  }
  date[3] = date[7];
  try {
    run(y, fixed12(), {}, date);
    FAIL() << "a duplicate date was accepted";
  } catch (const spc_error& e) {
    EXPECT_EQ(e.row(), 7u);
    EXPECT_NE(std::string(e.what()).find("row 7"), std::string::npos) << e.what();
  }
}

TEST(Spc, ManySeriesAtOnceMatchOneByOne) {
  std::vector<double> values;
  std::vector<spc_series> series;
  std::vector<spc_settings> settings{fixed12(), {polarity::smaller_is_better, 10, 0, true}};
  std::vector<std::vector<double>> each{then(base(), {17, 11, 11.5, 15, 15}), base(3, 9), {1}, {}, then(base(), {5})};
  for (std::size_t k = 0; k < each.size(); ++k) {
    series.push_back({values.size(), each[k].size(), k % 2});
    values.insert(values.end(), each[k].begin(), each[k].end());
  }
  const std::size_t n = values.size();
  std::vector<double> mean(n), lower(n), upper(n);
  std::vector<std::int8_t> rule(n), variation(n), assurance(series.size());
  for (int threads : {1, 2, 3}) {
    analyse_spc({values, {}, {}, series, settings}, {mean, lower, upper, variation, rule, assurance, {}, {}}, threads);
    for (std::size_t k = 0; k < each.size(); ++k) {
      const auto one = run(each[k], settings[k % 2]);
      EXPECT_EQ(static_cast<spc_assurance>(assurance[k]), one.assurance);
      for (std::size_t i = 0; i < each[k].size(); ++i) {
        EXPECT_EQ(static_cast<spc_rule>(rule[series[k].first + i]), one.rule[i]);
        EXPECT_EQ(static_cast<spc_variation>(variation[series[k].first + i]), one.variation[i]);
        const double u = upper[series[k].first + i];
        EXPECT_TRUE(u == one.upper[i] || (std::isnan(u) && std::isnan(one.upper[i])));
      }
    }
  }
}

TEST(Spc, BadInputIsRefusedBeforeAnythingIsWritten) {
  std::vector<double> values(5, 1.0), mean(5, -1.0), short_out(4);
  std::vector<spc_series> series{{0, 3, 0}, {2, 3, 0}};
  std::vector<std::int8_t> rule(5);
  EXPECT_THROW(analyse_spc({values, {}, {}, series, {}}, {mean}), spc_error);  // overlap
  EXPECT_EQ(mean[0], -1.0);
  series = {{2, 3, 0}, {0, 3, 0}};
  EXPECT_THROW(analyse_spc({values, {}, {}, series, {}}, {mean}), spc_error);  // overlap, out of order
  EXPECT_EQ(mean[0], -1.0);
  series = {{3, 2, 0}, {0, 3, 0}};
  analyse_spc({values, {}, {}, series, {}}, {mean});  // out of order is fine
  EXPECT_EQ(mean[0], 1.0);
  series = {{0, 3, 0}, {3, 3, 0}};
  EXPECT_THROW(analyse_spc({values, {}, {}, series, {}}, {mean}), spc_error);  // past the end
  series = {{0, 3, 1}};
  std::vector<spc_settings> one(1);
  EXPECT_THROW(analyse_spc({values, {}, {}, series, one}, {mean}), spc_error);  // settings index
  EXPECT_THROW(analyse_spc({values}, {short_out}), spc_error);
  std::vector<std::int32_t> date(4);
  EXPECT_THROW(analyse_spc({values, date}, {mean}), spc_error);
  EXPECT_THROW(analyse_spc({values}, {mean}, 0), spc_error);
  one[0].improvement = static_cast<polarity>(7);
  mean.assign(5, -1.0);
  EXPECT_THROW(analyse_spc({values, {}, {}, {}, one}, {mean}), spc_error);
  EXPECT_EQ(mean[0], -1.0);
}

TEST(Spc, NamesRoundTrip) {
  for (int c = 0; c <= 4; ++c) {
    const auto v = static_cast<spc_variation>(c);
    EXPECT_EQ(parse_spc_variation(to_string(v)), v);
  }
  for (int c = 1; c <= 8; ++c) {
    const auto x = static_cast<spc_rule>(c);
    EXPECT_EQ(parse_spc_rule(to_string(x)), x);
  }
  EXPECT_EQ(to_string(spc_rule::two_of_three_high), "two_of_three_high");
  EXPECT_EQ(to_string(spc_variation::neutral_low), "neutral_low");
  EXPECT_EQ(to_string(spc_assurance::inconsistent), "inconsistent");
  EXPECT_EQ(to_string(spc_assurance::none), "");
  EXPECT_EQ(parse_spc_assurance("Fail"), spc_assurance::fail);
  EXPECT_EQ(parse_spc_rule("sideways"), std::nullopt);
  EXPECT_EQ(to_string(static_cast<spc_rule>(42)), "");
  EXPECT_EQ(parse_improvement("Increase"), polarity::bigger_is_better);
  EXPECT_EQ(parse_improvement("SIB"), polarity::smaller_is_better);
  EXPECT_EQ(parse_improvement(""), polarity::neutral);
  EXPECT_EQ(parse_improvement("up"), std::nullopt);
  EXPECT_EQ(improvement_name(polarity::smaller_is_better), "decrease");
}

TEST(Spc, DatesAreIsoDaysOrPeriodsAtTheirFirstDay) {
  EXPECT_EQ(parse_spc_date("1970-01-02"), 1);
  EXPECT_EQ(parse_spc_date("2017-04-01"), parse_spc_date("Apr-17"));
  EXPECT_EQ(parse_spc_date("2016-17"), parse_spc_date("2016-04-01"));
  EXPECT_EQ(parse_spc_date("2023", year_kind::calendar), parse_spc_date("2023-01-01"));
  EXPECT_EQ(parse_spc_date("2023-02-30"), std::nullopt);
  EXPECT_EQ(parse_spc_date("2023-1-01"), std::nullopt);
  EXPECT_EQ(parse_spc_date("yesterday"), std::nullopt);
  EXPECT_EQ(parse_spc_date(""), std::nullopt);
}

}  // namespace

namespace {

TEST(Spc, ThreadsSplitSeriesWithTheSameResults) {
  // Enough series for several tasks, each a different mix of rules.
  std::vector<double> values;
  std::vector<spc_series> series;
  for (std::size_t k = 0; k < 2000; ++k) {
    series.push_back({values.size(), 20, 0});
    for (std::size_t i = 0; i < 20; ++i)
      values.push_back(static_cast<double>((i * 7 + k * 13) % 17) + (i >= 10 && k % 2 == 1 ? 30.0 : 0.0));
  }
  const std::size_t n = values.size();
  std::vector<std::int8_t> one(n), two(n), a1(series.size()), a2(series.size());
  const spc_settings s{polarity::bigger_is_better, 8, 0, true};
  engine e;
  analyse_spc(e, {values, {}, {}, series, std::span{&s, 1}}, {.rule = one, .assurance = a1}, 1);
  analyse_spc(e, {values, {}, {}, series, std::span{&s, 1}}, {.rule = two, .assurance = a2}, 3);
  EXPECT_EQ(one, two);
  EXPECT_EQ(a1, a2);
  EXPECT_GT(std::count(one.begin(), one.end(), static_cast<std::int8_t>(spc_rule::none)), 0);
  EXPECT_LT(std::count(one.begin(), one.end(), static_cast<std::int8_t>(spc_rule::none)), static_cast<long>(n));
}

}  // namespace
