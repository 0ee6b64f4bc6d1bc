#include "indeval/lint.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "indeval/decimal.hpp"
#include "indeval/parse.hpp"
#include "indeval/text.hpp"

namespace indeval {

namespace {

std::string shortest(double v) {
  if (v == 0.0) v = 0.0;
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string quoted(std::string_view s) {
  std::string out;  // built in place: "'" + std::string(s) trips GCC 12's -Wrestrict at -O3
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

// How many decimals a number has as written (its shortest round-trip form).
int decimals_of(double v) noexcept {
  if (!std::isfinite(v) || v == 0.0) return 0;
  const detail::written_decimal w = detail::written(v);
  return std::max(0, w.count - w.exponent);
}

// A number measured the way its bound is: "17.1", "21%", "95% of target", "target + 5".
std::string amount_text(double v, basis b, unit u) {
  if (b == basis::absolute) return format_value(v, u);
  const std::string figure(figure_name(b));
  if (is_percent_of(b)) return shortest(v) + "% of " + figure;
  if (v == 0.0) return figure;
  return v > 0 ? figure + " + " + shortest(v) : figure + " - " + shortest(-v);
}

std::string bound_words(const bound& b, unit u) {
  std::string_view op;
  switch (b.op) {
    case comparison::at_least: op = "at least "; break;
    case comparison::above: op = "above "; break;
    case comparison::at_most: op = "at most "; break;
    case comparison::below: op = "below "; break;
  }
  return std::string(op) + amount_text(b.number, b.base, u);
}

std::string status_list(const rule_set& rules) {
  std::string out;
  for (const band& b : rules.bands()) {
    if (!out.empty()) out += ", ";
    out += to_string(b.rating);
  }
  return out;
}

struct linter {
  const indicator& ind;
  std::span<const observation> series;
  double cohort;
  std::vector<finding> out;
  std::optional<rule_set> rules;         // the rules checked
  std::vector<band_location> locations;  // where they were written, when known

  void add(std::string_view code, severity s, std::string message, std::string where) {
    out.push_back(finding{std::string(code), s, std::move(message), std::move(where)});
  }

  [[nodiscard]] std::string rules_at(std::size_t pos) const {
    if (pos == band_location::npos) return "rules";
    return "rules at character " + std::to_string(pos);
  }

  [[nodiscard]] static std::string period_of(const observation& o, std::size_t k) {
    if (o.period) return to_string(*o.period);
    if (!trim(o.label).empty()) return o.label;
    return "observation " + std::to_string(k + 1);
  }

  void read_rules(std::string_view rule_text) {
    if (ind.rules) {
      rules = ind.rules;
      if (trim(rule_text).empty()) return;
      try {
        located_rules lr = parse_rules_located(rule_text, ind.polarity);
        if (lr.rules == *ind.rules) locations = std::move(lr.locations);
      } catch (const parse_error&) {
        // The text is not the rules' own: findings point at "rules" without a position.
      }
      return;
    }
    if (trim(rule_text).empty()) return;
    try {
      located_rules lr = parse_rules_located(rule_text, ind.polarity);
      rules = std::move(lr.rules);
      locations = std::move(lr.locations);
    } catch (const parse_error& e) {
      add(lint_code::rules_unreadable, severity::error,
          "the rule text cannot be read: " + std::string(e.what()), rules_at(e.position()));
    }
  }

  // Gap and overlap between band i and the next worse band, at the precision of their numbers.
  void check_boundary(std::size_t i) {
    const auto& bands = rules->bands();
    const band& better = bands[i];
    const band& worse = bands[i + 1];
    if (!better.threshold || !worse.limit) return;  // a band with no written limit reaches up
    const bound& t = *better.threshold;
    const bound& l = *worse.limit;
    double tv = t.number, lv = l.number;
    basis shown = t.base;
    if (t.base != l.base) {
      const double target = ind.target.value_or(no_figure);
      if (needs_cohort(t.base) || needs_cohort(l.base) || !std::isfinite(target)) return;
      tv = t.resolve(target, no_figure);
      lv = l.resolve(target, no_figure);
      shown = basis::absolute;
    }
    if (!std::isfinite(tv) || !std::isfinite(lv)) return;
    const int d = std::max(decimals_of(tv), decimals_of(lv));
    if (d > max_decimals) return;
    const double ts = shift_decimal(tv, d), ls = shift_decimal(lv, d);
    constexpr double exact = 9007199254740992.0;  // 2^53: integers up to here are exact
    if (std::fabs(ts) >= exact / 2 || std::fabs(ls) >= exact / 2 || std::floor(ts) != ts ||
        std::floor(ls) != ls)
      return;
    const auto T = static_cast<std::int64_t>(ts);
    const auto L = static_cast<std::int64_t>(ls);
    const bool rising = rules->orientation() == orientation::rising;
    // Steps at the rule's precision: the better band's first/last covered step and the worse
    // band's last/first covered step.
    std::int64_t gap_lo = 0, gap_hi = -1, over_lo = 0, over_hi = -1;
    if (rising) {
      const std::int64_t better_first = T + (t.op == comparison::above ? 1 : 0);
      const std::int64_t worse_last = L - (l.op == comparison::below ? 1 : 0);
      gap_lo = worse_last + 1, gap_hi = better_first - 1;
      over_lo = better_first, over_hi = worse_last;
    } else {
      const std::int64_t better_last = T - (t.op == comparison::below ? 1 : 0);
      const std::int64_t worse_first = L + (l.op == comparison::above ? 1 : 0);
      gap_lo = better_last + 1, gap_hi = worse_first - 1;
      over_lo = worse_first, over_hi = better_last;
    }
    const auto value_at = [&](std::int64_t k) {
      return amount_text(shift_decimal(static_cast<double>(k), -d), shown, ind.unit);
    };
    // "the value 95 falls" / "values from 17.1 to 18 fall".
    const auto span_text = [&](std::int64_t lo, std::int64_t hi, std::string_view one,
                               std::string_view many) {
      if (lo == hi) return "the value " + value_at(lo) + " " + std::string(one);
      return "values from " + value_at(lo) + " to " + value_at(hi) + " " + std::string(many);
    };
    const std::string b_name(to_string(better.rating)), w_name(to_string(worse.rating));
    const std::string written = b_name + " is " + bound_words(t, ind.unit) + " and " + w_name +
                                " is " + bound_words(l, ind.unit);
    const std::size_t pos = i + 1 < locations.size() ? locations[i + 1].limit : band_location::npos;
    if (gap_lo <= gap_hi) {
      add(lint_code::band_gap, severity::warning,
          span_text(gap_lo, gap_hi, "falls", "fall") + " in no band (" + written +
              "); the rules rate " + (gap_lo == gap_hi ? "it " : "them ") + w_name,
          rules_at(pos));
    } else if (over_lo <= over_hi) {
      add(lint_code::band_overlap, severity::warning,
          span_text(over_lo, over_hi, "is", "are") + " in two bands (" + written +
              "); the rules rate " + (over_lo == over_hi ? "it " : "them ") + b_name,
          rules_at(pos));
    }
  }

  // A band whose threshold, measured against the same figure as a better band's (a target or a
  // comparator), is at least as strict: every value that meets it meets the better band first.
  // Percentages of a figure order so only while the figure is positive, as rates and averages are.
  void check_reachable() {
    const auto& bands = rules->bands();
    const bool rising = rules->orientation() == orientation::rising;
    const auto strict = [](comparison c) { return c == comparison::above || c == comparison::below; };
    for (std::size_t j = 1; j + 1 < bands.size(); ++j) {
      const bound& w = *bands[j].threshold;
      for (std::size_t i = 0; i < j; ++i) {
        const bound& b = *bands[i].threshold;
        if (b.base != w.base || b.base == basis::absolute) continue;
        const bool stricter = rising ? w.number > b.number : w.number < b.number;
        if (!stricter && !(w.number == b.number && (strict(w.op) || !strict(b.op)))) continue;
        const std::string figure(figure_name(w.base));
        add(lint_code::band_unreachable, severity::warning,
            std::string(to_string(bands[j].rating)) + " can never be reached: its threshold (" +
                bound_words(w, ind.unit) + ") is met only by values that meet " +
                std::string(to_string(bands[i].rating)) + "'s (" + bound_words(b, ind.unit) + ")" +
                (is_percent_of(w.base) ? " while the " + figure + " figure is positive" : ""),
            rules_at(j < locations.size() ? locations[j].threshold : band_location::npos));
        break;
      }
    }
  }

  void check_rules() {
    if (!rules) return;
    const orientation o = rules->orientation();
    if (o != orientation::none) {
      for (std::size_t i = 0; i + 1 < rules->size(); ++i) check_boundary(i);
      check_reachable();
    }

    const std::string way = o == orientation::rising ? "higher values get better bands"
                                                     : "lower values get better bands";
    if ((ind.polarity == polarity::bigger_is_better && o == orientation::falling) ||
        (ind.polarity == polarity::smaller_is_better && o == orientation::rising)) {
      add(lint_code::polarity_conflict, severity::error,
          "the polarity is " + std::string(to_string(ind.polarity)) +
              (ind.polarity == polarity::bigger_is_better ? " (bigger is better)"
                                                          : " (smaller is better)") +
              " but in the rules " + way,
          "rules");
    }
    if (ind.polarity == polarity::neutral && o != orientation::none) {
      add(lint_code::polarity_missing, severity::info,
          "no polarity is declared; in the rules " + way + ", so they imply " +
              (o == orientation::rising ? "BIB (bigger is better)" : "SIB (smaller is better)"),
          "rules");
    }
    const double target = ind.target.value_or(no_figure);
    if (rules->needs_target() && !std::isfinite(target)) {
      add(lint_code::needs_target, severity::error,
          "the rules are relative to a target and the indicator has none: no value can be rated",
          "rules");
    }
    if (rules->needs_cohort() && !std::isfinite(cohort)) {
      add(lint_code::needs_denominator, severity::error,
          "the rules are relative to the size of a cohort, which is not given: no value can be "
          "rated without it",
          "rules");
    }
    if (std::isfinite(target) && rules->has(status::green)) {
      const evaluation e =
          evaluate(*rules, target, rating_inputs{target, cohort, ind.decimals}, ind.polarity);
      if (e.reason == reason::rated && better_than(status::green, e.rating)) {
        add(lint_code::target_not_green, severity::warning,
            "the target " + format_value(target, ind.unit) + " is itself rated " +
                std::string(to_string(e.rating)) + " by the rules (" +
                explain(e, &*rules, rating_inputs{target, cohort, ind.decimals}, ind.unit)
                    .substr(std::string(to_string(e.rating)).size() + 2) +
                ")",
            "target");
      }
    }
  }

  void check_series() {
    // Infinite values.
    for (std::size_t k = 0; k < series.size(); ++k)
      if (std::isinf(series[k].value))
        add(lint_code::value_not_finite, severity::error,
            "the value is " + std::string(series[k].value > 0 ? "+inf" : "-inf") +
                ", not a number that can be rated (a division by zero?)",
            period_of(series[k], k));

    // Zeros standing for missing figures in days or averages.
    if (ind.unit == unit::days || ind.unit == unit::average) {
      const bool others = std::any_of(series.begin(), series.end(), [](const observation& o) {
        return std::isfinite(o.value) && o.value != 0.0;
      });
      if (others)
        for (std::size_t k = 0; k < series.size(); ++k)
          if (series[k].value == 0.0)
            add(lint_code::suspicious_zero, severity::warning,
                std::string("a value of exactly 0 ") +
                    (ind.unit == unit::days ? "days" : "as an average") +
                    " where the other periods are not 0: probably a missing figure recorded as 0",
                period_of(series[k], k));
    }

    // Qualified figures: rated as the figure (or not at all, when suppressed), never silently.
    for (std::size_t k = 0; k < series.size(); ++k) {
      const observation& o = series[k];
      if (o.qualifier == qualifier::none) continue;
      add(lint_code::qualified_figure, severity::warning,
          o.qualifier == qualifier::suppressed
              ? "the value is suppressed" + (o.note.empty() ? std::string() : " (" + o.note + ")") +
                    ", so it is not rated"
              : "the value " + format_value(o.value, ind.unit) + " is " +
                    std::string(o.qualifier == qualifier::approximate ? "approximate"
                                : o.qualifier == qualifier::estimate  ? "an estimate"
                                : o.qualifier == qualifier::provisional ? "provisional"
                                                                        : "rounded") +
                    ": it is rated as written; confirm it",
          period_of(o, k));
    }

    // A fraction where percentage points are expected (0.96 beside a 95% target).
    if (ind.unit == unit::percent && ind.target && std::fabs(*ind.target) >= 10)
      for (std::size_t k = 0; k < series.size(); ++k) {
        const double v = series[k].value;
        if (!(std::isfinite(v) && v != 0.0 && std::fabs(v) <= 1)) continue;
        add(lint_code::scale_mismatch, severity::warning,
            "the value " + format_value(v, unit::count) + " beside a target of " +
                format_value(*ind.target, unit::percent) + " looks like a fraction (" +
                format_value(shift_decimal(v, 2), unit::percent) + "); it is rated as " +
                format_value(v, unit::percent),
            period_of(series[k], k));
        break;
      }

    // Periods the series skips.
    for (std::size_t k = 1; k < series.size(); ++k) {
      const auto& a = series[k - 1].period;
      const auto& b = series[k].period;
      if (!a || !b || a->kind() != b->kind() || a->length() != b->length()) continue;
      if (!(a->unqualified() < b->unqualified())) continue;  // (so a has a next period)
      if (a->unqualified().next() >= b->unqualified()) continue;
      const period missing = a->unqualified().next();
      add(lint_code::period_missing, severity::info,
          "there is no value for " + to_string(missing) + " between " + to_string(*a) + " and " +
              to_string(*b),
          to_string(missing));
    }

    // Qualifier notes that change: a change of definition.
    const observation* prev = nullptr;
    std::size_t prev_k = 0;
    for (std::size_t k = 0; k < series.size(); ++k) {
      const observation& o = series[k];
      if (std::isnan(o.value)) continue;
      if (prev != nullptr && !comparable(*prev, o)) {
        const auto noted = [](const observation& x) {
          const std::string_view n = trim(x.note);
          return n.empty() ? std::string("has no note") : "is noted " + quoted(n);
        };
        add(lint_code::definition_change, severity::warning,
            "the definition changes: " + period_of(*prev, prev_k) + " " + noted(*prev) + " and " +
                period_of(o, k) + " " + noted(o) +
                ", so the two values are not comparable and no direction of travel is given",
            period_of(o, k));
      }
      prev = &o;
      prev_k = k;
    }
  }

  void check_published() {
    indicator rated = ind;
    rated.rules = rules;
    for (std::size_t k = 0; k < series.size(); ++k) {
      const observation& o = series[k];
      const std::string_view label = trim(o.published);
      const bool latest = k + 1 == series.size();
      if (label.empty()) {
        if (latest && rules && std::isfinite(o.value)) {
          const evaluation e = evaluate(rated, o.value, cohort);
          add(lint_code::published_missing, severity::warning,
              "the value " + format_value(o.value, ind.unit) + " has no published status" +
                  (e.reason == reason::rated
                       ? " (the rules rate it " + std::string(to_string(e.rating)) + ")"
                       : std::string()),
              period_of(o, k));
        }
        continue;
      }
      if (!rules) continue;  // not rated: nothing to hold the label against
      const std::optional<status> st = parse_status(label);
      if (!st || !rules->has(*st)) {
        add(lint_code::published_unknown, severity::error,
            "the published status " + quoted(label) + " is not one of the rules' statuses (" +
                status_list(*rules) + ")",
            period_of(o, k));
        continue;
      }
      const evaluation e = evaluate(rated, o.value, cohort);
      if (e.reason == reason::rated && e.rating != *st) {
        const rating_inputs in{ind.target.value_or(no_figure), cohort, ind.decimals};
        const std::string why = explain(e, &*rules, in, ind.unit);
        add(lint_code::published_mismatch, severity::error,
            "published " + std::string(to_string(*st)) + " but the rules rate " +
                format_value(o.value, ind.unit) + " " + std::string(to_string(e.rating)) + " (" +
                why.substr(std::string(to_string(e.rating)).size() + 2) + ")",
            period_of(o, k));
      }
    }
  }
};

}  // namespace

std::vector<finding> lint(const indicator& ind, std::span<const observation> series,
                          std::string_view rule_text, double cohort) {
  if (std::isnan(cohort) && ind.cohort) cohort = *ind.cohort;
  linter l{ind, series, cohort, {}, std::nullopt, {}};
  l.read_rules(rule_text);
  l.check_rules();
  l.check_series();
  l.check_published();
  return std::move(l.out);
}

std::vector<finding> lint(const indicator& ind, std::span<const observation> series,
                          std::string_view rule_text) {
  return lint(ind, series, rule_text, no_figure);
}


direction travel(const indicator& ind, const observation& previous, const observation& current,
                 scale s) noexcept {
  if (!comparable(previous, current)) return direction::none;
  return travel(ind, previous.value, current.value, s);
}

}  // namespace indeval
