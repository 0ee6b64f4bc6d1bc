#include <gtest/gtest.h>

#include <indeval/rule_set.hpp>

#include "seed_rules.hpp"

using namespace indeval;
using namespace indeval::test;

namespace {

std::string error_of(std::vector<band> bands) {
  try {
    rule_set r(std::move(bands));
  } catch (const rule_set_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(RuleSet, OrientationComesFromTheBandsNotThePolarity) {
  EXPECT_EQ(amt2().orientation(), orientation::rising);
  EXPECT_EQ(w1().orientation(), orientation::falling);
  EXPECT_EQ(ad7().orientation(), orientation::falling);
  EXPECT_EQ(rule_set({band{status::red, std::nullopt, std::nullopt}}).orientation(),
            orientation::none);
  // A single band with a threshold still says which way it runs.
  EXPECT_EQ(rule_set({band{status::green, at_most(0), std::nullopt}}).orientation(),
            orientation::falling);
}

TEST(RuleSet, KnowsWhatFiguresItNeeds) {
  EXPECT_FALSE(amt2().needs_target());
  EXPECT_FALSE(amt2().needs_cohort());
  EXPECT_TRUE(cp10().needs_cohort());
  EXPECT_FALSE(cp10().needs_target());
  const rule_set on_target({band{status::green, bound{comparison::at_least, basis::target_percent, 100}, {}},
                            band{status::red, std::nullopt, std::nullopt}});
  EXPECT_TRUE(on_target.needs_target());
  // A limit never decides a rating, so a relative limit alone needs no figure.
  const rule_set limit_only({band{status::green, at_least(90), {}},
                             band{status::red, std::nullopt, bound{comparison::below, basis::target_percent, 100}}});
  EXPECT_FALSE(limit_only.needs_target());
}

TEST(RuleSet, RefusesNoBands) {
  EXPECT_EQ(error_of({}), "a rule set needs at least one band");
}

TEST(RuleSet, RefusesStatusesOutOfOrderOrRepeated) {
  EXPECT_NE(error_of({band{status::red, at_least(10), {}}, band{status::green, {}, {}}})
                .find("band 2 (Green): bands must run best to worst"),
            std::string::npos);
  EXPECT_NE(error_of({band{status::green, at_least(10), {}}, band{status::green, {}, {}}})
                .find("Green follows Green"),
            std::string::npos);
  EXPECT_NE(error_of({band{status::none, {}, {}}}).find("band 1 (None)"), std::string::npos);
}

TEST(RuleSet, RefusesAMissingThresholdAboveTheWorstBand) {
  EXPECT_NE(error_of({band{status::green, std::nullopt, {}}, band{status::red, {}, {}}})
                .find("band 1 (Green): only the worst band may have no threshold"),
            std::string::npos);
}

TEST(RuleSet, RefusesThresholdsRunningBothWays) {
  EXPECT_NE(error_of({band{status::green, at_least(90), {}}, band{status::amber, at_most(80), {}},
                      band{status::red, {}, {}}})
                .find("band 2 (Amber)"),
            std::string::npos);
  // A limit must face the other way from the thresholds.
  EXPECT_NE(error_of({band{status::green, at_least(90), {}},
                      band{status::amber, at_least(80), at_least(89)}, band{status::red, {}, {}}})
                .find("limit"),
            std::string::npos);
  EXPECT_NE(error_of({band{status::green, at_least(90), {}}, band{status::red, at_most(10), {}}})
                .find("band 2 (Red)"),
            std::string::npos);
}

TEST(RuleSet, RefusesNonFiniteNumbers) {
  EXPECT_NE(error_of({band{status::green, at_least(NAN), {}}, band{status::red, {}, {}}})
                .find("finite"),
            std::string::npos);
  EXPECT_NE(error_of({band{status::green, at_least(90), at_most(INFINITY)}, band{status::red, {}, {}}})
                .find("finite"),
            std::string::npos);
}

TEST(RuleSet, EqualityIsByBands) {
  EXPECT_EQ(amt2(), amt2());
  EXPECT_NE(amt2(), visits());
  EXPECT_TRUE(amt2().has(status::amber));
  EXPECT_FALSE(amt2().has(status::blue));
  EXPECT_EQ(amt2().worst(), status::red);
}

TEST(Bound, ResolvesAgainstTargetAndCohort) {
  EXPECT_EQ((bound{comparison::at_least, basis::absolute, 85}.resolve(NAN, NAN)), 85);
  EXPECT_EQ((bound{comparison::at_least, basis::target_percent, 90}.resolve(80, NAN)), 72);
  EXPECT_EQ((bound{comparison::at_least, basis::target_points, -5}.resolve(80, NAN)), 75);
  EXPECT_EQ((bound{comparison::at_most, basis::cohort_percent, 10}.resolve(NAN, 140)), 14);
  EXPECT_TRUE(std::isnan(bound{comparison::at_least, basis::target_percent, 90}.resolve(NAN, 5)));
  EXPECT_TRUE(std::isnan(bound{comparison::at_least, basis::target_points, 0}.resolve(INFINITY, 5)));
  EXPECT_TRUE(std::isnan(bound{comparison::at_most, basis::cohort_percent, 10}.resolve(5, -INFINITY)));
}

TEST(Bound, ComparisonsAtTheThreshold) {
  EXPECT_TRUE((bound{comparison::at_least}.holds(5, 5)));
  EXPECT_FALSE((bound{comparison::above}.holds(5, 5)));
  EXPECT_TRUE((bound{comparison::at_most}.holds(5, 5)));
  EXPECT_FALSE((bound{comparison::below}.holds(5, 5)));
  EXPECT_FALSE((bound{comparison::at_least}.holds(5, NAN)));
}
