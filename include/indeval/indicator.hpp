// indicator: one row of a scorecard — what is measured, which way is good, and how it is rated.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <stdexcept>
#include <string_view>

#include "indeval/decimal.hpp"
#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/text.hpp"
#include "indeval/unit.hpp"

namespace indeval {

/// An indicator that cannot be: the message names the field and what is wrong with it.
class indicator_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A scorecard indicator. An indicator without rules is "not rated". Its fields are public (it is
/// data); problem() / validate() say whether they make an indicator.
struct indicator {
  std::string ref;      // "AMT 2"
  std::string title;    // "Percentage of C&F assessments completed within 45 working days"
  std::string section;  // "Assessment"
  indeval::polarity polarity = indeval::polarity::neutral;
  indeval::unit unit = indeval::unit::count;
  std::optional<int> decimals;  // round values to this many places (0..15) before rating
  std::optional<double> target;  // finite
  std::optional<double> cohort;  // the cohort size, for rules relative to one: finite, >= 0
  std::optional<rule_set> rules;

  /// What is wrong, in a sentence naming the field, or "" when the indicator is valid: decimals
  /// outside 0..max_decimals, a target that is not finite, a cohort that is not a finite size.
  [[nodiscard]] std::string problem() const {
    if (decimals && (*decimals < 0 || *decimals > max_decimals))
      return "decimals must be 0.." + std::to_string(max_decimals) + ", not " +
             std::to_string(*decimals);
    if (target && !std::isfinite(*target)) return "the target must be a finite number";
    if (cohort && !(std::isfinite(*cohort) && *cohort >= 0))
      return "the cohort must be a finite size, 0 or more";
    return {};
  }
  /// Throws indicator_error with problem() when there is one.
  void validate() const {
    if (std::string why = problem(); !why.empty()) throw indicator_error((ref.empty() ? std::string("indicator") : ref) + ": " + why);
  }
};

/// Whether `t` can be kept as a target (of an indicator, or a bulk catalogue's entry): a finite
/// number, or NaN for none. An infinite target is refused, not silently kept as "none".
[[nodiscard]] inline bool storable_target(double t) noexcept { return !std::isinf(t); }

}  // namespace indeval
