// The XmR analysis of indeval/spc.hpp. Each series is analysed on its own (one task per chunk of
// series), in date order, phase by phase, with per-thread scratch buffers.
#include "indeval/spc.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <numeric>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <date/date.h>

#include "indeval/text.hpp"

namespace indeval {

namespace {

constexpr std::array<std::string_view, 5> variation_names{"common_cause", "improvement", "concern",
                                                          "neutral_high", "neutral_low"};
constexpr std::array<std::string_view, 9> rule_names{
    "",         "above_upper",       "below_lower",      "trend_up",   "trend_down",
    "two_of_three_high", "two_of_three_low", "shift_high", "shift_low"};
constexpr std::array<std::string_view, 4> assurance_names{"", "pass", "fail", "inconsistent"};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, E e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < N ? names[i] : std::string_view{};
}

template <class E, std::size_t N>
std::optional<E> code_of(const std::array<std::string_view, N>& names, std::string_view name) noexcept {
  name = trim(name);
  for (std::size_t i = 0; i < N; ++i)
    if (iequals(names[i], name)) return static_cast<E>(i);
  return std::nullopt;
}

// The NHSRplotthedots constants: limits at 2.66·mR̄, the "2σ" band at 2·(2.66/3)·mR̄ (computed as
// the package does), moving ranges screened at 3.267·mR̄.
constexpr double limit = 2.66;
constexpr double limit_close = 2 * (limit / 3);
constexpr double screen_factor = 3.267;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// A point's side of the mean: +1, -1, or 0 (on the mean, missing, or no mean).
// Branch-free: with real data the sides change unpredictably.
int side(double y, double mean) noexcept { return static_cast<int>(y > mean) - static_cast<int>(y < mean); }

// Per-thread buffers, grown to the longest series seen.
struct scratch {
  std::vector<std::size_t> order;   // the series' rows in date order, when they are not already
  std::vector<double> y;            // values in date order, NaN for missing
  std::vector<std::uint8_t> flags;  // per point: the flag_* bits
};

// Per-point findings of a phase. flag_window on point i: the window i-2, i-1, i counts for 2 of 3.
enum : std::uint8_t {
  flag_outside = 1, flag_close = 2, flag_shift = 4, flag_trend = 8, flag_window = 16,
  flag_high = 32,  // above the mean
  flag_up = 64,    // above the previous point
};

// R's mean() of the values given that are not NaN: a long double sum divided by the count, then
// one correction pass. In steps, so that two means can share their passes (two independent long
// double chains run side by side): add() every value, divide(), correct() every value, result().
struct r_mean_of {
  long double s = 0, t = 0;
  std::size_t count = 0;

  void add(double v) noexcept {
    if (std::isnan(v)) [[unlikely]] return;
    s += v;
    ++count;
  }
  void divide() noexcept {
    if (count > 0) s /= static_cast<long double>(count);
  }
  void correct(double v) noexcept {
    if (std::isnan(v)) [[unlikely]] return;
    t += static_cast<long double>(v) - s;
  }
  [[nodiscard]] double result() const noexcept {
    if (count == 0) return nan;
    if (!std::isfinite(static_cast<double>(s))) return static_cast<double>(s);
    return static_cast<double>(s + t / static_cast<long double>(count));
  }
};

struct phase_limits {
  double mean = nan, lower = nan, upper = nan, lower_close = nan, upper_close = nan;
};

// The limits of the phase y[0..n) (NaN = missing). Moving range i is |y[i] - y[i-1]|, NaN (none)
// next to a missing value.
phase_limits limits_of(const double* y, std::size_t n, const spc_settings& s) noexcept {
  const std::size_t m = s.fix_after > 0 ? std::min(n, static_cast<std::size_t>(s.fix_after)) : n;
  phase_limits l;
  if (m == 0) return l;
  r_mean_of mean, mr;
  mean.add(y[0]);
  for (std::size_t i = 1; i < m; ++i) {
    mean.add(y[i]);
    mr.add(std::fabs(y[i] - y[i - 1]));
  }
  mean.divide();
  mr.divide();
  mean.correct(y[0]);
  for (std::size_t i = 1; i < m; ++i) {
    mean.correct(y[i]);
    mr.correct(std::fabs(y[i] - y[i - 1]));
  }
  l.mean = mean.result();
  double average_range = mr.result();
  if (s.screen) {
    // Screening usually keeps every range: then the mean is the same one, no need to redo it.
    const double cut = screen_factor * average_range;
    std::size_t kept = 0;
    for (std::size_t i = 1; i < m; ++i) kept += std::fabs(y[i] - y[i - 1]) < cut;
    if (kept != mr.count) {
      r_mean_of screened;
      for (std::size_t i = 1; i < m; ++i)
        if (const double r = std::fabs(y[i] - y[i - 1]); r < cut) screened.add(r);
      screened.divide();
      for (std::size_t i = 1; i < m; ++i)
        if (const double r = std::fabs(y[i] - y[i - 1]); r < cut) screened.correct(r);
      average_range = screened.result();
    }
  }
  l.lower = l.mean - limit * average_range;
  l.upper = l.mean + limit * average_range;
  l.lower_close = l.mean - limit_close * average_range;
  l.upper_close = l.mean + limit_close * average_range;
  return l;
}

// Sets flags[] of the phase y[0..n), in one pass: outside, close, side, the step from the previous
// point, the 2-of-3 window ending at each point, and the runs: a shift is spc_run points on one
// side, a trend spc_run - 1 steps of one sign (a missing value has no side and makes a zero step,
// breaking both). A run marks its points back to its start when it reaches its length, then each
// further point. Branch-free where it can be: with real data sides and steps change unpredictably.
void classify_phase(const double* y, std::size_t n, const phase_limits& l, std::uint8_t* flags) noexcept {
  constexpr std::size_t shift_length = spc_run, trend_steps = spc_run - 1;
  std::size_t shift_run = 0, trend_run = 0;
  int side1 = 0, side2 = 0;    // the sides of the previous two points
  int close1 = 0, close2 = 0;  // whether they are close
  int trend_side = 0;          // the sign of the previous step
  for (std::size_t i = 0; i < n; ++i) {
    const double v = y[i];
    const int sd = side(v, l.mean);
    const bool out = (v > l.upper) | (v < l.lower);
    const int close = (!out) & ((v < l.lower_close) | (v > l.upper_close));
    const int step = i > 0 ? side(v, y[i - 1]) : 0;
    const bool window = (close + close1 + close2 >= 2) & (sd != 0) & (sd == side1) & (sd == side2);
    auto f = static_cast<std::uint8_t>(out * flag_outside | close * flag_close | window * flag_window |
                                       (sd > 0) * flag_high | (step > 0) * flag_up);
    shift_run = (sd != 0) * ((sd == side1) * shift_run + 1);
    if (shift_run >= shift_length) [[unlikely]] {
      if (shift_run == shift_length)
        for (std::size_t k = i + 1 - shift_length; k < i; ++k) flags[k] |= flag_shift;
      f |= flag_shift;
    }
    trend_run = (step != 0) * ((step == trend_side) * trend_run + 1);
    if (trend_run >= trend_steps) [[unlikely]] {
      if (trend_run == trend_steps)
        for (std::size_t k = i - trend_steps; k < i; ++k) flags[k] |= flag_trend;
      f |= flag_trend;
    }
    flags[i] = f;
    side2 = side1, side1 = sd, close2 = close1, close1 = close, trend_side = step;
  }
}

// What decides a point's rule, as bits of the index into rule_table.
enum : unsigned { finding_outside = 1, finding_trend = 2, finding_two_of_three = 4, finding_shift = 8,
                  finding_high = 16, finding_up = 32 };

// The rule of every combination of findings; first match wins: outside, trend, 2 of 3, shift.
constexpr auto rule_table = [] {
  std::array<spc_rule, 64> t{};
  for (unsigned k = 0; k < t.size(); ++k) {
    const bool high = k & finding_high;
    using enum spc_rule;
    t[k] = (k & finding_outside)        ? (high ? above_upper : below_lower)
           : (k & finding_trend)        ? ((k & finding_up) ? trend_up : trend_down)
           : (k & finding_two_of_three) ? (high ? two_of_three_high : two_of_three_low)
           : (k & finding_shift)        ? (high ? shift_high : shift_low)
                                        : none;
  }
  return t;
}();

// The rule of point i of a classified phase of n points (inlined into the per-point loop: a call
// per point costs more than the rule).
[[gnu::always_inline]] inline spc_rule rule_of(const std::uint8_t* flags, std::size_t i, std::size_t n) noexcept {
  const unsigned f = flags[i];
  const unsigned next = i + 1 < n ? flags[i + 1] : 0u, after = i + 2 < n ? flags[i + 2] : 0u;
  // 2 of 3: a close point in a counting window (one ending here or at one of the next two points).
  const bool two_of_three = (f & flag_close) && ((f | next | after) & flag_window);
  // A trend point's direction, as the package reads it: the step to the next point when both are
  // in the trend, else the step from the previous; a zero step (or none) reads as decreasing.
  const bool up = (next & flag_trend) ? (next & flag_up) : (f & flag_up);
  return rule_table[((f & flag_outside) ? finding_outside : 0u) | ((f & flag_trend) ? finding_trend : 0u) |
                    (two_of_three ? finding_two_of_three : 0u) | ((f & flag_shift) ? finding_shift : 0u) |
                    ((f & flag_high) ? finding_high : 0u) | (up ? finding_up : 0u)];
}

constexpr int rule_side(spc_rule r) noexcept {
  switch (r) {
    case spc_rule::above_upper:
    case spc_rule::trend_up:
    case spc_rule::two_of_three_high:
    case spc_rule::shift_high: return 1;
    case spc_rule::below_lower:
    case spc_rule::trend_down:
    case spc_rule::two_of_three_low:
    case spc_rule::shift_low: return -1;
    case spc_rule::none: break;
  }
  return 0;
}

// variation_table[improvement][rule]: the variation of a rule by improvement direction (neutral,
// increase, decrease), from rule_side.
constexpr auto variation_table = [] {
  std::array<std::array<spc_variation, 9>, 3> t{};
  for (int r = 0; r < 9; ++r) {
    const int v = rule_side(static_cast<spc_rule>(r));
    using enum spc_variation;
    t[0][r] = v > 0 ? neutral_high : (v < 0 ? neutral_low : common_cause);
    t[1][r] = v > 0 ? improvement : (v < 0 ? concern : common_cause);
    t[2][r] = v < 0 ? improvement : (v > 0 ? concern : common_cause);
  }
  return t;
}();

inline spc_variation variation_of(spc_rule r, polarity improvement) noexcept {
  return variation_table[static_cast<std::size_t>(improvement)][static_cast<std::size_t>(r)];
}

spc_assurance assurance_of(double target, double lower, double upper, polarity improvement) noexcept {
  if (std::isnan(target) || improvement == polarity::neutral) return spc_assurance::none;
  const bool increase = improvement == polarity::bigger_is_better;
  if (target > upper) return increase ? spc_assurance::fail : spc_assurance::pass;
  if (target < lower) return increase ? spc_assurance::pass : spc_assurance::fail;
  return spc_assurance::inconsistent;
}

// Rows of a series in date order: already so (first + i), or through an order.
struct rows_in_place {
  std::size_t first;
  std::size_t operator()(std::size_t i) const noexcept { return first + i; }
};
struct rows_by_order {
  const std::size_t* order;
  std::size_t operator()(std::size_t i) const noexcept { return order[i]; }
};

template <class Row>
void analyse_series(const spc_input& in, const spc_output& out, std::size_t k, const spc_settings& settings,
                    std::size_t n, Row row, scratch& w) {
  // Grown only: a resize down and up again would zero the buffers once per series.
  if (w.y.size() < n) w.y.resize(n);
  if (w.flags.size() < n) w.flags.resize(n);
  double* y = w.y.data();
  std::size_t present = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = in.values[row(i)];
    const bool ok = std::isfinite(v);
    y[i] = ok ? v : nan;
    present += ok;
  }
  std::uint8_t warnings = present < n ? spc_warning_missing_values : 0;
  double* const mean_out = out.mean.empty() ? nullptr : out.mean.data();
  double* const lower_out = out.lower.empty() ? nullptr : out.lower.data();
  double* const upper_out = out.upper.empty() ? nullptr : out.upper.data();
  std::int8_t* const rule_out = out.rule.empty() ? nullptr : out.rule.data();
  std::int8_t* const variation_out = out.variation.empty() ? nullptr : out.variation.data();
  phase_limits l;
  spc_rule last = spc_rule::none;
  for (std::size_t a = 0, b = 0; a < n; a = b) {
    // The phase [a, b): up to the next rebase.
    b = a + 1;
    if (!in.rebase.empty())
      while (b < n && in.rebase[row(b)] == 0) ++b;
    else
      b = n;
    const std::size_t m = b - a;
    l = limits_of(y + a, m, settings);
    classify_phase(y + a, m, l, w.flags.data() + a);
    const std::uint8_t* const flags = w.flags.data() + a;
    const auto& variations = variation_table[static_cast<std::size_t>(settings.improvement)];
    for (std::size_t i = 0; i < m; ++i) {
      const std::size_t r = row(a + i);
      last = rule_of(flags, i, m);
      // The phase's limits too, in the same pass (a series is a few points: loops, not stores, cost).
      if (mean_out) mean_out[r] = l.mean;
      if (lower_out) lower_out[r] = l.lower;
      if (upper_out) upper_out[r] = l.upper;
      if (rule_out) rule_out[r] = static_cast<std::int8_t>(last);
      if (variation_out) variation_out[r] = static_cast<std::int8_t>(variations[static_cast<std::size_t>(last)]);
    }
    if (m < static_cast<std::size_t>(spc_short_phase)) warnings |= spc_warning_short_phase;
    if (std::isnan(l.upper)) warnings |= spc_warning_undefined_limits;
  }
  const bool any = n > 0;
  if (!out.assurance.empty())
    out.assurance[k] = static_cast<std::int8_t>(
        any ? assurance_of(settings.target, l.lower, l.upper, settings.improvement) : spc_assurance::none);
  if (!out.last_variation.empty())
    out.last_variation[k] = static_cast<std::int8_t>(variation_of(last, settings.improvement));
  if (!out.warnings.empty()) out.warnings[k] = warnings;
}

// Analyses series k, through its rows in date order (the caller has checked there are no equal dates).
void analyse_series(const spc_input& in, const spc_output& out, std::size_t k, scratch& w) {
  const spc_series& s = in.series.empty() ? spc_series{0, in.values.size(), 0} : in.series[k];
  const spc_settings settings = in.settings.empty() ? spc_settings{} : in.settings[s.settings];
  const auto d = in.date.empty() ? std::span<const std::int32_t>{} : in.date.subspan(s.first, s.count);
  if (std::is_sorted(d.begin(), d.end())) return analyse_series(in, out, k, settings, s.count, rows_in_place{s.first}, w);
  w.order.resize(s.count);
  std::iota(w.order.begin(), w.order.end(), s.first);
  std::sort(w.order.begin(), w.order.end(), [&](std::size_t i, std::size_t j) { return in.date[i] < in.date[j]; });
  analyse_series(in, out, k, settings, s.count, rows_by_order{w.order.data()}, w);
}

std::string row_text(std::size_t row) { return "row " + std::to_string(row); }

void check(const spc_input& in, const spc_output& out, int threads) {
  const std::size_t n = in.values.size();
  const std::size_t series = in.series.empty() ? 1 : in.series.size();
  auto per_point = [&](std::size_t size, const char* name) {
    if (size != 0 && size != n)
      throw spc_error(std::string(name) + " has " + std::to_string(size) + " elements, values has " + std::to_string(n));
  };
  auto per_series = [&](std::size_t size, const char* name) {
    if (size != 0 && size != series)
      throw spc_error(std::string(name) + " has " + std::to_string(size) + " elements, there are " +
                      std::to_string(series) + " series");
  };
  per_point(in.date.size(), "date");
  per_point(in.rebase.size(), "rebase");
  per_point(out.mean.size(), "mean");
  per_point(out.lower.size(), "lower");
  per_point(out.upper.size(), "upper");
  per_point(out.variation.size(), "variation");
  per_point(out.rule.size(), "rule");
  per_series(out.assurance.size(), "assurance");
  per_series(out.last_variation.size(), "last_variation");
  per_series(out.warnings.size(), "warnings");
  if (threads < 1) throw spc_error("threads must be at least 1, not " + std::to_string(threads));
  for (std::size_t k = 0; k < in.settings.size(); ++k) {
    const spc_settings& s = in.settings[k];
    if (s.fix_after != 0 && s.fix_after < spc_min_fix_after)
      throw spc_error("settings " + std::to_string(k) + ": fix_after must be at least " +
                      std::to_string(spc_min_fix_after) + " (or 0 for none), not " + std::to_string(s.fix_after));
    if (improvement_name(s.improvement).empty())
      throw spc_error("settings " + std::to_string(k) + ": unknown improvement code " +
                      std::to_string(static_cast<int>(s.improvement)));
  }
  for (std::size_t k = 0; k < in.series.size(); ++k) {
    const spc_series& s = in.series[k];
    if (s.first > n || s.count > n - s.first)
      throw spc_error("series " + std::to_string(k) + " (rows " + std::to_string(s.first) + " + " +
                      std::to_string(s.count) + ") runs past the " + std::to_string(n) + " rows");
    if (!in.settings.empty() && s.settings >= in.settings.size())
      throw spc_error("series " + std::to_string(k) + ": settings " + std::to_string(s.settings) +
                      " is out of range (" + std::to_string(in.settings.size()) + " settings)");
  }
  // Series may come in any order, but no row may belong to two (their results would collide). In
  // order of first row: as given when they come so (the usual case: no index to build), else sorted.
  auto starts_before = [&](std::size_t i, std::size_t j) { return in.series[i].first < in.series[j].first; };
  std::vector<std::size_t> by_first;
  if (!std::is_sorted(in.series.begin(), in.series.end(),
                      [](const spc_series& a, const spc_series& b) { return a.first < b.first; })) {
    by_first.resize(in.series.size());
    std::iota(by_first.begin(), by_first.end(), std::size_t{0});
    std::sort(by_first.begin(), by_first.end(), starts_before);
  }
  std::size_t end = 0, last = 0;
  for (std::size_t j = 0; j < in.series.size(); ++j) {
    const std::size_t k = by_first.empty() ? j : by_first[j];
    const spc_series& s = in.series[k];
    if (s.count == 0) continue;
    if (s.first < end)
      throw spc_error("series " + std::to_string(k) + " starts at " + row_text(s.first) + ", inside series " +
                          std::to_string(last) + " (which ends at " + row_text(end - 1) + ")",
                      s.first);
    end = s.first + s.count;
    last = k;
  }
  if (in.date.empty()) return;
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < series; ++k) {
    const spc_series s = in.series.empty() ? spc_series{0, n, 0} : in.series[k];
    const auto d = in.date.subspan(s.first, s.count);
    if (std::adjacent_find(d.begin(), d.end(), std::greater_equal<>{}) == d.end()) continue;
    order.resize(s.count);
    std::iota(order.begin(), order.end(), s.first);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return in.date[i] < in.date[j]; });
    for (std::size_t i = 1; i < order.size(); ++i)
      if (in.date[order[i]] == in.date[order[i - 1]]) {
        const std::size_t row = std::max(order[i], order[i - 1]);
        throw spc_error("series " + std::to_string(k) + ": " + row_text(row) + " has the same date as " +
                            row_text(std::min(order[i], order[i - 1])),
                        row);
      }
  }
}

}  // namespace

std::string_view to_string(spc_variation v) noexcept { return name_of(variation_names, v); }
std::string_view to_string(spc_rule r) noexcept { return name_of(rule_names, r); }
std::string_view to_string(spc_assurance a) noexcept { return name_of(assurance_names, a); }
std::optional<spc_variation> parse_spc_variation(std::string_view name) noexcept {
  return code_of<spc_variation>(variation_names, name);
}
std::optional<spc_rule> parse_spc_rule(std::string_view name) noexcept { return code_of<spc_rule>(rule_names, name); }
std::optional<spc_assurance> parse_spc_assurance(std::string_view name) noexcept {
  return code_of<spc_assurance>(assurance_names, name);
}

std::optional<polarity> parse_improvement(std::string_view text) noexcept {
  const auto t = trim(text);
  if (iequals(t, "increase")) return polarity::bigger_is_better;
  if (iequals(t, "decrease")) return polarity::smaller_is_better;
  if (iequals(t, "neutral")) return polarity::neutral;
  return parse_polarity(t);
}

std::string_view improvement_name(polarity p) noexcept {
  switch (p) {
    case polarity::bigger_is_better: return "increase";
    case polarity::smaller_is_better: return "decrease";
    case polarity::neutral: return "neutral";
  }
  return "";
}

std::optional<std::int32_t> parse_spc_date(std::string_view text, year_kind kind) noexcept {
  const auto t = trim(text);
  // YYYY-MM-DD exactly.
  if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    int y = 0;
    unsigned m = 0, d = 0;
    const char* p = t.data();
    const bool digits = std::all_of(t.begin(), t.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (digits && std::from_chars(p, p + 4, y).ptr == p + 4 && std::from_chars(p + 5, p + 7, m).ptr == p + 7 &&
        std::from_chars(p + 8, p + 10, d).ptr == p + 10) {
      const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
      if (!ymd.ok()) return std::nullopt;
      return static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count());
    }
  }
  const auto p = try_parse_period(t, kind);
  if (!p) return std::nullopt;
  return static_cast<std::int32_t>(date::sys_days{p->first_day()}.time_since_epoch().count());
}

double r_mean(std::span<const double> x) noexcept {
  r_mean_of m;
  for (double v : x) {
    if (std::isnan(v)) return nan;  // R's mean() without na.rm
    m.add(v);
  }
  m.divide();
  for (double v : x) m.correct(v);
  return m.result();
}

void analyse_spc(engine& e, const spc_input& in, const spc_output& out, int threads) {
  check(in, out, threads);
  const std::size_t series = in.series.empty() ? 1 : in.series.size();
  // Series are independent: chunks of them are tasks, each with its thread's scratch buffers.
  constexpr std::size_t per_task = 256;
  const std::size_t tasks = (series + per_task - 1) / per_task;
  e.parallel_for(tasks, static_cast<unsigned>(threads), [&](std::size_t t) {
    scratch w;  // (a local: a thread_local here costs a TLS lookup on every use in a shared library)
    for (std::size_t k = t * per_task; k < std::min(series, (t + 1) * per_task); ++k) analyse_series(in, out, k, w);
  });
}

void analyse_spc(const spc_input& in, const spc_output& out, int threads) {
  analyse_spc(default_engine(), in, out, threads);
}

}  // namespace indeval
