#include "indeval/evaluation.hpp"

#include <charconv>
#include <cmath>

namespace indeval {

namespace {

bool known(double x) noexcept { return std::isfinite(x); }

evaluation none_because(reason why) noexcept {
  evaluation e;
  e.reason = why;
  return e;
}

// How a value relates to a bound, in words: met ("at or above") or failed ("below").
std::string_view met_words(comparison op) noexcept {
  switch (op) {
    case comparison::at_least: return "at or above";
    case comparison::above: return "above";
    case comparison::at_most: return "at or below";
    case comparison::below: return "below";
  }
  return "?";
}
std::string_view failed_words(comparison op) noexcept {
  switch (op) {
    case comparison::at_least: return "below";
    case comparison::above: return "at or below";
    case comparison::at_most: return "above";
    case comparison::below: return "at or above";
  }
  return "?";
}

std::string shortest(double v) {
  if (v == 0.0) v = 0.0;  // no "-0"
  char buf[40];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// "85%", or "90% of target 94.4% = 84.96%" for a bound measured against a figure.
std::string describe_bound(const bound& b, double target, double cohort, unit u) {
  const double at = b.resolve(target, cohort);
  const std::string resolved = format_value(at, u);
  switch (b.base) {
    case basis::absolute: return resolved;
    case basis::target_percent:
      return resolved + " (" + shortest(b.number) + "% of target " + format_value(target, u) + ")";
    case basis::target_points:
      return resolved + " (target " + format_value(target, u) + (b.number < 0 ? " - " : " + ") +
             shortest(std::fabs(b.number)) + ")";
    case basis::cohort_percent:
      return resolved + " (" + shortest(b.number) + "% of cohort " + shortest(cohort) + ")";
  }
  return resolved;
}

}  // namespace

std::string format_value(double v, unit u, std::optional<int> decimals, scale s) {
  if (std::isnan(v)) return "no value";
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  v = as_points(v, s);
  std::string text;
  if (decimals) {
    // The figure rated: Excel's ROUND on the decimal as written, then printed at that many places
    // (the rounded double is the one nearest the decimal, so printing it adds no second rounding).
    const int places = *decimals < 0 ? 0 : (*decimals > max_decimals ? max_decimals : *decimals);
    v = round_decimal(v, places);
    if (v == 0.0) v = 0.0;  // no "-0.0"
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, places);
    text.assign(buf, res.ptr);
  } else {
    text = shortest(v);
  }
  return text.append(suffix(u));
}

evaluation evaluate(const rule_set& rules, double value, const rating_inputs& in,
                    polarity pol) noexcept {
  if (rules.empty()) return none_because(reason::not_rated);
  if (std::isnan(value)) return none_because(reason::no_data);
  if (std::isinf(value)) return none_because(reason::not_finite);
  const double target = known(in.target) ? as_points(in.target, in.scale) : no_figure;
  const double cohort = known(in.cohort) ? in.cohort : no_figure;
  if (rules.needs_target() && !known(target)) return none_because(reason::needs_target);
  if (rules.needs_cohort() && !known(cohort)) return none_because(reason::needs_cohort);

  evaluation e;
  e.reason = reason::rated;
  e.value = rated_value(value, in);
  e.target = target;
  const auto& bands = rules.bands();
  const std::size_t last = bands.size() - 1;
  std::size_t i = 0;
  for (; i < last; ++i) {
    const bound& t = *bands[i].threshold;
    if (t.holds(e.value, t.resolve(target, cohort))) break;
  }
  e.band = static_cast<int>(i);
  e.rating = bands[i].rating;
  const int sign = goodness_sign(pol, rules.orientation());
  if (known(target) && sign != 0) e.distance = (e.value - target) * sign;
  return e;
}

evaluation evaluate(const indicator& ind, double value, double cohort, scale s) noexcept {
  if (!ind.rules) return none_because(reason::not_rated);
  if (std::isnan(cohort) && ind.cohort) cohort = *ind.cohort;
  const rating_inputs in{ind.target.value_or(no_figure), cohort, ind.decimals, s};
  return evaluate(*ind.rules, value, in, ind.polarity);
}

std::string explain(const evaluation& e, const rule_set* rules, const rating_inputs& in, unit u) {
  const std::string head = std::string(to_string(e.rating)) + ": ";
  switch (e.reason) {
    case reason::no_data: return head + "no data";
    case reason::not_rated: return head + "not rated (no rule set)";
    case reason::not_finite: return head + "the value is not a finite number";
    case reason::needs_target: return head + "the rules are relative to a target, and there is none";
    case reason::needs_cohort:
      return head + "the rules are relative to a cohort size, and there is none";
    case reason::rated: break;
  }
  if (rules == nullptr || e.band < 0 || static_cast<std::size_t>(e.band) >= rules->size())
    return head + format_value(e.value, u, in.decimals);

  const auto& bands = rules->bands();
  const auto i = static_cast<std::size_t>(e.band);
  const double cohort = known(in.cohort) ? in.cohort : no_figure;
  std::string text = head + format_value(e.value, u, in.decimals);
  const auto clause = [&](const band& b, bool met) {
    const bound& t = *b.threshold;
    return std::string(met ? met_words(t.op) : failed_words(t.op)) + " the " +
           std::string(to_string(b.rating)) + " threshold of " +
           describe_bound(t, e.target, cohort, u);
  };
  const bool counts_threshold = i + 1 < bands.size() && bands[i].threshold;
  if (i > 0) {
    text += " is " + clause(bands[i - 1], false);
    if (counts_threshold) text += ", " + clause(bands[i], true);
  } else if (counts_threshold) {
    text += " is " + clause(bands[i], true);
  } else {
    text += " (the rule set's only band)";
  }
  return text;
}

std::string explain(const evaluation& e, const indicator& ind, double cohort, scale s) {
  if (std::isnan(cohort) && ind.cohort) cohort = *ind.cohort;
  const rating_inputs in{ind.target.value_or(no_figure), cohort, ind.decimals, s};
  return explain(e, ind.rules ? &*ind.rules : nullptr, in, ind.unit);
}

}  // namespace indeval
