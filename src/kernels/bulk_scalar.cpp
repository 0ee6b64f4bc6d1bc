// The scalar kernels: the reference every vector kernel is tested against, and the exact
// row-by-row path (rate_rows) every kernel falls back on for rows it cannot decide.
#include <array>
#include <bit>
#include <cmath>
#include <limits>

#include "../bulk_table.hpp"
#include "bulk_body.hpp"
#include "indeval/decimal.hpp"
#include "indeval/direction.hpp"


namespace indeval::detail {

namespace bulk {

std::int8_t travel_exact(const dir_params& d, double previous, double current) noexcept {
  std::optional<int> decimals;
  if (d.decimals >= 0) decimals = d.decimals;
  return static_cast<std::int8_t>(travel(previous, current, static_cast<polarity>(d.polarity),
                                         static_cast<orientation>(d.orientation), decimals,
                                         static_cast<scale>(d.scale)));
}

namespace {

// ---- the traits of the kernel bodies (bulk_body.hpp): one value per "vector" ----------------

struct scalar {
  using vd = double;
  using mask = bool;
  using lanes = std::uint64_t;
  struct bytes {
    std::uint8_t b[8];
  };
  using table = const std::int8_t*;
  static constexpr std::size_t width = 1;

  static vd splat(double d) { return d; }
  static vd load(const double* p) { return *p; }
  static vd load_part(const double* p, std::size_t left) { return left > 0 ? *p : 0.0; }
  template <cmp Op>
  static mask compare(vd a, vd b) {
    if constexpr (Op == cmp::ge) return a >= b;
    else if constexpr (Op == cmp::le) return a <= b;
    else if constexpr (Op == cmp::gt) return a > b;
    else if constexpr (Op == cmp::lt) return a < b;
    else if constexpr (Op == cmp::eq) return a == b;
    else return !(a < b);
  }
  static mask nonfinite(vd x) { return !(__builtin_fabs(x) <= 1.7976931348623157e308); }
  static mask is_nan(vd x) { return x != x; }
  static lanes zero() { return 0; }
  static lanes set_if(mask m, lut_bit bit) { return m ? static_cast<lanes>(bit) : 0; }
  static lanes add_one_if(lanes l, mask m) { return l + static_cast<lanes>(m); }
  static lanes or_if(lanes l, mask m, lut_bit bit) { return l | set_if(m, bit); }
  template <std::size_t J>
  static lanes or_byte(lanes acc, lanes l) { return acc | (l << (8 * J)); }
  static bytes to_bytes(lanes acc) {
    bytes out{};
    for (std::size_t j = 0; j < 8; ++j) out.b[j] = static_cast<std::uint8_t>(acc >> (8 * j));
    return out;
  }
  static table make_table(const std::int8_t* lut) { return lut; }
  static bytes lookup(table t, bytes in) {
    bytes out{};
    for (std::size_t j = 0; j < 8; ++j) out.b[j] = static_cast<std::uint8_t>(t[in.b[j] & 15u]);
    return out;
  }
  static void store(std::int8_t* p, bytes b) { __builtin_memcpy(p, b.b, 8); }
  static void store_part(std::int8_t* p, bytes b, std::size_t left) { __builtin_memcpy(p, b.b, left); }

  static vd abs(vd x) { return __builtin_fabs(x); }
  static vd add(vd a, vd b) { return a + b; }
  static vd sub(vd a, vd b) { return a - b; }
  static vd mul(vd a, vd b) { return a * b; }
  static vd div(vd a, vd b) { return a / b; }
  static vd max(vd a, vd b) { return a > b ? a : b; }
  static vd trunc(vd a) { return __builtin_trunc(a); }
  static vd add_if(vd a, mask m, vd b) { return m ? a + b : a; }
  static vd copy_sign(vd a, vd x) { return __builtin_copysign(a, x); }
  static mask none() { return false; }
  static mask every() { return true; }
  static bool all(mask m) { return m; }
  static unsigned bits(mask m) { return m ? 1u : 0u; }
  static mask mask_or(mask m, mask n) { return m || n; }
  static mask mask_and(mask m, mask n) { return m && n; }
  static mask mask_andnot(mask m, mask n) { return m && !n; }
  static lanes splat_lanes(std::int64_t i) { return static_cast<lanes>(i); }
  static lanes select(lanes a, mask m, lanes b) { return m ? b : a; }
  static void store_lanes(std::int8_t* p, lanes l, std::size_t /*left: 1*/) { *p = static_cast<std::int8_t>(l); }

  using entries = std::int32_t;
  static entries load_entries(const std::int32_t* p) { return *p; }
  static entries load_entries_part(const std::int32_t* p, std::size_t left) { return left > 0 ? *p : 0; }
  static vd gather(const double* base, entries e) { return base[e]; }
  static lanes gather_word(const std::uint64_t* words, entries e) { return words[e]; }
  static mask falling(lanes word) { return (word >> 56) != 0; }
  static vd negate_if(vd x, mask m) { return m ? -x : x; }
  static lanes byte_of(lanes word, lanes k) { return (word >> (8 * k)) & 0xff; }

  using ints = std::int32_t;
  static constexpr std::size_t ints_width = 1;
  static ints load_ints(const std::int32_t* p) { return *p; }
  static ints splat_ints(std::int32_t i) { return i; }
  static unsigned ints_differ(ints x, ints v) { return x != v ? 1u : 0u; }
  static unsigned ints_above(ints x, ints last) {
    return static_cast<std::uint32_t>(x) > static_cast<std::uint32_t>(last) ? 1u : 0u;
  }
};

}  // namespace

bool round_fast(double v, double mul, bool fraction, double& out) noexcept {
  const rounding<scalar> r(mul);
  bool undecided = false;
  out = fraction ? round_exact<scalar, true>(v, r, undecided) : round_exact<scalar, false>(v, r, undecided);
  return !undecided;
}

const kernel_set scalar_kernels{status_run<scalar>,      status_mixed<scalar>, direction_run<scalar>,
                                status_relative<scalar>, run_end<scalar>,      first_outside<scalar>};

}  // namespace bulk

using bulk::dir_mode;

// ---- rows rated one by one: bounds relative to a per-row target or cohort --------------------

void rate_rows(const bulk_entry& e, const bulk::dir_params& d, const double* v,
               const double* target, const double* cohort, std::size_t n, std::int8_t* status_out,
               std::int8_t* reason_out) {
  const rule_set& rules = *e.rules;
  const auto& bands = rules.bands();
  const std::size_t last = bands.size() - 1;
  std::array<bound, 3> thresholds{};
  for (std::size_t b = 0; b < last && b < thresholds.size(); ++b) thresholds[b] = *bands[b].threshold;
  const rating_inputs in{e.target, no_figure, e.decimals, e.scale};
  const bool fraction = e.scale == scale::fraction;
  double memo_raw = std::numeric_limits<double>::quiet_NaN(), memo_points = no_figure;
  const auto write = [&](std::size_t i, status s, reason r) {
    status_out[i] = static_cast<std::int8_t>(s);
    if (reason_out != nullptr) reason_out[i] = static_cast<std::int8_t>(r);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double x = v[i];
    if (std::isnan(x)) { write(i, status::none, reason::no_data); continue; }
    if (std::isinf(x)) { write(i, status::none, reason::not_finite); continue; }
    const double t = target != nullptr ? target[i] : e.target;
    double tp = no_figure;
    if (std::isfinite(t)) {
      if (!fraction) {
        tp = t;
      } else {
        if (std::bit_cast<std::uint64_t>(t) != std::bit_cast<std::uint64_t>(memo_raw)) {
          memo_raw = t;
          memo_points = shift_decimal(t, 2);
        }
        tp = memo_points;
      }
    }
    double c = cohort != nullptr ? cohort[i] : no_figure;
    if (!std::isfinite(c)) c = no_figure;
    if (e.needs_target && !std::isfinite(tp)) { write(i, status::none, reason::needs_target); continue; }
    if (e.needs_cohort && !std::isfinite(c)) { write(i, status::none, reason::needs_cohort); continue; }
    double r;
    double n_rounded = 0;
    if (d.mode == dir_mode::raw) {
      r = x;
    } else if (d.mode != dir_mode::fraction && bulk::round_fast(x, d.mul, fraction, n_rounded)) {
      r = n_rounded / d.div;
    } else {
      r = rated_value(x, in);
    }
    // The best band whose threshold holds, without branching on the comparisons.
    status s = bands[last].rating;
    for (std::size_t b = last; b-- > 0;) s = thresholds[b].holds(r, thresholds[b].resolve(tp, c)) ? bands[b].rating : s;
    write(i, s, reason::rated);
  }
}


void rate_rows_evaluated(const bulk_entry& e, const double* v, const double* target,
                         const double* cohort,
                         const std::array<const double*, comparator_count>& comparators,
                         std::size_t n, std::int8_t* status_out, std::int8_t* reason_out) {
  rating_inputs in{e.target, no_figure, e.decimals, e.scale};
  for (std::size_t i = 0; i < n; ++i) {
    if (target != nullptr) in.target = target[i];
    in.cohort = cohort != nullptr ? cohort[i] : no_figure;
    for (std::size_t c = 0; c < comparators.size(); ++c)
      in.comparators[c] = comparators[c] != nullptr ? comparators[c][i] : no_figure;
    const evaluation r = evaluate(*e.rules, v[i], in, e.polarity);
    status_out[i] = static_cast<std::int8_t>(r.rating);
    if (reason_out != nullptr) reason_out[i] = static_cast<std::int8_t>(r.reason);
  }
}

}  // namespace indeval::detail
