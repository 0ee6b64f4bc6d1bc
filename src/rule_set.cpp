#include "indeval/rule_set.hpp"

#include <algorithm>
#include <cmath>

namespace indeval {

namespace {

std::string band_name(std::size_t i, status s) {
  return "band " + std::to_string(i + 1) + " (" + std::string(to_string(s)) + ")";
}

}  // namespace

rule_set::rule_set(std::span<const band> given) {
  if (given.empty()) throw rule_set_error("a rule set needs at least one band");
  const std::span<const band> all = given;

  std::optional<bool> floors;  // direction shared by every threshold
  for (std::size_t i = 0; i < all.size(); ++i) {
    const band& b = all[i];
    const std::string name = band_name(i, b.rating);
    if (!is_rated(b.rating))
      throw rule_set_error(name + ": a band's status must be Red, Amber, Green or Blue");
    if (i > 0 && !better_than(all[i - 1].rating, b.rating))
      throw rule_set_error(name + ": bands must run best to worst with each status once, but " +
                           std::string(to_string(b.rating)) + " follows " +
                           std::string(to_string(all[i - 1].rating)));
    const bool worst = (i + 1 == all.size());
    if (!b.threshold && !worst)
      throw rule_set_error(name + ": only the worst band may have no threshold");
    for (const auto& side : {b.threshold, b.limit}) {
      if (side && !std::isfinite(side->number))
        throw rule_set_error(name + ": a bound's number must be finite");
      if (side && (static_cast<int>(side->base) < 0 || static_cast<int>(side->base) >= basis_count))
        throw rule_set_error(name + ": unknown basis " + std::to_string(static_cast<int>(side->base)));
    }
    if (b.threshold && !worst) {
      // Only thresholds that can decide a rating make it depend on a target or cohort.
      needs_target_ = needs_target_ || indeval::needs_target(b.threshold->base);
      needs_cohort_ = needs_cohort_ || indeval::needs_cohort(b.threshold->base);
      if (const auto c = comparator_of(b.threshold->base))
        comparators_ = static_cast<std::uint8_t>(comparators_ | (1u << static_cast<int>(*c)));
      const bool floor = is_floor(b.threshold->op);
      if (floors && *floors != floor)
        throw rule_set_error(name + ": its threshold (" + std::string(to_string(b.threshold->op)) +
                             ") runs the other way from the bands above it");
      floors = floor;
    }
  }
  // A lone threshold on the worst band still tells which way a single-band set runs.
  if (!floors && all.back().threshold) floors = is_floor(all.back().threshold->op);
  if (floors) orientation_ = *floors ? orientation::rising : orientation::falling;

  // The worst band's threshold, if written, and every limit must face the way the bands run.
  for (std::size_t i = 0; i < all.size(); ++i) {
    const band& b = all[i];
    if (!floors) break;
    if (b.limit && is_floor(b.limit->op) == *floors)
      throw rule_set_error(band_name(i, b.rating) + ": its limit (" +
                           std::string(to_string(b.limit->op)) +
                           ") must bound the band's better side, opposite its threshold");
    if (b.threshold && i + 1 == all.size() && is_floor(b.threshold->op) != *floors)
      throw rule_set_error(band_name(i, b.rating) + ": its threshold (" +
                           std::string(to_string(b.threshold->op)) +
                           ") runs the other way from the bands above it");
  }
  // Statuses strictly ordered best to worst: never more than max_bands bands get here.
  std::copy(all.begin(), all.end(), bands_.begin());
  count_ = all.size();
}

bool rule_set::has(status s) const noexcept {
  const auto all = bands();
  return std::any_of(all.begin(), all.end(), [s](const band& b) { return b.rating == s; });
}

}  // namespace indeval
