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
std::string describe_bound(const bound& b, const reference_figures& figures, unit u) {
  const std::string resolved = format_value(b.resolve(figures), u);
  if (b.base == basis::absolute) return resolved;
  const double of = figures.of(b.base);
  const std::string name(figure_name(b.base));
  if (needs_cohort(b.base))
    return resolved + " (" + shortest(b.number) + "% of cohort " + shortest(of) + ")";
  if (is_percent_of(b.base))
    return resolved + " (" + shortest(b.number) + "% of " + name + " " + format_value(of, u) + ")";
  if (b.number == 0.0) return resolved + " (" + name + ")";
  return resolved + " (" + name + " " + format_value(of, u) + (b.number < 0 ? " - " : " + ") +
         shortest(std::fabs(b.number)) + ")";
}

// The first comparator the rules need that the figures lack.
std::optional<comparator> missing_comparator(const rule_set& rules,
                                             const reference_figures& figures) noexcept {
  for (int c = 0; c < comparator_count; ++c)
    if (rules.needs(static_cast<comparator>(c)) &&
        !known(figures.comparators[static_cast<std::size_t>(c)]))
      return static_cast<comparator>(c);
  return std::nullopt;
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

reference_figures compared_figures(const rating_inputs& in) noexcept {
  reference_figures f;
  f.target = known(in.target) ? as_points(in.target, in.scale) : no_figure;
  f.cohort = known(in.cohort) ? in.cohort : no_figure;
  for (int c = 0; c < comparator_count; ++c) {
    const double x = in.comparators[static_cast<std::size_t>(c)];
    const bool own = c == static_cast<int>(comparator::previous) ||
                     c == static_cast<int>(comparator::previous_year);
    f.comparators[static_cast<std::size_t>(c)] =
        !known(x) ? no_figure : (own ? rated_value(x, in) : as_points(x, in.scale));
  }
  return f;
}

evaluation evaluate(const rule_set& rules, double value, const rating_inputs& in,
                    polarity pol) noexcept {
  if (rules.empty()) return none_because(reason::not_rated);
  if (std::isnan(value)) return none_because(reason::no_data);
  if (std::isinf(value)) return none_because(reason::not_finite);
  const reference_figures figures = compared_figures(in);
  if (rules.needs_target() && !known(figures.target)) return none_because(reason::needs_target);
  if (rules.needs_cohort() && !known(figures.cohort)) return none_because(reason::needs_cohort);
  if (missing_comparator(rules, figures)) return none_because(reason::needs_comparator);

  evaluation e;
  e.reason = reason::rated;
  e.value = rated_value(value, in);
  e.target = figures.target;
  const auto& bands = rules.bands();
  const std::size_t last = bands.size() - 1;
  std::size_t i = 0;
  for (; i < last; ++i) {
    const bound& t = *bands[i].threshold;
    if (t.holds(e.value, t.resolve(figures))) break;
  }
  e.band = static_cast<int>(i);
  e.rating = bands[i].rating;
  const int sign = goodness_sign(pol, rules.orientation());
  if (known(e.target) && sign != 0) e.distance = (e.value - e.target) * sign;
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
    case reason::needs_comparator: {
      const auto c = rules != nullptr ? missing_comparator(*rules, compared_figures(in)) : std::nullopt;
      return head + "the rules are relative to " +
             (c ? "the " + std::string(to_string(*c)) + " figure" : std::string("a comparator")) +
             ", and there is none";
    }
    case reason::rated: break;
  }
  if (rules == nullptr || e.band < 0 || static_cast<std::size_t>(e.band) >= rules->size())
    return head + format_value(e.value, u, in.decimals);

  const auto& bands = rules->bands();
  const auto i = static_cast<std::size_t>(e.band);
  const reference_figures figures = compared_figures(in);
  std::string text = head + format_value(e.value, u, in.decimals);
  const auto clause = [&](const band& b, bool met) {
    const bound& t = *b.threshold;
    return std::string(met ? met_words(t.op) : failed_words(t.op)) + " the " +
           std::string(to_string(b.rating)) + " threshold of " +
           describe_bound(t, figures, u);
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
