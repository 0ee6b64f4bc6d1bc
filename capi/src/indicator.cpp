// Indicators (one scorecard row's definition) and series (its observations, for lint).
#include <cmath>
#include <indeval/direction.hpp>
#include <indeval/evaluation.hpp>
#include <indeval/lint.hpp>
#include <string>

#include "internal.hpp"

namespace ic = indeval::capi;

namespace {

void set_field(indeval_indicator& h, int32_t field, std::string text) {
  switch (field) {
    case INDEVAL_FIELD_REF:
      h.ind.ref = std::move(text);
      return;
    case INDEVAL_FIELD_TITLE:
      h.ind.title = std::move(text);
      return;
    case INDEVAL_FIELD_SECTION:
      h.ind.section = std::move(text);
      return;
    case INDEVAL_FIELD_RULE_TEXT:
      h.rule_text = std::move(text);
      return;
    default:
      break;
  }
  ic::fail(INDEVAL_E_RANGE, "field must be an INDEVAL_FIELD_ code (0..3), not %d",
           static_cast<int>(field));
}

template <class Char>
int32_t explain(const char* function, const indeval_indicator* indicator, double value,
                double cohort, int32_t scale, Char* buf, int32_t cap, int32_t* needed) {
  return ic::guard(function, [&] {
    const indeval::indicator& ind = ic::handle(indicator, "indicator").ind;
    const indeval::scale s = ic::scale_arg(scale);
    const indeval::evaluation e = indeval::evaluate(ind, value, cohort, s);
    ic::write_text(indeval::explain(e, ind, cohort, s), buf, cap, needed);
  });
}

indeval::observation observation(std::string_view period, double value, std::string_view note,
                                 std::string_view published) {
  return indeval::observation(period, value, note, published);
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_create(indeval_indicator** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    *out = ic::adopt(std::make_unique<indeval_indicator>());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_free(indeval_indicator* indicator) {
  return ic::guard(__func__, [&] { ic::release(indicator, "indicator"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set(indeval_indicator* indicator,
                                                       int32_t polarity, int32_t unit,
                                                       int32_t decimals, double target) {
  return ic::guard(__func__, [&] {
    indeval_indicator& h = ic::handle(indicator, "indicator");
    const indeval::polarity pol = ic::polarity_arg(polarity);
    const indeval::unit u = ic::unit_arg(unit);
    const std::optional<int> dp = ic::decimals_arg(decimals);
    indeval::indicator next = h.ind;
    next.polarity = pol;
    next.unit = u;
    next.decimals = dp;
    next.target = std::isnan(target) ? std::nullopt : std::optional<double>(target);
    // The core decides what makes an indicator; NaN is "none", so what is left is infinity.
    if (const std::string why = next.problem(); !why.empty())
      ic::fail(INDEVAL_E_RANGE, "%s (NaN for none)", why.c_str());
    h.ind = std::move(next);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set_rules(indeval_indicator* indicator,
                                                             const indeval_rules* rules) {
  return ic::guard(__func__, [&] {
    indeval_indicator& h = ic::handle(indicator, "indicator");
    const indeval::rule_set* r = ic::optional_rules(rules, "rules");
    if (r != nullptr)
      h.ind.rules = *r;
    else
      h.ind.rules.reset();
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set_text(indeval_indicator* indicator,
                                                            int32_t field, const char* text) {
  return ic::guard(__func__, [&] {
    indeval_indicator& h = ic::handle(indicator, "indicator");
    ic::need(text, "text");
    set_field(h, field, text);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set_text_w(indeval_indicator* indicator,
                                                              int32_t field, const uint16_t* text) {
  return ic::guard(__func__, [&] {
    indeval_indicator& h = ic::handle(indicator, "indicator");
    set_field(h, field, ic::from_utf16(text, "text"));
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_evaluate(const indeval_indicator* indicator,
                                                            double value, double cohort,
                                                            int32_t scale, int32_t* status,
                                                            int32_t* reason) {
  return ic::guard(__func__, [&] {
    const indeval::indicator& ind = ic::handle(indicator, "indicator").ind;
    ic::need(status, "status");
    const indeval::evaluation e = indeval::evaluate(ind, value, cohort, ic::scale_arg(scale));
    *status = static_cast<int32_t>(e.rating);
    if (reason != nullptr) *reason = static_cast<int32_t>(e.reason);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_explain(const indeval_indicator* indicator,
                                                           double value, double cohort,
                                                           int32_t scale, char* buf, int32_t cap,
                                                           int32_t* needed) {
  return explain(__func__, indicator, value, cohort, scale, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_explain_w(const indeval_indicator* indicator,
                                                             double value, double cohort,
                                                             int32_t scale, uint16_t* buf,
                                                             int32_t cap, int32_t* needed) {
  return explain(__func__, indicator, value, cohort, scale, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_direction(const indeval_indicator* indicator,
                                                             double previous, double current,
                                                             int32_t scale, int32_t* direction) {
  return ic::guard(__func__, [&] {
    const indeval::indicator& ind = ic::handle(indicator, "indicator").ind;
    ic::need(direction, "direction");
    *direction =
        static_cast<int32_t>(indeval::travel(ind, previous, current, ic::scale_arg(scale)));
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_create(indeval_series** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    *out = ic::adopt(std::make_unique<indeval_series>());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_free(indeval_series* series) {
  return ic::guard(__func__, [&] { ic::release(series, "series"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_add(indeval_series* series, const char* period,
                                                    double value, const char* note,
                                                    const char* published) {
  return ic::guard(__func__, [&] {
    indeval_series& h = ic::handle(series, "series");
    ic::need(period, "period");
    h.observations.push_back(
        observation(period, value, ic::optional_text(note), ic::optional_text(published)));
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_w(indeval_series* series,
                                                      const uint16_t* period, double value,
                                                      const uint16_t* note,
                                                      const uint16_t* published) {
  return ic::guard(__func__, [&] {
    indeval_series& h = ic::handle(series, "series");
    const std::string p = ic::from_utf16(period, "period");
    const std::string n = note != nullptr ? ic::from_utf16(note, "note") : std::string();
    const std::string pub =
        published != nullptr ? ic::from_utf16(published, "published") : std::string();
    h.observations.push_back(observation(p, value, n, pub));
  });
}

extern "C++" {
namespace {
// indeval_series_add_many in either encoding. All or nothing: every text is read (and a malformed
// one named with its index, "notes[3] ...") before any row is appended.
template <class Char, class Read>
void add_many(indeval_series* series, int32_t count, const Char* const* periods,
              const double* values, const Char* const* notes, const Char* const* published,
              Read read) {
  indeval_series& h = ic::handle(series, "series");
  ic::check_count(count, "count");
  if (count == 0) return;
  ic::need(periods, "periods");
  ic::need(values, "values");
  const auto n = static_cast<std::size_t>(count);
  for (std::size_t i = 0; i < n; ++i)
    if (periods[i] == nullptr) ic::fail(INDEVAL_E_NULL, "periods[%zu] is NULL", i);
  const auto text = [&](const Char* const* texts, std::size_t i, const char* name) {
    if (texts == nullptr || texts[i] == nullptr) return std::string();
    return read(texts[i], (std::string(name) + "[" + std::to_string(i) + "]").c_str());
  };
  std::vector<indeval::observation> rows;
  rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    rows.push_back(observation(text(periods, i, "periods"), values[i], text(notes, i, "notes"),
                               text(published, i, "published")));
  h.observations.insert(h.observations.end(), std::make_move_iterator(rows.begin()),
                        std::make_move_iterator(rows.end()));
}
}  // namespace
}  // extern "C++"

INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_many(indeval_series* series, int32_t count,
                                                         const char* const* periods,
                                                         const double* values,
                                                         const char* const* notes,
                                                         const char* const* published) {
  return ic::guard(__func__, [&] {
    add_many(series, count, periods, values, notes, published,
             [](const char* t, const char*) { return std::string(t); });
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_many_w(indeval_series* series, int32_t count,
                                                           const uint16_t* const* periods,
                                                           const double* values,
                                                           const uint16_t* const* notes,
                                                           const uint16_t* const* published) {
  return ic::guard(__func__, [&] {
    add_many(series, count, periods, values, notes, published,
             [](const uint16_t* t, const char* where) { return ic::from_utf16(t, where); });
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_size(const indeval_series* series, int32_t* count) {
  return ic::guard(__func__, [&] {
    const indeval_series& h = ic::handle(series, "series");
    ic::need(count, "count");
    *count = static_cast<int32_t>(h.observations.size());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_series_direction(const indeval_indicator* indicator,
                                                          const indeval_series* series,
                                                          int32_t previous, int32_t current,
                                                          int32_t scale, int32_t* direction) {
  return ic::guard(__func__, [&] {
    const indeval::indicator& ind = ic::handle(indicator, "indicator").ind;
    const indeval_series& h = ic::handle(series, "series");
    ic::need(direction, "direction");
    const indeval::scale s = ic::scale_arg(scale);
    const auto at = [&](int32_t i, const char* name) -> const indeval::observation& {
      if (i < 0 || static_cast<std::size_t>(i) >= h.observations.size())
        ic::fail(INDEVAL_E_RANGE, "%s is %d, outside the series' %zu observations", name,
                 static_cast<int>(i), h.observations.size());
      return h.observations[static_cast<std::size_t>(i)];
    };
    const indeval::observation& before = at(previous, "previous");
    const indeval::observation& now = at(current, "current");
    *direction = static_cast<int32_t>(indeval::travel(ind, before, now, s));
  });
}

}  // extern "C"
