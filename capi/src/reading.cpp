// Reading and printing what a person writes: scorecard cells, period labels, names of codes, and
// figures. Every rule is the core's (cell.hpp, period.hpp, names.hpp, evaluation.hpp); this file
// only translates arguments and results.
#include <cmath>
#include <indeval/cell.hpp>
#include <indeval/evaluation.hpp>
#include <indeval/names.hpp>
#include <indeval/observation.hpp>
#include <indeval/period.hpp>
#include <stdexcept>
#include <string>

#include "internal.hpp"

namespace ic = indeval::capi;

// The header's codes are the core's enums, value for value.
#define INDEVAL_SAME_CODE(macro, value) \
  static_assert((macro) == static_cast<int>(value), #macro " must match " #value)
INDEVAL_SAME_CODE(INDEVAL_CELL_FIGURE, indeval::cell_reason::figure);
INDEVAL_SAME_CODE(INDEVAL_CELL_BLANK, indeval::cell_reason::blank);
INDEVAL_SAME_CODE(INDEVAL_CELL_NOT_AVAILABLE, indeval::cell_reason::not_available);
INDEVAL_SAME_CODE(INDEVAL_CELL_SPREADSHEET_ERROR, indeval::cell_reason::spreadsheet_error);
INDEVAL_SAME_CODE(INDEVAL_CELL_NO_FIGURE_TEXT, indeval::cell_reason::no_figure_text);
INDEVAL_SAME_CODE(INDEVAL_CELL_SUPPRESSED, indeval::cell_reason::suppressed);
INDEVAL_SAME_CODE(INDEVAL_CELL_MALFORMED, indeval::cell_reason::malformed);
INDEVAL_SAME_CODE(INDEVAL_QUALIFIER_NONE, indeval::qualifier::none);
INDEVAL_SAME_CODE(INDEVAL_QUALIFIER_APPROXIMATE, indeval::qualifier::approximate);
INDEVAL_SAME_CODE(INDEVAL_QUALIFIER_ESTIMATE, indeval::qualifier::estimate);
INDEVAL_SAME_CODE(INDEVAL_QUALIFIER_PROVISIONAL, indeval::qualifier::provisional);
INDEVAL_SAME_CODE(INDEVAL_QUALIFIER_ROUNDED, indeval::qualifier::rounded);
INDEVAL_SAME_CODE(INDEVAL_QUALIFIER_SUPPRESSED, indeval::qualifier::suppressed);
INDEVAL_SAME_CODE(INDEVAL_READ_EXACT, indeval::read_options::exact);
INDEVAL_SAME_CODE(INDEVAL_READ_SIGNIFICANT_15, indeval::read_options::significant_15);
INDEVAL_SAME_CODE(INDEVAL_YEAR_CALENDAR, indeval::year_kind::calendar);
INDEVAL_SAME_CODE(INDEVAL_YEAR_FINANCIAL, indeval::year_kind::financial);
INDEVAL_SAME_CODE(INDEVAL_YEAR_ACADEMIC, indeval::year_kind::academic);
INDEVAL_SAME_CODE(INDEVAL_PERIOD_MONTH, indeval::period_kind::month);
INDEVAL_SAME_CODE(INDEVAL_PERIOD_QUARTER, indeval::period_kind::quarter);
INDEVAL_SAME_CODE(INDEVAL_PERIOD_CALENDAR_YEAR, indeval::period_kind::calendar_year);
INDEVAL_SAME_CODE(INDEVAL_PERIOD_FINANCIAL_YEAR, indeval::period_kind::financial_year);
INDEVAL_SAME_CODE(INDEVAL_PERIOD_ACADEMIC_YEAR, indeval::period_kind::academic_year);
INDEVAL_SAME_CODE(INDEVAL_NAMES_STATUS, indeval::name_kind::status);
INDEVAL_SAME_CODE(INDEVAL_NAMES_POLARITY, indeval::name_kind::polarity);
INDEVAL_SAME_CODE(INDEVAL_NAMES_UNIT, indeval::name_kind::unit);
INDEVAL_SAME_CODE(INDEVAL_NAMES_REASON, indeval::name_kind::reason);
INDEVAL_SAME_CODE(INDEVAL_NAMES_DIRECTION, indeval::name_kind::direction);
INDEVAL_SAME_CODE(INDEVAL_NAMES_LINT_CODE, indeval::name_kind::lint_code);
INDEVAL_SAME_CODE(INDEVAL_NAMES_SEVERITY, indeval::name_kind::severity);
INDEVAL_SAME_CODE(INDEVAL_NAMES_CELL, indeval::name_kind::cell_reason);
INDEVAL_SAME_CODE(INDEVAL_NAMES_QUALIFIER, indeval::name_kind::qualifier);
INDEVAL_SAME_CODE(INDEVAL_NAMES_PERIOD_KIND, indeval::name_kind::period_kind);
INDEVAL_SAME_CODE(INDEVAL_NAMES_YEAR_KIND, indeval::name_kind::year_kind);
INDEVAL_SAME_CODE(INDEVAL_NAMES_COMPARATOR, indeval::name_kind::comparator);
static_assert(indeval::name_kind_count == 12, "a new table of names needs an INDEVAL_NAMES_ code");
#undef INDEVAL_SAME_CODE

namespace {

std::string text_arg(const char* text, const char* name) {
  ic::need(text, name);
  return text;
}
std::string text_arg(const std::uint16_t* text, const char* name) { return ic::from_utf16(text, name); }

template <class Char>
constexpr bool wide_v = sizeof(Char) == 2;

indeval::read_options read_options_arg(int32_t options) {
  if (options != INDEVAL_READ_EXACT && options != INDEVAL_READ_SIGNIFICANT_15)
    ic::fail(INDEVAL_E_RANGE,
             "options must be INDEVAL_READ_EXACT (0) or INDEVAL_READ_SIGNIFICANT_15 (1), not %d",
             static_cast<int>(options));
  return static_cast<indeval::read_options>(options);
}

indeval::year_kind year_kind_arg(int32_t kind) {
  if (kind < INDEVAL_YEAR_CALENDAR || kind > INDEVAL_YEAR_ACADEMIC)
    ic::fail(INDEVAL_E_RANGE, "year kind must be an INDEVAL_YEAR_ code (0..2), not %d",
             static_cast<int>(kind));
  return static_cast<indeval::year_kind>(kind);
}

indeval::name_kind name_kind_arg(int32_t kind) {
  if (kind < 0 || kind >= indeval::name_kind_count)
    ic::fail(INDEVAL_E_RANGE, "kind must be an INDEVAL_NAMES_ code (0..%d), not %d",
             indeval::name_kind_count - 1, static_cast<int>(kind));
  return static_cast<indeval::name_kind>(kind);
}

// A period label, parsed; a label that is no period fails with INDEVAL_E_PARSE and its position.
indeval::period period_arg(const std::string& label, int32_t year_kind, int32_t* error_position,
                           bool wide) {
  const indeval::year_kind yk = year_kind_arg(year_kind);
  try {
    return indeval::parse_period(label, yk);
  } catch (const indeval::period_error& e) {
    if (error_position != nullptr) {
      const std::size_t at = e.position() < label.size() ? e.position() : label.size();
      *error_position = wide ? ic::utf16_length_of_prefix(label, at) : static_cast<int32_t>(at);
    }
    ic::fail(INDEVAL_E_PARSE, "%s", e.what());
  }
}

template <class Char>
int32_t cell_read(const char* function, const Char* text, int32_t options, double* figure,
                  int32_t* unit, int32_t* reason, int32_t* qualifier, Char* note, int32_t cap,
                  int32_t* needed, int32_t* error_position) {
  if (error_position != nullptr) *error_position = -1;
  return ic::guard(function, [&] {
    const std::string t = text_arg(text, "text");
    const indeval::read_options opt = read_options_arg(options);
    ic::need(figure, "figure");
    const indeval::cell c = indeval::read_cell(t, opt);
    *figure = c.figure;
    if (unit != nullptr) *unit = c.unit ? static_cast<int32_t>(*c.unit) : INDEVAL_UNIT_NONE;
    if (reason != nullptr) *reason = static_cast<int32_t>(c.reason);
    if (qualifier != nullptr) *qualifier = static_cast<int32_t>(c.qualifier);
    if (c.reason == indeval::cell_reason::malformed) {
      if (error_position != nullptr)
        *error_position = wide_v<Char> ? ic::utf16_length_of_prefix(t, c.position)
                                       : static_cast<int32_t>(c.position);
      ic::fail(INDEVAL_E_PARSE, "%s", c.problem.c_str());
    }
    if (note != nullptr || cap != 0 || needed != nullptr) ic::write_text(c.note, note, cap, needed);
  });
}

template <class Char>
int32_t period_parse(const char* function, const Char* label, int32_t year_kind, int32_t* kind,
                     int32_t* first_month, int32_t* months, int32_t* error_position) {
  if (error_position != nullptr) *error_position = -1;
  return ic::guard(function, [&] {
    const indeval::period p = period_arg(text_arg(label, "label"), year_kind, error_position, wide_v<Char>);
    const auto first = p.first_month();
    if (kind != nullptr) *kind = static_cast<int32_t>(p.kind());
    if (first_month != nullptr)
      *first_month = static_cast<int32_t>(static_cast<int>(first.year()) * 12 +
                                          static_cast<int>(static_cast<unsigned>(first.month())) - 1);
    if (months != nullptr) *months = static_cast<int32_t>(p.length());
  });
}

template <class Char>
int32_t period_compare(const char* function, const Char* a, const Char* b, int32_t year_kind,
                       int32_t* order) {
  return ic::guard(function, [&] {
    const indeval::period pa = period_arg(text_arg(a, "a"), year_kind, nullptr, false);
    const indeval::period pb = period_arg(text_arg(b, "b"), year_kind, nullptr, false);
    ic::need(order, "order");
    *order = pa < pb ? -1 : (pb < pa ? 1 : 0);
  });
}

enum class step { none, next, previous };

template <class Char>
int32_t period_label(const char* function, const Char* label, int32_t year_kind, step s, Char* buf,
                     int32_t cap, int32_t* needed) {
  return ic::guard(function, [&] {
    indeval::period p = period_arg(text_arg(label, "label"), year_kind, nullptr, false);
    try {
      if (s == step::next) p = p.next();
      if (s == step::previous) p = p.previous();
    } catch (const std::out_of_range&) {  // periods start in the years labels can name
      ic::fail(INDEVAL_E_RANGE, "the %s period of '%s' is outside the years labels can name",
               s == step::next ? "next" : "previous", indeval::to_string(p).c_str());
    }
    ic::write_text(indeval::to_string(p), buf, cap, needed);
  });
}

template <class Char>
int32_t name(const char* function, int32_t kind, int32_t code, Char* buf, int32_t cap,
             int32_t* needed) {
  return ic::guard(function, [&] {
    const indeval::name_kind k = name_kind_arg(kind);
    const auto n = indeval::name_of(k, code);
    if (!n)
      ic::fail(INDEVAL_E_RANGE, "%d is not a code of that kind (0..%d)", static_cast<int>(code),
               indeval::name_count(k) - 1);
    ic::write_text(*n, buf, cap, needed);
  });
}

template <class Char>
int32_t code(const char* function, int32_t kind, const Char* text, int32_t* out) {
  return ic::guard(function, [&] {
    const indeval::name_kind k = name_kind_arg(kind);
    const std::string t = text_arg(text, "name");
    ic::need(out, "code");
    const auto c = indeval::code_of(k, t);
    if (!c) ic::fail(INDEVAL_E_RANGE, "'%.200s' is not a name of that kind", t.c_str());
    *out = static_cast<int32_t>(*c);
  });
}

template <class Char>
int32_t format(const char* function, double value, int32_t unit, int32_t decimals, int32_t scale,
               Char* buf, int32_t cap, int32_t* needed) {
  return ic::guard(function, [&] {
    const indeval::unit u = ic::unit_arg(unit);
    const std::optional<int> dp = ic::decimals_arg(decimals);
    const indeval::scale s = ic::scale_arg(scale);
    ic::write_text(indeval::format_value(value, u, dp, s), buf, cap, needed);
  });
}

template <class Char>
int32_t series_add_cell(const char* function, indeval_series* series, const Char* period,
                        const Char* text, const Char* published, int32_t options) {
  return ic::guard(function, [&] {
    indeval_series& h = ic::handle(series, "series");
    const std::string label = text_arg(period, "period");
    const std::string t = text_arg(text, "text");
    const std::string pub = published == nullptr ? std::string() : text_arg(published, "published");
    const indeval::cell c = indeval::read_cell(t, read_options_arg(options));
    if (c.reason == indeval::cell_reason::malformed) ic::fail(INDEVAL_E_PARSE, "%s", c.problem.c_str());
    indeval::observation o(label, c.figure, c.note, pub);
    // The text of a cell with no figure explains the blank; it is no definition note.
    if (!c.has_figure()) o.note.clear();
    o.qualifier = c.qualifier;
    h.observations.push_back(std::move(o));
  });
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_cell_read(const char* text, int32_t options,
                                                   double* figure, int32_t* unit, int32_t* reason,
                                                   int32_t* qualifier, char* note, int32_t cap,
                                                   int32_t* needed, int32_t* error_position) {
  return cell_read(__func__, text, options, figure, unit, reason, qualifier, note, cap, needed,
                   error_position);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_cell_read_w(const uint16_t* text, int32_t options,
                                                     double* figure, int32_t* unit,
                                                     int32_t* reason, int32_t* qualifier,
                                                     uint16_t* note, int32_t cap, int32_t* needed,
                                                     int32_t* error_position) {
  return cell_read(__func__, text, options, figure, unit, reason, qualifier, note, cap, needed,
                   error_position);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_cell(indeval_series* series,
                                                         const char* period, const char* text,
                                                         const char* published, int32_t options) {
  return series_add_cell(__func__, series, period, text, published, options);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_cell_w(indeval_series* series,
                                                           const uint16_t* period,
                                                           const uint16_t* text,
                                                           const uint16_t* published,
                                                           int32_t options) {
  return series_add_cell(__func__, series, period, text, published, options);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_period_parse(const char* label, int32_t year_kind,
                                                      int32_t* kind, int32_t* first_month,
                                                      int32_t* months, int32_t* error_position) {
  return period_parse(__func__, label, year_kind, kind, first_month, months, error_position);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_parse_w(const uint16_t* label, int32_t year_kind,
                                                        int32_t* kind, int32_t* first_month,
                                                        int32_t* months, int32_t* error_position) {
  return period_parse(__func__, label, year_kind, kind, first_month, months, error_position);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_compare(const char* a, const char* b,
                                                        int32_t year_kind, int32_t* order) {
  return period_compare(__func__, a, b, year_kind, order);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_compare_w(const uint16_t* a, const uint16_t* b,
                                                          int32_t year_kind, int32_t* order) {
  return period_compare(__func__, a, b, year_kind, order);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_label(const char* label, int32_t year_kind,
                                                      char* buf, int32_t cap, int32_t* needed) {
  return period_label(__func__, label, year_kind, step::none, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_label_w(const uint16_t* label, int32_t year_kind,
                                                        uint16_t* buf, int32_t cap,
                                                        int32_t* needed) {
  return period_label(__func__, label, year_kind, step::none, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_next(const char* label, int32_t year_kind,
                                                     char* buf, int32_t cap, int32_t* needed) {
  return period_label(__func__, label, year_kind, step::next, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_next_w(const uint16_t* label, int32_t year_kind,
                                                       uint16_t* buf, int32_t cap,
                                                       int32_t* needed) {
  return period_label(__func__, label, year_kind, step::next, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_previous(const char* label, int32_t year_kind,
                                                         char* buf, int32_t cap, int32_t* needed) {
  return period_label(__func__, label, year_kind, step::previous, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_period_previous_w(const uint16_t* label,
                                                           int32_t year_kind, uint16_t* buf,
                                                           int32_t cap, int32_t* needed) {
  return period_label(__func__, label, year_kind, step::previous, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_name(int32_t kind, int32_t code, char* buf, int32_t cap,
                                              int32_t* needed) {
  return name(__func__, kind, code, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_name_w(int32_t kind, int32_t code, uint16_t* buf,
                                                int32_t cap, int32_t* needed) {
  return name(__func__, kind, code, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_code(int32_t kind, const char* name, int32_t* code) {
  return ::code(__func__, kind, name, code);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_code_w(int32_t kind, const uint16_t* name,
                                                int32_t* code) {
  return ::code(__func__, kind, name, code);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_value_format(double value, int32_t unit,
                                                      int32_t decimals, int32_t scale, char* buf,
                                                      int32_t cap, int32_t* needed) {
  return format(__func__, value, unit, decimals, scale, buf, cap, needed);
}
INDEVAL_API int32_t INDEVAL_CALL indeval_value_format_w(double value, int32_t unit,
                                                        int32_t decimals, int32_t scale,
                                                        uint16_t* buf, int32_t cap,
                                                        int32_t* needed) {
  return format(__func__, value, unit, decimals, scale, buf, cap, needed);
}

}  // extern "C"
