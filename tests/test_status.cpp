#include <gtest/gtest.h>

#include <indeval/indicator.hpp>
#include <indeval/polarity.hpp>
#include <indeval/status.hpp>

using namespace indeval;

TEST(Status, CodesAreFixedForTheAbi) {
  EXPECT_EQ(static_cast<int>(status::none), 0);
  EXPECT_EQ(static_cast<int>(status::red), 1);
  EXPECT_EQ(static_cast<int>(status::amber), 2);
  EXPECT_EQ(static_cast<int>(status::green), 3);
  EXPECT_EQ(static_cast<int>(status::blue), 4);
}

TEST(Status, OrderedRedAmberGreenBlueWithNoneOutside) {
  EXPECT_TRUE(better_than(status::amber, status::red));
  EXPECT_TRUE(better_than(status::green, status::amber));
  EXPECT_TRUE(better_than(status::blue, status::green));
  EXPECT_FALSE(better_than(status::red, status::red));
  EXPECT_FALSE(better_than(status::red, status::none));
  EXPECT_FALSE(better_than(status::none, status::red));
  EXPECT_EQ(compare(status::none, status::green), std::partial_ordering::unordered);
  EXPECT_EQ(compare(status::none, status::none), std::partial_ordering::unordered);
  EXPECT_EQ(compare(status::green, status::green), std::partial_ordering::equivalent);
  EXPECT_FALSE(is_rated(status::none));
  EXPECT_FALSE(is_rated(static_cast<status>(7)));
}

TEST(Status, NamesRoundTripInAnyCase) {
  for (status s : {status::none, status::red, status::amber, status::green, status::blue})
    EXPECT_EQ(parse_status(to_string(s)), s);
  EXPECT_EQ(parse_status(" aMbEr "), status::amber);
  EXPECT_EQ(parse_status("RED"), status::red);
  EXPECT_EQ(parse_status("Yellow"), std::nullopt);
  EXPECT_EQ(parse_status(""), std::nullopt);
  EXPECT_EQ(parse_status("Re"), std::nullopt);
  EXPECT_EQ(to_string(static_cast<status>(9)), "None");
}

TEST(Polarity, ParsesScorecardAndLaitSpellings) {
  EXPECT_EQ(parse_polarity("BIB"), polarity::bigger_is_better);
  EXPECT_EQ(parse_polarity("bib"), polarity::bigger_is_better);
  EXPECT_EQ(parse_polarity("High"), polarity::bigger_is_better);
  EXPECT_EQ(parse_polarity("HIGH"), polarity::bigger_is_better);
  EXPECT_EQ(parse_polarity("SIB"), polarity::smaller_is_better);
  EXPECT_EQ(parse_polarity(" low "), polarity::smaller_is_better);
  EXPECT_EQ(parse_polarity(""), polarity::neutral);
  EXPECT_EQ(parse_polarity("   "), polarity::neutral);
  EXPECT_EQ(parse_polarity("-"), polarity::neutral);
  EXPECT_EQ(parse_polarity("NA"), polarity::neutral);
  EXPECT_EQ(parse_polarity("na"), polarity::neutral);
  EXPECT_EQ(parse_polarity("Bigger"), std::nullopt);
  EXPECT_EQ(parse_polarity("BIBS"), std::nullopt);
  EXPECT_EQ(to_string(polarity::bigger_is_better), "BIB");
  EXPECT_EQ(to_string(polarity::smaller_is_better), "SIB");
  EXPECT_EQ(to_string(polarity::neutral), "");
}

TEST(Unit, ParsesNamesAndPercentSign) {
  EXPECT_EQ(parse_unit("percent"), unit::percent);
  EXPECT_EQ(parse_unit("%"), unit::percent);
  EXPECT_EQ(parse_unit("Days"), unit::days);
  EXPECT_EQ(parse_unit("average"), unit::average);
  EXPECT_EQ(parse_unit("rate"), unit::rate);
  EXPECT_EQ(parse_unit("count"), unit::count);
  EXPECT_EQ(parse_unit("weeks"), std::nullopt);
}
