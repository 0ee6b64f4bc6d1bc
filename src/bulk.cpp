#include "indeval/bulk.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "indeval/decimal.hpp"
#include "indeval/direction.hpp"
#include "kernels/bulk_kernels.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace indeval {

namespace detail {

/// What the row-by-row path needs of one entry.
struct bulk_entry {
  std::optional<rule_set> rules;
  std::optional<int> decimals;
  indeval::scale scale = indeval::scale::points;
  indeval::polarity polarity = indeval::polarity::neutral;
  double target = no_figure;
  bool needs_target = false;
  bool needs_cohort = false;
};

struct bulk_table_data {
  std::vector<bulk_entry> entries;
  std::vector<bulk::entry_params> params;  // the rating when rows give no target and no cohort
  std::vector<bulk::dir_params> directions;
  std::vector<bulk::relative_params> relative;  // for the vector kernels, on the points scale
  std::vector<double> c0, c1, c2;                // params' thresholds, as arrays
  std::vector<std::uint64_t> outcomes;           // see bulk::mixed_table
  bool any_needs_target = false;
  bool any_needs_cohort = false;
};

namespace bulk {

std::int8_t travel_exact(const dir_params& d, double previous, double current) noexcept {
  std::optional<int> decimals;
  if (d.decimals >= 0) decimals = d.decimals;
  return static_cast<std::int8_t>(travel(previous, current, static_cast<polarity>(d.polarity),
                                         static_cast<orientation>(d.orientation), decimals,
                                         static_cast<scale>(d.scale)));
}

namespace {

// ---- scalar kernels ------------------------------------------------------------------------

void scalar_status_run(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                       std::int8_t* reason) {
  if (reason != nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned k = lut_index(p, v[i]);
      status[i] = p.status_lut[k];
      reason[i] = p.reason_lut[k];
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) status[i] = p.status_lut[lut_index(p, v[i])];
  }
}

void scalar_status_mixed(const entry_params* table, const mixed_table& /*soa*/,
                         const std::int32_t* index, const double* v, std::size_t n,
                         std::int8_t* status, std::int8_t* reason) {
  for (std::size_t i = 0; i < n; ++i) {
    const entry_params& p = table[index[i]];
    const unsigned k = lut_index(p, v[i]);
    status[i] = p.status_lut[k];
    if (reason != nullptr) reason[i] = p.reason_lut[k];
  }
}

void scalar_direction_run(const dir_params& d, const double* previous, const double* current,
                          std::size_t n, std::int8_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const int code = direction_fast(d, previous[i], current[i]);
    out[i] = code >= 0 ? static_cast<std::int8_t>(code) : travel_exact(d, previous[i], current[i]);
  }
}

std::size_t scalar_run_end(const std::int32_t* index, std::size_t j, std::size_t end,
                           std::int32_t value) {
#if defined(__SSE2__)
  const __m128i v = _mm_set1_epi32(value);
  for (; j + 16 <= end; j += 16) {
    const auto* p = reinterpret_cast<const __m128i*>(index + j);
    const __m128i same = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi32(_mm_loadu_si128(p), v), _mm_cmpeq_epi32(_mm_loadu_si128(p + 1), v)),
        _mm_and_si128(_mm_cmpeq_epi32(_mm_loadu_si128(p + 2), v), _mm_cmpeq_epi32(_mm_loadu_si128(p + 3), v)));
    if (_mm_movemask_epi8(same) != 0xffff) break;
  }
#endif
  for (; j < end; ++j)
    if (index[j] != value) return j;
  return end;
}

std::size_t scalar_first_outside(const std::int32_t* index, std::size_t j, std::size_t end,
                                 std::uint32_t size) {
  for (; j + 64 <= end; j += 64) {
    unsigned out = 0;
    for (std::size_t q = 0; q < 64; ++q)
      out |= static_cast<unsigned>(static_cast<std::uint32_t>(index[j + q]) >= size);
    if (out != 0) break;
  }
  for (; j < end; ++j)
    if (static_cast<std::uint32_t>(index[j]) >= size) return j;
  return end;
}

}  // namespace

const kernel_set scalar_kernels{scalar_status_run, scalar_status_mixed, scalar_direction_run,
                                nullptr, scalar_run_end, scalar_first_outside};

}  // namespace bulk

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
    r.basis[b] = static_cast<std::int8_t>(t.base);
    r.op[b] = static_cast<std::int8_t>(t.op);
    r.rating[b] = static_cast<std::int8_t>(bands[b].rating);
  }
  r.count = static_cast<std::int8_t>(last);
  r.worst = static_cast<std::int8_t>(bands[last].rating);
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
  d.gt = static_cast<std::int8_t>(sign == 0 ? direction::up
                                            : (sign > 0 ? direction::improved : direction::declined));
  d.lt = static_cast<std::int8_t>(sign == 0 ? direction::down
                                            : (sign > 0 ? direction::declined : direction::improved));
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

// ---- rows rated one by one: bounds relative to a per-row target or cohort --------------------

void rate_rows(const detail::bulk_entry& e, const dir_params& d, const double* v,
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

// ---- one call -------------------------------------------------------------------------------

struct run {
  std::size_t begin, end;
  std::int32_t entry;
};

struct chunk_plan {
  std::vector<run> runs;
  bool mixed = false;
  std::int64_t bad_row = -1;  // first row whose index is outside the table
};

// Finds the runs of equal index in rows [begin, end) and checks every index. Gives up on runs (and
// marks the chunk mixed) when they are too short to pay for themselves.
template <class Index>
void scan_chunk(const bulk::kernel_set& k, const Index* index, std::size_t begin, std::size_t end,
                std::int32_t size, chunk_plan& plan) {
  const std::size_t max_runs = (end - begin) / 32 + 2;
  const auto usize = static_cast<std::uint32_t>(size);
  const auto outside = [size](Index x) {
    return static_cast<std::int64_t>(x) < 0 || static_cast<std::int64_t>(x) >= size;
  };
  std::size_t i = begin;
  while (i < end) {
    const Index cur = index[i];
    if (outside(cur)) {
      plan.bad_row = static_cast<std::int64_t>(i);
      return;
    }
    std::size_t j = i + 1;
    if constexpr (std::is_same_v<Index, std::int32_t>) {
      j = k.run_end(index, j, end, cur);
    } else {
      while (j < end && index[j] == cur) ++j;
    }
    plan.runs.push_back({i, j, static_cast<std::int32_t>(cur)});
    i = j;
    if (plan.runs.size() > max_runs && i < end) {
      plan.runs.clear();
      plan.mixed = true;
      std::size_t bad = end;  // rows before i are checked
      if constexpr (std::is_same_v<Index, std::int32_t>) {
        bad = k.first_outside(index, i, end, usize);
      } else {
        unsigned any = 0;
        for (std::size_t q = i; q < end; ++q) any |= unsigned(outside(index[q]));
        if (any != 0)
          for (bad = i; !outside(index[bad]); ++bad) {}
      }
      if (bad < end) plan.bad_row = static_cast<std::int64_t>(bad);
      return;
    }
  }
}

struct call_context {
  const bulk_table_data* table = nullptr;
  const bulk::kernel_set* kernels = nullptr;
  const double* values = nullptr;
  const double* previous = nullptr;
  row_entries index;
  const double* target = nullptr;
  const double* cohort = nullptr;
  std::int8_t* status = nullptr;
  std::int8_t* reason = nullptr;
  std::int8_t* direction = nullptr;
  std::size_t rows = 0;
  std::size_t chunk_rows = 0;
  std::vector<chunk_plan>* plans = nullptr;

  [[nodiscard]] bool row_by_row(std::int32_t entry) const noexcept {
    const detail::bulk_entry& e = table->entries[static_cast<std::size_t>(entry)];
    return e.rules && ((e.needs_target && target != nullptr) || (e.needs_cohort && cohort != nullptr));
  }

  void rate_run(std::int32_t entry, std::size_t begin, std::size_t end) const {
    const auto u = static_cast<std::size_t>(entry);
    const std::size_t n = end - begin;
    if (row_by_row(entry)) {
      const detail::bulk_entry& e = table->entries[u];
      const double* t = target != nullptr ? target + begin : nullptr;
      const double* c = cohort != nullptr ? cohort + begin : nullptr;
      std::int8_t* r = reason != nullptr ? reason + begin : nullptr;
      if (kernels->status_relative != nullptr && e.scale == scale::points) {
        kernels->status_relative(table->relative[u], values + begin, t, c, n, status + begin, r);
        // The rows the kernel left undecided, one by one.
        const auto marker = static_cast<unsigned char>(bulk::undecided_status);
        for (auto* at = static_cast<std::int8_t*>(std::memchr(status + begin, marker, n)); at != nullptr;
             at = static_cast<std::int8_t*>(std::memchr(at + 1, marker, static_cast<std::size_t>(status + end - at - 1)))) {
          const auto i = static_cast<std::size_t>(at - (status + begin));
          rate_rows(e, table->directions[u], values + begin + i, t != nullptr ? t + i : nullptr,
                    c != nullptr ? c + i : nullptr, 1, at, r != nullptr ? r + i : nullptr);
        }
      } else {
        rate_rows(e, table->directions[u], values + begin, t, c, n, status + begin, r);
      }
    } else {
      kernels->status_run(table->params[u], values + begin, n, status + begin,
                          reason != nullptr ? reason + begin : nullptr);
    }
    if (direction != nullptr)
      kernels->direction_run(table->directions[u], previous + begin, values + begin, n,
                             direction + begin);
  }

  // Rows [begin, end) with their entries in idx[0 .. end - begin).
  void rate_mixed(const std::int32_t* idx, std::size_t begin, std::size_t end) const {
    const bulk::mixed_table soa{table->c0.data(), table->c1.data(), table->c2.data(),
                                table->outcomes.data()};
    kernels->status_mixed(table->params.data(), soa, idx, values + begin, end - begin,
                          status + begin, reason != nullptr ? reason + begin : nullptr);
    if ((table->any_needs_target && target != nullptr) || (table->any_needs_cohort && cohort != nullptr)) {
      for (std::size_t i = begin; i < end; ++i) {
        const std::int32_t entry = idx[i - begin];
        if (!row_by_row(entry)) continue;
        const auto u = static_cast<std::size_t>(entry);
        rate_rows(table->entries[u], table->directions[u], values + i,
                  target != nullptr ? target + i : nullptr, cohort != nullptr ? cohort + i : nullptr,
                  1, status + i, reason != nullptr ? reason + i : nullptr);
      }
    }
    if (direction != nullptr) {
      for (std::size_t i = begin; i < end; ++i) {
        const dir_params& d = table->directions[static_cast<std::size_t>(idx[i - begin])];
        const int code = bulk::direction_fast(d, previous[i], values[i]);
        direction[i] = code >= 0 ? static_cast<std::int8_t>(code)
                                 : bulk::travel_exact(d, previous[i], values[i]);
      }
    }
  }

  template <class Index>
  void rate_mixed_narrow(const Index* idx, std::size_t begin, std::size_t end) const {
    std::vector<std::int32_t> wide(idx + begin, idx + end);  // the vector kernels gather by int32
    rate_mixed(wide.data(), begin, end);
  }

  void scan_task(std::size_t task) const {
    const std::size_t begin = task * chunk_rows;
    const std::size_t end = std::min(rows, begin + chunk_rows);
    const auto size = static_cast<std::int32_t>(table->entries.size());
    chunk_plan& plan = (*plans)[task];
    switch (index.kind()) {
      case row_entries::form::int32: scan_chunk(*kernels, static_cast<const std::int32_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::int16: scan_chunk(*kernels, static_cast<const std::int16_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::int8: scan_chunk(*kernels, static_cast<const std::int8_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::uint8: scan_chunk(*kernels, static_cast<const std::uint8_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::none:
      case row_entries::form::runs: break;
    }
  }

  void rate_task(std::size_t task) const {
    const std::size_t begin = task * chunk_rows;
    const std::size_t end = std::min(rows, begin + chunk_rows);
    switch (index.kind()) {
      case row_entries::form::none: rate_run(0, begin, end); return;
      case row_entries::form::runs: {
        const std::span<const row_run> runs = index.runs();
        // The first run that ends after `begin`.
        auto it = std::upper_bound(runs.begin(), runs.end(), begin,
                                   [](std::size_t row, const row_run& r) { return row < r.first + r.count; });
        for (; it != runs.end() && it->first < end; ++it)
          rate_run(it->entry, std::max(begin, it->first), std::min(end, it->first + it->count));
        return;
      }
      default: break;
    }
    const chunk_plan& plan = (*plans)[task];
    if (!plan.mixed) {
      for (const run& r : plan.runs) rate_run(r.entry, r.begin, r.end);
      return;
    }
    switch (index.kind()) {
      case row_entries::form::int32: rate_mixed(static_cast<const std::int32_t*>(index.data()) + begin, begin, end); break;
      case row_entries::form::int16: rate_mixed_narrow(static_cast<const std::int16_t*>(index.data()), begin, end); break;
      case row_entries::form::int8: rate_mixed_narrow(static_cast<const std::int8_t*>(index.data()), begin, end); break;
      case row_entries::form::uint8: rate_mixed_narrow(static_cast<const std::uint8_t*>(index.data()), begin, end); break;
      default: break;
    }
  }
};

const bulk::kernel_set* kernels_for(kernel k) noexcept {
  switch (k) {
    case kernel::scalar: return &bulk::scalar_kernels;
#if defined(INDEVAL_BULK_X86)
    case kernel::avx2: return &bulk::avx2_kernels;
    case kernel::avx512: return &bulk::avx512_kernels;
#endif
    default: break;
  }
  return nullptr;
}

std::string_view kernel_name(kernel k) noexcept {
  switch (k) {
    case kernel::automatic: return "automatic";
    case kernel::scalar: return "scalar";
    case kernel::avx2: return "avx2";
    case kernel::avx512: return "avx512";
  }
  return "unknown";
}

}  // namespace
}  // namespace detail

// ---- public API ------------------------------------------------------------------------------

bool kernel_available(kernel k) noexcept {
  switch (k) {
    case kernel::automatic:
    case kernel::scalar: return true;
#if defined(INDEVAL_BULK_X86)
    case kernel::avx2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2") != 0 && __builtin_cpu_supports("fma") != 0;
    case kernel::avx512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0 &&
             __builtin_cpu_supports("avx512dq") != 0 && __builtin_cpu_supports("avx512vl") != 0;
#endif
    default: break;
  }
  return false;
}

kernel best_kernel() noexcept {
  static const kernel best = [] {
    if (kernel_available(kernel::avx512)) return kernel::avx512;
    if (kernel_available(kernel::avx2)) return kernel::avx2;
    return kernel::scalar;
  }();
  return best;
}

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
    }
    e.decimals = in.decimals;
    e.scale = in.scale;
    e.polarity = in.polarity;
    e.target = in.target;
    d.any_needs_target = d.any_needs_target || e.needs_target;
    d.any_needs_cohort = d.any_needs_cohort || e.needs_cohort;
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

std::int64_t row_entries::operator[](std::size_t row) const noexcept {
  switch (form_) {
    case form::none: return 0;
    case form::int8: return static_cast<const std::int8_t*>(data_)[row];
    case form::uint8: return static_cast<const std::uint8_t*>(data_)[row];
    case form::int16: return static_cast<const std::int16_t*>(data_)[row];
    case form::int32: return static_cast<const std::int32_t*>(data_)[row];
    case form::runs: {
      const std::span<const row_run> r = runs();
      const auto it = std::upper_bound(r.begin(), r.end(), row,
                                       [](std::size_t x, const row_run& run) { return x < run.first + run.count; });
      return it == r.end() ? -1 : it->entry;
    }
  }
  return -1;
}

std::size_t rule_table::size() const noexcept { return data_ ? data_->entries.size() : 0; }

void evaluate_bulk(const rule_table& table, const bulk_input& in, const bulk_output& out,
                   int threads, kernel k) {
  evaluate_bulk(default_engine(), table, in, out, threads, k);
}

void evaluate_bulk(engine& workers, const rule_table& table, const bulk_input& in,
                   const bulk_output& out, int threads, kernel k) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("evaluate_bulk: " + what);
  };
  const std::size_t n = in.values.size();
  if (table.size() == 0) fail("the rule table is empty");
  if (threads < 1) fail("threads must be at least 1, got " + std::to_string(threads));
  const kernel chosen = k == kernel::automatic ? best_kernel() : k;
  const detail::bulk::kernel_set* kernels = detail::kernels_for(chosen);
  if (kernels == nullptr || !kernel_available(chosen))
    fail("the " + std::string(detail::kernel_name(k)) + " kernel (code " +
         std::to_string(static_cast<int>(k)) + ") is not available on this CPU");
  const auto check = [&](std::size_t len, const char* what, bool required) {
    if ((required || len != 0) && len != n)
      fail(std::string(what) + " has " + std::to_string(len) + " elements but values has " +
           std::to_string(n));
  };
  check(out.status.size(), "status", true);
  check(out.reason.size(), "reason", false);
  check(out.direction.size(), "direction", false);
  check(in.previous.size(), "previous", false);
  if (in.index.kind() == row_entries::form::runs) {
    if (!well_formed(in.index.runs(), n, table.size()))
      fail("the runs of rows are not sorted_runs() of the " + std::to_string(n) + " rows and " +
           std::to_string(table.size()) + " entries");
  } else {
    check(in.index.size(), "index", false);
  }
  check(in.target.size(), "target", false);
  check(in.cohort.size(), "cohort", false);
  if (n == 0) return;

  detail::call_context ctx;
  ctx.table = table.data_.get();
  ctx.kernels = kernels;
  ctx.values = in.values.data();
  ctx.previous = in.previous.empty() ? nullptr : in.previous.data();
  ctx.index = in.index;
  ctx.target = in.target.empty() ? nullptr : in.target.data();
  ctx.cohort = in.cohort.empty() ? nullptr : in.cohort.data();
  ctx.status = out.status.data();
  ctx.reason = out.reason.empty() ? nullptr : out.reason.data();
  ctx.direction = (out.direction.empty() || ctx.previous == nullptr) ? nullptr : out.direction.data();
  ctx.rows = n;
  constexpr std::size_t base_chunk = 16384;
  ctx.chunk_rows = base_chunk;
  const std::size_t tasks = (n + ctx.chunk_rows - 1) / ctx.chunk_rows;
  const auto wanted = static_cast<unsigned>(threads);

  std::vector<detail::chunk_plan> plans;
  if (!in.index.empty() && in.index.kind() != row_entries::form::runs) {
    plans.resize(tasks);
    ctx.plans = &plans;
    // Scanning is quick: only long inputs are worth waking the other threads for.
    workers.parallel_for(tasks, n >= (std::size_t{1} << 16) ? wanted : 1,
                         [&](std::size_t t) { ctx.scan_task(t); });
    for (const detail::chunk_plan& plan : plans) {
      if (plan.bad_row < 0) continue;
      const auto row = static_cast<std::size_t>(plan.bad_row);
      fail("index[" + std::to_string(row) + "] = " + std::to_string(in.index[row]) +
           " is outside the rule table (size " + std::to_string(table.size()) + ")");
    }
  }
  workers.parallel_for(tasks, wanted, [&](std::size_t t) { ctx.rate_task(t); });
}

}  // namespace indeval
