// direction: how a value moved from the previous period to this one.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "indeval/evaluation.hpp"

namespace indeval {

/// Direction of travel. improved/declined when it is known which way is good (the declared
/// polarity, else the rule set's orientation); up/down when it is not. Codes are fixed for the C ABI.
enum class direction : std::int8_t { none = 0, improved = 1, declined = 2, same = 3, up = 4, down = 5 };

[[nodiscard]] constexpr std::string_view to_string(direction d) noexcept {
  switch (d) {
    case direction::improved: return "improved";
    case direction::declined: return "declined";
    case direction::same: return "same";
    case direction::up: return "up";
    case direction::down: return "down";
    case direction::none: break;
  }
  return "-";
}

/// The direction from `previous` to `current`. Either missing or infinite -> none. Values are
/// compared as rated (in points, rounded to `decimals` when declared), so two values equal after
/// rounding are the same.
[[nodiscard]] inline direction travel(double previous, double current, polarity pol,
                                      orientation orient, std::optional<int> decimals = std::nullopt,
                                      scale s = scale::points) noexcept {
  if (!std::isfinite(previous) || !std::isfinite(current)) return direction::none;
  const rating_inputs in{no_figure, no_figure, decimals, s};
  const double before = rated_value(previous, in);
  const double now = rated_value(current, in);
  if (now == before) return direction::same;
  const int sign = goodness_sign(pol, orient);
  if (sign == 0) return now > before ? direction::up : direction::down;
  return (now > before) == (sign > 0) ? direction::improved : direction::declined;
}

/// The direction of an indicator's value from `previous` to `current`.
[[nodiscard]] inline direction travel(const indicator& ind, double previous, double current,
                                      scale s = scale::points) noexcept {
  return travel(previous, current, ind.polarity,
                ind.rules ? ind.rules->orientation() : orientation::none, ind.decimals, s);
}

}  // namespace indeval
