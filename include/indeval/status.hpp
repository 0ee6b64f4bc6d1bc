// status: the colour a value is rated. Codes are fixed: the C ABI and the bindings carry them.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

#include "indeval/text.hpp"

namespace indeval {

/// A rating. Red < Amber < Green < Blue (Blue = exceeding, for BRAG scorecards); None is "not
/// rated" and stands outside that order.
enum class status : std::int8_t { none = 0, red = 1, amber = 2, green = 3, blue = 4 };

inline constexpr int status_count = 5;

[[nodiscard]] constexpr bool is_rated(status s) noexcept {
  return s >= status::red && s <= status::blue;
}

/// Orders two ratings; unordered when either is None.
[[nodiscard]] constexpr std::partial_ordering compare(status a, status b) noexcept {
  if (!is_rated(a) || !is_rated(b)) return std::partial_ordering::unordered;
  return static_cast<int>(a) <=> static_cast<int>(b);
}

/// True when `a` is a strictly better rating than `b` (false whenever either is None).
[[nodiscard]] constexpr bool better_than(status a, status b) noexcept { return compare(a, b) > 0; }

[[nodiscard]] constexpr std::string_view to_string(status s) noexcept {
  switch (s) {
    case status::red: return "Red";
    case status::amber: return "Amber";
    case status::green: return "Green";
    case status::blue: return "Blue";
    case status::none: break;
  }
  return "None";
}

/// Reads a status name in any case ("Red", "AMBER", "green", "Blue", "None"), surrounding blanks
/// ignored. Anything else, including a blank, is nullopt: the caller decides what blank means.
[[nodiscard]] constexpr std::optional<status> parse_status(std::string_view text) noexcept {
  text = trim(text);
  for (status s : {status::none, status::red, status::amber, status::green, status::blue})
    if (iequals(text, to_string(s))) return s;
  return std::nullopt;
}

}  // namespace indeval
