#include "indeval/period.hpp"
#include "indeval/status.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "test_data.hpp"


using namespace date::literals;
using indeval::parse_period;
using indeval::period;
using indeval::period_error;
using indeval::period_kind;
using indeval::period_qualifier;
using indeval::qualifier_kind;
using indeval::try_parse_period;
using indeval::year_kind;

namespace {

constexpr date::year_month ym(int y, unsigned m) { return date::year{y} / date::month{m}; }
constexpr date::year_month_day ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

// ---- value-type properties -------------------------------------------------------------------

static_assert(std::is_trivially_copyable_v<period>);
static_assert(std::is_nothrow_default_constructible_v<period>);
static_assert(sizeof(period) <= 32);
static_assert(period::financial_year(2017_y).first_day() == ymd(2017, 4, 1));
static_assert(period::financial_year(2017_y).last_day() == ymd(2018, 3, 31));
static_assert(period::academic_year(2016_y).next() == period::academic_year(2017_y));
static_assert(period::month(ym(2017, 12)).next() == period::month(ym(2018, 1)));
static_assert(period::quarter(2017_y, 1) < period::quarter(2017_y, 2));
static_assert(!std::is_convertible_v<date::year_month, period>);

TEST(PeriodValue, DefaultIsJanuary1970Month) {
    const period p;
    EXPECT_EQ(p.kind(), period_kind::month);
    EXPECT_EQ(p.first_month(), ym(1970, 1));
    EXPECT_EQ(p.length(), 1u);
    EXPECT_FALSE(p.qualifier());
}

TEST(PeriodValue, FactoriesBuildTheExpectedShape) {
    const period m = period::month(ym(2017, 4));
    EXPECT_EQ(m.kind(), period_kind::month);
    EXPECT_EQ(m.length(), 1u);
    EXPECT_EQ(m.years(), 0u);

    const period q = period::quarter(2017_y, 3);
    EXPECT_EQ(q.kind(), period_kind::quarter);
    EXPECT_EQ(q.first_month(), ym(2017, 7));
    EXPECT_EQ(q.last_month(), ym(2017, 9));

    const period c = period::calendar_year(2014_y, 3);
    EXPECT_EQ(c.kind(), period_kind::calendar_year);
    EXPECT_EQ(c.length(), 36u);
    EXPECT_EQ(c.years(), 3u);
    EXPECT_TRUE(c.is_span());
    EXPECT_EQ(c.last_month(), ym(2016, 12));

    const period f = period::financial_year(2017_y);
    EXPECT_EQ(f.kind(), period_kind::financial_year);
    EXPECT_EQ(f.first_month(), ym(2017, 4));
    EXPECT_FALSE(f.is_span());
    EXPECT_EQ(f, period::year(year_kind::financial, 2017_y));

    const period a = period::academic_year(2016_y, 2);
    EXPECT_EQ(a.kind(), period_kind::academic_year);
    EXPECT_EQ(a.first_month(), ym(2016, 9));
    EXPECT_EQ(a.last_month(), ym(2018, 8));

    EXPECT_EQ(indeval::year_kind_of(c), year_kind::calendar);
    EXPECT_EQ(indeval::year_kind_of(f), year_kind::financial);
    EXPECT_EQ(indeval::year_kind_of(a), year_kind::academic);
    EXPECT_EQ(indeval::year_kind_of(m), std::nullopt);
    EXPECT_EQ(indeval::year_kind_of(q), std::nullopt);
}

TEST(PeriodValue, GeneralConstructorChecksInvariants) {
    EXPECT_NO_THROW(period(period_kind::financial_year, ym(2017, 4), 24));
    EXPECT_NO_THROW(period(period_kind::quarter, ym(2017, 10), 3));
    EXPECT_THROW(period(period_kind::month, ym(2017, 4), 2), std::invalid_argument);
    EXPECT_THROW(period(period_kind::quarter, ym(2017, 2), 3), std::invalid_argument);
    EXPECT_THROW(period(period_kind::quarter, ym(2017, 1), 6), std::invalid_argument);
    EXPECT_THROW(period(period_kind::financial_year, ym(2017, 1), 12), std::invalid_argument);
    EXPECT_THROW(period(period_kind::academic_year, ym(2017, 9), 18), std::invalid_argument);
    EXPECT_THROW(period(period_kind::calendar_year, ym(2017, 1), 0), std::invalid_argument);
    EXPECT_THROW(period(period_kind::month, date::year{2017} / date::month{13}, 1), std::invalid_argument);
    EXPECT_THROW(period::quarter(2017_y, 0), std::invalid_argument);
    EXPECT_THROW(period::quarter(2017_y, 5), std::invalid_argument);
    EXPECT_THROW(period::calendar_year(2017_y, 0), std::invalid_argument);
    EXPECT_THROW(period::calendar_year(2017_y, period::max_years + 1), std::invalid_argument);
    EXPECT_NO_THROW(period::calendar_year(2017_y, period::max_years));
}

TEST(PeriodValue, QualifierIsKeptAndDroppedOnRequest) {
    const period_qualifier rev{qualifier_kind::revised};
    EXPECT_EQ(rev.text(), "Rev");
    const period p = period::calendar_year(2022_y).with_qualifier(rev);
    EXPECT_EQ(p.qualifier().kind(), qualifier_kind::revised);
    EXPECT_NE(p, period::calendar_year(2022_y));
    EXPECT_EQ(p.unqualified(), period::calendar_year(2022_y));
    EXPECT_EQ(period_qualifier{qualifier_kind::final}.text(), "Final");
    EXPECT_EQ(period_qualifier{qualifier_kind::provisional}.text(), "prov");
    EXPECT_EQ(period_qualifier{qualifier_kind::outturn}.text(), "OT");
    EXPECT_EQ(period_qualifier{}.text(), "");

    const auto lower_rev = period_qualifier::from_text("rev");
    ASSERT_TRUE(lower_rev);
    EXPECT_EQ(lower_rev->kind(), qualifier_kind::revised);
    EXPECT_EQ(lower_rev->text(), "rev");
    EXPECT_NE(*lower_rev, rev);  // same kind, different spelling
    EXPECT_EQ(period_qualifier::from_text("PROVISIONAL")->kind(), qualifier_kind::provisional);
    EXPECT_EQ(period_qualifier::from_text("Outturn")->kind(), qualifier_kind::outturn);
    EXPECT_FALSE(period_qualifier::from_text("Est"));
    EXPECT_FALSE(period_qualifier::from_text(""));
}

// ---- calendar --------------------------------------------------------------------------------

TEST(PeriodDays, FirstAndLastDayOfEachKind) {
    EXPECT_EQ(period::month(ym(2020, 2)).first_day(), ymd(2020, 2, 1));
    EXPECT_EQ(period::month(ym(2020, 2)).last_day(), ymd(2020, 2, 29));
    EXPECT_EQ(period::month(ym(2019, 2)).last_day(), ymd(2019, 2, 28));
    EXPECT_EQ(period::month(ym(2017, 4)).last_day(), ymd(2017, 4, 30));
    EXPECT_EQ(period::quarter(2017_y, 1).first_day(), ymd(2017, 1, 1));
    EXPECT_EQ(period::quarter(2017_y, 1).last_day(), ymd(2017, 3, 31));
    EXPECT_EQ(period::quarter(2017_y, 4).last_day(), ymd(2017, 12, 31));
    EXPECT_EQ(period::calendar_year(2023_y).first_day(), ymd(2023, 1, 1));
    EXPECT_EQ(period::calendar_year(2023_y).last_day(), ymd(2023, 12, 31));
    EXPECT_EQ(period::financial_year(2017_y).first_day(), ymd(2017, 4, 1));
    EXPECT_EQ(period::financial_year(2017_y).last_day(), ymd(2018, 3, 31));
    EXPECT_EQ(period::academic_year(2016_y).first_day(), ymd(2016, 9, 1));
    EXPECT_EQ(period::academic_year(2016_y).last_day(), ymd(2017, 8, 31));
    EXPECT_EQ(period::calendar_year(2014_y, 3).last_day(), ymd(2016, 12, 31));
    EXPECT_EQ(period::financial_year(2013_y, 3).first_day(), ymd(2013, 4, 1));
    EXPECT_EQ(period::financial_year(2013_y, 3).last_day(), ymd(2016, 3, 31));
    EXPECT_EQ(period::academic_year(2013_y, 3).last_day(), ymd(2016, 8, 31));
}

TEST(PeriodContains, Boundaries) {
    const period fy = period::financial_year(2017_y);
    EXPECT_FALSE(fy.contains(ymd(2017, 3, 31)));
    EXPECT_TRUE(fy.contains(ymd(2017, 4, 1)));
    EXPECT_TRUE(fy.contains(ymd(2017, 12, 31)));
    EXPECT_TRUE(fy.contains(ymd(2018, 1, 1)));
    EXPECT_TRUE(fy.contains(ymd(2018, 3, 31)));
    EXPECT_FALSE(fy.contains(ymd(2018, 4, 1)));

    const period ay = period::academic_year(2016_y);
    EXPECT_FALSE(ay.contains(ymd(2016, 8, 31)));
    EXPECT_TRUE(ay.contains(ymd(2016, 9, 1)));
    EXPECT_TRUE(ay.contains(ymd(2017, 8, 31)));
    EXPECT_FALSE(ay.contains(ymd(2017, 9, 1)));

    const period feb = period::month(ym(2020, 2));
    EXPECT_TRUE(feb.contains(ymd(2020, 2, 29)));
    EXPECT_FALSE(feb.contains(ymd(2020, 3, 1)));
    EXPECT_FALSE(feb.contains(ymd(2020, 1, 31)));
    EXPECT_TRUE(feb.contains(date::sys_days{ymd(2020, 2, 1)}));
    EXPECT_FALSE(feb.contains(date::sys_days{ymd(2020, 2, 1)} - date::days{1}));

    const period q = period::quarter(2017_y, 4);
    EXPECT_TRUE(q.contains(ymd(2017, 10, 1)));
    EXPECT_TRUE(q.contains(ymd(2017, 12, 31)));
    EXPECT_FALSE(q.contains(ymd(2018, 1, 1)));

    const period span = period::calendar_year(2014_y, 3);
    EXPECT_FALSE(span.contains(ymd(2013, 12, 31)));
    EXPECT_TRUE(span.contains(ymd(2014, 1, 1)));
    EXPECT_TRUE(span.contains(ymd(2016, 12, 31)));
    EXPECT_FALSE(span.contains(ymd(2017, 1, 1)));

    // Invalid dates are never contained.
    EXPECT_FALSE(feb.contains(date::year{2020} / date::month{2} / date::day{30}));
}

TEST(PeriodNextPrevious, AdjacentPeriodsAcrossYearEnds) {
    EXPECT_EQ(period::month(ym(2017, 12)).next(), period::month(ym(2018, 1)));
    EXPECT_EQ(period::month(ym(2018, 1)).previous(), period::month(ym(2017, 12)));
    EXPECT_EQ(period::quarter(2017_y, 4).next(), period::quarter(2018_y, 1));
    EXPECT_EQ(period::quarter(2018_y, 1).previous(), period::quarter(2017_y, 4));
    EXPECT_EQ(period::calendar_year(2023_y).next(), period::calendar_year(2024_y));
    EXPECT_EQ(period::financial_year(2017_y).next(), period::financial_year(2018_y));
    EXPECT_EQ(period::financial_year(2017_y).previous(), period::financial_year(2016_y));
    EXPECT_EQ(period::academic_year(2016_y).next(), period::academic_year(2017_y));
    EXPECT_EQ(period::academic_year(2016_y).previous(), period::academic_year(2015_y));
    EXPECT_EQ(period::calendar_year(2014_y, 3).next(), period::calendar_year(2017_y, 3));
    EXPECT_EQ(period::financial_year(2013_y, 3).previous(), period::financial_year(2010_y, 3));
    // Financial quarter Jan–Mar follows Oct–Dec.
    EXPECT_EQ(parse_period("2017-18 Q3").next(), parse_period("2017-18 Q4"));

    // Adjacent periods meet without a gap.
    for (const period p : {period::month(ym(2017, 12)), period::quarter(2019_y, 4), period::financial_year(2017_y),
                           period::academic_year(2016_y, 2), period::calendar_year(1999_y)}) {
        EXPECT_EQ(date::sys_days{p.last_day()} + date::days{1}, date::sys_days{p.next().first_day()}) << p;
        EXPECT_EQ(date::sys_days{p.previous().last_day()} + date::days{1}, date::sys_days{p.first_day()}) << p;
        EXPECT_EQ(p.next().previous(), p);
    }

    // The qualifier belongs to one period, not its neighbours.
    const period rev = parse_period("2022 (Rev)", year_kind::academic);
    EXPECT_FALSE(rev.next().qualifier());
    EXPECT_EQ(rev.next(), parse_period("2023", year_kind::academic));
}

TEST(PeriodOrdering, FirstMonthThenLengthThenKind) {
    const period m = period::month(ym(2017, 4));
    const period q = period::quarter(2017_y, 2);
    const period fy = period::financial_year(2017_y);
    const period fy3 = period::financial_year(2017_y, 3);
    const period cy = period::calendar_year(2017_y);
    const period ay = period::academic_year(2016_y);

    EXPECT_LT(ay, cy);   // Sep 2016 < Jan 2017
    EXPECT_LT(cy, m);    // Jan 2017 < Apr 2017
    EXPECT_LT(m, q);     // same first month, 1 < 3 months
    EXPECT_LT(q, fy);    // 3 < 12
    EXPECT_LT(fy, fy3);  // 12 < 36
    EXPECT_LT(fy3, period::month(ym(2017, 5)));
    EXPECT_LT(period::month(ym(2016, 12)), period::month(ym(2017, 1)));
    EXPECT_GT(period::calendar_year(2018_y), period::calendar_year(2017_y, 3));

    // The qualifier breaks the last tie.
    const period plain = period::calendar_year(2022_y);
    const period rev = plain.with_qualifier(period_qualifier{qualifier_kind::revised});
    EXPECT_LT(plain, rev);
    EXPECT_EQ(plain <=> plain, std::strong_ordering::equal);

    std::vector<period> v{fy3, cy, m, ay, fy, q};
    std::sort(v.begin(), v.end());
    EXPECT_EQ(v, (std::vector<period>{ay, cy, m, q, fy, fy3}));
}

// ---- formatting ------------------------------------------------------------------------------

TEST(PeriodFormat, CanonicalLabels) {
    EXPECT_EQ(to_string(period::month(ym(2017, 4))), "Apr-17");
    EXPECT_EQ(to_string(period::month(ym(2017, 11))), "Nov-17");
    EXPECT_EQ(to_string(period::month(ym(2000, 1))), "Jan-00");
    EXPECT_EQ(to_string(period::month(ym(2099, 12))), "Dec-99");
    EXPECT_EQ(to_string(period::month(ym(1999, 9))), "Sep-1999");
    EXPECT_EQ(to_string(period::month(ym(2100, 3))), "Mar-2100");
    EXPECT_EQ(to_string(period::quarter(2017_y, 1)), "2017 Q1");
    EXPECT_EQ(to_string(period::quarter(2017_y, 4)), "2017 Q4");
    EXPECT_EQ(to_string(period::calendar_year(2023_y)), "2023");
    EXPECT_EQ(to_string(period::calendar_year(2014_y, 3)), "2014-16");
    EXPECT_EQ(to_string(period::calendar_year(2017_y, 2)), "2017-18");
    EXPECT_EQ(to_string(period::calendar_year(1998_y, 3)), "1998-00");
    EXPECT_EQ(to_string(period::financial_year(2017_y)), "2017-18");
    EXPECT_EQ(to_string(period::financial_year(1999_y)), "1999-00");
    EXPECT_EQ(to_string(period::academic_year(2016_y)), "2016-17");
    EXPECT_EQ(to_string(period::financial_year(2013_y, 3)), "2013/14-15/16");
    EXPECT_EQ(to_string(period::academic_year(2013_y, 3)), "2013/14-15/16");
    EXPECT_EQ(to_string(period::financial_year(1998_y, 3)), "1998/99-00/01");
    EXPECT_EQ(to_string(period::calendar_year(2022_y).with_qualifier(period_qualifier{qualifier_kind::revised})),
              "2022 (Rev)");
    EXPECT_EQ(to_string(parse_period("2025 (PROV)", year_kind::academic)), "2024-25 (PROV)");

    std::ostringstream os;
    os << period::financial_year(2017_y);
    EXPECT_EQ(os.str(), "2017-18");
}

// ---- parsing ---------------------------------------------------------------------------------

TEST(PeriodParse, SeedScorecardLabels) {
    EXPECT_EQ(parse_period("Apr-17"), period::month(ym(2017, 4)));
    EXPECT_EQ(parse_period("Nov-17"), period::month(ym(2017, 11)));
    EXPECT_EQ(parse_period("2017-18"), period::financial_year(2017_y));  // financial by default
    EXPECT_EQ(parse_period("2017-18").first_day(), ymd(2017, 4, 1));
    EXPECT_EQ(parse_period("2017-18").last_day(), ymd(2018, 3, 31));
}

TEST(PeriodParse, SingleYearMeaningDependsOnKind) {
    EXPECT_EQ(parse_period("2023", year_kind::calendar), period::calendar_year(2023_y));
    // The financial year ending 31 March 2023, and the academic year ending August 2023.
    EXPECT_EQ(parse_period("2023", year_kind::financial), period::financial_year(2022_y));
    EXPECT_EQ(parse_period("2023"), period::financial_year(2022_y));
    EXPECT_EQ(parse_period("2023", year_kind::academic), period::academic_year(2022_y));
    EXPECT_EQ(parse_period("2023", year_kind::financial).last_day(), ymd(2023, 3, 31));
    EXPECT_EQ(parse_period("2023", year_kind::academic).last_day(), ymd(2023, 8, 31));
}

TEST(PeriodParse, HyphenatedYears) {
    EXPECT_EQ(parse_period("2016-17", year_kind::financial), period::financial_year(2016_y));
    EXPECT_EQ(parse_period("2016-17", year_kind::academic), period::academic_year(2016_y));
    // For the calendar kind YYYY-YY is always a span of calendar years.
    EXPECT_EQ(parse_period("2017-18", year_kind::calendar), period::calendar_year(2017_y, 2));
    EXPECT_EQ(parse_period("2014-16", year_kind::calendar), period::calendar_year(2014_y, 3));
    EXPECT_EQ(parse_period("1999-01", year_kind::calendar), period::calendar_year(1999_y, 3));
    EXPECT_EQ(parse_period("1999-00", year_kind::financial), period::financial_year(1999_y));
}

TEST(PeriodParse, SplitYearsAndSpans) {
    EXPECT_EQ(parse_period("2015/16", year_kind::academic), period::academic_year(2015_y));
    EXPECT_EQ(parse_period("2015/16", year_kind::financial), period::financial_year(2015_y));
    EXPECT_EQ(parse_period("2013/14-15/16", year_kind::financial), period::financial_year(2013_y, 3));
    EXPECT_EQ(parse_period("2013/14-15/16", year_kind::academic), period::academic_year(2013_y, 3));
    EXPECT_EQ(parse_period("2013/14-14/15"), period::financial_year(2013_y, 2));
    EXPECT_EQ(parse_period("1998/99-00/01"), period::financial_year(1998_y, 3));
}

TEST(PeriodParse, Qualifiers) {
    const period rev = parse_period("2022 (Rev)", year_kind::academic);
    EXPECT_EQ(rev.unqualified(), period::academic_year(2021_y));
    EXPECT_EQ(rev.qualifier().kind(), qualifier_kind::revised);
    EXPECT_EQ(rev.qualifier().text(), "Rev");

    const period fin = parse_period("2020 (Final)", year_kind::academic);
    EXPECT_EQ(fin.qualifier().kind(), qualifier_kind::final);
    const period prov = parse_period("2025 (prov)", year_kind::academic);
    EXPECT_EQ(prov.qualifier().kind(), qualifier_kind::provisional);
    EXPECT_EQ(prov.qualifier().text(), "prov");
    const period ot = parse_period("2016-17 (OT)", year_kind::financial);
    EXPECT_EQ(ot.unqualified(), period::financial_year(2016_y));
    EXPECT_EQ(ot.qualifier().kind(), qualifier_kind::outturn);

    // Recognised case-insensitively, spelled as written.
    const period shout = parse_period("2022 (REV)", year_kind::calendar);
    EXPECT_EQ(shout.qualifier().kind(), qualifier_kind::revised);
    EXPECT_EQ(shout.qualifier().text(), "REV");
    EXPECT_EQ(parse_period("2022(rev)", year_kind::calendar).qualifier().text(), "rev");
    EXPECT_EQ(parse_period("Apr-17 (Provisional)").qualifier().kind(), qualifier_kind::provisional);
    EXPECT_EQ(parse_period("2013/14-15/16 (Revised)").qualifier().kind(), qualifier_kind::revised);
    EXPECT_EQ(parse_period("2017 Q2 (OT)").qualifier().kind(), qualifier_kind::outturn);
}

TEST(PeriodParse, MonthNamesAndYears) {
    EXPECT_EQ(parse_period("apr-17"), period::month(ym(2017, 4)));
    EXPECT_EQ(parse_period("NOV-17"), period::month(ym(2017, 11)));
    EXPECT_EQ(parse_period("September-17"), period::month(ym(2017, 9)));
    EXPECT_EQ(parse_period("Sept-17"), period::month(ym(2017, 9)));
    EXPECT_EQ(parse_period("Apr-2017"), period::month(ym(2017, 4)));
    EXPECT_EQ(parse_period("Apr 2017"), period::month(ym(2017, 4)));
    EXPECT_EQ(parse_period("Sep-1999"), period::month(ym(1999, 9)));
    EXPECT_EQ(parse_period("Jan-00"), period::month(ym(2000, 1)));
    const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (unsigned m = 1; m <= 12; ++m)
        EXPECT_EQ(parse_period(std::string(names[m - 1]) + "-20"), period::month(ym(2020, m))) << names[m - 1];
}

TEST(PeriodParse, Quarters) {
    EXPECT_EQ(parse_period("2017 Q1"), period::quarter(2017_y, 1));
    EXPECT_EQ(parse_period("2017Q4"), period::quarter(2017_y, 4));
    EXPECT_EQ(parse_period("2017 q2"), period::quarter(2017_y, 2));
    // Split-year quarters use financial numbering: Q1 = April–June.
    EXPECT_EQ(parse_period("2017-18 Q1"), period::quarter(2017_y, 2));
    EXPECT_EQ(parse_period("2017/18 Q3", year_kind::academic), period::quarter(2017_y, 4));
    EXPECT_EQ(parse_period("2017-18 Q4", year_kind::calendar), period::quarter(2018_y, 1));
}

TEST(PeriodParse, SurroundingBlanksAreIgnored) {
    EXPECT_EQ(parse_period("  2017-18\t"), period::financial_year(2017_y));
    EXPECT_EQ(parse_period(" 2022 (Rev) ", year_kind::calendar).qualifier().text(), "Rev");
}

struct bad_label {
    const char* label;
    year_kind kind;
    std::size_t position;
};

TEST(PeriodParseError, RefusedWithPosition) {
    const bad_label cases[] = {
        {"0", year_kind::academic, 0},                // LAIT's junk label
        {"", year_kind::financial, 0},                // empty
        {"   ", year_kind::financial, 0},             // blank
        {"Foo-17", year_kind::financial, 0},          // unknown month
        {"Ap-17", year_kind::financial, 0},           //
        {"Apr17", year_kind::financial, 3},           // missing separator
        {"Apr-", year_kind::financial, 4},            // missing year
        {"Apr-1x", year_kind::financial, 5},          //
        {"Apr-201", year_kind::financial, 4},         // three-digit year
        {"Apr-17x", year_kind::financial, 6},         // trailing junk
        {"2017-1x", year_kind::financial, 6},         // second year not a number
        {"2017-", year_kind::financial, 5},           //
        {"2017-183", year_kind::financial, 7},        // three-digit second year
        {"2017-19", year_kind::financial, 5},         // not consecutive, and not a span
        {"2017-19", year_kind::academic, 5},          //
        {"2017-17", year_kind::calendar, 5},          // end year must follow start
        {"2017-16", year_kind::calendar, 5},          // would be a century
        {"2017/19", year_kind::academic, 5},          //
        {"2015/16", year_kind::calendar, 4},          // split years are not calendar years
        {"2013/14-15/16", year_kind::calendar, 4},    //
        {"2013/14-15/17", year_kind::financial, 11},  // last year not consecutive
        {"2013/14-13/14", year_kind::financial, 8},   // span does not move forward
        {"2013/14-15", year_kind::financial, 10},     // missing '/'
        {"13/14", year_kind::financial, 0},           // two-digit first year
        {"201", year_kind::calendar, 0},              //
        {"20171", year_kind::calendar, 4},            // five digits
        {"0999", year_kind::calendar, 0},             // out of range
        {"2017 Q5", year_kind::financial, 6},         // bad quarter
        {"2017 Q", year_kind::financial, 6},          //
        {"2017 Q12", year_kind::financial, 7},        //
        {"2017-19 Q1", year_kind::financial, 5},      // split-year quarter needs consecutive years
        {"2017x", year_kind::calendar, 4},            // trailing junk
        {"2017 18", year_kind::calendar, 5},          //
        {"-2017", year_kind::calendar, 0},            //
        {"2022 (Est)", year_kind::calendar, 6},       // unknown qualifier
        {"2022 ()", year_kind::calendar, 6},          //
        {"2022 (Rev", year_kind::calendar, 9},        // unterminated
        {"2022 (Rev) x", year_kind::calendar, 10},    // junk after the qualifier
        {"2022 Rev", year_kind::calendar, 5},         //
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string("label \"") + c.label + "\"");
        EXPECT_EQ(try_parse_period(c.label, c.kind), std::nullopt);
        try {
            (void)parse_period(c.label, c.kind);
            ADD_FAILURE() << "accepted";
        } catch (const period_error& e) {
            EXPECT_EQ(e.position(), c.position) << e.what();
            const std::string what = e.what();
            EXPECT_NE(what.find(std::string("\"") + c.label + "\""), std::string::npos) << what;
            EXPECT_NE(what.find("position " + std::to_string(c.position)), std::string::npos) << what;
        }
    }
}

TEST(PeriodParseError, IsAnInvalidArgumentNamingTheLabel) {
    static_assert(std::is_base_of_v<std::invalid_argument, period_error>);
    try {
        (void)parse_period("0", year_kind::academic);
        FAIL() << "accepted \"0\"";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "invalid period label \"0\" at position 0: expected a four-digit year");
    }
    try {
        (void)parse_period("2017-19");
        FAIL() << "accepted \"2017-19\"";
    } catch (const period_error& e) {
        EXPECT_EQ(e.position(), 5u);
        EXPECT_NE(std::string(e.what()).find("2017/18-18/19"), std::string::npos) << e.what();
    }
}

TEST(PeriodParse, TryParseAgreesWithParse) {
    EXPECT_EQ(try_parse_period("2016-17", year_kind::academic), period::academic_year(2016_y));
    EXPECT_EQ(try_parse_period("Apr-17"), period::month(ym(2017, 4)));
    EXPECT_EQ(try_parse_period("Foo-17"), std::nullopt);
    static_assert(noexcept(try_parse_period("x")));
}

TEST(PeriodRoundTrip, ParseOfToStringIsIdentity) {
    const std::optional<period_qualifier> qualifiers[] = {
        period_qualifier{}, period_qualifier{qualifier_kind::revised}, period_qualifier{qualifier_kind::final},
        period_qualifier{qualifier_kind::provisional}, period_qualifier{qualifier_kind::outturn},
        period_qualifier::from_text("REVISED"), period_qualifier::from_text("Prov")};
    std::vector<period> all;
    for (int y = 1990; y <= 2110; ++y) {
        const date::year yr{y};
        for (unsigned m = 1; m <= 12; ++m) all.push_back(period::month(yr / date::month{m}));
        for (unsigned q = 1; q <= 4; ++q) all.push_back(period::quarter(yr, q));
        for (unsigned n = 1; n <= period::max_years; ++n) {
            all.push_back(period::calendar_year(yr, n));
            all.push_back(period::financial_year(yr, n));
            all.push_back(period::academic_year(yr, n));
        }
    }
    std::size_t checked = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& q = qualifiers[i % std::size(qualifiers)];
        ASSERT_TRUE(q);
        const period p = all[i].with_qualifier(*q);
        const year_kind kind = indeval::year_kind_of(p).value_or(year_kind::financial);
        const std::string label = to_string(p);
        const auto back = try_parse_period(label, kind);
        ASSERT_TRUE(back) << label;
        EXPECT_EQ(*back, p) << label;
        EXPECT_EQ(to_string(*back), label);
        ++checked;
    }
    EXPECT_GT(checked, 4000u);
}

TEST(PeriodLait, YearKindFromYearType) {
    EXPECT_EQ(indeval::year_kind_from_lait("Calendar Year"), year_kind::calendar);
    EXPECT_EQ(indeval::year_kind_from_lait("Financial Year"), year_kind::financial);
    EXPECT_EQ(indeval::year_kind_from_lait("Academic Year"), year_kind::academic);
    EXPECT_EQ(indeval::year_kind_from_lait(" academic year "), year_kind::academic);
    EXPECT_EQ(indeval::year_kind_from_lait("Annual"), year_kind::calendar);
    EXPECT_EQ(indeval::year_kind_from_lait("Annual - January"), year_kind::calendar);
    EXPECT_EQ(indeval::year_kind_from_lait("Annual (end of Sept)"), year_kind::calendar);
    EXPECT_EQ(indeval::year_kind_from_lait("NA"), std::nullopt);
    EXPECT_EQ(indeval::year_kind_from_lait(""), std::nullopt);
}

// ---- the range of years: every period has a label that parses back ---------------------------

TEST(PeriodRange, EveryYearOfEveryKindRoundTrips) {
    for (int y = period::first_year; y <= period::last_year; ++y) {
        for (const auto kind : {year_kind::calendar, year_kind::financial, year_kind::academic}) {
            const period p = period::year(kind, date::year{y});
            ASSERT_EQ(parse_period(indeval::to_string(p), kind), p) << indeval::to_string(p);
        }
        const period m = period::month(date::year{y} / date::December);
        ASSERT_EQ(parse_period(indeval::to_string(m)), m) << indeval::to_string(m);
    }
}

TEST(PeriodRange, TheYearEndingIn1000IsRefusedForFinancialAndAcademic) {
    EXPECT_EQ(parse_period("1000", year_kind::calendar), period::calendar_year(1000_y));
    for (const auto kind : {year_kind::financial, year_kind::academic}) {
        try {
            (void)parse_period(" 1000", kind);
            ADD_FAILURE() << "1000 accepted";
        } catch (const period_error& e) {
            EXPECT_EQ(e.position(), 1u);
            EXPECT_NE(std::string(e.what()).find("ending in 1000 starts in 999"), std::string::npos) << e.what();
        }
        EXPECT_EQ(parse_period("1001", kind), period::year(kind, 1000_y));
        EXPECT_EQ(indeval::to_string(parse_period("1001", kind)), "1000-01");
    }
}

TEST(PeriodRange, NextAndPreviousStopAtTheEndsOfTheRange) {
    const period last = parse_period("9999-00", year_kind::financial);
    EXPECT_EQ(last, period::financial_year(9999_y));
    EXPECT_EQ(indeval::to_string(last), "9999-00");
    EXPECT_THROW((void)last.next(), std::out_of_range);
    EXPECT_EQ(last.previous(), period::financial_year(9998_y));
    EXPECT_THROW((void)period::month(ym(9999, 12)).next(), std::out_of_range);
    EXPECT_EQ(period::month(ym(9999, 11)).next(), period::month(ym(9999, 12)));
    EXPECT_THROW((void)period::month(ym(1000, 1)).previous(), std::out_of_range);
    EXPECT_THROW((void)period::financial_year(1000_y).previous(), std::out_of_range);
    EXPECT_THROW((void)period::quarter(9999_y, 4).next(), std::out_of_range);
    EXPECT_THROW((void)period::calendar_year(999_y), std::invalid_argument);
    EXPECT_THROW((void)period::month(ym(10000, 1)), std::invalid_argument);
}

// ---- blanks: text.hpp's one definition, as for every other parser ------------------------------

TEST(PeriodBlanks, SurroundingBlanksAreThoseOfEveryParser) {
    EXPECT_EQ(indeval::parse_status("Red\n"), indeval::status::red);
    for (const char* label : {"Apr-17\n", "\tApr-17\r\n", " Apr-17 ", "\vApr-17\f"})
        EXPECT_EQ(parse_period(label), period::month(ym(2017, 4))) << label;
    EXPECT_EQ(parse_period("2016-17 (OT)\r\n", year_kind::academic).qualifier().kind(), qualifier_kind::outturn);
    EXPECT_EQ(indeval::year_kind_from_lait("Academic Year\r\n"), year_kind::academic);
    try {
        (void)parse_period("\n\tFoo-17");
        ADD_FAILURE();
    } catch (const period_error& e) {
        EXPECT_EQ(e.position(), 2u);  // an offset into the label as given
    }
    EXPECT_FALSE(try_parse_period("\r\n"));
}

// ---- the real LAIT data ----------------------------------------------------------------------

// tests/data/lait/period_labels.csv: every distinct (Years, Year_Type) pair of LAIT's bds_long file
// (641,070 rows), with how many rows carry it. No field holds a comma or a quote.
TEST(PeriodLait, EveryYearsLabelParsesExceptJunkZero) {
    const std::string path = indeval::test::data_path("lait/period_labels.csv");
    std::ifstream in(path);
    ASSERT_TRUE(in) << "cannot read " << path;
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    ASSERT_EQ(line, "Years,Year_Type,rows");

    std::set<std::string> distinct, refused;
    std::size_t rows = 0, pairs = 0;
    while (std::getline(in, line)) {
        const std::size_t a = line.find(','), b = line.rfind(',');
        ASSERT_TRUE(a != std::string::npos && b > a) << line;
        const std::string label = line.substr(0, a), type = line.substr(a + 1, b - a - 1);
        rows += std::stoul(line.substr(b + 1));
        ++pairs;
        distinct.insert(label);
        const auto kind = indeval::year_kind_from_lait(type);
        ASSERT_TRUE(kind) << "unknown Year_Type \"" << type << "\"";
        try {
            const period p = parse_period(label, *kind);
            EXPECT_EQ(indeval::year_kind_of(p), kind) << label << " (" << type << ")";
            EXPECT_EQ(parse_period(to_string(p), *kind), p) << label << " (" << type << ")";
        } catch (const period_error& e) {
            refused.insert(label);
            if (label != "0") ADD_FAILURE() << "refused " << label << " (" << type << "): " << e.what();
        }
    }
    EXPECT_EQ(rows, 641070u);
    EXPECT_EQ(pairs, 122u);
    EXPECT_EQ(refused, std::set<std::string>{"0"});
    for (const char* expected : {"2023", "2016-17", "2015/16", "2014-16", "2013/14-15/16", "2022 (Rev)",
                                 "2020 (Final)", "2025 (prov)", "2016-17 (OT)", "0"})
        EXPECT_TRUE(distinct.count(expected)) << "label " << expected << " not found in " << path;
    EXPECT_GT(distinct.size(), 50u);
}

}  // namespace
