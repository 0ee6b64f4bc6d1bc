#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <indeval/parse.hpp>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "seed_rules.hpp"

#include "test_data.hpp"

using namespace indeval;

namespace {

// ---- the seed scorecard's methodology column --------------------------------------------------

using indeval::test::seed_path;
using indeval::test::split_tabs;

struct methodology {
  std::string ref;
  std::string text;
};

// Every indicator row of the seed's tables with its "RAG Methodology" cell; nullopt when the file
// cannot be read.
std::optional<std::vector<methodology>> seed_methodologies() {
  std::ifstream in(seed_path());
  if (!in) return std::nullopt;
  std::vector<methodology> rows;
  std::string line;
  constexpr std::size_t no_column = std::string::npos;
  std::size_t column = no_column;  // of "RAG Methodology" in the table being read
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto cells = split_tabs(line);
    if (cells[0] == "Indicator Number") {
      column = no_column;
      for (std::size_t i = 0; i < cells.size(); ++i)
        if (cells[i] == "RAG Methodology") column = i;
      continue;
    }
    if (column == no_column) continue;
    if (line.empty() || cells[0].empty() || cells[0] == "Improvement Activity" ||
        cells[0] == "Next Steps") {
      column = no_column;
      continue;
    }
    rows.push_back({cells[0], column < cells.size() ? cells[column] : std::string()});
  }
  return rows;
}

// ---- helpers
// -------------------------------------------------------------------------------------

bound b(comparison c, double x, basis base = basis::absolute) { return bound{c, base, x}; }
constexpr auto ge = comparison::at_least;
constexpr auto gt = comparison::above;
constexpr auto le = comparison::at_most;
constexpr auto lt = comparison::below;

band green(std::optional<bound> t, std::optional<bound> l = std::nullopt) {
  return band{status::green, t, l};
}
band amber(std::optional<bound> t, std::optional<bound> l = std::nullopt) {
  return band{status::amber, t, l};
}
band red(std::optional<bound> t = std::nullopt, std::optional<bound> l = std::nullopt) {
  return band{status::red, t, l};
}

// The error text parse_rules gives, or "" when it parses.
std::pair<std::string, std::size_t> error_of(std::string_view text) {
  try {
    (void)parse_rules(text);
  } catch (const parse_error& e) {
    return {e.what(), e.position()};
  }
  return {"", 0};
}

bool whole_text_error(std::string_view text) {
  try {
    (void)parse_rules(text);
  } catch (const parse_error& e) {
    return e.whole_text();
  }
  return false;
}

}  // namespace

// ---- the seed
// --------------------------------------------------------------------------------------

TEST(ParseSeed, EveryMethodologyInTheSeedParses) {
  const auto rows = seed_methodologies();
  ASSERT_TRUE(rows.has_value()) << "cannot read the seed scorecard at " << seed_path()
                                << "";
  std::size_t parsed = 0;
  for (const auto& row : *rows) {
    if (row.text.empty()) continue;
    SCOPED_TRACE(row.ref + ": " + row.text);
    EXPECT_NO_THROW({
      const rule_set r = parse_rules(row.text);
      EXPECT_EQ(r.size(), 3u);
      EXPECT_EQ(parse_rules(to_text(r)), r);
    });
    ++parsed;
  }
  // 34 indicator rows, 28 with a methodology (MC 1, LE 3, CL 1, CL 2, CL 3 and QA 2 have none).
  EXPECT_EQ(rows->size(), 34u);
  EXPECT_EQ(parsed, 28u);
}

TEST(ParseSeed, SeedRulesReadAsTheHandBuiltOnes) {
  EXPECT_EQ(parse_rules("95% or above Green 85%-94% Amber 84% and below Red"), test::amt2());
  EXPECT_EQ(parse_rules("98% or above Green 90%-97% Amber 89% and below Red"), test::visits());
  EXPECT_EQ(parse_rules("17 or below Green 18.1-20 Amber 20.1 and above Red"), test::w1());
  EXPECT_EQ(parse_rules("558 or below Green 559 to 608 Amber 609 and above Red"), test::ad7());
  EXPECT_EQ(parse_rules("10% of cohort or below Green 10-15% Amber 16% and above Red"),
            test::cp10());
  // FD 8's overlapping bands are read as written (lint reports the overlap).
  EXPECT_EQ(parse_rules("22% or below Green 21% - 25% Amber 26% and above Red"),
            test::falling(22, 21, 25, 26));
}

TEST(ParseSeed, BriefExamplesGiveThresholdsOnTheWorseSide) {
  EXPECT_EQ(
      parse_rules("95% or above Green 85%-94% Amber 84% and below Red"),
      rule_set({green(b(ge, 95)), amber(b(ge, 85), b(le, 94)), red(std::nullopt, b(le, 84))}));
  EXPECT_EQ(
      parse_rules("17 or below Green 18.1-20 Amber 20.1 and above Red"),
      rule_set({green(b(le, 17)), amber(b(le, 20), b(ge, 18.1)), red(std::nullopt, b(ge, 20.1))}));
  EXPECT_EQ(parse_rules("95% or above Green 85%-94% Amber 84% and below Red").orientation(),
            orientation::rising);
  EXPECT_EQ(parse_rules("17 or below Green 18.1-20 Amber 20.1 and above Red").orientation(),
            orientation::falling);
}

// ---- phrasings
// -----------------------------------------------------------------------------------

TEST(ParsePhrasing, AtOrBeyondIsInclusive) {
  for (const char* p : {"95 or above", "95 and above", "95 or more", "95 and over", "95+", "95%+",
                        "at least 95", ">= 95", "≥ 95", "≥95%", "=> 95", "95 or higher",
                        "not less than 95", "95 percent or above", "95 per cent or more"}) {
    SCOPED_TRACE(p);
    EXPECT_EQ(parse_rules(std::string("Green: ") + p + "; Red: otherwise"),
              rule_set({green(b(ge, 95)), red()}));
  }
  for (const char* p : {"20 or below", "20 and below", "20 or less", "20 or under", "20 or fewer",
                        "no more than 20", "at or below 20", "<= 20", "≤ 20", "≤20", "=< 20",
                        "up to 20", "at most 20", "20 days or less", "not more than 20"}) {
    SCOPED_TRACE(p);
    EXPECT_EQ(parse_rules(std::string("Green: ") + p + "; Red: otherwise"),
              rule_set({green(b(le, 20)), red()}));
  }
}

TEST(ParsePhrasing, StrictlyBeyondIsExclusive) {
  for (const char* p : {"above 95", "over 95", "more than 95", "greater than 95", "> 95", ">95%",
                        "exceeding 95", "higher than 95"}) {
    SCOPED_TRACE(p);
    EXPECT_EQ(parse_rules(std::string("Green: ") + p + "; Red: otherwise"),
              rule_set({green(b(gt, 95)), red()}));
  }
  for (const char* p :
       {"below 20", "under 20", "less than 20", "fewer than 20", "< 20", "<20", "lower than 20"}) {
    SCOPED_TRACE(p);
    EXPECT_EQ(parse_rules(std::string("Green: ") + p + "; Red: otherwise"),
              rule_set({green(b(lt, 20)), red()}));
  }
}

TEST(ParsePhrasing, RangesTakeTheirThresholdFromTheOrientation) {
  const rule_set rising({green(b(ge, 95)), amber(b(ge, 85), b(le, 94)), red()});
  const rule_set falling({green(b(le, 84)), amber(b(le, 94), b(ge, 85)), red()});
  for (const char* r : {"85-94", "85 - 94", "85 – 94", "85–94", "85 — 94", "85 to 94",
                        "between 85 and 94", "from 85 to 94", "85%-94%", "85-94%", "94-85"}) {
    SCOPED_TRACE(r);
    EXPECT_EQ(parse_rules(std::string("Green: 95 or above; Amber: ") + r + "; Red: otherwise"),
              rising);
    EXPECT_EQ(parse_rules(std::string("Green: 84 or below; Amber: ") + r + "; Red: otherwise"),
              falling);
  }
}

TEST(ParsePhrasing, SingleValuesAreThresholdAndLimitAtOnce) {
  // Orientation from the worst band's half-open bound: "4 or more" Red is its limit, so falling.
  EXPECT_EQ(parse_rules("Green: 0, Amber: 1-3, Red: 4 or more"),
            rule_set({green(b(le, 0), b(ge, 0)), amber(b(le, 3), b(ge, 1)),
                      red(std::nullopt, b(ge, 4))}));
  // Only single values: the numbers say which way.
  EXPECT_EQ(parse_rules("Green: 0; Red: 1").orientation(), orientation::falling);
  EXPECT_EQ(parse_rules("Green: 10; Red: 1").orientation(), orientation::rising);
  EXPECT_EQ(parse_rules("Blue: 100%, Green: 95-99%, Amber: 85-94%, Red: below 85%"),
            rule_set({band{status::blue, b(ge, 100), b(le, 100)}, green(b(ge, 95), b(le, 99)),
                      amber(b(ge, 85), b(le, 94)), red(std::nullopt, b(lt, 85))}));
  EXPECT_EQ(parse_rules("Green = 0; Red: otherwise"), rule_set({green(b(ge, 0), b(le, 0)), red()}));
}

// An open bound may carry its unit after the suffix; it reads as the same bound without it.
TEST(ParsePhrasing, AnOpenBoundMayBeFollowedByItsUnit) {
  const rule_set days = parse_rules("Green: 0-5; Amber: 6-10; Red: 11+");
  EXPECT_EQ(parse_rules("Green: 0-5 days; Amber: 6-10 days; Red: 11+ days"), days);
  EXPECT_EQ(parse_rules("Red: 11 or more working days; Amber: 6-10; Green: 0-5"), days);
  EXPECT_EQ(parse_rules("Green: 0-5; Amber: 6-10; Red: 11 and over days"), days);
  // A percentage after the suffix is the same percentage as before it.
  EXPECT_EQ(parse_rules("95+ % Green 85-94% Amber 84% and below Red"),
            parse_rules("95%+ Green 85-94% Amber 84% and below Red"));
  EXPECT_EQ(parse_rules("Green: 95 or above percent; Red: otherwise"),
            parse_rules("Green: 95% or above; Red: otherwise"));
  // Exact boundaries rate as the unit-less bound does.
  const rule_set r = parse_rules("Green: 5 or fewer days; Red: 6+ days");
  EXPECT_EQ(parse_rules(to_text(r)), r);
  EXPECT_EQ(r, parse_rules("Green: 5 or fewer; Red: 6+"));
  // One unit only: a unit on both sides, or a basis followed by a unit, is still refused.
  EXPECT_NE(error_of("Green: 5 days or fewer days; Red: otherwise").first, "");
  EXPECT_NE(error_of("Green: 90% of target or above percent; Red: otherwise").first, "");
}

TEST(ParsePhrasing, OtherwiseTakesTheRest) {
  const rule_set expected({green(b(ge, 95)), amber(b(ge, 85), b(le, 94)), red()});
  for (const char* t :
       {"Green: 95%+; Amber: 85-94%; otherwise Red", "Green: 95%+; Amber: 85-94%; Red: otherwise",
        "Green: 95%+; Amber: 85-94%; Red otherwise", "95%+ Green, 85-94% Amber, otherwise Red",
        "95%+ Green, 85-94% Amber, Red otherwise", "95%+ Green, 85-94% Amber, all other values Red",
        "Green if 95%+, Amber if 85-94%, else Red",
        "Green: 95%+; Amber: 85-94%; Red: anything else"}) {
    SCOPED_TRACE(t);
    EXPECT_EQ(parse_rules(t), expected);
  }
}

TEST(ParsePhrasing, StatusWordsInAnyCaseAndBandsInAnyOrder) {
  const rule_set expected(
      {green(b(ge, 95)), amber(b(ge, 85), b(le, 94)), red(std::nullopt, b(lt, 85))});
  for (const char* t : {"GREEN: 95 or above; amber: 85-94; rEd: below 85",
                        "Red: below 85; Green: 95 or above; Amber: 85-94",
                        "Amber: 85-94; Red: below 85; Green: 95 or above",
                        "below 85 Red 85-94 Amber 95 or above Green"}) {
    SCOPED_TRACE(t);
    EXPECT_EQ(parse_rules(t), expected);
  }
}

TEST(ParsePhrasing, EveryLayoutAndSeparator) {
  const rule_set expected(
      {green(b(ge, 95)), amber(b(ge, 85), b(le, 94)), red(std::nullopt, b(le, 84))});
  for (const char* t :
       {"Green: 95% or above, Amber: 85%-94%, Red: 84% and below",     // status first, commas
        "Green: 95% or above; Amber: 85%-94%; Red: 84% and below",     // semicolons
        "Green: 95% or above / Amber: 85%-94% / Red: 84% and below",   // slashes
        "Green: 95% or above | Amber: 85%-94% | Red: 84% and below",   // pipes
        "Green: 95% or above. Amber: 85%-94%. Red: 84% and below.",    // full stops
        "Green: 95% or above\nAmber: 85%-94%\r\nRed: 84% and below",   // newlines
        "Green 95% or above Amber 85%-94% Red 84% and below",          // nothing
        "95% or above = Green; 85%-94% = Amber; 84% and below = Red",  // "= Green"
        "95% or above: Green, 85%-94%: Amber, 84% and below: Red",
        "Green if 95% or above, Amber if 85%-94%, Red if 84% and below",  // "Green if"
        "95% or above Green 85%-94% Amber 84% and below Red",             // "... Green", nothing
        "95% or above Green, 85%-94% Amber, 84% and below Red",
        "95% or above Green; 85%-94% Amber; 84% and below Red.",
        "Values of 95% or above are rated Green; 85%-94% is Amber; 84% and below is Red",
        "Green - 95% or above, Amber - 85%-94%, Red - 84% and below",
        "Green (95% or above) Amber (85%-94%) Red (84% and below)",
        "Green:95%+,Amber:85%-94%,Red:84% and below"}) {
    SCOPED_TRACE(t);
    EXPECT_EQ(parse_rules(t), expected);
  }
}

TEST(ParsePhrasing, UnitsAfterNumbersAreIgnored) {
  EXPECT_EQ(parse_rules("Green: 5 days or less; Amber: 6-10 days; Red: more than 10 days"),
            rule_set({green(b(le, 5)), amber(b(le, 10), b(ge, 6)), red(std::nullopt, b(gt, 10))}));
  EXPECT_EQ(parse_rules("Green: up to 2 weeks; Red: over 2 weeks"),
            rule_set({green(b(le, 2)), red(std::nullopt, b(gt, 2))}));
  EXPECT_EQ(parse_rules("Green: 2pp or more; Amber: 0-1.9pp; Red: below 0pp"),
            rule_set({green(b(ge, 2)), amber(b(ge, 0), b(le, 1.9)), red(std::nullopt, b(lt, 0))}));
  EXPECT_EQ(parse_rules("Green: within 15 working days of target; Red: otherwise"),
            rule_set({green(b(ge, -15, basis::target_points)), red()}));
}

TEST(ParsePhrasing, ThousandsSeparatorsVersusBandCommas) {
  EXPECT_EQ(
      parse_rules("Green: 1,000 or more, Amber: 500-999, Red: fewer than 500"),
      rule_set({green(b(ge, 1000)), amber(b(ge, 500), b(le, 999)), red(std::nullopt, b(lt, 500))}));
  EXPECT_EQ(parse_rules("1,000 or more Green,500-999 Amber,below 500 Red"),
            parse_rules("1000 or more Green, 500-999 Amber, below 500 Red"));
  EXPECT_EQ(parse_rules("Green: 1,234,567.5 or more; Red: otherwise"),
            rule_set({green(b(ge, 1234567.5)), red()}));
  EXPECT_EQ(parse_rules("Green: 10,000+,Amber: 5,000-9,999,Red: otherwise"),
            rule_set({green(b(ge, 10000)), amber(b(ge, 5000), b(le, 9999)), red()}));
}

TEST(ParsePhrasing, RelativeToTarget) {
  // "on or above target" is the target itself: target + 0 (exact).
  EXPECT_EQ(
      parse_rules("Green: on or above target; Amber: within 5% of target; Red: more than 5% "
                  "below target"),
      rule_set({green(b(ge, 0, basis::target_points)), amber(b(ge, 95, basis::target_percent)),
                red(std::nullopt, b(lt, 95, basis::target_percent))}));
  EXPECT_EQ(
      parse_rules("Green: at or below target; Amber: up to 10% above target; Red: more than "
                  "10% above target"),
      rule_set({green(b(le, 0, basis::target_points)), amber(b(le, 110, basis::target_percent)),
                red(std::nullopt, b(gt, 110, basis::target_percent))}));
  // "within": the worse side, from the orientation of the other bands.
  EXPECT_EQ(parse_rules("Green: at or below target; Amber: within 10% of target; Red: otherwise"),
            rule_set({green(b(le, 0, basis::target_points)),
                      amber(b(le, 110, basis::target_percent)), red()}));
  EXPECT_EQ(parse_rules("Green: on or above target; Amber: within 5 percentage points of target; "
                        "Red: otherwise"),
            rule_set({green(b(ge, 0, basis::target_points)), amber(b(ge, -5, basis::target_points)),
                      red()}));
  EXPECT_EQ(parse_rules("Green: at or below target; Amber: within 5 percentage points of the "
                        "target; Red: otherwise"),
            rule_set({green(b(le, 0, basis::target_points)), amber(b(le, 5, basis::target_points)),
                      red()}));
  EXPECT_EQ(parse_rules("Green: on or above target; Amber: within 3pp of target; Red: otherwise"),
            rule_set({green(b(ge, 0, basis::target_points)), amber(b(ge, -3, basis::target_points)),
                      red()}));
  // No other band tells the way: "within" reads rising.
  EXPECT_EQ(parse_rules("Green: within 5% of target; Red: otherwise"),
            rule_set({green(b(ge, 95, basis::target_percent)), red()}));
  // N% of target, explicitly.
  EXPECT_EQ(
      parse_rules("90% of target or above Green, 80-89% of target Amber, otherwise Red"),
      rule_set({green(b(ge, 90, basis::target_percent)),
                amber(b(ge, 80, basis::target_percent), b(le, 89, basis::target_percent)), red()}));
  // Points from target, with and without units.
  EXPECT_EQ(
      parse_rules("Green: target or above; Amber: target - 5 to target; Red: otherwise"),
      rule_set({green(b(ge, 0, basis::target_points)),
                amber(b(ge, -5, basis::target_points), b(le, 0, basis::target_points)), red()}));
  EXPECT_EQ(parse_rules("Green: at least 2 points above target; Red: otherwise"),
            rule_set({green(b(ge, 2, basis::target_points)), red()}));
  EXPECT_EQ(parse_rules("Green: no more than 5% below target; Red: otherwise"),
            rule_set({green(b(ge, 95, basis::target_percent)), red()}));
  EXPECT_EQ(
      parse_rules("Green: 5% above target or more; Amber: target - 5% or above; Red: otherwise"),
      rule_set({green(b(ge, 105, basis::target_percent)), amber(b(ge, 95, basis::target_percent)),
                red()}));
  EXPECT_EQ(
      parse_rules("Green: on target; Red: otherwise"),
      rule_set({green(b(ge, 0, basis::target_points), b(le, 0, basis::target_points)), red()}));
  EXPECT_EQ(parse_rules("on or above target Green, within 5% of target Amber, otherwise Red"),
            parse_rules("Green: on or above target; Amber: within 5% of target; Red: otherwise"));
  EXPECT_TRUE(parse_rules("Green: on or above target; Red: otherwise").needs_target());
}

TEST(ParsePhrasing, RelativeToCohort) {
  const rule_set r = parse_rules("10% of cohort or below Green 10-15% Amber 16% and above Red");
  EXPECT_TRUE(r.needs_cohort());
  for (const band& x : r.bands()) {
    if (x.threshold) {
      EXPECT_EQ(x.threshold->base, basis::cohort_percent);
    }
    if (x.limit) {
      EXPECT_EQ(x.limit->base, basis::cohort_percent);
    }
  }
  EXPECT_EQ(
      parse_rules("Green: 10% of the cohort or less; Amber: 10-15% of cohort; Red: otherwise"),
      rule_set({green(b(le, 10, basis::cohort_percent)),
                amber(b(le, 15, basis::cohort_percent), b(ge, 10, basis::cohort_percent)), red()}));
  // Without a cohort bound a bare percentage stays absolute.
  EXPECT_FALSE(parse_rules("10% or below Green 10-15% Amber 16% and above Red").needs_cohort());
  // Numbers without "%" stay absolute beside cohort bounds.
  EXPECT_EQ(parse_rules("Green: 10% of cohort or below; Red: 20 or more"),
            rule_set({green(b(le, 10, basis::cohort_percent)), red(std::nullopt, b(ge, 20))}));
}

TEST(ParsePhrasing, OrientationHintAndConjunctions) {
  EXPECT_EQ(parse_rules("Green: >= 95 and <= 100; Red: otherwise (higher is better)"),
            rule_set({green(b(ge, 95), b(le, 100)), red()}));
  EXPECT_EQ(parse_rules("Green: >= 95 and <= 100; Red: otherwise (lower is better)"),
            rule_set({green(b(le, 100), b(ge, 95)), red()}));
  EXPECT_EQ(parse_rules("Lower is better: Green 0-2, Amber 3-5, Red 6+"),
            rule_set({green(b(le, 2), b(ge, 0)), amber(b(le, 5), b(ge, 3)),
                      red(std::nullopt, b(ge, 6))}));
  EXPECT_EQ(
      parse_rules("Green: 95 or above; Amber: above 85 and below 95; Red: 85 or below"),
      rule_set({green(b(ge, 95)), amber(b(gt, 85), b(lt, 95)), red(std::nullopt, b(le, 85))}));
}

TEST(ParsePhrasing, NegativeDecimalAndScientificNumbers) {
  EXPECT_EQ(
      parse_rules("Green: -5 or below; Amber: -4.9 - 0; Red: above 0"),
      rule_set({green(b(le, -5)), amber(b(le, 0), b(ge, -4.9)), red(std::nullopt, b(gt, 0))}));
  EXPECT_EQ(parse_rules("Green: 10--5; Red: otherwise (higher is better)"),
            rule_set({green(b(ge, -5), b(le, 10)), red()}));
  EXPECT_EQ(parse_rules("Green: >= 1.5e+20; Red: < 2.5e-7"),
            rule_set({green(b(ge, 1.5e20)), red(std::nullopt, b(lt, 2.5e-7))}));
  EXPECT_EQ(parse_rules("Green: .5 or more; Red: otherwise"), rule_set({green(b(ge, 0.5)), red()}));
  EXPECT_EQ(parse_rules("Green: 1.7976931348623157e308 or more; Red: otherwise"),
            rule_set({green(b(ge, 1.7976931348623157e308)), red()}));
  EXPECT_EQ(parse_rules("Green: 99999999999999999999999 or more; Red: otherwise"),
            rule_set({green(b(ge, 1e23)), red()}));
}

TEST(ParsePhrasing, PositionsOfStatusesThresholdsAndLimits) {
  const std::string_view text = "17 or below Green 18.1-20 Amber 20.1 and above Red";
  const located_rules lr = parse_rules_located(text);
  ASSERT_EQ(lr.locations.size(), 3u);
  EXPECT_EQ(lr.locations[0].status, text.find("Green"));
  EXPECT_EQ(lr.locations[0].threshold, 0u);
  EXPECT_EQ(lr.locations[0].limit, band_location::npos);
  EXPECT_EQ(lr.locations[1].status, text.find("Amber"));
  EXPECT_EQ(lr.locations[1].limit, text.find("18.1"));
  EXPECT_EQ(lr.locations[1].threshold, text.find("20 Amber"));
  EXPECT_EQ(lr.locations[2].limit, text.find("20.1"));
  EXPECT_EQ(lr.locations[2].threshold, band_location::npos);
  // Bands given worst first come back best first, with their own positions.
  const located_rules lr2 = parse_rules_located("Red: below 85; Green: 95+; Amber: 85-94");
  EXPECT_EQ(lr2.rules.bands()[0].rating, status::green);
  EXPECT_EQ(lr2.locations[0].status, 15u);
  EXPECT_EQ(lr2.locations[2].status, 0u);
}

// ---- errors
// --------------------------------------------------------------------------------------

TEST(ParseErrors, EmptyAndBlankText) {
  for (const char* t : {"", "   ", "\t\n \r\n", " ; , "}) {
    SCOPED_TRACE(testing::PrintToString(std::string(t)));
    const auto [message, position] = error_of(t);
    EXPECT_EQ(message, "empty rule text at character 0");
    EXPECT_EQ(position, 0u);
    EXPECT_TRUE(whole_text_error(t));
  }
}

TEST(ParseErrors, NoStatusWord) {
  const auto [message, position] = error_of("95% or above, 85%-94%, 84% and below");
  EXPECT_EQ(message, "no status word (Red, Amber, Green or Blue) at character 0");
  EXPECT_EQ(position, 0u);
  EXPECT_TRUE(whole_text_error("95% or above"));
  EXPECT_FALSE(whole_text_error("Purple: 95% or above"));  // at character 0, but not the whole text
  EXPECT_THROW((void)parse_rules("N/A"), parse_error);
}

TEST(ParseErrors, StatusWithoutCondition) {
  {
    const auto [message, position] = error_of("95% or above Green Amber 84% and below Red");
    EXPECT_EQ(message, "status 'Amber' has no condition at character 19");
    EXPECT_EQ(position, 19u);
  }
  {
    const auto [message, position] = error_of("Green 95%+ Amber 85-94% Red");
    EXPECT_EQ(message, "status 'Red' has no condition at character 24");
    EXPECT_EQ(position, 24u);
  }
  {
    const auto [message, position] = error_of("Green: Amber: 85-94");
    EXPECT_EQ(message, "status 'Green' has no condition at character 0");
    EXPECT_EQ(position, 0u);
  }
}

TEST(ParseErrors, UnknownStatusWords) {
  for (const char* colour :
       {"Purple", "Yellow", "Orange", "Black", "White", "Grey", "Gray", "Pink", "Gold"}) {
    SCOPED_TRACE(colour);
    const std::string text = std::string("95% or above ") + colour + " 85%-94% Amber";
    const auto [message, position] = error_of(text);
    EXPECT_EQ(message, "unknown status '" + std::string(colour) + "' at character 13");
    EXPECT_EQ(position, 13u);
  }
  {
    const auto [message, position] = error_of("Green: 95+; Purple: 85-94; Red: otherwise");
    EXPECT_EQ(message, "unknown status 'Purple' at character 12");
    EXPECT_EQ(position, 12u);
  }
  // A capitalised word the grammar does not know, where a status would be.
  {
    const auto [message, position] = error_of("Platinum: 99%; Green: 95%+; Red: otherwise");
    EXPECT_EQ(message, "unknown status 'Platinum' at character 0");
    EXPECT_EQ(position, 0u);
  }
  {
    const auto [message, position] = error_of("95%+ = Gold, 85-94% = Amber");
    EXPECT_EQ(message, "unknown status 'Gold' at character 7");
    EXPECT_EQ(position, 7u);
  }
  {
    const auto [message, position] = error_of("95%+ = Champagne, 85-94% = Amber");
    EXPECT_EQ(message, "unknown status 'Champagne' at character 7");
    EXPECT_EQ(position, 7u);
  }
  {
    const auto [message, position] = error_of("Magnolia: 95%+");
    EXPECT_EQ(message, "unknown status 'Magnolia' at character 0");
    EXPECT_EQ(position, 0u);
  }
}

TEST(ParseErrors, DuplicateStatus) {
  const auto [message, position] = error_of("Green: 95 or above; Amber: 85-94; green: 90+");
  EXPECT_EQ(message, "duplicate status 'green' at character 34");
  EXPECT_EQ(position, 34u);
}

TEST(ParseErrors, MalformedNumbers) {
  const struct {
    const char* text;
    const char* number;
  } cases[] = {{"Green: 8.5.1 or above", "8.5.1"},
               {"Green: 1,00 or above", "1,00"},
               {"Green: 1,0000 or above", "1,0000"},
               {"Green: 1000,000 or above", "1000,000"},
               {"Green: 1.5,000 or above", "1.5,000"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto [message, position] = error_of(c.text);
    EXPECT_EQ(message, "malformed number '" + std::string(c.number) + "' at character 7");
    EXPECT_EQ(position, 7u);
  }
  const auto [message, position] = error_of("Green: 1e400 or above");
  EXPECT_EQ(message, "number '1e400' is out of range at character 7");
  EXPECT_EQ(position, 7u);
}

TEST(ParseErrors, WordsAndCharactersOutOfPlace) {
  {
    const auto [message, position] = error_of("Green: 95 #; Red: otherwise");
    EXPECT_EQ(message, "unexpected character '#' at character 10");
    EXPECT_EQ(position, 10u);
  }
  {
    const auto [message, position] = error_of("Green: €95; Red: otherwise");
    EXPECT_EQ(message, "unexpected character '€' at character 7");
    EXPECT_EQ(position, 7u);
  }
  {
    const auto [message, position] = error_of("Green: 95 or above widgets; Red: otherwise");
    EXPECT_EQ(
        message,
        "unexpected word 'widgets' (expected 'and', a separator or a status) at character 19");
    EXPECT_EQ(position, 19u);
  }
  {
    const auto [message, position] = error_of("Green: above; Red: otherwise");
    EXPECT_EQ(message, "expected a number, 'target' or a comparator after 'above' at character 12");
    EXPECT_EQ(position, 12u);
  }
  {
    const auto [message, position] = error_of("Green: within 5%; Red: otherwise");
    EXPECT_EQ(message, "expected 'of target' (or of a comparator) after 'within' at character 16");
    EXPECT_EQ(position, 16u);
  }
  {
    const auto [message, position] =
        error_of("95% or above Green, 85-94% Amber, 84% or below Red, 12");
    EXPECT_EQ(message, "text after the last status 'Red' belongs to no band at character 52");
    EXPECT_EQ(position, 52u);
  }
}

TEST(ParseErrors, BandsThatCannotBeARuleSet) {
  {
    // Green rises, so Amber's "20 or below" is only a limit and Amber has no threshold.
    const auto [message, position] =
        error_of("Green: 95 or above; Amber: 20 or below; Red: otherwise");
    EXPECT_NE(message.find("status 'Amber' needs a bound on its worse side"), std::string::npos)
        << message;
    EXPECT_EQ(position, 20u);
  }
  {
    const auto [message, position] =
        error_of("Green: 95 or above; Amber: 90 or above and 85 or above; Red: otherwise");
    EXPECT_EQ(message, "status 'Amber' has two lower bounds at character 43");
    EXPECT_EQ(position, 43u);
  }
  {
    const auto [message, position] = error_of("Green: otherwise; Red: below 50");
    EXPECT_EQ(message,
              "'otherwise' can only be the worst band's condition, not 'Green' at character 0");
    EXPECT_EQ(position, 0u);
  }
  {
    const auto [message, position] = error_of("Green: 90+ (higher is better) (lower is better)");
    EXPECT_EQ(message, "conflicting hints of which way is better at character 31");
    EXPECT_EQ(position, 31u);
  }
}

TEST(ParseErrors, ParseErrorIsAnInvalidArgument) {
  try {
    (void)parse_rules("Purple: 1");
    FAIL() << "expected a parse_error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Purple"), std::string::npos);
  }
  const parse_error e("something is wrong", 44, 42);
  EXPECT_STREQ(e.what(), "something is wrong at character 42");
  EXPECT_EQ(e.byte_offset(), 44u);
  EXPECT_EQ(e.position(), 44u);
  EXPECT_EQ(e.column(), 42u);
}

// The message counts characters (code points) for people; byte_offset() counts bytes.
TEST(ParseErrors, PositionsAreCharactersForPeopleAndBytesForPrograms) {
  // "≥" and "€" are 3 bytes each: the Purple is at byte 13, character 11.
  const std::string text = "Green ≥ 95 Purple 80";
  try {
    (void)parse_rules(text);
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.byte_offset(), 13u);
    EXPECT_EQ(e.column(), 11u);
    EXPECT_EQ(std::string(e.what()), "unknown status 'Purple' at character 11");
  }
  try {
    (void)parse_rules("Green ≥ 95 € Red");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.byte_offset(), 13u);
    EXPECT_EQ(e.column(), 11u);
    EXPECT_EQ(std::string(e.what()), "unexpected character '€' at character 11");
  }
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (n > 1 && c < 0xC2) || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

TEST(ParseErrors, InvalidUtf8IsEscapedNotQuotedRaw) {
  for (const std::string& text : {std::string("Green 95 \xff Red"), std::string("Green 95 \xc3 Red"),
                                 std::string("Green 95 \xed\xa0\x80 Red"), std::string("Green 95 \x80")}) {
    try {
      (void)parse_rules(text);
      FAIL() << text;
    } catch (const parse_error& e) {
      const std::string message = e.what();
      EXPECT_TRUE(valid_utf8(message)) << message;
      EXPECT_EQ(e.byte_offset(), 9u);
      EXPECT_EQ(e.column(), 9u);
      EXPECT_NE(message.find("'\\x"), std::string::npos) << message;
      EXPECT_NE(message.find("at character 9"), std::string::npos) << message;
    }
  }
  try {
    (void)parse_rules("Green 95 \xff Red");
  } catch (const parse_error& e) {
    EXPECT_EQ(std::string(e.what()), "unexpected character '\\xFF' at character 9");
  }
  // A word with an invalid byte inside it, and control characters, are escaped too.
  try {
    (void)parse_rules("Gr\x01" "een 95");
  } catch (const parse_error& e) {
    EXPECT_TRUE(valid_utf8(e.what())) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\x01'), std::string::npos) << e.what();
  }
}

TEST(ParseErrors, LongTextInAMessageIsShortenedSoThePositionSurvives) {
  const std::string word(5000, 'x');
  const std::string text = "Green: 95 or above " + word + " Red: otherwise";
  try {
    (void)parse_rules(text);
    FAIL();
  } catch (const parse_error& e) {
    const std::string message = e.what();
    EXPECT_LT(message.size(), 200u) << message;
    EXPECT_NE(message.find("'" + std::string(40, 'x') + "…'"), std::string::npos) << message;
    EXPECT_NE(message.find("at character 19"), std::string::npos) << message;
    EXPECT_EQ(e.byte_offset(), 19u);
  }
  // 2,000 narrow no-break spaces (3 bytes each, read as blanks) before the problem.
  std::string spaces;
  for (int k = 0; k < 2000; ++k) spaces += "\u202F";
  try {
    (void)parse_rules("Green 95 " + spaces + "Purple 80");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.byte_offset(), 9u + 6000u);
    EXPECT_EQ(e.column(), 9u + 2000u);
    EXPECT_EQ(std::string(e.what()), "unknown status 'Purple' at character 2009");
  }
}

TEST(ParseEdge, HugeAndOddInputsNeverCrash) {
  // A long text: many separators around one band.
  std::string long_text(100000, ' ');
  long_text += "Green: 95 or above; Red: otherwise";
  long_text += std::string(100000, ';');
  EXPECT_EQ(parse_rules(long_text), rule_set({green(b(ge, 95)), red()}));
  // Random bytes and random token soups: a rule set or a parse_error, never anything else.
  std::mt19937_64 rng(20171130);
  const std::vector<std::string> soup = {"Green",    "Amber",
                                         "Red",      "Blue",
                                         "Purple",   "95",
                                         "8.5",      "-3",
                                         "1,000",    "1,00",
                                         "%",        "-",
                                         "–",        "to",
                                         "or",       "above",
                                         "below",    "and",
                                         "between",  ">=",
                                         "<",        ":",
                                         ";",        ",",
                                         ".",        "otherwise",
                                         "target",   "of",
                                         "cohort",   "within",
                                         "+",        "=",
                                         "\n",       "higher is better",
                                         "e5",       "(",
                                         ")",        "≥",
                                         "\xE2",     "\xC2\xA0",
                                         "at least", "no more than",
                                         "up to",    "pp",
                                         "days",     "1e308",
                                         "1e309"};
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int words = static_cast<int>(rng() % 12);
    for (int w = 0; w < words; ++w) {
      if (rng() % 16 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += soup[rng() % soup.size()];
        if (rng() % 4 != 0) text += ' ';
      }
    }
    try {
      const rule_set r = parse_rules(text);
      ASSERT_EQ(parse_rules(to_text(r)), r) << text << " -> " << to_text(r);
    } catch (const parse_error& e) {
      ASSERT_LE(e.position(), text.size()) << text;
    }
  }
}

// ---- canonical text
// --------------------------------------------------------------------------------

TEST(CanonicalText, ReadsAsPeopleWriteIt) {
  EXPECT_EQ(to_text(test::amt2()), "Green: >= 95; Amber: >= 85 and <= 94; Red: <= 84");
  EXPECT_EQ(to_text(test::w1()), "Green: <= 17; Amber: <= 20 and >= 18.1; Red: >= 20.1");
  EXPECT_EQ(to_text(test::cp10()),
            "Green: <= 10% of cohort; Amber: <= 15% of cohort and >= 10% of cohort; Red: >= 16% of "
            "cohort");
  EXPECT_EQ(to_text(rule_set({green(b(ge, 0, basis::target_points)),
                              amber(b(ge, -5, basis::target_points)),
                              red(std::nullopt, b(lt, 95, basis::target_percent))})),
            "Green: >= target; Amber: >= target - 5; Red: < 95% of target");
  EXPECT_EQ(to_text(rule_set({red()})), "Red: otherwise");
  // A hint only where the bands alone would be read the other way.
  EXPECT_EQ(to_text(rule_set({green(b(ge, 95))})), "Green: >= 95 (higher is better)");
  EXPECT_EQ(to_text(rule_set({green(std::nullopt, b(ge, 95))})), "Green: >= 95");
  EXPECT_EQ(to_text(rule_set({green(b(ge, 0.1 + 0.2)), red(b(ge, -0.0))})),
            "Green: >= 0.30000000000000004; Red: >= 0");
  EXPECT_EQ(to_text(rule_set({green(b(ge, 95), b(le, 100)), red(b(ge, 0))})),
            "Green: >= 95 and <= 100; Red: >= 0 (higher is better)");
}

TEST(CanonicalText, SeedTextsRoundTrip) {
  for (const char* t : {"95% or above Green 85%-94% Amber 84% and below Red",
                        "17 or below Green 18.1-20 Amber 20.1 and above Red",
                        "10% of cohort or below Green 10-15% Amber 16% and above Red",
                        "Green: 0, Amber: 1-3, Red: 4 or more",
                        "Green: on or above target; Amber: within 5% of target; Red: otherwise"}) {
    SCOPED_TRACE(t);
    const rule_set r = parse_rules(t);
    EXPECT_EQ(parse_rules(to_text(r)), r);
    EXPECT_EQ(to_text(parse_rules(to_text(r))), to_text(r));  // printing is a fixed point
  }
}

namespace {

// A random finite number: small integers, decimals, negatives, huge and tiny magnitudes, and
// doubles with no short decimal form.
double random_number(std::mt19937_64& rng) {
  switch (rng() % 9) {
    case 0: return static_cast<double>(static_cast<std::int64_t>(rng() % 201) - 100);
    case 1: return static_cast<double>(rng() % 100001) / 10.0;
    case 2: return -static_cast<double>(rng() % 100001) / 1000.0;
    case 3:
      return std::ldexp(static_cast<double>(rng() % (1ULL << 53)),
                        static_cast<int>(rng() % 2000) - 1074);
    case 4:
      return (rng() % 2 ? 1.0 : -1.0) * std::numeric_limits<double>::max() /
             static_cast<double>(1 + rng() % 1000);
    case 5:
      return (rng() % 2 ? 1.0 : -1.0) * std::numeric_limits<double>::denorm_min() *
             static_cast<double>(1 + rng() % 1000);
    case 6: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 7: return 1e15 + static_cast<double>(rng() % 1000);
    default: {
      double v = 0;
      do {
        const std::uint64_t bits = rng();
        std::memcpy(&v, &bits, sizeof v);
      } while (!std::isfinite(v));
      return v;
    }
  }
}

std::optional<rule_set> random_rule_set(std::mt19937_64& rng) {
  const status all[] = {status::blue, status::green, status::amber, status::red};
  const std::size_t n = 1 + rng() % 4;
  std::vector<status> chosen;
  for (std::size_t i = 0; i < 4; ++i)
    if (chosen.size() < n && rng() % (4 - i) < n - chosen.size()) chosen.push_back(all[i]);
  const int way = static_cast<int>(rng() % 3);  // 0 rising, 1 falling, 2 none (one band only)
  const bool none = n == 1 && way == 2;
  const bool rising = way == 0 || (way == 2 && rng() % 2 == 0);
  const auto comparison_for = [&](bool floor) {
    if (floor) return rng() % 2 ? comparison::at_least : comparison::above;
    return rng() % 2 ? comparison::at_most : comparison::below;
  };
  const auto random_bound = [&](bool floor) {
    return bound{comparison_for(floor), static_cast<basis>(rng() % 4), random_number(rng)};
  };
  std::vector<band> bands;
  for (std::size_t i = 0; i < n; ++i) {
    band x;
    x.rating = chosen[i];
    const bool worst = i + 1 == n;
    if (none) {
      if (rng() % 3 != 0) x.limit = random_bound(rng() % 2 == 0);
    } else {
      if (!worst || rng() % 3 == 0) x.threshold = random_bound(rising);
      if (rng() % 2 == 0) x.limit = random_bound(!rising);
    }
    bands.push_back(x);
  }
  return rule_set(std::move(bands));
}

}  // namespace

TEST(CanonicalText, GeneratedRuleSetsRoundTripExactly) {
  std::mt19937_64 rng(0x1d5eedULL);
  int checked = 0, with_hint = 0;
  for (int n = 0; n < 20000; ++n) {
    const std::optional<rule_set> r = random_rule_set(rng);
    ASSERT_TRUE(r.has_value());
    const std::string text = to_text(*r);
    rule_set back = *r;
    try {
      back = parse_rules(text);
    } catch (const parse_error& e) {
      FAIL() << "canonical text refused: " << text << "\n" << e.what();
    }
    ASSERT_EQ(back, *r) << text << "\nreads back as " << to_text(back);
    ASSERT_EQ(to_text(back), text);
    with_hint += text.find("is better") != std::string::npos;
    ++checked;
  }
  EXPECT_EQ(checked, 20000);
  EXPECT_GT(with_hint, 100);  // the generator reaches the sets that need the hint
}
