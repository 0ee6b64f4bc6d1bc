// spc: statistical process control beside RAG — XmR charts, special-cause variation and target
// assurance as NHS England's "Making Data Count" and the NHSRplotthedots R package (0.2.2) compute
// them, over many series at once.
//
// A series is a contiguous run of rows of columnar input; its points are taken in date order and
// split into phases at each rebase. Within a phase (nothing crosses a phase boundary):
//   mean     R's mean() of the values (missing skipped): a long double sum, then a correction pass
//   mR       |y_i - y_{i-1}| for neighbours that are both present; mR̄ their mean
//   screen   (default on) keep only mR strictly below 3.267·mR̄, then recompute mR̄ once
//   limits   mean ± 2.66·mR̄; the "2σ" band mean ± 2·(2.66/3)·mR̄
//   fix_after N (≥ 12): only the first N points (missing ones counted) feed mean and mR̄
// Per point: outside = strictly beyond a limit; side = sign(y − mean); close = not outside and
// strictly beyond the 2σ band. Rules, first match wins:
//   outside the limits → trend (≥ 7 points, each strictly above/below the one before) → 2 of 3
//   (a close point in a window of 3 consecutive points, ≥ 2 of them close and all 3 strictly on one
//   side) → shift (≥ 7 consecutive points strictly on one side) → common cause.
// A missing value (NaN or ±inf) has no side, is never close, and breaks every run and window.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "indeval/engine.hpp"
#include "indeval/period.hpp"
#include "indeval/polarity.hpp"

namespace indeval {

/// What a point's special cause says, by the series' improvement direction. Codes fixed for the C ABI.
enum class spc_variation : std::int8_t {
  common_cause = 0,
  improvement = 1,
  concern = 2,
  neutral_high = 3,  // special cause on the high side, where no direction is better
  neutral_low = 4,
};

/// Which rule flagged a point (none = common cause). Codes fixed for the C ABI.
enum class spc_rule : std::int8_t {
  none = 0,
  above_upper = 1,
  below_lower = 2,
  trend_up = 3,
  trend_down = 4,
  two_of_three_high = 5,
  two_of_three_low = 6,
  shift_high = 7,
  shift_low = 8,
};

/// Whether the process will meet its target, from the series' last point. Codes fixed for the C ABI.
enum class spc_assurance : std::int8_t {
  none = 0,          // no target, or no improvement direction
  pass = 1,          // the target lies beyond the limits on the bad side: every point meets it
  fail = 2,          // the target lies beyond the limits on the good side: no point will meet it
  inconsistent = 3,  // the target lies within the limits (or the limits are undefined)
};

/// Per-series warnings, a bit set. Codes fixed for the C ABI.
enum spc_warning : std::uint8_t {
  spc_warning_short_phase = 1,       // a phase has fewer than spc_short_phase points (missing counted)
  spc_warning_missing_values = 2,    // some value is missing (NaN or ±inf)
  spc_warning_undefined_limits = 4,  // some phase has no limits (no moving range survives)
};

inline constexpr int spc_short_phase = 13;   // a phase shorter than this has trial limits
inline constexpr int spc_min_fix_after = 12;  // the smallest fix_after allowed
inline constexpr int spc_run = 7;             // points in a shift or a trend

// Names: the words the command line and the CSV print ("common_cause", "above_upper", "pass").
// An empty name for spc_rule::none and spc_assurance::none.
[[nodiscard]] std::string_view to_string(spc_variation v) noexcept;
[[nodiscard]] std::string_view to_string(spc_rule r) noexcept;
[[nodiscard]] std::string_view to_string(spc_assurance a) noexcept;
[[nodiscard]] std::optional<spc_variation> parse_spc_variation(std::string_view name) noexcept;
[[nodiscard]] std::optional<spc_rule> parse_spc_rule(std::string_view name) noexcept;
[[nodiscard]] std::optional<spc_assurance> parse_spc_assurance(std::string_view name) noexcept;

/// An improvement direction: `increase`, `decrease`, `neutral`, or a polarity as parse_polarity
/// reads it (BIB/High = increase, SIB/Low = decrease, blank/-/NA = neutral); any case.
[[nodiscard]] std::optional<polarity> parse_improvement(std::string_view text) noexcept;
/// "increase", "decrease" or "neutral".
[[nodiscard]] std::string_view improvement_name(polarity p) noexcept;

/// A date for ordering a series' points: an ISO date `YYYY-MM-DD`, or a period label
/// (parse_period, with `kind` for bare years) taken at its first day. Days since 1970-01-01;
/// nullopt when the text is neither.
[[nodiscard]] std::optional<std::int32_t> parse_spc_date(std::string_view text,
                                                         year_kind kind = year_kind::financial) noexcept;

/// How one series is analysed.
struct spc_settings {
  polarity improvement = polarity::neutral;  // bigger_is_better = increase
  double target = std::numeric_limits<double>::quiet_NaN();  // NaN = none
  int fix_after = 0;                         // 0 = every point; else ≥ spc_min_fix_after
  bool screen = true;                        // screen moving ranges ≥ 3.267·mR̄
};

/// One series: rows first .. first+count-1, analysed with settings[settings] (or the defaults when
/// the input has no settings).
struct spc_series {
  std::size_t first = 0;
  std::size_t count = 0;
  std::size_t settings = 0;
};

/// The points. Every non-empty per-point span has as many elements as `values`.
struct spc_input {
  std::span<const double> values{};
  std::span<const std::int32_t> date{};     // empty = each series' rows are already in date order
  std::span<const std::uint8_t> rebase{};   // non-zero = a new phase starts at this point; empty = none
  std::span<const spc_series> series{};     // any order, not overlapping; empty = one series of all rows
  std::span<const spc_settings> settings{}; // empty = spc_settings{} for every series
};

/// Where results go; every span is optional (empty = not written). Per point (indexed like the
/// input rows, whatever their date order): the phase's mean and limits (NaN when undefined), the
/// variation and rule codes. Per series: assurance, warnings (spc_warning bits) and the variation
/// of the series' last point.
struct spc_output {
  std::span<double> mean{}, lower{}, upper{};
  std::span<std::int8_t> variation{}, rule{};
  std::span<std::int8_t> assurance{}, last_variation{};
  std::span<std::uint8_t> warnings{};
};

/// Bad input: says what and where; `row` is the input row concerned, when there is one.
class spc_error : public std::invalid_argument {
 public:
  spc_error(const std::string& what, std::optional<std::size_t> row = std::nullopt)
      : std::invalid_argument(what), row_(row) {}
  [[nodiscard]] std::optional<std::size_t> row() const noexcept { return row_; }

 private:
  std::optional<std::size_t> row_;
};

/// Runs the XmR analysis on every series; `threads` > 1 splits the series over that many of the
/// engine's threads (the calling thread included) with the same results. Throws spc_error before writing anything: a
/// span of the wrong length, a series outside the rows or overlapping another, a settings
/// index out of range, fix_after neither 0 nor ≥ 12, an unknown improvement code, or two points of
/// one series on the same date (the row of the second is given).
void analyse_spc(engine& e, const spc_input& in, const spc_output& out, int threads = 1);
/// The same on the library's default engine.
void analyse_spc(const spc_input& in, const spc_output& out, int threads = 1);

/// R's mean() of `x`: a long double sum divided by the count, then one correction pass.
/// NaN for an empty span.
[[nodiscard]] double r_mean(std::span<const double> x) noexcept;

}  // namespace indeval
