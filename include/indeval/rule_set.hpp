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

/// What a bound's number is measured against. Codes are fixed for the C ABI.
enum class basis : std::int8_t {
  absolute = 0,        // the number itself
  target_percent = 1,  // number% of the target:        target * number / 100
  target_points = 2,   // number points from the target: target + number (signed)
  cohort_percent = 3,  // number% of the cohort size:    cohort * number / 100
};

[[nodiscard]] constexpr bool needs_target(basis b) noexcept {
  return b == basis::target_percent || b == basis::target_points;
}
[[nodiscard]] constexpr bool needs_cohort(basis b) noexcept { return b == basis::cohort_percent; }

/// One side of a band: `value <op> resolve(number)`.
struct bound {
  comparison op = comparison::at_least;
  basis base = basis::absolute;
  double number = 0.0;

  /// The bound as an absolute value, given the row's target and cohort; NaN when the figure it is
  /// measured against is missing (NaN or infinite). Computed on the figures as written (see
  /// decimal.hpp), so "within 5% of a target of 2.3" is 2.185, the boundary a person writes, not
  /// the binary 2.1849999999999996. The one place a relative bound becomes a number: the scalar
  /// evaluator, the bulk tables, explanations and lint all ask it.
  [[nodiscard]] double resolve(double target, double cohort) const noexcept {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    switch (base) {
      case basis::absolute: return number;
      case basis::target_percent:
        return std::isfinite(target) ? multiply_decimal(target, number, -2) : nan;
      case basis::target_points: return std::isfinite(target) ? add_decimal(target, number) : nan;
      case basis::cohort_percent:
        return std::isfinite(cohort) ? multiply_decimal(cohort, number, -2) : nan;
    }
    return nan;
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
};

}  // namespace indeval
