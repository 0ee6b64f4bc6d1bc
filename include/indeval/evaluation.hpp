// evaluation: rating one value against a rule set, and what the rating says about itself.
//
// Semantics, in order:
//  1. no rule set               -> None, reason not_rated
//  2. value NaN (missing)       -> None, reason no_data
//  3. value +inf or -inf        -> None, reason not_finite (a division by zero upstream is not a
//                                  result better or worse than every threshold)
//  4. the rule set measures a bound against a target / cohort / comparator that is missing (NaN
//     or infinite)              -> None, reason needs_target / needs_cohort / needs_comparator
//                                  (in that order); never a guess
//  5. otherwise the value (read as points if given as a fraction, then rounded to the declared
//     decimals half away from zero as written) gets the best band whose threshold it meets; the
//     worst band takes the rest.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "indeval/decimal.hpp"
#include "indeval/indicator.hpp"
#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/scale.hpp"
#include "indeval/status.hpp"
#include "indeval/unit.hpp"

namespace indeval {

/// Why a value got its status. Codes are fixed for the C ABI.
enum class reason : std::int8_t {
  rated = 0,
  no_data = 1,
  not_rated = 2,
  needs_target = 3,
  needs_cohort = 4,
  not_finite = 5,
  needs_comparator = 6,
};

[[nodiscard]] constexpr std::string_view to_string(reason r) noexcept {
  switch (r) {
    case reason::rated: return "rated";
    case reason::no_data: return "no data";
    case reason::not_rated: return "not rated";
    case reason::needs_target: return "needs target";
    case reason::needs_cohort: return "needs cohort";
    case reason::not_finite: return "not finite";
    case reason::needs_comparator: return "needs comparator";
  }
  return "?";
}

inline constexpr double no_figure = std::numeric_limits<double>::quiet_NaN();

/// What a rating needs besides the value. Missing figures are NaN. With scale::fraction the
/// value, the target and the comparators are fractions (0.95); the cohort is always a count.
/// Comparators are indexed by indeval::comparator. The previous period's and last year's values
/// are the indicator's own figures, so they are compared as rated (in points, rounded to
/// `decimals`); the target, England, region and neighbours as given (in points).
struct rating_inputs {
  double target = no_figure;
  double cohort = no_figure;
  std::optional<int> decimals;
  indeval::scale scale = indeval::scale::points;
  std::array<double, comparator_count> comparators = {no_figure, no_figure, no_figure, no_figure,
                                                      no_figure};
};

/// The outcome of rating one value.
struct evaluation {
  status rating = status::none;
  indeval::reason reason = indeval::reason::not_rated;
  int band = -1;                    // index into the rule set's bands; -1 when None
  double value = no_figure;         // the value as rated: in points, rounded
  double target = no_figure;        // the target as compared: in points
  double distance = no_figure;      // to target, in the value's unit; positive = better than target
};

/// Reads a value in the given scale as points, exactly as written (0.57 -> 57).
[[nodiscard]] inline double as_points(double v, scale s) noexcept {
  return s == scale::fraction ? shift_decimal(v, 2) : v;
}

/// The value a rule set compares: in points, rounded to `decimals` when declared.
[[nodiscard]] inline double rated_value(double v, const rating_inputs& in) noexcept {
  const double points = as_points(v, in.scale);
  return in.decimals ? round_decimal(points, *in.decimals) : points;
}

/// +1 when bigger is better, -1 when smaller is, 0 when unknown: from the polarity where one is
/// declared, else from the rule set's orientation.
[[nodiscard]] constexpr int goodness_sign(polarity p, orientation o) noexcept {
  if (p == polarity::bigger_is_better) return 1;
  if (p == polarity::smaller_is_better) return -1;
  if (o == orientation::rising) return 1;
  if (o == orientation::falling) return -1;
  return 0;
}

/// The figures a rating measures bounds against, as compared: in points, comparators of the
/// indicator's own series rounded as rated; missing ones NaN.
[[nodiscard]] reference_figures compared_figures(const rating_inputs& in) noexcept;

/// Rates one value. Never throws.
[[nodiscard]] evaluation evaluate(const rule_set& rules, double value,
                                  const rating_inputs& in = {},
                                  polarity pol = polarity::neutral) noexcept;

/// Rates one value of an indicator with its own target, decimals, polarity and rules.
[[nodiscard]] evaluation evaluate(const indicator& ind, double value,
                                  double cohort = no_figure,
                                  scale s = scale::points) noexcept;

/// One line for a person: "Red: 63.9% is below the Amber threshold of 85%".
[[nodiscard]] std::string explain(const evaluation& e, const rule_set* rules,
                                  const rating_inputs& in = {}, unit u = unit::count);
[[nodiscard]] std::string explain(const evaluation& e, const indicator& ind,
                                  double cohort = no_figure, scale s = scale::points);

/// Formats a number the way a scorecard prints it, and the way it is rated: with `decimals`, the
/// value (in points) rounded as rated_value() rounds it — Excel's ROUND, half away from zero on
/// the decimal as written — and printed at that many places (94.25 at 1 dp is "94.3", 2.675 at 2
/// "2.68", 2.5 at 0 "3"); without, in its shortest round-trip form ("as written": 18.99/20*100 is
/// 94.94999999999999, which prints so, and is 94.9 at 1 dp). With "%" or " days" for those units;
/// never "-0"; NaN is "no value", infinities "+inf" / "-inf".
[[nodiscard]] std::string format_value(double v, unit u = unit::count,
                                       std::optional<int> decimals = std::nullopt,
                                       scale s = scale::points);

}  // namespace indeval
