// The table compiler: each entry's rule set becomes the exact raw-value boundaries its bands start
// at (found by bisection over doubles with the scalar rating itself), lookup tables of outcomes,
// and the parameters of the direction and relative-bound kernels.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

#include "bulk_table.hpp"
#include "indeval/decimal.hpp"
#include "indeval/direction.hpp"

namespace indeval {

namespace detail {

namespace {

using bulk::dir_mode;
using bulk::dir_params;
using bulk::entry_params;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double largest = std::numeric_limits<double>::max();

double power_of_ten(int n) noexcept {
  double p = 1.0;
  for (int i = 0; i < n; ++i) p *= 10.0;  // exact up to 10^22
  return p;
}

int clamp_decimals(int d) noexcept { return d < 0 ? 0 : (d > max_decimals ? max_decimals : d); }

// Doubles in order as unsigned integers: a < b (as numbers, -0 before +0) iff key(a) < key(b).
std::uint64_t order_key(double d) noexcept {
  const auto u = std::bit_cast<std::uint64_t>(d);
  return (u >> 63) != 0 ? ~u : (u | (std::uint64_t{1} << 63));
}
double from_key(std::uint64_t k) noexcept {
  const std::uint64_t u = (k >> 63) != 0 ? (k & ~(std::uint64_t{1} << 63)) : ~k;
  return std::bit_cast<double>(u);
}

// The least finite double where a predicate, false then true as the value rises, becomes true:
// -inf when it holds everywhere, +inf when nowhere. `guesses` are places it probably changes,
// tried first to save most of the bisection.
template <class Pred>
double first_true(Pred pred, std::initializer_list<double> guesses) {
  if (pred(-largest)) return -infinity;
  if (!pred(largest)) return infinity;
  std::uint64_t lo = order_key(-largest);  // pred false
  std::uint64_t hi = order_key(largest);   // pred true
  for (double g : guesses) {
    if (!std::isfinite(g)) continue;
    const std::uint64_t k = order_key(g);
    const std::uint64_t a = k - 64 > lo ? k - 64 : lo, b = k + 64 < hi ? k + 64 : hi;
    if (a <= lo || b >= hi || a >= b) continue;
    if (!pred(from_key(a)) && pred(from_key(b))) {
      lo = a;
      hi = b;
      break;
    }
  }
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (pred(from_key(mid))) hi = mid; else lo = mid;
  }
  return from_key(hi);
}

// The greatest finite double where a predicate, true then false as the value rises, still holds:
// +inf when it holds everywhere, -inf when nowhere.
template <class Pred>
double last_true(Pred pred, std::initializer_list<double> guesses) {
  const double first_false = first_true([&](double v) { return !pred(v); }, guesses);
  if (first_false == -infinity) return -infinity;
  if (first_false == infinity) return infinity;
  return from_key(order_key(first_false) - 1);
}

void fill_constant(entry_params& p, reason finite, reason nonfinite, reason nan) {
  for (int i = 0; i < 16; ++i) {
    p.status_lut[i] = static_cast<std::int8_t>(status::none);
    p.reason_lut[i] = static_cast<std::int8_t>(i < 4 ? finite : (i < 8 ? nonfinite : nan));
  }
}

entry_params compile_params(const detail::bulk_entry& e) {
  entry_params p{};
  p.c[0] = p.c[1] = p.c[2] = infinity;
  p.sign = 1.0;
  if (!e.rules) {
    fill_constant(p, reason::not_rated, reason::not_rated, reason::not_rated);
    return p;
  }
  const rule_set& rules = *e.rules;
  const rating_inputs in{e.target, no_figure, e.decimals, e.scale};
  // As evaluate() reads the target.
  const double target = std::isfinite(e.target) ? as_points(e.target, e.scale) : no_figure;
  if (rules.needs_target() && !std::isfinite(target)) {
    fill_constant(p, reason::needs_target, reason::not_finite, reason::no_data);
    return p;
  }
  if (rules.needs_cohort()) {  // no cohort in this variant: rows with a cohort go row by row
    fill_constant(p, reason::needs_cohort, reason::not_finite, reason::no_data);
    return p;
  }
  if (rules.comparators_needed() != 0) {  // rated row by row, with the rows' comparators
    fill_constant(p, reason::needs_comparator, reason::not_finite, reason::no_data);
    return p;
  }

  const auto& bands = rules.bands();
  const std::size_t last = bands.size() - 1;
  const bool falling = rules.orientation() == orientation::falling;
  p.sign = falling ? -1.0 : 1.0;
  struct edge {
    double c;
    int band;
  };
  std::array<edge, 3> edges{{{infinity, -1}, {infinity, -1}, {infinity, -1}}};
  const double half_step = e.decimals ? 0.5 / power_of_ten(clamp_decimals(*e.decimals)) : 0.0;
  const double unit = e.scale == scale::fraction ? 0.01 : 1.0;
  for (std::size_t i = 0; i < last && i < 3; ++i) {
    const bound& t = *bands[i].threshold;
    const double at = t.resolve(target, no_figure);
    // The exact scalar test of this threshold, as a function of the raw value: monotone, since
    // reading as points and rounding as written both keep the order.
    const auto holds = [&](double v) { return t.holds(rated_value(v, in), at); };
    const auto guesses = {at * unit, (at - half_step) * unit, (at + half_step) * unit};
    const double c = falling ? -last_true(holds, guesses) : first_true(holds, guesses);
    edges[i] = {c, static_cast<int>(i)};
  }
  std::stable_sort(edges.begin(), edges.end(), [](const edge& a, const edge& b) { return a.c < b.c; });
  for (int k = 0; k < 4; ++k) {
    int best = static_cast<int>(last);
    for (int j = 0; j < k; ++j)
      if (edges[j].band >= 0 && edges[j].band < best) best = edges[j].band;
    p.status_lut[k] = static_cast<std::int8_t>(bands[static_cast<std::size_t>(best)].rating);
  }
  for (int j = 0; j < 3; ++j) p.c[j] = edges[j].c;
  for (int i = 4; i < 16; ++i) p.status_lut[i] = static_cast<std::int8_t>(status::none);
  for (int i = 0; i < 16; ++i)
    p.reason_lut[i] = static_cast<std::int8_t>(i < 4 ? reason::rated
                                               : (i < 8 ? reason::not_finite : reason::no_data));
  return p;
}

bulk::relative_params compile_relative(const detail::bulk_entry& e) {
  bulk::relative_params r{};
  if (!e.rules) return r;
  const auto& bands = e.rules->bands();
  const std::size_t last = bands.size() - 1;
  for (std::size_t b = 0; b < last && b < 3; ++b) {
    const bound& t = *bands[b].threshold;
    r.number[b] = t.number;
    r.basis[b] = t.base;
    r.op[b] = t.op;
    r.rating[b] = bands[b].rating;
  }
  r.count = static_cast<std::int8_t>(last);
  r.worst = bands[last].rating;
  r.needs_target = e.needs_target;
  r.needs_cohort = e.needs_cohort;
  r.rounded = e.decimals.has_value();
  r.div = e.decimals ? power_of_ten(clamp_decimals(*e.decimals)) : 1.0;
  r.own_target = e.target;
  return r;
}

dir_params compile_direction(const detail::bulk_entry& e) {
  dir_params d;
  const orientation o = e.rules ? e.rules->orientation() : orientation::none;
  const int sign = goodness_sign(e.polarity, o);
  d.gt = sign == 0 ? direction::up : (sign > 0 ? direction::improved : direction::declined);
  d.lt = sign == 0 ? direction::down : (sign > 0 ? direction::declined : direction::improved);
  d.polarity = static_cast<std::int8_t>(e.polarity);
  d.orientation = static_cast<std::int8_t>(o);
  d.scale = static_cast<std::int8_t>(e.scale);
  if (e.decimals) {
    const int places = clamp_decimals(*e.decimals);
    d.decimals = static_cast<std::int8_t>(places);
    d.div = power_of_ten(places);
    if (e.scale == scale::fraction) {
      d.mode = dir_mode::round_fraction;
      d.mul = power_of_ten(places + 2);
    } else {
      d.mode = dir_mode::round_points;
      d.mul = d.div;
    }
  } else {
    d.mode = e.scale == scale::fraction ? dir_mode::fraction : dir_mode::raw;
  }
  return d;
}

}  // namespace
}  // namespace detail

rule_table::rule_table(std::span<const rule_entry> entries)
    : data_(std::make_unique<detail::bulk_table_data>()) {
  auto& d = *data_;
  d.entries.reserve(entries.size());
  d.params.reserve(entries.size());
  d.directions.reserve(entries.size());
  for (const rule_entry& in : entries) {
    detail::bulk_entry e;
    if (in.rules != nullptr && !in.rules->empty()) {  // no bands: no rules
      e.rules = *in.rules;
      e.needs_target = in.rules->needs_target();
      e.needs_cohort = in.rules->needs_cohort();
      e.comparators = in.rules->comparators_needed();
    }
    e.decimals = in.decimals;
    e.scale = in.scale;
    e.polarity = in.polarity;
    e.target = in.target;
    d.any_needs_target = d.any_needs_target || e.needs_target;
    d.any_needs_cohort = d.any_needs_cohort || e.needs_cohort;
    d.any_needs_comparator = d.any_needs_comparator || e.comparators != 0;
    d.params.push_back(detail::compile_params(e));
    d.directions.push_back(detail::compile_direction(e));
    d.relative.push_back(detail::compile_relative(e));
    const detail::bulk::entry_params& p = d.params.back();
    d.c0.push_back(p.c[0]);
    d.c1.push_back(p.c[1]);
    d.c2.push_back(p.c[2]);
    std::uint64_t word = 0;
    for (int k = 0; k < 4; ++k) word |= std::uint64_t{static_cast<std::uint8_t>(p.status_lut[k])} << (8 * k);
    word |= std::uint64_t{static_cast<std::uint8_t>(p.reason_lut[0])} << 32;
    word |= std::uint64_t{static_cast<std::uint8_t>(p.reason_lut[4])} << 40;
    word |= std::uint64_t{static_cast<std::uint8_t>(p.reason_lut[12])} << 48;
    word |= std::uint64_t{p.sign < 0 ? 1u : 0u} << 56;
    d.outcomes.push_back(word);
    d.entries.push_back(std::move(e));
  }
}

rule_table::~rule_table() = default;
rule_table::rule_table(rule_table&&) noexcept = default;
rule_table& rule_table::operator=(rule_table&&) noexcept = default;

std::size_t rule_table::size() const noexcept { return data_ ? data_->entries.size() : 0; }

}  // namespace indeval
