// indeval::period — the reporting period of an indicator value.
//
// A period is a run of whole calendar months, built on Howard Hinnant's date types:
//
//   kind             first month     length        canonical label (to_string)
//   month            any             1             "Apr-17"  ("Apr-1999" outside 2000–2099)
//   quarter          Jan/Apr/Jul/Oct 3             "2017 Q1" (calendar numbering: Q1 = Jan–Mar)
//   calendar_year    January         12 × n        "2023";    span of n > 1 years: "2014-16"
//   financial_year   April           12 × n        "2017-18"; span: "2013/14-15/16"
//   academic_year    September       12 × n        "2016-17"; span: "2013/14-15/16"
//
// A span is n > 1 consecutive years of one year kind. Any period may carry a qualifier (Rev, Final,
// prov, OT), printed after the label as " (Rev)".
//
// Label grammar accepted by parse_period (surrounding blanks are ignored; Y = digit):
//
//   label     := body [ blank* "(" qualifier ")" ]
//   body      := month | quarter | years
//   month     := month-name ("-" | " ") (YY | YYYY)   "Apr-17", "nov-2017", "September 17"
//                 month-name: three-letter abbreviation, full English name, or "Sept"
//                 (case-insensitive); YY means 20YY.
//   quarter   := YYYY [" "] "Q" 1-4                   calendar quarter: "2017 Q1" = Jan–Mar 2017
//              | YYYY ("-" | "/") YY [" "] "Q" 1-4    financial quarter: "2017-18 Q1" = Apr–Jun 2017,
//                                                     "2017-18 Q4" = Jan–Mar 2018 (whatever the kind)
//   years     := YYYY                 one year whose meaning depends on the caller's year_kind:
//                                       calendar  → calendar year YYYY
//                                       financial → the financial year ending 31 March YYYY
//                                                   ("2023" = 2022-23)
//                                       academic  → the academic year ending 31 August YYYY
//                                                   ("2023" = 2022/23)
//                                     (LAIT's single-year labels for financial and academic
//                                     measures name the year in which the period ends: "year
//                                     ending 31 March", summer exam results.)
//              | YYYY "-" YY          calendar  → span of calendar years from YYYY to YY, so
//                                                 "2014-16" is 2014–2016 and "2017-18" is the two
//                                                 calendar years 2017–2018;
//                                     financial / academic → the single year starting in YYYY;
//                                                 YY must be the following year ("2017-19" is
//                                                 refused: write a span as "2017/18-18/19").
//              | YYYY "/" YY          financial / academic year starting in YYYY (YY the next
//                                     year); refused for the calendar kind.
//              | YYYY "/" YY "-" YY "/" YY
//                                     span of financial / academic years, first to last
//                                     inclusive ("2013/14-15/16" = three years); refused for the
//                                     calendar kind.
//   qualifier := "Rev" | "Revised" | "Final" | "prov" | "Provisional" | "OT" | "Outturn"
//                (recognised case-insensitively; the text is kept as written)
//
// A two-digit end year YY stands for the first year after the preceding year whose last two digits
// are YY, so "1999-00" is 1999-2000; a span covers at most period::max_years (10) years, so
// "2017-17" and "2017-16" are refused. Four-digit years run from 1000 to 9999, and so does the
// year a period starts in (period::first_year to period::last_year), so every period has a label
// that parses back: "1000" as a financial or academic year (which would start in 999) is refused,
// "9999-00" is the last financial year, and next() past it (or previous() before April 1000)
// throws std::out_of_range. Surrounding blanks are text.hpp's (spaces, tabs, newlines). Anything
// else — LAIT's junk label "0", "Foo-17", "2017-1x", "13/14", "" — is refused: parse_period throws
// period_error (naming the label and the 0-based character position of the problem);
// try_parse_period returns std::nullopt.
//
// to_string always prints the canonical label, so "2023" parsed as financial prints as "2022-23".
// A label does not say which year kind it is, so a round trip needs the kind:
// parse_period(to_string(p), year_kind_of(p).value_or(year_kind::financial)) == p.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <date/date.h>

namespace indeval {

// Which year a bare year label such as "2016-17" or "2023" denotes.
enum class year_kind : std::uint8_t { calendar, financial, academic };

enum class period_kind : std::uint8_t { month, quarter, calendar_year, financial_year, academic_year };

enum class qualifier_kind : std::uint8_t { none, revised, final, provisional, outturn };

// A qualifier attached to a period label, e.g. the "Rev" of "2022 (Rev)": its kind and the text as
// written. No allocation: the text lives in a small inline buffer.
class period_qualifier {
public:
    static constexpr std::size_t max_text = 15;

    constexpr period_qualifier() noexcept = default;

    // The qualifier with its canonical spelling: "Rev", "Final", "prov", "OT" ("" for none).
    constexpr explicit period_qualifier(qualifier_kind k) noexcept : kind_{k} {
        assign(canonical_text(k));
    }

    // Recognises text (case-insensitively, without parentheses) and keeps it as written.
    static std::optional<period_qualifier> from_text(std::string_view text) noexcept;

    constexpr qualifier_kind kind() const noexcept { return kind_; }
    constexpr std::string_view text() const noexcept { return {text_, size_}; }
    constexpr bool empty() const noexcept { return kind_ == qualifier_kind::none; }
    constexpr explicit operator bool() const noexcept { return !empty(); }

    static constexpr std::string_view canonical_text(qualifier_kind k) noexcept {
        switch (k) {
            case qualifier_kind::revised: return "Rev";
            case qualifier_kind::final: return "Final";
            case qualifier_kind::provisional: return "prov";
            case qualifier_kind::outturn: return "OT";
            case qualifier_kind::none: break;
        }
        return {};
    }

    // Equal when both kind and text (exact case) agree; ordered by kind, then text.
    friend constexpr bool operator==(const period_qualifier& a, const period_qualifier& b) noexcept {
        return a.kind_ == b.kind_ && a.text() == b.text();
    }
    friend constexpr std::strong_ordering operator<=>(const period_qualifier& a,
                                                      const period_qualifier& b) noexcept {
        if (a.kind_ != b.kind_) return a.kind_ <=> b.kind_;
        return a.text() <=> b.text();
    }

private:
    constexpr void assign(std::string_view s) noexcept {
        size_ = static_cast<std::uint8_t>(s.size() < max_text ? s.size() : max_text);
        for (std::size_t i = 0; i < max_text; ++i) text_[i] = i < size_ ? s[i] : '\0';
    }

    qualifier_kind kind_ = qualifier_kind::none;
    std::uint8_t size_ = 0;
    char text_[max_text] = {};
};

class period {
public:
    // The longest span of years.
    static constexpr unsigned max_years = 10;
    // The years a period may start in: those a four-digit label can name.
    static constexpr int first_year = 1000;
    static constexpr int last_year = 9999;

    // January 1970, as a month.
    constexpr period() noexcept = default;

    // The general form. Throws std::invalid_argument unless `first` is a valid month and:
    //   month: length 1;  quarter: length 3 starting Jan/Apr/Jul/Oct;
    //   calendar/financial/academic year: starting January/April/September, length 12 × n,
    //   1 ≤ n ≤ max_years; `first` in the years first_year..last_year.
    constexpr explicit period(period_kind kind, date::year_month first, unsigned length_in_months,
                              period_qualifier q = period_qualifier{})
        : first_{first}, months_{checked_length(kind, first, length_in_months)}, kind_{kind}, qualifier_{q} {}

    static constexpr period month(date::year_month ym) { return period{period_kind::month, ym, 1u}; }
    // Calendar quarter q (1–4) of year y: q = 1 is January–March.
    static constexpr period quarter(date::year y, unsigned q) {
        if (q < 1 || q > 4) throw std::invalid_argument("indeval::period: quarter must be 1 to 4");
        return period{period_kind::quarter, y / date::month{3 * q - 2}, 3};
    }
    // `years` consecutive years of the given kind, the first starting in year `first`
    // (January, April or September of it).
    static constexpr period year(year_kind k, date::year first, unsigned years = 1) {
        if (years < 1 || years > max_years)
            throw std::invalid_argument("indeval::period: a span covers 1 to max_years years");
        switch (k) {
            case year_kind::calendar: return period{period_kind::calendar_year, first / date::January, 12 * years};
            case year_kind::financial: return period{period_kind::financial_year, first / date::April, 12 * years};
            case year_kind::academic: break;
        }
        return period{period_kind::academic_year, first / date::September, 12 * years};
    }
    static constexpr period calendar_year(date::year y, unsigned years = 1) { return year(year_kind::calendar, y, years); }
    static constexpr period financial_year(date::year first, unsigned years = 1) { return year(year_kind::financial, first, years); }
    static constexpr period academic_year(date::year first, unsigned years = 1) { return year(year_kind::academic, first, years); }

    constexpr period_kind kind() const noexcept { return kind_; }
    constexpr date::year_month first_month() const noexcept { return first_; }
    constexpr date::year_month last_month() const noexcept { return first_ + date::months{months_ - 1}; }
    constexpr unsigned length() const noexcept { return months_; }  // in months
    // Number of years for the year kinds (1 for a single year), 0 for months and quarters.
    constexpr unsigned years() const noexcept { return is_year_kind(kind_) ? months_ / 12u : 0u; }
    constexpr bool is_span() const noexcept { return years() > 1; }
    constexpr const period_qualifier& qualifier() const noexcept { return qualifier_; }

    constexpr date::year_month_day first_day() const noexcept { return first_ / date::day{1}; }
    constexpr date::year_month_day last_day() const noexcept {
        return date::year_month_day{last_month() / date::last};
    }
    // True iff first_day() <= d <= last_day(); false for an invalid date.
    constexpr bool contains(date::sys_days d) const noexcept {
        return date::sys_days{first_day()} <= d && d <= date::sys_days{last_day()};
    }
    constexpr bool contains(date::year_month_day d) const noexcept { return d.ok() && contains(date::sys_days{d}); }

    // The adjacent period of the same kind and length (without qualifier). Throws
    // std::out_of_range when it would start outside first_year..last_year.
    constexpr period next() const { return adjacent(first_ + date::months{months_}); }
    constexpr period previous() const { return adjacent(first_ - date::months{months_}); }

    constexpr period with_qualifier(period_qualifier q) const noexcept {
        period p = *this;
        p.qualifier_ = q;
        return p;
    }
    constexpr period unqualified() const noexcept { return with_qualifier(period_qualifier{}); }

    // Ordered by first month, then length, then kind, then qualifier.
    friend constexpr bool operator==(const period& a, const period& b) noexcept {
        return a.first_ == b.first_ && a.months_ == b.months_ && a.kind_ == b.kind_ && a.qualifier_ == b.qualifier_;
    }
    friend constexpr std::strong_ordering operator<=>(const period& a, const period& b) noexcept {
        const int ay = static_cast<int>(a.first_.year()), by = static_cast<int>(b.first_.year());
        if (ay != by) return ay <=> by;
        const unsigned am = static_cast<unsigned>(a.first_.month()), bm = static_cast<unsigned>(b.first_.month());
        if (am != bm) return am <=> bm;
        if (a.months_ != b.months_) return a.months_ <=> b.months_;
        if (a.kind_ != b.kind_) return a.kind_ <=> b.kind_;
        return a.qualifier_ <=> b.qualifier_;
    }

private:
    // Unchecked: for next()/previous(), whose results keep the invariants.
    struct unchecked_t {};
    constexpr period(unchecked_t, period_kind kind, date::year_month first, std::uint16_t months) noexcept
        : first_{first}, months_{months}, kind_{kind} {}

    constexpr period adjacent(date::year_month first) const {
        if (!starts_in_range(first))
            throw std::out_of_range("indeval::period: no adjacent period (periods start in the years 1000 to 9999)");
        return period{unchecked_t{}, kind_, first, months_};
    }
    static constexpr bool starts_in_range(date::year_month first) noexcept {
        const int y = static_cast<int>(first.year());
        return y >= first_year && y <= last_year;
    }
    static constexpr bool is_year_kind(period_kind k) noexcept {
        return k == period_kind::calendar_year || k == period_kind::financial_year || k == period_kind::academic_year;
    }
    static constexpr std::uint16_t checked_length(period_kind kind, date::year_month first, unsigned months) {
        if (!first.ok()) throw std::invalid_argument("indeval::period: invalid first month");
        if (!starts_in_range(first))
            throw std::invalid_argument("indeval::period: a period starts in the years 1000 to 9999");
        const unsigned m = static_cast<unsigned>(first.month());
        bool good = false;
        switch (kind) {
            case period_kind::month: good = months == 1; break;
            case period_kind::quarter: good = months == 3 && (m - 1) % 3 == 0; break;
            case period_kind::calendar_year: good = m == 1; break;
            case period_kind::financial_year: good = m == 4; break;
            case period_kind::academic_year: good = m == 9; break;
        }
        if (is_year_kind(kind)) good = good && months >= 12 && months % 12 == 0 && months <= 12 * max_years;
        if (!good) throw std::invalid_argument("indeval::period: first month and length do not fit the kind");
        return static_cast<std::uint16_t>(months);
    }

    date::year_month first_{date::year{1970}, date::January};
    std::uint16_t months_ = 1;
    period_kind kind_ = period_kind::month;
    period_qualifier qualifier_{};
};

// The year kind of a calendar/financial/academic year or span; nullopt for months and quarters.
constexpr std::optional<year_kind> year_kind_of(const period& p) noexcept {
    switch (p.kind()) {
        case period_kind::calendar_year: return year_kind::calendar;
        case period_kind::financial_year: return year_kind::financial;
        case period_kind::academic_year: return year_kind::academic;
        case period_kind::month:
        case period_kind::quarter: break;
    }
    return std::nullopt;
}

// Maps LAIT's data-dictionary `Year_Type` to the year kind of its labels (case-insensitive):
// "Calendar Year" → calendar, "Financial Year" → financial, "Academic Year" → academic, and the
// snapshot types "Annual", "Annual - January", "Annual (end of Sept)" → calendar (their label is
// the calendar year of the reference date). Anything else → nullopt.
std::optional<year_kind> year_kind_from_lait(std::string_view year_type) noexcept;

// A period label that could not be parsed. what() names the label, the position and the problem.
class period_error : public std::invalid_argument {
public:
    period_error(std::string_view label, std::size_t position, std::string_view reason);
    // 0-based index into the label of the character where the problem was found
    // (the label's length if it ended too early).
    std::size_t position() const noexcept { return position_; }

private:
    std::size_t position_;
};

// Parses a label (see the grammar above). Throws period_error.
period parse_period(std::string_view label, year_kind kind = year_kind::financial);
// As parse_period, but returns nullopt instead of throwing.
std::optional<period> try_parse_period(std::string_view label, year_kind kind = year_kind::financial) noexcept;

// The canonical label, with the qualifier's text appended as " (Rev)".
std::string to_string(const period& p);
std::ostream& operator<<(std::ostream& os, const period& p);

}  // namespace indeval
