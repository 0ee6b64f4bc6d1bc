// polarity: which way is good for an indicator. Codes are fixed for the C ABI.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "indeval/text.hpp"

namespace indeval {

/// BIB (bigger is better), SIB (smaller is better), or neutral for context counts.
enum class polarity : std::int8_t { neutral = 0, bigger_is_better = 1, smaller_is_better = 2 };

/// Reads `BIB`/`High`/"bigger is better"/"higher is better", `SIB`/`Low`/"smaller is better"/
/// "lower is better", and blank, `-`, `NA`, `N/A` or `None` (neutral), in any case, surrounding
/// blanks ignored. Anything else is nullopt.
[[nodiscard]] constexpr std::optional<polarity> parse_polarity(std::string_view text) noexcept {
  text = trim(text);
  if (text.empty() || text == "-" || iequals(text, "NA") || iequals(text, "N/A") ||
      iequals(text, "None"))
    return polarity::neutral;
  if (iequals(text, "BIB") || iequals(text, "High") || iequals(text, "bigger is better") ||
      iequals(text, "higher is better"))
    return polarity::bigger_is_better;
  if (iequals(text, "SIB") || iequals(text, "Low") || iequals(text, "smaller is better") ||
      iequals(text, "lower is better"))
    return polarity::smaller_is_better;
  return std::nullopt;
}

/// The scorecard abbreviation: "BIB", "SIB", or "" for neutral.
[[nodiscard]] constexpr std::string_view to_string(polarity p) noexcept {
  switch (p) {
    case polarity::bigger_is_better: return "BIB";
    case polarity::smaller_is_better: return "SIB";
    case polarity::neutral: break;
  }
  return "";
}

}  // namespace indeval
