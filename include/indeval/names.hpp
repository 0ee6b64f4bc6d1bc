// names: every code the library gives a name to, both ways, in one place. The C ABI's
// indeval_name / indeval_code and the bindings read names only from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace indeval {

/// Which table of names. Codes are fixed for the C ABI.
enum class name_kind : std::int8_t {
  status = 0,       // None Red Amber Green Blue
  polarity = 1,     // "" (neutral) BIB SIB
  unit = 2,         // count percent days average rate
  reason = 3,       // rated, no data, not rated, needs target, needs cohort, not finite
  direction = 4,    // - improved declined same up down
  lint_code = 5,    // rules-unreadable band-gap ... (lint.hpp)
  severity = 6,     // info warning error
  cell_reason = 7,  // figure blank not available ... (cell.hpp)
  qualifier = 8,    // none approximate estimate provisional rounded suppressed
  period_kind = 9,  // month quarter calendar year financial year academic year
  year_kind = 10,   // calendar financial academic
  comparator = 11,  // England, region, statistical neighbours, previous period, last year
};

inline constexpr int name_kind_count = 12;

/// The number of codes of a kind (codes run 0..count-1); 0 for an unknown kind.
[[nodiscard]] int name_count(name_kind kind) noexcept;

/// The name of a code ("Amber" for status 2); nullopt when the code is outside the kind.
[[nodiscard]] std::optional<std::string_view> name_of(name_kind kind, int code) noexcept;

/// The code of a name as scorecards write it: any case, surrounding blanks ignored, and the
/// lenient spellings each kind's parser accepts ("High" polarity, "%" unit, "-" direction,
/// "no-data" reason). nullopt for anything else.
[[nodiscard]] std::optional<int> code_of(name_kind kind, std::string_view name) noexcept;

}  // namespace indeval
