// rule_set: a RAG methodology as data — ordered bands, best to worst, each a status and a threshold.
//
// Only the bound on a band's *worse* side is its threshold: with "95% or above Green, 85%-94%
// Amber, 84% and below Red" Green's threshold is >= 95 and Amber's is >= 85, so 94.5 is Amber and
// 84.5 is Red. The band's other written bound (94 for Amber) is kept as its `limit`, for printing
// and for lint, and never changes a rating. The worst band takes every value no better band takes.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  /// measured against is missing (NaN or infinite).
  [[nodiscard]] constexpr double resolve(double target, double cohort) const noexcept {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const auto known = [](double x) { return x - x == 0.0; };  // finite, constexpr-friendly
    switch (base) {
      case basis::absolute: return number;
      case basis::target_percent: return known(target) ? target * number / 100.0 : nan;
      case basis::target_points: return known(target) ? target + number : nan;
      case basis::cohort_percent: return known(cohort) ? cohort * number / 100.0 : nan;
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

/// Ordered bands, best to worst. Always valid once constructed:
/// - at least one band; each band's status is Red, Amber, Green or Blue, strictly worse than the
///   band before it (so no status appears twice);
/// - every band but the worst has a threshold; all thresholds are floors (rising) or all are
///   ceilings (falling); a limit, where written, faces the other way;
/// - every bound's number is finite.
class rule_set {
 public:
  /// Throws rule_set_error naming the offending band.
  explicit rule_set(std::vector<band> bands);

  [[nodiscard]] const std::vector<band>& bands() const noexcept { return bands_; }
  [[nodiscard]] std::size_t size() const noexcept { return bands_.size(); }
  [[nodiscard]] indeval::orientation orientation() const noexcept { return orientation_; }
  [[nodiscard]] bool needs_target() const noexcept { return needs_target_; }
  [[nodiscard]] bool needs_cohort() const noexcept { return needs_cohort_; }
  /// The worst band's status: what a value meeting no threshold gets.
  [[nodiscard]] status worst() const noexcept { return bands_.back().rating; }
  [[nodiscard]] bool has(status s) const noexcept;

  friend bool operator==(const rule_set& a, const rule_set& b) { return a.bands_ == b.bands_; }

 private:
  std::vector<band> bands_;
  indeval::orientation orientation_ = indeval::orientation::none;
  bool needs_target_ = false;
  bool needs_cohort_ = false;
};

}  // namespace indeval
