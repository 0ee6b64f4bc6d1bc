// Parsing and formatting of indeval::period labels; the grammar is documented in period.hpp.
#include "indeval/period.hpp"

#include <array>
#include <ostream>

#include "indeval/text.hpp"

namespace indeval {

namespace {

constexpr char lower(char c) noexcept { return ascii_lower(c); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr std::array<std::string_view, 12> month_abbrev{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 12> month_full{"January", "February", "March",     "April",
                                                      "May",     "June",     "July",      "August",
                                                      "September", "October", "November", "December"};

// 1–12, or 0 if `name` is not a month name.
unsigned month_number(std::string_view name) noexcept {
    for (unsigned m = 0; m < 12; ++m)
        if (iequals(name, month_abbrev[m]) || iequals(name, month_full[m])) return m + 1;
    if (iequals(name, "Sept")) return 9;
    return 0;
}

// The first year after `after` whose last two digits are `yy` (1 to 100 years later).
constexpr int following_year_with_suffix(int after, int yy) noexcept {
    const int base = after - ((after % 100) + 100) % 100;  // `after` rounded down to a century
    int y = base + yy;
    if (y <= after) y += 100;
    return y;
}

constexpr int last_two_digits(int y) noexcept { return ((y % 100) + 100) % 100; }

struct failure {
    std::size_t position;
    std::string_view reason;
};

// Result of the non-throwing parser: a period, or where and why it failed.
struct outcome {
    std::optional<period> value;
    failure fail{};
};

constexpr std::string_view expected_split_kind =
    "a split year (YYYY/YY) is a financial or academic year, not a calendar year";
constexpr std::string_view span_too_long = "the end year must be 1 to 9 years after the start year";
constexpr std::string_view expected_next_year = "the second year must be the year after the first";
constexpr std::string_view expected_next_year_not_span =
    "the second year must be the year after the first (a span of financial or academic years is "
    "written like 2017/18-18/19)";

constexpr std::string_view first_year_ends_too_early_fin =
    "the financial year ending in 1000 starts in 999 (periods start in the years 1000 to 9999)";
constexpr std::string_view first_year_ends_too_early_acad =
    "the academic year ending in 1000 starts in 999 (periods start in the years 1000 to 9999)";

class parser {
public:
    // Blanks around the label are ignored (text.hpp's one definition of blank); positions stay
    // offsets into the label as given.
    parser(std::string_view s, year_kind kind) noexcept : s_{s}, kind_{kind} {
        const std::string_view body = trim(s);
        i_ = body.empty() ? 0 : static_cast<std::size_t>(body.data() - s.data());  // a blank label: at 0
        end_ = i_ + body.size();
    }

    outcome run() noexcept {
        if (i_ == end_) return fail(i_, "empty label");
        std::optional<period> body;
        if (is_alpha(s_[i_])) {
            body = month_label();
        } else if (is_digit(s_[i_])) {
            body = year_label();
        } else {
            return fail(i_, "expected a year or a month name");
        }
        if (!body) return {std::nullopt, failure_};
        return qualifier_tail(*body);
    }

private:
    char peek(std::size_t ahead = 0) const noexcept { return i_ + ahead < end_ ? s_[i_ + ahead] : '\0'; }
    bool at_end() const noexcept { return i_ >= end_; }

    outcome fail(std::size_t pos, std::string_view reason) noexcept { return {std::nullopt, {pos, reason}}; }
    std::nullopt_t fail_body(std::size_t pos, std::string_view reason) noexcept {
        failure_ = {pos, reason};
        return std::nullopt;
    }

    std::size_t digit_run() const noexcept {
        std::size_t n = 0;
        while (i_ + n < end_ && is_digit(s_[i_ + n])) ++n;
        return n;
    }
    int read_number(std::size_t n) noexcept {
        int v = 0;
        for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s_[i_++] - '0');
        return v;
    }

    // YYYY, 1000–9999.
    std::optional<int> four_digit_year() noexcept {
        const std::size_t start = i_, n = digit_run();
        if (n < 4) return fail_body(start, "expected a four-digit year");
        if (n > 4) return fail_body(start + 4, "a year has four digits");
        if (s_[start] == '0') return fail_body(start, "a year must be between 1000 and 9999");
        return read_number(4);
    }
    // Exactly two digits.
    std::optional<int> two_digit_year() noexcept {
        for (std::size_t k = 0; k < 2; ++k)
            if (!is_digit(peek(k))) return fail_body(i_ + k, "expected a two-digit year");
        if (is_digit(peek(2))) return fail_body(i_ + 2, "expected a two-digit year");
        return read_number(2);
    }

    // Mmm-YY, Mmm-YYYY (also with a space).
    std::optional<period> month_label() noexcept {
        const std::size_t start = i_;
        while (!at_end() && is_alpha(peek())) ++i_;
        const unsigned m = month_number(s_.substr(start, i_ - start));
        if (m == 0) return fail_body(start, "unknown month name");
        if (peek() != '-' && peek() != ' ') return fail_body(i_, "expected '-' between month and year");
        ++i_;
        const std::size_t year_pos = i_, n = digit_run();
        int y = 0;
        if (n == 2) {
            y = 2000 + read_number(2);
        } else if (n == 4) {
            const auto y4 = four_digit_year();
            if (!y4) return std::nullopt;
            y = *y4;
        } else {
            return fail_body(year_pos + (n == 1 ? 1 : 0), "expected a two- or four-digit year");
        }
        return period::month(date::year{y} / date::month{m});
    }

    // "Q1" after a year, with an optional space; true (and consumed) if present.
    bool quarter_marker_ahead() const noexcept {
        if (lower(peek()) == 'q') return true;
        return peek() == ' ' && lower(peek(1)) == 'q';
    }
    std::optional<unsigned> quarter_number() noexcept {
        if (peek() == ' ') ++i_;
        ++i_;  // the Q
        const char c = peek();
        if (c < '1' || c > '4') return fail_body(i_, "expected a quarter number 1 to 4");
        ++i_;
        if (is_digit(peek())) return fail_body(i_, "expected a quarter number 1 to 4");
        return static_cast<unsigned>(c - '0');
    }

    std::optional<period> year_label() noexcept {
        const auto y1 = four_digit_year();
        if (!y1) return std::nullopt;

        if (quarter_marker_ahead()) {  // YYYY Qn
            const auto q = quarter_number();
            if (!q) return std::nullopt;
            return period::quarter(date::year{*y1}, *q);
        }
        const char sep = peek();
        if (sep != '-' && sep != '/') return single_year(*y1);

        const std::size_t sep_pos = i_++;
        const std::size_t yy_pos = i_;
        const auto yy = two_digit_year();
        if (!yy) return std::nullopt;
        const bool next_year = *yy == last_two_digits(*y1 + 1);

        if (quarter_marker_ahead()) {  // YYYY-YY Qn: financial numbering
            if (!next_year) return fail_body(yy_pos, expected_next_year);
            const auto q = quarter_number();
            if (!q) return std::nullopt;
            const date::year_month first = date::year{*y1} / date::April + date::months{3 * static_cast<int>(*q - 1)};
            return period{period_kind::quarter, first, 3u};
        }

        if (sep == '/') {
            if (kind_ == year_kind::calendar) return fail_body(sep_pos, expected_split_kind);
            if (!next_year) return fail_body(yy_pos, expected_next_year);
            if (peek() == '-') return split_span(*y1);
            return period::year(kind_, date::year{*y1});
        }

        // YYYY-YY
        if (kind_ == year_kind::calendar) {
            const int last = following_year_with_suffix(*y1, *yy);
            if (last - *y1 + 1 > static_cast<int>(period::max_years)) return fail_body(yy_pos, span_too_long);
            return period::calendar_year(date::year{*y1}, static_cast<unsigned>(last - *y1 + 1));
        }
        if (!next_year) return fail_body(yy_pos, expected_next_year_not_span);
        return period::year(kind_, date::year{*y1});
    }

    // YYYY on its own: the calendar year, or the financial/academic year that ends in it.
    std::optional<period> single_year(int y) noexcept {
        if (kind_ == year_kind::calendar) return period::calendar_year(date::year{y});
        if (y - 1 < period::first_year)
            return fail_body(i_ - 4, kind_ == year_kind::financial
                                         ? std::string_view{first_year_ends_too_early_fin}
                                         : std::string_view{first_year_ends_too_early_acad});
        return period::year(kind_, date::year{y - 1});
    }

    // The "-YY/YY" that follows "YYYY/YY" in a span of financial or academic years.
    std::optional<period> split_span(int first) noexcept {
        ++i_;  // the '-'
        const std::size_t a_pos = i_;
        const auto a = two_digit_year();
        if (!a) return std::nullopt;
        const int last = following_year_with_suffix(first, *a);
        if (last - first + 1 > static_cast<int>(period::max_years)) return fail_body(a_pos, span_too_long);
        if (peek() != '/') return fail_body(i_, "expected '/' in the last year of a span (e.g. 2013/14-15/16)");
        ++i_;
        const std::size_t b_pos = i_;
        const auto b = two_digit_year();
        if (!b) return std::nullopt;
        if (*b != last_two_digits(last + 1)) return fail_body(b_pos, expected_next_year);
        return period::year(kind_, date::year{first}, static_cast<unsigned>(last - first + 1));
    }

    outcome qualifier_tail(const period& body) noexcept {
        while (!at_end() && is_blank(peek())) ++i_;
        if (at_end()) return {body, {}};
        if (peek() != '(') return fail(i_, "unexpected character");
        ++i_;
        const std::size_t start = i_;
        while (!at_end() && peek() != ')') ++i_;
        if (at_end()) return fail(i_, "missing ')' after the qualifier");
        const std::string_view text = s_.substr(start, i_ - start);
        if (text.empty()) return fail(start, "empty qualifier");
        const auto q = period_qualifier::from_text(text);
        if (!q) return fail(start, "unknown qualifier (expected Rev, Final, prov or OT)");
        ++i_;  // ')'
        if (!at_end()) return fail(i_, "unexpected character after the qualifier");
        return {body.with_qualifier(*q), {}};
    }

    std::string_view s_;
    year_kind kind_;
    std::size_t i_ = 0;
    std::size_t end_ = 0;
    failure failure_{};
};

}  // namespace

std::optional<period_qualifier> period_qualifier::from_text(std::string_view text) noexcept {
    struct spelling {
        std::string_view text;
        qualifier_kind kind;
    };
    static constexpr spelling known[] = {
        {"Rev", qualifier_kind::revised},        {"Revised", qualifier_kind::revised},
        {"Final", qualifier_kind::final},        {"prov", qualifier_kind::provisional},
        {"Provisional", qualifier_kind::provisional}, {"OT", qualifier_kind::outturn},
        {"Outturn", qualifier_kind::outturn},
    };
    for (const auto& k : known) {
        if (iequals(text, k.text)) {
            period_qualifier q;
            q.kind_ = k.kind;
            q.assign(text);
            return q;
        }
    }
    return std::nullopt;
}

std::optional<year_kind> year_kind_from_lait(std::string_view year_type) noexcept {
    year_type = trim(year_type);
    if (iequals(year_type, "Calendar Year") || iequals(year_type, "Calendar")) return year_kind::calendar;
    if (iequals(year_type, "Financial Year") || iequals(year_type, "Financial")) return year_kind::financial;
    if (iequals(year_type, "Academic Year") || iequals(year_type, "Academic")) return year_kind::academic;
    if (year_type.size() >= 6 && iequals(year_type.substr(0, 6), "Annual")) return year_kind::calendar;
    return std::nullopt;
}

namespace {
std::string error_message(std::string_view label, std::size_t position, std::string_view reason) {
    std::string msg = "invalid period label \"";
    msg.append(label);
    msg += "\" at position ";
    msg += std::to_string(position);
    msg += ": ";
    msg.append(reason);
    return msg;
}
}  // namespace

period_error::period_error(std::string_view label, std::size_t position, std::string_view reason)
    : std::invalid_argument(error_message(label, position, reason)), position_{position} {}

period parse_period(std::string_view label, year_kind kind) {
    outcome r = parser{label, kind}.run();
    if (!r.value) throw period_error(label, r.fail.position, r.fail.reason);
    return *r.value;
}

std::optional<period> try_parse_period(std::string_view label, year_kind kind) noexcept {
    return parser{label, kind}.run().value;
}

namespace {
void append_number(std::string& out, int v, int width) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    if (v < 0) out += '-';
    for (int k = static_cast<int>(digits.size()); k < width; ++k) out += '0';
    out += digits;
}
}  // namespace

std::string to_string(const period& p) {
    std::string out;
    const int y = static_cast<int>(p.first_month().year());
    const int last = static_cast<int>(p.last_month().year());
    switch (p.kind()) {
        case period_kind::month:
            out.append(month_abbrev[static_cast<unsigned>(p.first_month().month()) - 1]);
            out += '-';
            if (y >= 2000 && y <= 2099)
                append_number(out, y - 2000, 2);
            else
                append_number(out, y, 4);
            break;
        case period_kind::quarter:
            append_number(out, y, 4);
            out += " Q";
            out += static_cast<char>('0' + (static_cast<unsigned>(p.first_month().month()) - 1) / 3 + 1);
            break;
        case period_kind::calendar_year:
            append_number(out, y, 4);
            if (p.is_span()) {
                out += '-';
                append_number(out, last_two_digits(last), 2);
            }
            break;
        case period_kind::financial_year:
        case period_kind::academic_year:
            append_number(out, y, 4);
            if (p.is_span()) {
                out += '/';
                append_number(out, last_two_digits(y + 1), 2);
                out += '-';
                append_number(out, last_two_digits(last - 1), 2);
                out += '/';
                append_number(out, last_two_digits(last), 2);
            } else {
                out += '-';
                append_number(out, last_two_digits(y + 1), 2);
            }
            break;
    }
    if (p.qualifier()) {
        out += " (";
        out.append(p.qualifier().text());
        out += ')';
    }
    return out;
}

std::ostream& operator<<(std::ostream& os, const period& p) { return os << to_string(p); }

}  // namespace indeval
