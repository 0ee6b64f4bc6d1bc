// The XmR analysis of indeval/spc.hpp. Each series is analysed on its own (one task per chunk of
// series), in date order, phase by phase, with per-thread scratch buffers.
#include "indeval/spc.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <numeric>
#include <string>
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

struct scratch {
  std::vector<std::size_t> order;  // rows in date order
  std::vector<double> y;           // values in date order, NaN for missing
  std::vector<double> ranges;
  std::vector<std::int8_t> sides;
  std::vector<std::uint8_t> close, outside, trend, two_of_three, shift;
  std::vector<double> mean, lower, upper;
  std::vector<spc_rule> rules;
};

// Marks every point of a run of at least `length` consecutive equal non-zero keys, key(i) for i in
// [0, n). One pass: the run's length so far, with the whole run marked when it reaches `length`.
template <class Key>
void mark_runs(std::size_t n, std::size_t length, Key key, std::span<std::uint8_t> mark) {
  std::size_t run = 0;
  int previous = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int k = key(i);
    run = k == 0 ? 0 : (k == previous ? run + 1 : 1);
    previous = k;
    if (run >= length) [[unlikely]] {
      if (run == length)
        std::fill(mark.begin() + static_cast<std::ptrdiff_t>(i + 1 - length), mark.begin() + static_cast<std::ptrdiff_t>(i + 1), 1);
      else
        mark[i] = 1;
    }
  }
}

struct phase_limits {
  double mean = nan, lower = nan, upper = nan, lower_close = nan, upper_close = nan;
};

phase_limits limits_of(std::span<const double> y, const spc_settings& s, std::vector<double>& ranges) {
  const std::size_t m = s.fix_after > 0 ? std::min(y.size(), static_cast<std::size_t>(s.fix_after)) : y.size();
  const auto fixed = y.first(m);
  ranges.clear();
  for (double v : fixed)
    if (!std::isnan(v)) ranges.push_back(v);
  phase_limits l;
  l.mean = r_mean(ranges);
  ranges.clear();
  for (std::size_t i = 1; i < m; ++i) {
    const double r = std::fabs(fixed[i] - fixed[i - 1]);
    if (!std::isnan(r)) ranges.push_back(r);
  }
  double mr = r_mean(ranges);
  if (s.screen) {
    const double cut = screen_factor * mr;
    std::erase_if(ranges, [cut](double r) { return !(r < cut); });
    mr = r_mean(ranges);
  }
  l.lower = l.mean - limit * mr;
  l.upper = l.mean + limit * mr;
  l.lower_close = l.mean - limit_close * mr;
  l.upper_close = l.mean + limit_close * mr;
  return l;
}

// Classifies the points of one phase (y[a..b) in date order) into rule[] codes; sets the phase's
// limits for each point.
void analyse_phase(scratch& w, std::size_t a, std::size_t b, const spc_settings& s, std::vector<spc_rule>& rules) {
  const std::size_t n = b - a;
  const std::span<const double> y{w.y.data() + a, n};
  const phase_limits l = limits_of(y, s, w.ranges);
  auto sides = std::span{w.sides}.subspan(a, n);
  auto outside = std::span{w.outside}.subspan(a, n);
  auto close = std::span{w.close}.subspan(a, n);
  for (std::size_t i = 0; i < n; ++i) {
    w.mean[a + i] = l.mean;
    w.lower[a + i] = l.lower;
    w.upper[a + i] = l.upper;
    sides[i] = static_cast<std::int8_t>(side(y[i], l.mean));
    const bool out = (y[i] > l.upper) | (y[i] < l.lower);
    outside[i] = out;
    close[i] = (!out) & ((y[i] < l.lower_close) | (y[i] > l.upper_close));
  }
  auto shift = std::span{w.shift}.subspan(a, n);
  auto trend = std::span{w.trend}.subspan(a, n);
  auto two_of_three = std::span{w.two_of_three}.subspan(a, n);
  for (auto m : {shift, trend, two_of_three}) std::fill(m.begin(), m.end(), 0);
  // Shift: runs of spc_run points on one side.
  if (n > 0) mark_runs(n, std::size_t{spc_run}, [&](std::size_t i) { return static_cast<int>(sides[i]); }, shift);
  // Trend: runs of spc_run - 1 steps of one sign (step j is y[j+1] − y[j], missing = 0), which are
  // runs of spc_run points: marking steps j .. and the point after each marks exactly those points.
  if (n > 1) {
    const auto later = trend.subspan(1);
    mark_runs(n - 1, std::size_t{spc_run - 1}, [&](std::size_t j) { return side(y[j + 1], y[j]); }, later);
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (later[i] && (i == 0 || !later[i - 1])) trend[i] = 1;  // the first point of each run
  }
  for (std::size_t i = 0; i + 3 <= n; ++i) {
    const int c = close[i] + close[i + 1] + close[i + 2];
    if (c >= 2 && sides[i] != 0 && sides[i] == sides[i + 1] && sides[i] == sides[i + 2])
      for (std::size_t k = i; k < i + 3; ++k)
        if (close[k]) two_of_three[k] = 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const bool high = sides[i] > 0;
    spc_rule r = spc_rule::none;
    if (outside[i]) {
      r = sides[i] == 1 ? spc_rule::above_upper : spc_rule::below_lower;
    } else if (trend[i]) {
      // The package's direction: the step to the next point when both are in a trend, else the
      // step from the previous; a zero step reads as decreasing.
      const int dir = (i + 1 < n && trend[i + 1]) ? side(y[i + 1], y[i]) : (i > 0 ? side(y[i], y[i - 1]) : 0);
      r = dir == 1 ? spc_rule::trend_up : spc_rule::trend_down;
    } else if (two_of_three[i]) {
      r = high ? spc_rule::two_of_three_high : spc_rule::two_of_three_low;
    } else if (shift[i]) {
      r = high ? spc_rule::shift_high : spc_rule::shift_low;
    }
    rules[a + i] = r;
  }
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

// Fills w.order with the series' rows in date order (the caller has checked there are no equal dates).
void date_order(const spc_input& in, const spc_series& s, scratch& w) {
  w.order.resize(s.count);
  std::iota(w.order.begin(), w.order.end(), s.first);
  if (in.date.empty()) return;
  const auto d = in.date.subspan(s.first, s.count);
  if (std::is_sorted(d.begin(), d.end())) return;
  std::sort(w.order.begin(), w.order.end(), [&](std::size_t i, std::size_t j) { return in.date[i] < in.date[j]; });
}

void analyse_series(const spc_input& in, const spc_output& out, std::size_t k, scratch& w) {
  const spc_series& s = in.series.empty() ? spc_series{0, in.values.size(), 0} : in.series[k];
  const spc_settings settings = in.settings.empty() ? spc_settings{} : in.settings[s.settings];
  const std::size_t n = s.count;
  date_order(in, s, w);
  w.y.resize(n);
  for (auto* v : {&w.mean, &w.lower, &w.upper}) v->resize(n);
  for (auto* v : {&w.close, &w.outside, &w.trend, &w.two_of_three, &w.shift}) v->resize(n);
  w.sides.resize(n);
  std::uint8_t warnings = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = in.values[w.order[i]];
    w.y[i] = std::isfinite(v) ? v : nan;
    if (!std::isfinite(v)) warnings |= spc_warning_missing_values;
  }
  std::vector<spc_rule>& rules = w.rules;
  rules.assign(n, spc_rule::none);
  std::size_t a = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i < n && (in.rebase.empty() || in.rebase[w.order[i]] == 0)) continue;
    analyse_phase(w, a, i, settings, rules);
    if (i - a < static_cast<std::size_t>(spc_short_phase)) warnings |= spc_warning_short_phase;
    if (std::isnan(w.upper[a])) warnings |= spc_warning_undefined_limits;
    a = i;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t row = w.order[i];
    if (!out.mean.empty()) out.mean[row] = w.mean[i];
    if (!out.lower.empty()) out.lower[row] = w.lower[i];
    if (!out.upper.empty()) out.upper[row] = w.upper[i];
    if (!out.rule.empty()) out.rule[row] = static_cast<std::int8_t>(rules[i]);
    if (!out.variation.empty())
      out.variation[row] = static_cast<std::int8_t>(variation_of(rules[i], settings.improvement));
  }
  const bool any = n > 0;
  if (!out.assurance.empty())
    out.assurance[k] = static_cast<std::int8_t>(
        any ? assurance_of(settings.target, w.lower[n - 1], w.upper[n - 1], settings.improvement) : spc_assurance::none);
  if (!out.last_variation.empty())
    out.last_variation[k] = static_cast<std::int8_t>(
        any ? variation_of(rules[n - 1], settings.improvement) : spc_variation::common_cause);
  if (!out.warnings.empty()) out.warnings[k] = warnings;
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
  // Series may come in any order, but no row may belong to two (their results would collide).
  std::vector<std::size_t> by_first(in.series.size());
  std::iota(by_first.begin(), by_first.end(), std::size_t{0});
  auto starts_before = [&](std::size_t i, std::size_t j) { return in.series[i].first < in.series[j].first; };
  if (!std::is_sorted(by_first.begin(), by_first.end(), starts_before))
    std::sort(by_first.begin(), by_first.end(), starts_before);
  std::size_t end = 0, last = 0;
  for (std::size_t k : by_first) {
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
  if (x.empty()) return nan;
  long double s = 0;
  for (double v : x) s += v;
  const auto count = static_cast<long double>(x.size());
  s /= count;
  if (std::isfinite(static_cast<double>(s))) {
    long double t = 0;
    for (double v : x) t += static_cast<long double>(v) - s;
    s += t / count;
  }
  return static_cast<double>(s);
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
