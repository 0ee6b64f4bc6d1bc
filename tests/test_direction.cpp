#include <gtest/gtest.h>

#include <indeval/direction.hpp>

#include "seed_rules.hpp"

using namespace indeval;
using namespace indeval::test;

TEST(Direction, ByDeclaredPolarity) {
  EXPECT_EQ(travel(62, 63.9, polarity::bigger_is_better, orientation::none), direction::improved);
  EXPECT_EQ(travel(67.7, 63.9, polarity::bigger_is_better, orientation::none), direction::declined);
  EXPECT_EQ(travel(17, 18, polarity::smaller_is_better, orientation::none), direction::declined);
  EXPECT_EQ(travel(30, 28, polarity::smaller_is_better, orientation::none), direction::improved);
  // The declared polarity wins over the rules' orientation (QA 1: SIB with rising rules).
  EXPECT_EQ(travel(45, 43, polarity::smaller_is_better, orientation::rising), direction::improved);
}

TEST(Direction, ByOrientationWhenNoPolarity) {
  EXPECT_EQ(travel(55, 11, polarity::neutral, orientation::rising), direction::declined);  // LE 2
  EXPECT_EQ(travel(20, 16, polarity::neutral, orientation::falling), direction::improved);
}

TEST(Direction, UpOrDownWhenNothingSaysWhichWayIsGood) {
  EXPECT_EQ(travel(212, 188, polarity::neutral, orientation::none), direction::down);  // MC 1
  EXPECT_EQ(travel(98, 109, polarity::neutral, orientation::none), direction::up);     // LE 3
  EXPECT_EQ(travel(98, 98, polarity::neutral, orientation::none), direction::same);
}

TEST(Direction, EqualAfterRoundingIsSame) {
  EXPECT_EQ(travel(63.94, 63.91, polarity::bigger_is_better, orientation::none, 1), direction::same);
  EXPECT_EQ(travel(63.94, 63.91, polarity::bigger_is_better, orientation::none), direction::declined);
  EXPECT_EQ(travel(63.94, 63.96, polarity::bigger_is_better, orientation::none, 1), direction::improved);
  EXPECT_EQ(travel(2.675, 2.68, polarity::bigger_is_better, orientation::none, 2), direction::same);
  EXPECT_EQ(travel(0.57, 0.5700000001, polarity::bigger_is_better, orientation::none, 1, scale::fraction),
            direction::same);
}

TEST(Direction, MissingOrInfiniteValueHasNoDirection) {
  EXPECT_EQ(travel(std::nan(""), 5, polarity::bigger_is_better, orientation::none), direction::none);
  EXPECT_EQ(travel(5, std::nan(""), polarity::bigger_is_better, orientation::none), direction::none);
  EXPECT_EQ(travel(5, INFINITY, polarity::neutral, orientation::none), direction::none);
  EXPECT_EQ(travel(-INFINITY, 5, polarity::neutral, orientation::none), direction::none);
  EXPECT_EQ(to_string(direction::none), "-");
}

TEST(Direction, OfAnIndicatorUsesItsPolarityRulesAndDecimals) {
  indicator le2;
  le2.ref = "LE 2";
  le2.rules = amt2();
  EXPECT_EQ(travel(le2, 55, 11), direction::declined);
  indicator w;
  w.ref = "W 1";
  w.polarity = polarity::smaller_is_better;
  w.decimals = 0;
  EXPECT_EQ(travel(w, 17.2, 16.8), direction::same);
  EXPECT_EQ(travel(w, 18, 16), direction::improved);
}

TEST(Direction, CodesAreFixedForTheAbi) {
  EXPECT_EQ(static_cast<int>(direction::none), 0);
  EXPECT_EQ(static_cast<int>(direction::improved), 1);
  EXPECT_EQ(static_cast<int>(direction::declined), 2);
  EXPECT_EQ(static_cast<int>(direction::same), 3);
  EXPECT_EQ(static_cast<int>(direction::up), 4);
  EXPECT_EQ(static_cast<int>(direction::down), 5);
}
