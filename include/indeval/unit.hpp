// unit: what an indicator's numbers are. Codes are fixed for the C ABI.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "indeval/text.hpp"

namespace indeval {

/// Percent values hold percentage points (63.9 means 63.9%).
enum class unit : std::int8_t { count = 0, percent = 1, days = 2, average = 3, rate = 4 };

inline constexpr int unit_count = 5;

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

/// What a figure of the unit is printed with: "%" for percent, " days" for days, else nothing.
[[nodiscard]] constexpr std::string_view suffix(unit u) noexcept {
  if (u == unit::percent) return "%";
  if (u == unit::days) return " days";
  return {};
}

/// Reads a unit name as scorecards write it, in any case, surrounding blanks ignored: the names
/// above, and "%", "percentage", "day", "number", "avg". Anything else is nullopt.
[[nodiscard]] constexpr std::optional<unit> parse_unit(std::string_view text) noexcept {
  text = trim(text);
  for (unit u : {unit::count, unit::percent, unit::days, unit::average, unit::rate})
    if (iequals(text, to_string(u))) return u;
  if (text == "%" || iequals(text, "percentage")) return unit::percent;
  if (iequals(text, "day")) return unit::days;
  if (iequals(text, "number")) return unit::count;
  if (iequals(text, "avg")) return unit::average;
  return std::nullopt;
}

}  // namespace indeval
