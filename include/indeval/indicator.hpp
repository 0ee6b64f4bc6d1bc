// indicator: one row of a scorecard — what is measured, which way is good, and how it is rated.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/text.hpp"

namespace indeval {

/// What an indicator's numbers are. Percent values hold percentage points (63.9 means 63.9%).
/// Codes are fixed for the C ABI.
enum class unit : std::int8_t { count = 0, percent = 1, days = 2, average = 3, rate = 4 };

[[nodiscard]] constexpr std::string_view to_string(unit u) noexcept {
  switch (u) {
    case unit::count: return "count";
    case unit::percent: return "percent";
    case unit::days: return "days";
    case unit::average: return "average";
    case unit::rate: return "rate";
  }
  return "count";
}

[[nodiscard]] constexpr std::optional<unit> parse_unit(std::string_view text) noexcept {
  text = trim(text);
  for (unit u : {unit::count, unit::percent, unit::days, unit::average, unit::rate})
    if (iequals(text, to_string(u))) return u;
  if (text == "%") return unit::percent;
  return std::nullopt;
}

/// A scorecard indicator. Only `ref` is required; an indicator without rules is "not rated".
struct indicator {
  std::string ref;      // "AMT 2"
  std::string title;    // "Percentage of C&F assessments completed within 45 working days"
  std::string section;  // "Assessment"
  indeval::polarity polarity = indeval::polarity::neutral;
  indeval::unit unit = indeval::unit::count;
  std::optional<int> decimals;  // round values to this many places (0..15) before rating
  std::optional<double> target;
  std::optional<rule_set> rules;
};

/// Whether `t` can be kept as a target (of an indicator, or a bulk catalogue's entry): a finite
/// number, or NaN for none. An infinite target is refused, not silently kept as "none".
[[nodiscard]] inline bool storable_target(double t) noexcept { return !std::isinf(t); }

}  // namespace indeval
