#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <indeval/lint.hpp>
#include <indeval/parse.hpp>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "seed_rules.hpp"

#include "test_data.hpp"

using namespace indeval;

namespace {

constexpr double nan_ = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_ = std::numeric_limits<double>::infinity();

// ---- the seed scorecard as indicators and series
// --------------------------------------------------

using indeval::test::seed_path;
using indeval::test::split_tabs;

std::string trimmed(std::string s) { return std::string(trim(s)); }

// "43%" -> 43, "71.3%" -> 71.3, "79% (6m+)" -> 79 with note "6m+"; anything else -> NaN.
std::optional<double> number_in(std::string cell, std::string* note = nullptr) {
  cell = trimmed(cell);
  if (const auto open = cell.find('('); open != std::string::npos) {
    const auto close = cell.find(')', open);
    if (note != nullptr) *note = trimmed(cell.substr(open + 1, close - open - 1));
    cell = trimmed(cell.substr(0, open));
  }
  if (!cell.empty() && cell.back() == '%') cell.pop_back();
  double v = 0;
  const auto res = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || res.ec != std::errc() || res.ptr != cell.data() + cell.size())
    return std::nullopt;
  return v;
}

struct seed_row {
  indicator ind;
  std::vector<observation> series;
  std::string methodology;
};

// Every indicator row of the seed's tables; nullopt when the file cannot be read.
std::optional<std::vector<seed_row>> seed_rows() {
  std::ifstream in(seed_path());
  if (!in) return std::nullopt;
  std::vector<seed_row> rows;
  std::vector<std::string> header;
  std::string line;
  const auto col = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    return std::nullopt;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto cells = split_tabs(line);
    if (cells[0] == "Indicator Number") {
      header = cells;
      continue;
    }
    if (header.empty()) continue;
    if (line.empty() || cells[0].empty() || cells[0] == "Improvement Activity" ||
        cells[0] == "Next Steps") {
      header.clear();
      continue;
    }
    cells.resize(std::max(cells.size(), header.size()));
    seed_row row;
    row.ind.ref = cells[0];
    row.ind.title = cells[1];
    row.ind.polarity = parse_polarity(cells[*col("Polarity")]).value_or(polarity::neutral);
    bool percent = row.ind.title.rfind("Percentage", 0) == 0;
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string& h = header[i];
      if (h.size() != 6 || h[3] != '-') continue;  // the month columns: "Apr-17"
      observation o(h);
      o.value = number_in(cells[i], &o.note).value_or(nan_);
      percent = percent || cells[i].find('%') != std::string::npos;
      row.series.push_back(o);
    }
    if (row.ind.title.find("(days)") != std::string::npos)
      row.ind.unit = unit::days;
    else if (row.ind.title.rfind("Average", 0) == 0)
      row.ind.unit = unit::average;
    else if (percent)
      row.ind.unit = unit::percent;
    if (const auto t = col("2017-18 Target")) {
      if (const auto v = number_in(cells[*t])) row.ind.target = *v;
    }
    row.series.back().published = trimmed(cells[*col("RAG")]);
    row.methodology = trimmed(cells[*col("RAG Methodology")]);
    if (!row.methodology.empty()) row.ind.rules = parse_rules(row.methodology);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> codes(const std::vector<finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.code);
  return out;
}

const finding* find_code(const std::vector<finding>& fs, std::string_view code) {
  for (const auto& f : fs)
    if (f.code == code) return &f;
  return nullptr;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

indicator make(polarity p, unit u, std::string_view rules, std::optional<double> target = {}) {
  indicator ind;
  ind.ref = "X 1";
  ind.polarity = p;
  ind.unit = u;
  ind.target = target;
  if (!rules.empty()) ind.rules = parse_rules(rules);
  return ind;
}

}  // namespace

// ---- the seed: every defect it really has, and nothing else -------------------------------------

TEST(LintSeed, FindsTheDefectsTheSeedHasAndNoOthers) {
  const auto rows = seed_rows();
  ASSERT_TRUE(rows.has_value()) << "cannot read the seed scorecard at " << seed_path()
                                << "";
  // ref -> the codes lint must give, in order ("code@where").
  const std::map<std::string, std::vector<std::string>> expected = {
      {"P1", {}},  // integer bands 24% / 25%-34% / 35% touch: no gap
      {"W 1", {"band-gap@rules at character 18", "published-unknown@Nov-17"}},  // 17.1-18, Yellow
      {"W1 a", {}},  // 20 / 20.1-22 / 22.1: adjacent at one decimal
      {"W1 b", {}},
      {"W1 c", {}},
      {"W1 d", {"target-not-green@target"}},  // target 17, but 16 or below is Green
      {"W 2", {}},
      {"FD 3", {}},
      {"FD 8", {"band-overlap@rules at character 19"}},  // 22% or below / 21% - 25%
      {"AMT 2", {}},                                     // 95% or above / 85%-94%: no gap
      {"CIN 4", {"target-not-green@target"}},            // target 75% is Red by 98/90
      {"CIN 5", {}},
      {"CP 5", {}},
      {"CP 13", {}},
      // 10% of cohort or below / 10-15%: both claim 10%; and no cohort figure to rate against.
      {"CP 10", {"band-overlap@rules at character 29", "needs-denominator@rules"}},
      {"MC 1", {}},
      {"MC 6", {"published-missing@Nov-17"}},
      {"LE 2", {"polarity-missing@rules", "published-missing@Nov-17"}},
      {"LE 3", {}},
      {"LAC 10", {}},
      {"LAC 11", {}},
      {"LAC 19 (12m)", {"definition-change@Oct-17"}},  // 71% (6m+) then 53%
      {"LAC 20", {"published-unknown@Nov-17"}},        // Yellow
      {"F 3", {}},
      {"AD 7", {"suspicious-zero@May-17", "suspicious-zero@Jun-17", "suspicious-zero@Jul-17"}},
      {"CL a", {"polarity-missing@rules"}},  // its polarity cell is blank
      {"CL 1", {}},
      {"CL 1a", {}},
      {"CL 2", {}},
      {"CL 3", {}},
      {"CL 3a", {}},
      {"QA 1", {"polarity-conflict@rules"}},  // SIB, but 90% or above is Green
      {"QA 2", {}},
      {"QA 3", {"polarity-missing@rules"}},
  };
  ASSERT_EQ(rows->size(), expected.size());
  for (const seed_row& row : *rows) {
    SCOPED_TRACE(row.ind.ref + ": " + row.methodology);
    const auto want = expected.find(row.ind.ref);
    ASSERT_NE(want, expected.end()) << "a seed row the test does not know";
    std::vector<std::string> got;
    for (const finding& f : lint(row.ind, row.series, row.methodology)) {
      got.push_back(f.code + "@" + f.where);
      EXPECT_FALSE(f.message.empty());
    }
    EXPECT_EQ(got, want->second);
  }
}

TEST(LintSeed, MessagesSayWhatIsWrong) {
  const auto rows = seed_rows();
  ASSERT_TRUE(rows.has_value()) << "cannot read the seed scorecard at " << seed_path();
  std::map<std::string, std::vector<finding>> by_ref;
  for (const seed_row& row : *rows)
    by_ref[row.ind.ref] = lint(row.ind, row.series, row.methodology);

  const finding* gap = find_code(by_ref["W 1"], "band-gap");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->severity, severity::warning);
  EXPECT_TRUE(has(gap->message, "values from 17.1 to 18 fall in no band")) << gap->message;

  const finding* overlap = find_code(by_ref["FD 8"], "band-overlap");
  ASSERT_NE(overlap, nullptr);
  EXPECT_TRUE(has(overlap->message, "values from 21% to 22% are in two bands")) << overlap->message;
  EXPECT_TRUE(has(overlap->message, "rate them Green")) << overlap->message;

  const finding* cohort = find_code(by_ref["CP 10"], "band-overlap");
  ASSERT_NE(cohort, nullptr);
  EXPECT_TRUE(has(cohort->message, "the value 10% of cohort is in two bands")) << cohort->message;

  const finding* yellow = find_code(by_ref["W 1"], "published-unknown");
  ASSERT_NE(yellow, nullptr);
  EXPECT_EQ(yellow->severity, severity::error);
  EXPECT_TRUE(has(yellow->message, "'Yellow'")) << yellow->message;

  const finding* target = find_code(by_ref["CIN 4"], "target-not-green");
  ASSERT_NE(target, nullptr);
  EXPECT_TRUE(has(target->message, "75%")) << target->message;
  EXPECT_TRUE(has(target->message, "rated Red")) << target->message;
  const finding* w1d = find_code(by_ref["W1 d"], "target-not-green");
  ASSERT_NE(w1d, nullptr);
  EXPECT_TRUE(has(w1d->message, "target 17 is itself rated Amber")) << w1d->message;

  const finding* conflict = find_code(by_ref["QA 1"], "polarity-conflict");
  ASSERT_NE(conflict, nullptr);
  EXPECT_EQ(conflict->severity, severity::error);
  EXPECT_TRUE(has(conflict->message, "SIB")) << conflict->message;

  const finding* missing = find_code(by_ref["MC 6"], "published-missing");
  ASSERT_NE(missing, nullptr);
  EXPECT_TRUE(has(missing->message, "42%")) << missing->message;
  EXPECT_TRUE(has(missing->message, "rate it Red")) << missing->message;

  const finding* change = find_code(by_ref["LAC 19 (12m)"], "definition-change");
  ASSERT_NE(change, nullptr);
  EXPECT_TRUE(has(change->message, "Sep-17 is noted '6m+'")) << change->message;

  const finding* zero = find_code(by_ref["AD 7"], "suspicious-zero");
  ASSERT_NE(zero, nullptr);
  EXPECT_TRUE(has(zero->message, "0 days")) << zero->message;
}

// ---- rules
// -------------------------------------------------------------------------------------------

TEST(LintRules, NoGapOrOverlapWhereIntegerBandsTouch) {
  for (const char* t :
       {"95% or above Green 85%-94% Amber 84% and below Red",
        "24% or below Green 25%-34% Amber 35% and above Red",
        "558 or below Green 559 to 608 Amber 609 and above Red",
        "20 or below Green 20.1-22 Amber 22.1 and above Red",
        "Green: above 95; Amber: 85 to 95; Red: below 85", "Green: 95+; Amber: 85+; Red: otherwise",
        "Green: 0; Amber: 1-3; Red: 4 or more"}) {
    SCOPED_TRACE(t);
    const indicator ind = make(polarity::neutral, unit::percent, t);
    const auto fs = lint(ind, {}, t);
    EXPECT_EQ(find_code(fs, "band-gap"), nullptr);
    EXPECT_EQ(find_code(fs, "band-overlap"), nullptr);
  }
}

TEST(LintRules, GapsAndOverlapsAtTheRulesOwnPrecision) {
  {
    const char* t = "Green: above 95; Amber: 85-95; Red: below 85";  // 95 is Amber: fine
    const auto fs = lint(make(polarity::bigger_is_better, unit::count, t), {});
    EXPECT_EQ(find_code(fs, "band-gap"), nullptr);
  }
  {
    const char* t = "Green: above 95; Amber: 85-94; Red: below 85";  // 95 itself: no band
    const auto fs = lint(make(polarity::bigger_is_better, unit::count, t), {}, t);
    const finding* gap = find_code(fs, "band-gap");
    ASSERT_NE(gap, nullptr);
    EXPECT_TRUE(has(gap->message, "the value 95 falls in no band")) << gap->message;
    EXPECT_TRUE(has(gap->message, "the rules rate it Amber")) << gap->message;
    EXPECT_EQ(gap->where, "rules at character 27");  // Amber's upper end, "94"
  }
  {
    const char* t = "Green: 2.5 or less; Amber: 2.75-4; Red: over 4";  // 2.51 .. 2.74
    const auto fs = lint(make(polarity::smaller_is_better, unit::average, t), {});
    const finding* gap = find_code(fs, "band-gap");
    ASSERT_NE(gap, nullptr);
    EXPECT_TRUE(has(gap->message, "values from 2.51 to 2.74")) << gap->message;
    EXPECT_EQ(gap->where, "rules");  // no text given: no position
  }
  {
    const char* t = "Green: 90 or above; Amber: 80-92; Red: below 80";
    const auto fs = lint(make(polarity::bigger_is_better, unit::percent, t), {});
    const finding* over = find_code(fs, "band-overlap");
    ASSERT_NE(over, nullptr);
    EXPECT_TRUE(has(over->message, "values from 90% to 92%")) << over->message;
  }
  {
    // Bounds against the target: compared in the same basis without a target ...
    const char* t = "Green: 100% of target or above; Amber: 90-98% of target; Red: otherwise";
    const auto fs = lint(make(polarity::bigger_is_better, unit::percent, t), {});
    const finding* gap = find_code(fs, "band-gap");
    ASSERT_NE(gap, nullptr);
    EXPECT_TRUE(has(gap->message, "the value 99% of target falls in no band")) << gap->message;
    // ... and across bases once there is a target.
    const char* u = "Green: on or above target; Amber: 80 to 89; Red: otherwise";
    const auto fs2 = lint(make(polarity::bigger_is_better, unit::percent, u, 95.0), {});
    const finding* gap2 = find_code(fs2, "band-gap");
    ASSERT_NE(gap2, nullptr);
    EXPECT_TRUE(has(gap2->message, "values from 90% to 94% fall in no band")) << gap2->message;
    const auto fs3 = lint(make(polarity::bigger_is_better, unit::percent, u), {});
    EXPECT_EQ(find_code(fs3, "band-gap"), nullptr);  // no target: cannot tell
  }
  {
    // Huge and tiny numbers: no finding made up from rounding noise, and no crash.
    const char* t = "Green: 1e300 or above; Amber: 1e-300 to 1e299; Red: otherwise";
    EXPECT_NO_THROW((void)lint(make(polarity::bigger_is_better, unit::count, t), {}, t));
  }
}

TEST(LintRules, Polarity) {
  const char* rising = "95% or above Green 85%-94% Amber 84% and below Red";
  const char* falling = "17 or below Green 18.1-20 Amber 20.1 and above Red";
  EXPECT_EQ(codes(lint(make(polarity::smaller_is_better, unit::percent, rising), {})),
            std::vector<std::string>{"polarity-conflict"});
  EXPECT_EQ(codes(lint(make(polarity::bigger_is_better, unit::average, falling), {})),
            (std::vector<std::string>{"band-gap" /* 17.1-18 */, "polarity-conflict"}));
  EXPECT_TRUE(codes(lint(make(polarity::bigger_is_better, unit::percent, rising), {})).empty());
  const auto fs = lint(make(polarity::neutral, unit::percent, rising), {});
  ASSERT_EQ(codes(fs), std::vector<std::string>{"polarity-missing"});
  EXPECT_EQ(fs[0].severity, severity::info);
  EXPECT_TRUE(has(fs[0].message, "BIB")) << fs[0].message;
  // A neutral context count with no rules is fine.
  EXPECT_TRUE(lint(make(polarity::neutral, unit::count, ""), {}).empty());
}

TEST(LintRules, TargetAndCohort) {
  const char* visits = "98% or above Green 90%-97% Amber 89% and below Red";
  EXPECT_EQ(codes(lint(make(polarity::bigger_is_better, unit::percent, visits, 75.0), {})),
            std::vector<std::string>{"target-not-green"});
  EXPECT_TRUE(lint(make(polarity::bigger_is_better, unit::percent, visits, 98.0), {}).empty());
  // Rules without Green say nothing about the target.
  EXPECT_TRUE(
      lint(make(polarity::bigger_is_better, unit::percent, "Amber: 50+; Red: otherwise", 10.0), {})
          .empty());

  const char* relative = "Green: on or above target; Amber: within 5% of target; Red: otherwise";
  const auto no_target = lint(make(polarity::bigger_is_better, unit::percent, relative), {});
  ASSERT_EQ(codes(no_target), std::vector<std::string>{"needs-target"});
  EXPECT_EQ(no_target[0].severity, severity::error);
  EXPECT_TRUE(lint(make(polarity::bigger_is_better, unit::percent, relative, 90.0), {}).empty());

  const char* cp10 = "10% of cohort or below Green 10-15% Amber 16% and above Red";
  indicator ind = make(polarity::smaller_is_better, unit::count, cp10);
  const std::vector<observation> series = {{"Oct-17", 14, "", ""}, {"Nov-17", 14, "", "Green"}};
  EXPECT_EQ(codes(lint(ind, series)),
            (std::vector<std::string>{"band-overlap", "needs-denominator"}));
  // With the cohort size: rated, and Nov-17's published Green is checked (14 of 200 = 7%).
  EXPECT_EQ(codes(lint(ind, series, cp10, 200.0)), std::vector<std::string>{"band-overlap"});
  const auto small = lint(ind, series, cp10, 100.0);  // 14 of 100: Amber
  EXPECT_EQ(codes(small), (std::vector<std::string>{"band-overlap", "published-mismatch"}));
}

TEST(LintRules, RuleTextPositionsAndUnreadableText) {
  // No rule set, text that does not parse: the parse error, at its position.
  indicator ind = make(polarity::bigger_is_better, unit::percent, "");
  const std::vector<observation> series = {{"Nov-17", 50, "", "Red"}};
  const auto fs = lint(ind, series, "95% or above Purple 85%-94% Amber");
  ASSERT_EQ(codes(fs), std::vector<std::string>{"rules-unreadable"});
  EXPECT_EQ(fs[0].where, "rules at character 13");
  EXPECT_TRUE(has(fs[0].message, "unknown status 'Purple'")) << fs[0].message;
  // No rule set, text that parses: checked as the rules.
  const auto parsed = lint(ind, series, "22% or below Green 21% - 25% Amber 26% and above Red");
  EXPECT_EQ(codes(parsed), (std::vector<std::string>{"band-overlap", "polarity-conflict"}));
  // A text that is not the indicator's rules gives no positions.
  const indicator fd8 = make(polarity::smaller_is_better, unit::percent,
                             "22% or below Green 21% - 25% Amber 26% and above Red");
  const auto other = lint(fd8, {}, "95% or above Green 85%-94% Amber 84% and below Red");
  ASSERT_EQ(codes(other), std::vector<std::string>{"band-overlap"});
  EXPECT_EQ(other[0].where, "rules");
  EXPECT_EQ(lint(fd8, {}, "not rules at all")[0].where, "rules");
  // Blank text is no text.
  EXPECT_TRUE(lint(make(polarity::neutral, unit::count, ""), series, "   ").empty());
}

// ---- series
// ----------------------------------------------------------------------------------------

TEST(LintSeries, SuspiciousZerosOnlyInDaysAndAverages) {
  const char* ad7 = "558 or below Green 559 to 608 Amber 609 and above Red";
  const std::vector<observation> s = {{"Apr-17", 763, "", ""},
                                      {"May-17", 0, "", ""},
                                      {"Jun-17", 0, "", ""},
                                      {"Jul-17", 483, "", "Green"}};
  auto fs = lint(make(polarity::smaller_is_better, unit::days, ad7), s);
  EXPECT_EQ(codes(fs), (std::vector<std::string>{"suspicious-zero", "suspicious-zero"}));
  EXPECT_EQ(fs[0].where, "May-17");
  EXPECT_EQ(fs[1].where, "Jun-17");
  EXPECT_EQ(codes(lint(make(polarity::smaller_is_better, unit::average, ad7), s)).size(), 2u);
  // Counts and percentages may well be 0.
  EXPECT_TRUE(lint(make(polarity::smaller_is_better, unit::count, ad7), s).empty());
  // All zeros: nothing to contrast them with.
  const std::vector<observation> zeros = {{"Apr-17", 0, "", ""}, {"May-17", 0, "", "Green"}};
  EXPECT_TRUE(lint(make(polarity::smaller_is_better, unit::days, ad7), zeros).empty());
  // -0.0 is a zero too.
  const std::vector<observation> negzero = {{"Apr-17", 10, "", ""}, {"May-17", -0.0, "", "Green"}};
  EXPECT_EQ(codes(lint(make(polarity::smaller_is_better, unit::days, ad7), negzero)),
            std::vector<std::string>{"suspicious-zero"});
}

TEST(LintSeries, DefinitionChangesAndComparable) {
  const std::vector<observation> s = {{"Aug-17", 71, "6m+", ""},
                                      {"Sep-17", 71, "6m+", ""},
                                      {"Oct-17", nan_, "", ""},  // blank: no value, no change
                                      {"Nov-17", 53, "", ""},
                                      {"Dec-17", 70, " ", "Green"}};
  const indicator ind = make(polarity::bigger_is_better, unit::percent,
                             "60% or above Green 55%-59% Amber 54% and below Red");
  const auto fs = lint(ind, s);
  ASSERT_EQ(codes(fs), std::vector<std::string>{"definition-change"});
  EXPECT_EQ(fs[0].where, "Nov-17");
  EXPECT_TRUE(has(fs[0].message, "Sep-17 is noted '6m+' and Nov-17 has no note")) << fs[0].message;

  EXPECT_FALSE(comparable(s[1], s[3]));
  EXPECT_TRUE(comparable(s[0], s[1]));
  EXPECT_TRUE(comparable(s[3], s[4]));  // blanks around a note do not count
  EXPECT_TRUE(comparable(observation{"a", 1, "6M+", ""}, observation{"b", 2, " 6m+ ", ""}));
  EXPECT_EQ(travel(ind, s[1], s[3]), direction::none);
  EXPECT_EQ(travel(ind, s[3], s[4]), direction::improved);
  EXPECT_EQ(travel(ind, s[0], s[1]), direction::same);
}

TEST(LintSeries, MissingAndNonFiniteValues) {
  const char* amt2 = "95% or above Green 85%-94% Amber 84% and below Red";
  const indicator ind = make(polarity::bigger_is_better, unit::percent, amt2, 95.0);
  // NaN anywhere is a blank: no finding, even as the latest value with no published status.
  const std::vector<observation> blanks = {{"Oct-17", nan_, "", ""}, {"Nov-17", nan_, "", ""}};
  EXPECT_TRUE(lint(ind, blanks).empty());
  // Infinite values are findings, and are not rated against the published status.
  const std::vector<observation> infs = {{"Oct-17", inf_, "", "Red"}, {"Nov-17", -inf_, "", ""}};
  const auto fs = lint(ind, infs);
  EXPECT_EQ(codes(fs), (std::vector<std::string>{"value-not-finite", "value-not-finite"}));
  EXPECT_TRUE(has(fs[0].message, "+inf")) << fs[0].message;
  EXPECT_EQ(fs[1].where, "Nov-17");
  // An empty series, or no period labels.
  EXPECT_TRUE(lint(ind, {}).empty());
  const std::vector<observation> unlabelled = {{"", 50, "", "Green"}};
  const auto u = lint(ind, unlabelled);
  ASSERT_EQ(codes(u), std::vector<std::string>{"published-mismatch"});
  EXPECT_EQ(u[0].where, "observation 1");
}

// ---- published status
// --------------------------------------------------------------------------------

TEST(LintPublished, LatestPeriodMustBePublished) {
  const char* amt2 = "95% or above Green 85%-94% Amber 84% and below Red";
  const indicator ind = make(polarity::bigger_is_better, unit::percent, amt2, 95.0);
  // Blank published on earlier periods is normal; on the latest with a value it is a finding.
  const std::vector<observation> s = {{"Oct-17", 67.7, "", ""}, {"Nov-17", 63.9, "", ""}};
  const auto fs = lint(ind, s);
  ASSERT_EQ(codes(fs), std::vector<std::string>{"published-missing"});
  EXPECT_EQ(fs[0].where, "Nov-17");
  EXPECT_EQ(fs[0].severity, severity::warning);
  EXPECT_TRUE(has(fs[0].message, "63.9%")) << fs[0].message;
  // Without rules there is nothing to publish.
  EXPECT_TRUE(lint(make(polarity::neutral, unit::count, ""), s).empty());
}

TEST(LintPublished, UnknownAndMismatchedStatuses) {
  const char* amt2 = "95% or above Green 85%-94% Amber 84% and below Red";
  const indicator ind = make(polarity::bigger_is_better, unit::percent, amt2, 95.0);
  const std::vector<observation> s = {{"Aug-17", 85.8, "", "Green"},  // is Amber
                                      {"Sep-17", 78.5, "", "Blue"},   // not in these rules
                                      {"Oct-17", 67.7, "", " red "},  // any case, blanks: fine
                                      {"Nov-17", 63.9, "", "Yellow"}};
  const auto fs = lint(ind, s);
  ASSERT_EQ(codes(fs), (std::vector<std::string>{"published-mismatch", "published-unknown",
                                                 "published-unknown"}));
  EXPECT_EQ(fs[0].where, "Aug-17");
  EXPECT_EQ(fs[0].severity, severity::error);
  EXPECT_TRUE(has(fs[0].message, "published Green but the rules rate 85.8% Amber"))
      << fs[0].message;
  EXPECT_EQ(fs[1].where, "Sep-17");
  EXPECT_TRUE(has(fs[1].message, "'Blue'")) << fs[1].message;
  EXPECT_TRUE(has(fs[1].message, "Green, Amber, Red")) << fs[1].message;
  EXPECT_EQ(fs[2].where, "Nov-17");
  // A published status with no value is not compared.
  const std::vector<observation> blank = {{"Nov-17", nan_, "", "Green"}};
  EXPECT_TRUE(lint(ind, blank).empty());
  // Decimals as declared are respected: 94.6 rounds to 95 at no decimals, so Green is right.
  indicator one_dp = ind;
  one_dp.decimals = 0;
  const std::vector<observation> rounded = {{"Nov-17", 94.6, "", "Green"}};
  EXPECT_TRUE(lint(one_dp, rounded).empty());
  EXPECT_EQ(codes(lint(ind, rounded)), std::vector<std::string>{"published-mismatch"});
}

TEST(LintCodes, SeveritiesHaveFixedCodesAndNames) {
  EXPECT_EQ(static_cast<int>(severity::info), 0);
  EXPECT_EQ(static_cast<int>(severity::warning), 1);
  EXPECT_EQ(static_cast<int>(severity::error), 2);
  EXPECT_EQ(to_string(severity::info), "info");
  EXPECT_EQ(to_string(severity::warning), "warning");
  EXPECT_EQ(to_string(severity::error), "error");
  EXPECT_EQ(lint_code::band_gap, "band-gap");
  EXPECT_EQ(lint_code::published_mismatch, "published-mismatch");
}
