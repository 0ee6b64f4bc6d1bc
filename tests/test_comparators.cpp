// Rules measured against comparators: England, the region, statistical neighbours, the previous
// period and last year.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "indeval/evaluation.hpp"
#include "indeval/lint.hpp"
#include "indeval/parse.hpp"

namespace {

using namespace indeval;

constexpr double missing = no_figure;

rating_inputs against(comparator c, double figure, std::optional<int> decimals = std::nullopt) {
  rating_inputs in;
  in.decimals = decimals;
  in.comparators[static_cast<std::size_t>(c)] = figure;
  return in;
}

std::string parse_error_of(std::string_view text, polarity p = polarity::neutral) {
  try {
    (void)parse_rules(text, p);
  } catch (const parse_error& e) {
    return e.what();
  }
  return "";
}

const rule_set england_rules = parse_rules(
    "Green: at or above the England average; Amber: within 5% of the England average; "
    "Red: otherwise");

}  // namespace

TEST(Comparators, EnglandAverageBands) {
  const auto& b = england_rules.bands();
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(*b[0].threshold, (bound{comparison::at_least, basis::england_points, 0}));
  EXPECT_EQ(*b[1].threshold, (bound{comparison::at_least, basis::england_percent, 95}));
  EXPECT_TRUE(england_rules.needs(comparator::england));
  EXPECT_FALSE(england_rules.needs(comparator::region));
  EXPECT_FALSE(england_rules.needs_target());
  // England 90: Green from 90, Amber from 85.5 (95% of 90, exactly as written), Red below.
  const auto rate = [](double v, double eng) {
    return evaluate(england_rules, v, against(comparator::england, eng)).rating;
  };
  EXPECT_EQ(rate(90, 90), status::green);
  EXPECT_EQ(rate(89.99, 90), status::amber);
  EXPECT_EQ(rate(85.5, 90), status::amber);
  EXPECT_EQ(rate(85.49, 90), status::red);
  // 95% of 2.3 is 2.185 as written, not the binary 2.1849999999999996.
  EXPECT_EQ(rate(2.185, 2.3), status::amber);
}

TEST(Comparators, MissingComparatorIsNoneWithItsReason) {
  for (double eng : {missing, HUGE_VAL, -HUGE_VAL}) {
    const evaluation e = evaluate(england_rules, 90, against(comparator::england, eng));
    EXPECT_EQ(e.rating, status::none);
    EXPECT_EQ(e.reason, reason::needs_comparator);
  }
  // Another comparator given does not stand in.
  EXPECT_EQ(evaluate(england_rules, 90, against(comparator::region, 90)).reason,
            reason::needs_comparator);
  // Precedence: no data, not finite, needs target, needs cohort, then needs comparator.
  EXPECT_EQ(evaluate(england_rules, missing, {}).reason, reason::no_data);
  EXPECT_EQ(evaluate(england_rules, HUGE_VAL, {}).reason, reason::not_finite);
  const rule_set both = parse_rules("Green: at or above target; Amber: at or above England; Red: otherwise");
  EXPECT_EQ(evaluate(both, 90, {}).reason, reason::needs_target);
  rating_inputs with_target;
  with_target.target = 95;
  EXPECT_EQ(evaluate(both, 90, with_target).reason, reason::needs_comparator);
  EXPECT_EQ(to_string(reason::needs_comparator), "needs comparator");
  EXPECT_EQ(static_cast<int>(reason::needs_comparator), 6);
}

TEST(Comparators, PointsBelowStatisticalNeighbours) {
  const rule_set r = parse_rules(
      "Green: at or above statistical neighbours; Amber: within 2 percentage points below "
      "statistical neighbours; Red: otherwise");
  EXPECT_EQ(*r.bands()[1].threshold, (bound{comparison::at_least, basis::neighbours_points, -2}));
  const auto rate = [&](double v) { return evaluate(r, v, against(comparator::neighbours, 60.3)).rating; };
  EXPECT_EQ(rate(60.3), status::green);
  EXPECT_EQ(rate(58.3), status::amber);  // 60.3 - 2 as written
  EXPECT_EQ(rate(58.29), status::red);
}

TEST(Comparators, BetterThanNeedsToKnowWhichWayIsBetter) {
  const std::string text = "Green: better than the regional average; Red: otherwise";
  const std::string message = parse_error_of(text);
  EXPECT_NE(message.find("'better than' needs to know which way is better"), std::string::npos)
      << message;
  EXPECT_NE(message.find("at character 7"), std::string::npos) << message;
  const rule_set bib = parse_rules(text, polarity::bigger_is_better);
  const rule_set sib = parse_rules(text, polarity::smaller_is_better);
  EXPECT_EQ(*bib.bands()[0].threshold, (bound{comparison::above, basis::region_points, 0}));
  EXPECT_EQ(*sib.bands()[0].threshold, (bound{comparison::below, basis::region_points, 0}));
  EXPECT_EQ(evaluate(bib, 51, against(comparator::region, 50)).rating, status::green);
  EXPECT_EQ(evaluate(bib, 50, against(comparator::region, 50)).rating, status::red);
  EXPECT_EQ(evaluate(sib, 49, against(comparator::region, 50)).rating, status::green);
  // The text's own hint serves as well; so do the text's other bounds.
  EXPECT_EQ(parse_rules(text + " (lower is better)"), sib);
  EXPECT_EQ(parse_rules("Green: 95% or better; Amber: 85% or better; Red: otherwise"),
            parse_rules("Green: 95% or above; Amber: 85% or above; Red: otherwise"));
  EXPECT_EQ(parse_rules("Green: 10 or better; Amber: 20 or better; Red: worse than 20"),
            parse_rules("Green: 10 or below; Amber: 20 or below; Red: above 20"));
}

TEST(Comparators, PreviousPeriodAndLastYearAreComparedAsRated) {
  const rule_set r = parse_rules(
      "Green: improved on the previous period; Amber: no worse than the same period last year; "
      "Red: otherwise",
      polarity::bigger_is_better);
  EXPECT_EQ(*r.bands()[0].threshold, (bound{comparison::above, basis::previous_points, 0}));
  EXPECT_EQ(*r.bands()[1].threshold, (bound{comparison::at_least, basis::previous_year_points, 0}));
  rating_inputs in = against(comparator::previous, 94.96, 1);
  in.comparators[static_cast<std::size_t>(comparator::previous_year)] = 94.9;
  // 94.95 and 94.96 both rate as 95.0 at 1 dp: not an improvement; 95.0 >= 94.9: Amber.
  EXPECT_EQ(evaluate(r, 94.95, in).rating, status::amber);
  EXPECT_EQ(evaluate(r, 95.05, in).rating, status::green);
  EXPECT_EQ(evaluate(r, 94.8, in).rating, status::red);
  // In fraction scale the comparators are fractions too.
  in.scale = scale::fraction;
  in.comparators[static_cast<std::size_t>(comparator::previous)] = 0.9496;
  in.comparators[static_cast<std::size_t>(comparator::previous_year)] = 0.949;
  EXPECT_EQ(evaluate(r, 0.9505, in).rating, status::green);
  EXPECT_EQ(parse_rules("Green: better than last year; Red: otherwise", polarity::bigger_is_better)
                .bands()[0].threshold->base,
            basis::previous_year_points);
}

TEST(Comparators, PhrasingsAndPossessives) {
  const auto first = [](std::string_view text, polarity p = polarity::neutral) {
    return *parse_rules(text, p).bands()[0].threshold;
  };
  EXPECT_EQ(first("Green: at or above England's average; Red: otherwise"),
            (bound{comparison::at_least, basis::england_points, 0}));
  EXPECT_EQ(first("Green: at or above the national rate; Red: otherwise"),
            (bound{comparison::at_least, basis::england_points, 0}));
  EXPECT_EQ(first("Green: 5% or more above our statistical neighbours' mean; Red: otherwise"),
            (bound{comparison::at_least, basis::neighbours_percent, 105}));
  EXPECT_EQ(first("Green: more than 5% below the regional average; Red: otherwise (lower is better)"),
            (bound{comparison::below, basis::region_percent, 95}));
  EXPECT_EQ(first("Green: 5 points or more below the regional average; Red: otherwise"),
            (bound{comparison::at_most, basis::region_points, -5}));
  EXPECT_EQ(first("Green: at least England + 2; Red: otherwise"),
            (bound{comparison::at_least, basis::england_points, 2}));
  EXPECT_EQ(first("Green: same as or better than last year; Red: otherwise", polarity::smaller_is_better),
            (bound{comparison::at_most, basis::previous_year_points, 0}));
  EXPECT_EQ(first("Green: in line with or better than the England average; Red: otherwise",
                  polarity::smaller_is_better),
            (bound{comparison::at_most, basis::england_points, 0}));
  EXPECT_EQ(parse_rules("Green: improvement on last year; Amber: same as last year; Red: worse "
                        "than last year",
                        polarity::bigger_is_better)
                .bands()[1]
                .threshold,
            (bound{comparison::at_least, basis::previous_year_points, 0}));
  EXPECT_EQ(first("Green: 95% of target or better; Red: otherwise", polarity::bigger_is_better),
            (bound{comparison::at_least, basis::target_percent, 95}));
  EXPECT_EQ(first("Green: within 3 percentage points of the England average; Red: otherwise"),
            (bound{comparison::at_least, basis::england_points, -3}));
}

TEST(Comparators, CanonicalTextReadsBack) {
  for (int b = 0; b < basis_count; ++b) {
    const auto base = static_cast<basis>(b);
    if (base == basis::absolute) continue;
    for (double number : {0.0, 2.5, -3.0, 95.0}) {
      if (is_percent_of(base) && number <= 0) continue;
      const rule_set r{band{status::green, bound{comparison::at_least, base, number}, std::nullopt},
                       band{status::red, std::nullopt, std::nullopt}};
      EXPECT_EQ(parse_rules(to_text(r)), r) << to_text(r);
    }
  }
}

TEST(Comparators, ExplanationsNameTheComparator) {
  const std::string line = explain(evaluate(england_rules, 86, against(comparator::england, 90)),
                                   &england_rules, against(comparator::england, 90), unit::percent);
  EXPECT_EQ(line,
            "Amber: 86% is below the Green threshold of 90% (England), at or above the Amber "
            "threshold of 85.5% (95% of England 90%)");
  EXPECT_EQ(explain(evaluation{status::none, reason::needs_comparator}, &england_rules, {}),
            "None: the rules are relative to the England figure, and there is none");
}

TEST(Comparators, LintFindsABandNoValueCanReach) {
  indicator ind;
  ind.polarity = polarity::bigger_is_better;
  const auto findings = lint(ind, {}, "Green: at or above England; Amber: at or above England + 2; Red: otherwise");
  bool found = false;
  for (const finding& f : findings)
    if (f.code == lint_code::band_unreachable) {
      found = true;
      EXPECT_NE(f.message.find("Amber can never be reached"), std::string::npos) << f.message;
    }
  EXPECT_TRUE(found);
  for (const finding& f : lint(ind, {}, "Green: at or above England; Amber: within 5% of England; Red: otherwise"))
    EXPECT_NE(f.code, lint_code::band_unreachable) << f.message;
  // "better than" in the methodology is read with the indicator's polarity.
  for (const finding& f : lint(ind, {}, "Green: better than the regional average; Red: otherwise"))
    EXPECT_NE(f.code, lint_code::rules_unreadable) << f.message;
}
