// Names of codes both ways, and the figure printed being the figure rated.
#include <gtest/gtest.h>

#include <cmath>

#include "indeval/evaluation.hpp"
#include "indeval/lint.hpp"
#include "indeval/names.hpp"
#include "indeval/parse.hpp"

using namespace indeval;

TEST(Names, EveryCodeRoundTrips) {
  for (int k = 0; k < name_kind_count; ++k) {
    const auto kind = static_cast<name_kind>(k);
    ASSERT_GT(name_count(kind), 0) << k;
    for (int c = 0; c < name_count(kind); ++c) {
      const auto n = name_of(kind, c);
      ASSERT_TRUE(n.has_value()) << k << " " << c;
      EXPECT_EQ(code_of(kind, *n), c) << k << " '" << *n << "'";
    }
    EXPECT_EQ(name_of(kind, -1), std::nullopt);
    EXPECT_EQ(name_of(kind, name_count(kind)), std::nullopt);
  }
  EXPECT_EQ(name_count(static_cast<name_kind>(99)), 0);
}

TEST(Names, LenientAsScorecardsWriteThem) {
  EXPECT_EQ(code_of(name_kind::status, " AMBER "), 2);
  EXPECT_EQ(code_of(name_kind::status, "Yellow"), std::nullopt);
  EXPECT_EQ(code_of(name_kind::polarity, "High"), 1);
  EXPECT_EQ(code_of(name_kind::polarity, "lower is better"), 2);
  EXPECT_EQ(code_of(name_kind::polarity, "n/a"), 0);
  EXPECT_EQ(code_of(name_kind::unit, "%"), 1);
  EXPECT_EQ(code_of(name_kind::reason, "No-Data"), 1);
  EXPECT_EQ(code_of(name_kind::direction, "-"), 0);
  EXPECT_EQ(code_of(name_kind::direction, "Improved"), 1);
  EXPECT_EQ(code_of(name_kind::lint_code, "Band Gap"), 1);
  EXPECT_EQ(code_of(name_kind::lint_code, "scale-mismatch"), 15);
  EXPECT_EQ(code_of(name_kind::qualifier, "est."), 2);
  EXPECT_EQ(code_of(name_kind::period_kind, "financial year"), 3);
  EXPECT_EQ(code_of(name_kind::year_kind, "Academic"), 2);
  EXPECT_EQ(name_of(name_kind::direction, 0), "-");
  EXPECT_EQ(name_of(name_kind::polarity, 0), "");
}

TEST(Format, ThePrintedFigureIsTheRatedFigure) {
  EXPECT_EQ(format_value(94.25, unit::percent, 1), "94.3%");
  EXPECT_EQ(format_value(2.675, unit::count, 2), "2.68");
  EXPECT_EQ(format_value(2.5, unit::count, 0), "3");
  EXPECT_EQ(format_value(-2.5, unit::count, 0), "-3");
  EXPECT_EQ(format_value(94.95, unit::percent, 1), "95.0%");
  // "As written" is the shortest round-trip decimal: 18.99/20*100 is 94.94999999999999.
  EXPECT_EQ(format_value(18.99 / 20 * 100), "94.94999999999999");
  EXPECT_EQ(format_value(18.99 / 20 * 100, unit::count, 1), "94.9");
  EXPECT_EQ(format_value(0.9425, unit::percent, 1, scale::fraction), "94.3%");
  EXPECT_EQ(format_value(0.57, unit::percent, std::nullopt, scale::fraction), "57%");
  EXPECT_EQ(format_value(460, unit::days), "460 days");
  EXPECT_EQ(format_value(-0.0), "0");
  EXPECT_EQ(format_value(-0.04, unit::count, 1), "0.0");
  EXPECT_EQ(format_value(-0.0, unit::percent, 2), "0.00%");
  EXPECT_EQ(format_value(NAN, unit::percent, 1), "no value");
  EXPECT_EQ(format_value(INFINITY), "+inf");
  EXPECT_EQ(format_value(1e300, unit::count, 1).size(), 303u);
  // For every decimals setting, the printed text reads back as the rated value.
  for (int d = 0; d <= max_decimals; ++d)
    for (double v : {94.25, 2.675, 0.125, 1234.5678, -7.45, 1e-7}) {
      const std::string text = format_value(v, unit::count, d);
      EXPECT_EQ(std::stod(text), round_decimal(v, d)) << v << " at " << d;
    }
}

TEST(Format, ExplanationShowsTheRatedFigure) {
  indicator ind;
  ind.unit = unit::percent;
  ind.decimals = 1;
  ind.rules = parse_rules("94.3% or above Green otherwise Red");
  const evaluation e = evaluate(ind, 94.25);
  EXPECT_EQ(e.rating, status::green);
  EXPECT_EQ(explain(e, ind), "Green: 94.3% is at or above the Green threshold of 94.3%");
}

TEST(LintFindings, QualifiedScaleAndMissingPeriods) {
  indicator ind;
  ind.ref = "AMT 2";
  ind.unit = unit::percent;
  ind.target = 95;
  ind.polarity = polarity::bigger_is_better;
  ind.rules = parse_rules("95% or above Green 85%-94% Amber 84% and below Red");
  std::vector<observation> s = {{"Aug-17", 90, "", ""}, {"Oct-17", 0.96, "", ""},
                                {"Nov-17", 63.9, "", "Red"}};
  s[2].qualifier = qualifier::approximate;
  const auto fs = lint(ind, s);
  const auto find = [&](std::string_view code) {
    for (const finding& f : fs)
      if (f.code == code) return f;
    return finding{};
  };
  EXPECT_EQ(find(lint_code::period_missing).where, "Sep-17");
  EXPECT_EQ(find(lint_code::period_missing).severity, severity::info);
  EXPECT_EQ(find(lint_code::scale_mismatch).where, "Oct-17");
  EXPECT_NE(find(lint_code::scale_mismatch).message.find("96%"), std::string::npos);
  EXPECT_EQ(find(lint_code::qualified_figure).where, "Nov-17");
  EXPECT_NE(find(lint_code::qualified_figure).message.find("approximate"), std::string::npos);
  // A small percentage beside a small target is no fraction.
  ind.target = 2;
  ind.rules = parse_rules("2% or below Green otherwise Red");
  ind.polarity = polarity::smaller_is_better;
  const std::vector<observation> small = {{"Oct-17", 0.5, "", ""}, {"Nov-17", 0.7, "", "Green"}};
  for (const finding& f : lint(ind, small)) EXPECT_NE(f.code, lint_code::scale_mismatch);
}
