// rule_set: a RAG methodology as data — ordered bands, best to worst, each a status and a threshold.
//
// Only the bound on a band's *worse* side is its threshold: with "95% or above Green, 85%-94%
// Amber, 84% and below Red" Green's threshold is >= 95 and Amber's is >= 85, so 94.5 is Amber and
// 84.5 is Red. The band's other written bound (94 for Amber) is kept as its `limit`, for printing
// and for lint, and never changes a rating. The worst band takes every value no better band takes.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "indeval/decimal.hpp"
#include "indeval/status.hpp"

namespace indeval {

/// How a value is compared with a bound. Codes are fixed for the C ABI.
enum class comparison : std::int8_t {
  at_least = 0,  // >=
  above = 1,     // >
  at_most = 2,   // <=
  below = 3,     // <
};

[[nodiscard]] constexpr std::string_view to_string(comparison c) noexcept {
  switch (c) {
    case comparison::at_least: return ">=";
    case comparison::above: return ">";
    case comparison::at_most: return "<=";
    case comparison::below: return "<";
  }
  return "?";
}

/// True for >= and >: the bound is a floor.
[[nodiscard]] constexpr bool is_floor(comparison c) noexcept {
  return c == comparison::at_least || c == comparison::above;
}

/// A published figure a bound can be measured against, besides the target and the cohort: the
/// comparators a council's rules name ("at or above the England average", "better than statistical
/// neighbours", "improved on the previous period"). Codes are fixed for the C ABI.
enum class comparator : std::int8_t {
  england = 0,        // the England (national) figure
  region = 1,         // the authority's region's figure
  neighbours = 2,     // the mean of its statistical neighbours
  previous = 3,       // the indicator's value for the period before
  previous_year = 4,  // the indicator's value for the same period a year before
};
inline constexpr int comparator_count = 5;

[[nodiscard]] constexpr std::string_view to_string(comparator c) noexcept {
  switch (c) {
    case comparator::england: return "England";
    case comparator::region: return "region";
    case comparator::neighbours: return "statistical neighbours";
    case comparator::previous: return "previous period";
    case comparator::previous_year: return "last year";
  }
  return "?";
}

/// What a bound's number is measured against. Codes are fixed for the C ABI. Beyond the cohort,
/// every figure has a percent form (number% of it) and a points form (it + number, signed).
enum class basis : std::int8_t {
  absolute = 0,        // the number itself
  target_percent = 1,  // number% of the target:        target * number / 100
  target_points = 2,   // number points from the target: target + number (signed)
  cohort_percent = 3,  // number% of the cohort size:    cohort * number / 100
  england_percent = 4,
  england_points = 5,
  region_percent = 6,
  region_points = 7,
  neighbours_percent = 8,
  neighbours_points = 9,
  previous_percent = 10,
  previous_points = 11,
  previous_year_percent = 12,
  previous_year_points = 13,
};
inline constexpr int basis_count = 14;

[[nodiscard]] constexpr bool needs_target(basis b) noexcept {
  return b == basis::target_percent || b == basis::target_points;
}
[[nodiscard]] constexpr bool needs_cohort(basis b) noexcept { return b == basis::cohort_percent; }
/// The comparator a bound is measured against, if any.
[[nodiscard]] constexpr std::optional<comparator> comparator_of(basis b) noexcept {
  const int code = static_cast<int>(b);
  if (code < static_cast<int>(basis::england_percent) || code >= basis_count) return std::nullopt;
  return static_cast<comparator>((code - static_cast<int>(basis::england_percent)) / 2);
}
/// Whether the number is a percentage of the figure (else points from it, or absolute).
[[nodiscard]] constexpr bool is_percent_of(basis b) noexcept {
  return b == basis::target_percent || b == basis::cohort_percent ||
         (comparator_of(b) && static_cast<int>(b) % 2 == 0);
}
/// The basis "number% of c" or "c + number".
[[nodiscard]] constexpr basis relative_to(comparator c, bool percent) noexcept {
  return static_cast<basis>(static_cast<int>(basis::england_percent) + 2 * static_cast<int>(c) +
                            (percent ? 0 : 1));
}

/// What a bound's number is measured against, in the words rule text reads back: "target",
/// "cohort", "England", "region", "statistical neighbours", "previous period", "last year"; ""
/// for an absolute bound.
[[nodiscard]] constexpr std::string_view figure_name(basis b) noexcept {
  if (needs_target(b)) return "target";
  if (needs_cohort(b)) return "cohort";
  if (const auto c = comparator_of(b)) return to_string(*c);
  return "";
}

/// The figures one row's bounds may be measured against; NaN (or ±inf) = missing.
struct reference_figures {
  double target = std::numeric_limits<double>::quiet_NaN();
  double cohort = std::numeric_limits<double>::quiet_NaN();
  std::array<double, comparator_count> comparators = {
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::quiet_NaN()};

  /// The figure a basis measures against (NaN for absolute).
  [[nodiscard]] constexpr double of(basis b) const noexcept {
    if (needs_target(b)) return target;
    if (needs_cohort(b)) return cohort;
    if (const auto c = comparator_of(b)) return comparators[static_cast<std::size_t>(*c)];
    return std::numeric_limits<double>::quiet_NaN();
  }
};

/// One side of a band: `value <op> resolve(number)`.
struct bound {
  comparison op = comparison::at_least;
  basis base = basis::absolute;
  double number = 0.0;

  /// The bound as an absolute value, given the row's figures; NaN when the figure it is measured
  /// against is missing (NaN or infinite). Computed on the figures as written (see decimal.hpp),
  /// so "within 5% of a target of 2.3" is 2.185, the boundary a person writes, not the binary
  /// 2.1849999999999996. The one place a relative bound becomes a number: the scalar evaluator,
  /// the bulk tables, explanations and lint all ask it.
  [[nodiscard]] double resolve(const reference_figures& figures) const noexcept {
    if (base == basis::absolute) return number;
    const double of = figures.of(base);
    if (!std::isfinite(of)) return std::numeric_limits<double>::quiet_NaN();
    return is_percent_of(base) ? multiply_decimal(of, number, -2) : add_decimal(of, number);
  }
  /// The same with only a target and a cohort.
  [[nodiscard]] double resolve(double target, double cohort) const noexcept {
    reference_figures figures;
    figures.target = target;
    figures.cohort = cohort;
    return resolve(figures);
  }

  /// Whether `value` meets this bound once resolved to `at`.
  [[nodiscard]] constexpr bool holds(double value, double at) const noexcept {
    switch (op) {
      case comparison::at_least: return value >= at;
      case comparison::above: return value > at;
      case comparison::at_most: return value <= at;
      case comparison::below: return value < at;
    }
    return false;
  }

  friend constexpr bool operator==(const bound&, const bound&) = default;
};

/// One status band. `threshold` is the bound on the band's worse side (what a value must meet to
/// earn the band); `limit` is the written bound on its better side, if any. The worst band needs
/// no threshold: it takes the rest.
struct band {
  status rating = status::none;
  std::optional<bound> threshold;
  std::optional<bound> limit;

  friend bool operator==(const band&, const band&) = default;
};

/// Which way the bands run: rising when better bands sit higher (thresholds are floors),
/// falling when they sit lower. Derived from the bands, never from a polarity.
enum class orientation : std::int8_t { none = 0, rising = 1, falling = 2 };

[[nodiscard]] constexpr std::string_view to_string(orientation o) noexcept {
  switch (o) {
    case orientation::rising: return "rising";
    case orientation::falling: return "falling";
    case orientation::none: break;
  }
  return "none";
}

/// A rule set that cannot be: the message says which band and what is wrong.
class rule_set_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Ordered bands, best to worst: a regular value type (default-constructible, copyable, no heap).
/// The default rule set has no bands: "no rules", with which nothing is rated. Any other is valid
/// once constructed:
/// - at most max_bands bands; each band's status is Red, Amber, Green or Blue, strictly worse
///   than the band before it (so no status appears twice);
/// - every band but the worst has a threshold; all thresholds are floors (rising) or all are
///   ceilings (falling); a limit, where written, faces the other way;
/// - every bound's number is finite.
class rule_set {
 public:
  /// One band per status at most.
  static constexpr std::size_t max_bands = 4;

  /// No rules.
  rule_set() noexcept = default;
  /// Throws rule_set_error naming the offending band; an empty list is an error too (the default
  /// rule set is how to say "no rules").
  explicit rule_set(std::span<const band> bands);
  rule_set(std::initializer_list<band> bands) : rule_set(std::span<const band>(bands.begin(), bands.size())) {}

  [[nodiscard]] std::span<const band> bands() const noexcept { return {bands_.data(), count_}; }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  [[nodiscard]] indeval::orientation orientation() const noexcept { return orientation_; }
  [[nodiscard]] bool needs_target() const noexcept { return needs_target_; }
  [[nodiscard]] bool needs_cohort() const noexcept { return needs_cohort_; }
  /// Whether a threshold that can decide a rating is measured against comparator `c`.
  [[nodiscard]] bool needs(comparator c) const noexcept {
    return (comparators_ >> static_cast<int>(c)) & 1u;
  }
  /// Whether any is: bit c set for comparator c.
  [[nodiscard]] std::uint8_t comparators_needed() const noexcept { return comparators_; }
  /// The worst band's status: what a value meeting no threshold gets (None with no rules).
  [[nodiscard]] status worst() const noexcept { return count_ ? bands_[count_ - 1].rating : status::none; }
  [[nodiscard]] bool has(status s) const noexcept;

  friend bool operator==(const rule_set& a, const rule_set& b) noexcept {
    return std::equal(a.bands().begin(), a.bands().end(), b.bands().begin(), b.bands().end());
  }

 private:
  std::array<band, max_bands> bands_{};
  std::size_t count_ = 0;
  indeval::orientation orientation_ = indeval::orientation::none;
  bool needs_target_ = false;
  bool needs_cohort_ = false;
  std::uint8_t comparators_ = 0;
};

}  // namespace indeval
