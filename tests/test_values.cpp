// The core value types as regular types: rule_set (no heap, "no rules" by default), indicator
// validation, unit names, observations carrying a period.
#include <gtest/gtest.h>

#include <cmath>
#include <type_traits>

#include "indeval/evaluation.hpp"
#include "indeval/indicator.hpp"
#include "indeval/observation.hpp"
#include "indeval/parse.hpp"
#include "indeval/scale.hpp"
#include "indeval/unit.hpp"

using namespace indeval;

static_assert(std::is_nothrow_default_constructible_v<rule_set>);
// Bands live inline: copying a rule set is a copy of bytes, never an allocation.
static_assert(std::is_trivially_copyable_v<rule_set>);
static_assert(std::is_trivially_copyable_v<band>);

TEST(RuleSetValue, DefaultIsNoRules) {
  const rule_set none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.worst(), status::none);
  EXPECT_EQ(none.orientation(), orientation::none);
  EXPECT_FALSE(none.has(status::red));
  const evaluation e = evaluate(none, 50.0);
  EXPECT_EQ(e.rating, status::none);
  EXPECT_EQ(e.reason, reason::not_rated);
  EXPECT_EQ(none, rule_set{});
  EXPECT_NE(none, parse_rules("Green >= 90; otherwise Red"));
  // An explicitly empty list is a mistake, not "no rules".
  EXPECT_THROW(rule_set(std::span<const band>{}), rule_set_error);
}

TEST(RuleSetValue, CopiesAndComparesByValue) {
  rule_set a = parse_rules("95% or above Green 85%-94% Amber 84% and below Red");
  const rule_set b = a;
  EXPECT_EQ(a, b);
  a = rule_set{};
  EXPECT_NE(a, b);
  EXPECT_EQ(b.size(), 3u);
  EXPECT_EQ(b.bands()[2].rating, status::red);
}

TEST(RuleSetValue, AtMostOneBandPerStatus) {
  const band g{status::green, bound{comparison::at_least, basis::absolute, 90}, {}};
  const band a{status::amber, bound{comparison::at_least, basis::absolute, 80}, {}};
  const band r{status::red, bound{comparison::at_least, basis::absolute, 70}, {}};
  const band b{status::blue, bound{comparison::at_least, basis::absolute, 99}, {}};
  EXPECT_EQ(rule_set({b, g, a, r}).size(), rule_set::max_bands);
  EXPECT_THROW(rule_set({b, g, a, r, r}), rule_set_error);
}

TEST(IndicatorValue, ValidatesItself) {
  indicator ind;
  ind.ref = "AMT 2";
  EXPECT_EQ(ind.problem(), "");
  EXPECT_NO_THROW(ind.validate());
  for (int d : {-1, 16, 1000}) {
    ind.decimals = d;
    EXPECT_NE(ind.problem().find("decimals"), std::string::npos) << d;
    EXPECT_THROW(ind.validate(), indicator_error);
  }
  for (int d : {0, 15}) {
    ind.decimals = d;
    EXPECT_EQ(ind.problem(), "");
  }
  for (double t : {double(INFINITY), double(-INFINITY), double(NAN)}) {
    ind.target = t;
    EXPECT_NE(ind.problem().find("target"), std::string::npos) << t;
  }
  ind.target = 95.0;
  for (double c : {double(INFINITY), double(NAN), -1.0}) {
    ind.cohort = c;
    EXPECT_NE(ind.problem().find("cohort"), std::string::npos) << c;
  }
  ind.cohort = 0.0;
  EXPECT_EQ(ind.problem(), "");
  try {
    ind.decimals = 99;
    ind.validate();
    FAIL();
  } catch (const indicator_error& e) {
    EXPECT_EQ(std::string(e.what()), "AMT 2: decimals must be 0..15, not 99");
  }
}

TEST(IndicatorValue, OwnCohortRatesRelativeRules) {
  indicator cp10;
  cp10.ref = "CP 10";
  cp10.rules = parse_rules("10% of cohort or below Green otherwise Red");
  EXPECT_EQ(evaluate(cp10, 14.0).reason, reason::needs_cohort);
  cp10.cohort = 140.0;
  EXPECT_EQ(evaluate(cp10, 14.0).rating, status::green);
  EXPECT_EQ(evaluate(cp10, 15.0).rating, status::red);
  EXPECT_EQ(evaluate(cp10, 15.0, 200.0).rating, status::green);  // the caller's cohort wins
}

TEST(UnitNames, BothWays) {
  for (unit u : {unit::count, unit::percent, unit::days, unit::average, unit::rate})
    EXPECT_EQ(parse_unit(to_string(u)), u);
  EXPECT_EQ(parse_unit(" % "), unit::percent);
  EXPECT_EQ(parse_unit("Percentage"), unit::percent);
  EXPECT_EQ(parse_unit("DAYS"), unit::days);
  EXPECT_EQ(parse_unit("furlongs"), std::nullopt);
  EXPECT_EQ(suffix(unit::percent), "%");
  EXPECT_EQ(suffix(unit::days), " days");
  EXPECT_EQ(suffix(unit::rate), "");
}

TEST(ObservationValue, CarriesAPeriod) {
  const observation nov("Nov-17", 63.9, "6m+", "Red");
  ASSERT_TRUE(nov.period.has_value());
  EXPECT_EQ(*nov.period, period::month(date::year{2017} / date::November));
  EXPECT_EQ(nov.label, "Nov-17");
  EXPECT_EQ(nov.name(), "Nov-17");
  const observation spelled("November 2017", 1);
  EXPECT_EQ(spelled.period, nov.period);
  EXPECT_EQ(spelled.name(), "Nov-17");
  const observation odd("previous", 1);
  EXPECT_FALSE(odd.period.has_value());
  EXPECT_EQ(odd.name(), "previous");
  const observation of_period(period::month(date::year{2018} / date::March), 2);
  EXPECT_EQ(of_period.label, "Mar-18");
}

TEST(ObservationValue, OneRuleForNotes) {
  EXPECT_TRUE(same_note("6m+", "6M+"));
  EXPECT_TRUE(same_note(" 6m+ ", "6m+"));
  EXPECT_FALSE(same_note("6m+", ""));
  EXPECT_TRUE(comparable(observation("Oct-17", 1, "6M+"), observation("Nov-17", 2, "6m+")));
}
