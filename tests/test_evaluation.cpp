#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <indeval/evaluation.hpp>

#include "seed_rules.hpp"

using namespace indeval;
using namespace indeval::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

status rate(const rule_set& r, double v, rating_inputs in = {}) { return evaluate(r, v, in).rating; }

indicator seed_indicator(std::string ref, polarity p, unit u, rule_set rules, double target) {
  indicator ind;
  ind.ref = std::move(ref);
  ind.polarity = p;
  ind.unit = u;
  ind.rules = std::move(rules);
  ind.target = target;
  return ind;
}

}  // namespace

TEST(Evaluate, SeedFiguresGetTheSeedsColours) {
  EXPECT_EQ(rate(amt2(), 63.9), status::red);     // AMT 2, Nov-17
  EXPECT_EQ(rate(w1(), 18), status::amber);       // W 1, Nov-17 (published "Yellow")
  EXPECT_EQ(rate(visits(), 90), status::amber);   // LAC 10, Nov-17
  EXPECT_EQ(rate(ad7(), 460), status::green);     // AD 7, Nov-17 (days)
  EXPECT_EQ(rate(visits(), 62), status::red);     // CIN 4, Nov-17
  EXPECT_EQ(rate(rising(60, 55), 70), status::green);  // LAC 19, Nov-17
  EXPECT_EQ(rate(rising(75, 65), 73), status::amber);  // LAC 20 (published "Yellow")
  EXPECT_EQ(rate(falling(20, 20.1, 22, 22.1), 28), status::red);  // W1 a
}

TEST(Evaluate, OnlyTheWorseSideBoundIsTheThreshold) {
  // "95% or above Green 85%-94% Amber 84% and below Red"
  EXPECT_EQ(rate(amt2(), 94.5), status::amber);  // above Amber's written 94, still Amber
  EXPECT_EQ(rate(amt2(), 84.5), status::red);    // above Red's written 84, still Red
  // "17 or below Green 18.1-20 Amber 20.1 and above Red"
  EXPECT_EQ(rate(w1(), 18), status::amber);      // below Amber's written 18.1, still Amber
  EXPECT_EQ(rate(w1(), 17.05), status::amber);
  EXPECT_EQ(rate(w1(), 20.05), status::red);
}

TEST(Evaluate, ExactThresholds) {
  EXPECT_EQ(rate(amt2(), 95), status::green);
  EXPECT_EQ(rate(amt2(), 85), status::amber);
  EXPECT_EQ(rate(amt2(), std::nextafter(95.0, 0.0)), status::amber);
  EXPECT_EQ(rate(amt2(), std::nextafter(85.0, 0.0)), status::red);
  EXPECT_EQ(rate(w1(), 17), status::green);
  EXPECT_EQ(rate(w1(), 20), status::amber);
  EXPECT_EQ(rate(w1(), std::nextafter(17.0, 100.0)), status::amber);
  const rule_set strict({band{status::green, above(10), {}}, band{status::red, {}, {}}});
  EXPECT_EQ(rate(strict, 10), status::red);
  EXPECT_EQ(rate(strict, std::nextafter(10.0, 11.0)), status::green);
  const rule_set strict_falling({band{status::green, below(10), {}}, band{status::red, {}, {}}});
  EXPECT_EQ(rate(strict_falling, 10), status::red);
  EXPECT_EQ(rate(strict_falling, 9.999), status::green);
}

TEST(Evaluate, RoundsOntoAThresholdWhenDecimalsAreDeclared) {
  rating_inputs one_dp;
  one_dp.decimals = 1;
  EXPECT_EQ(rate(amt2(), 94.95, one_dp), status::green);  // 94.95 -> 95.0
  EXPECT_EQ(rate(amt2(), 94.95), status::amber);          // no rounding declared
  EXPECT_EQ(rate(amt2(), 94.94, one_dp), status::amber);
  rating_inputs none_dp;
  none_dp.decimals = 0;
  EXPECT_EQ(rate(amt2(), 84.5, none_dp), status::amber);   // 84.5 -> 85
  EXPECT_EQ(rate(amt2(), 84.49, none_dp), status::red);
  EXPECT_EQ(rate(w1(), 17.4, none_dp), status::green);     // 17.4 -> 17
  EXPECT_EQ(rate(w1(), 20.5, none_dp), status::red);       // 20.5 -> 21
  rating_inputs two_dp;
  two_dp.decimals = 2;
  const rule_set at_268({band{status::green, at_least(2.68), {}}, band{status::red, {}, {}}});
  EXPECT_EQ(rate(at_268, 2.675, two_dp), status::green);  // as written, 2.675 rounds up
  const evaluation e = evaluate(amt2(), 94.95, one_dp);
  EXPECT_EQ(e.value, 95.0);
}

TEST(Evaluate, MissingValueIsNoData) {
  const evaluation e = evaluate(amt2(), std::nan(""));
  EXPECT_EQ(e.rating, status::none);
  EXPECT_EQ(e.reason, reason::no_data);
  EXPECT_EQ(e.band, -1);
  EXPECT_EQ(to_string(e.reason), "no data");
}

TEST(Evaluate, InfinityIsNotARating) {
  for (double v : {inf, -inf}) {
    const evaluation e = evaluate(amt2(), v);
    EXPECT_EQ(e.rating, status::none);
    EXPECT_EQ(e.reason, reason::not_finite);
    EXPECT_EQ(evaluate(w1(), v).reason, reason::not_finite);
  }
}

TEST(Evaluate, HugeAndNegativeValuesAreOrdinaryNumbers) {
  EXPECT_EQ(rate(amt2(), 1e300), status::green);
  EXPECT_EQ(rate(amt2(), -1e300), status::red);
  EXPECT_EQ(rate(w1(), -5), status::green);
  EXPECT_EQ(rate(amt2(), std::numeric_limits<double>::max(), {no_figure, no_figure, 2, scale::points}),
            status::green);
}

TEST(Evaluate, RelativeToTargetNeedsTheTarget) {
  // Green on or above target; Amber within 10% of target (>= 90% of it); Red otherwise.
  const rule_set r({band{status::green, bound{comparison::at_least, basis::target_percent, 100}, {}},
                    band{status::amber, bound{comparison::at_least, basis::target_percent, 90}, {}},
                    band{status::red, {}, {}}});
  rating_inputs in;
  in.target = 80;
  EXPECT_EQ(rate(r, 80, in), status::green);
  EXPECT_EQ(rate(r, 72, in), status::amber);
  EXPECT_EQ(rate(r, 71.9, in), status::red);
  for (double missing : {std::nan(""), inf, -inf}) {
    in.target = missing;
    const evaluation e = evaluate(r, 80, in);
    EXPECT_EQ(e.rating, status::none);
    EXPECT_EQ(e.reason, reason::needs_target);
    EXPECT_EQ(to_string(e.reason), "needs target");
  }
  // Points from target: "within 5 percentage points of target"
  const rule_set pts({band{status::green, bound{comparison::at_least, basis::target_points, 0}, {}},
                      band{status::amber, bound{comparison::at_least, basis::target_points, -5}, {}},
                      band{status::red, {}, {}}});
  in.target = 80;
  EXPECT_EQ(rate(pts, 75, in), status::amber);
  EXPECT_EQ(rate(pts, 74.9, in), status::red);
  // No data beats needs-target: a missing value is reported as missing.
  in.target = std::nan("");
  EXPECT_EQ(evaluate(r, std::nan(""), in).reason, reason::no_data);
}

TEST(Evaluate, RelativeToCohortNeedsTheCohort) {
  rating_inputs in;
  in.cohort = 140;  // 10% = 14, 15% = 21
  EXPECT_EQ(rate(cp10(), 14, in), status::green);  // CP 10, Nov-17, with a cohort of 140
  EXPECT_EQ(rate(cp10(), 21, in), status::amber);
  EXPECT_EQ(rate(cp10(), 21.5, in), status::red);
  in.cohort = std::nan("");
  EXPECT_EQ(evaluate(cp10(), 14, in).reason, reason::needs_cohort);  // CP 10 as published
  in.cohort = inf;
  EXPECT_EQ(evaluate(cp10(), 14, in).reason, reason::needs_cohort);
}

TEST(Evaluate, FractionScaleIsExplicitAndExact) {
  rating_inputs frac;
  frac.scale = scale::fraction;
  EXPECT_EQ(rate(amt2(), 0.639, frac), status::red);
  EXPECT_EQ(rate(amt2(), 0.95, frac), status::green);
  const rule_set at57({band{status::green, at_least(57), {}}, band{status::red, {}, {}}});
  EXPECT_EQ(rate(at57, 0.57, frac), status::green);  // 0.57 * 100 would be 56.99999999999999
  EXPECT_EQ(evaluate(amt2(), 0.639, frac).value, 63.9);
  // Without the option, 0.639 is 0.639 points.
  EXPECT_EQ(rate(amt2(), 0.639), status::red);
  EXPECT_EQ(rate(amt2(), 0.99), status::red);
  // The target is read in the same scale; the cohort never is.
  const rule_set on_target({band{status::green, bound{comparison::at_least, basis::target_percent, 100}, {}},
                            band{status::red, {}, {}}});
  frac.target = 0.57;
  EXPECT_EQ(rate(on_target, 0.57, frac), status::green);
  EXPECT_EQ(evaluate(on_target, 0.57, frac).target, 57.0);
}

TEST(Evaluate, NoRuleSetIsNotRated) {
  indicator mc1;
  mc1.ref = "MC 1";
  const evaluation e = evaluate(mc1, 188);
  EXPECT_EQ(e.rating, status::none);
  EXPECT_EQ(e.reason, reason::not_rated);
  EXPECT_EQ(evaluate(mc1, std::nan("")).reason, reason::not_rated);
  EXPECT_EQ(explain(e, mc1), "None: not rated (no rule set)");
}

TEST(Evaluate, SignedDistanceToTargetIsPositiveWhenBetter) {
  const indicator amt = seed_indicator("AMT 2", polarity::bigger_is_better, unit::percent, amt2(), 95);
  EXPECT_NEAR(evaluate(amt, 63.9).distance, -31.1, 1e-9);
  EXPECT_NEAR(evaluate(amt, 96).distance, 1.0, 1e-9);
  const indicator ad = seed_indicator("AD 7", polarity::smaller_is_better, unit::days, ad7(), 558);
  EXPECT_EQ(evaluate(ad, 460).distance, 98.0);
  EXPECT_EQ(evaluate(ad, 600).distance, -42.0);
  // No polarity: the rule set's orientation says which way is better.
  const indicator le2 = seed_indicator("LE 2", polarity::neutral, unit::percent, amt2(), 95);
  EXPECT_NEAR(evaluate(le2, 11).distance, -84.0, 1e-9);
  // No target: no distance.
  indicator no_target = amt;
  no_target.target.reset();
  EXPECT_TRUE(std::isnan(evaluate(no_target, 63.9).distance));
  // Indicator decimals apply.
  indicator rounded = amt;
  rounded.decimals = 1;
  EXPECT_EQ(evaluate(rounded, 94.95).rating, status::green);
}

TEST(Evaluate, BandIndexAndValueAreReported) {
  const evaluation e = evaluate(amt2(), 90);
  EXPECT_EQ(e.band, 1);
  EXPECT_EQ(e.reason, reason::rated);
  EXPECT_EQ(e.value, 90);
  const rule_set only({band{status::amber, std::nullopt, std::nullopt}});
  EXPECT_EQ(rate(only, -3), status::amber);
}

TEST(Explain, SaysWhichThresholdDecided) {
  const indicator amt = seed_indicator("AMT 2", polarity::bigger_is_better, unit::percent, amt2(), 95);
  EXPECT_EQ(explain(evaluate(amt, 63.9), amt), "Red: 63.9% is below the Amber threshold of 85%");
  EXPECT_EQ(explain(evaluate(amt, 90), amt),
            "Amber: 90% is below the Green threshold of 95%, at or above the Amber threshold of 85%");
  EXPECT_EQ(explain(evaluate(amt, 95), amt), "Green: 95% is at or above the Green threshold of 95%");
  const indicator ad = seed_indicator("AD 7", polarity::smaller_is_better, unit::days, ad7(), 558);
  EXPECT_EQ(explain(evaluate(ad, 700), ad), "Red: 700 days is above the Amber threshold of 608 days");
  indicator w = seed_indicator("W 1", polarity::smaller_is_better, unit::average, w1(), 17);
  EXPECT_EQ(explain(evaluate(w, 18), w),
            "Amber: 18 is above the Green threshold of 17, at or below the Amber threshold of 20");
  w.decimals = 1;
  EXPECT_EQ(explain(evaluate(w, 18), w),
            "Amber: 18.0 is above the Green threshold of 17, at or below the Amber threshold of 20");
}

TEST(Explain, NamesTheMissingPieceAndRelativeThresholds) {
  const rule_set amt = amt2();
  EXPECT_EQ(explain(evaluate(amt, std::nan("")), &amt), "None: no data");
  EXPECT_EQ(explain(evaluate(amt, inf), &amt), "None: the value is not a finite number");
  rating_inputs in;
  in.cohort = 140;
  const rule_set cp = cp10();
  EXPECT_EQ(explain(evaluate(cp, 30, in), &cp, in),
            "Red: 30 is above the Amber threshold of 21 (15% of cohort 140)");
  in.cohort = std::nan("");
  EXPECT_EQ(explain(evaluate(cp, 30, in), &cp, in),
            "None: the rules are relative to a cohort size, and there is none");
  const rule_set on_target({band{status::green, bound{comparison::at_least, basis::target_percent, 100}, {}},
                            band{status::amber, bound{comparison::at_least, basis::target_points, -5}, {}},
                            band{status::red, {}, {}}});
  in.target = 80;
  EXPECT_EQ(explain(evaluate(on_target, 70, in), &on_target, in, unit::percent),
            "Red: 70% is below the Amber threshold of 75% (target 80% - 5)");
  EXPECT_EQ(explain(evaluate(on_target, 81, in), &on_target, in, unit::percent),
            "Green: 81% is at or above the Green threshold of 80% (100% of target 80%)");
  in.target = std::nan("");
  EXPECT_EQ(explain(evaluate(on_target, 81, in), &on_target, in),
            "None: the rules are relative to a target, and there is none");
}
