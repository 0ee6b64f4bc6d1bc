// Rule sets: parse, print, rate one value, explain, direction of travel.
#include <indeval/direction.hpp>
#include <indeval/evaluation.hpp>
#include <indeval/parse.hpp>
#include <memory>
#include <type_traits>

#include "internal.hpp"

namespace ic = indeval::capi;

namespace {

// Parses UTF-8 rule text into a new handle. `wide`: report positions in UTF-16 units.
void parse_into(std::string_view text, indeval_rules** out, int32_t* error_position, bool wide,
                indeval::polarity which_way = indeval::polarity::neutral) {
  try {
    auto made = std::make_unique<indeval_rules>(indeval::parse_rules(text, which_way));
    *out = ic::adopt(std::move(made));
  } catch (const indeval::parse_error& e) {
    if (error_position != nullptr) {
      const std::size_t at = e.byte_offset() < text.size() ? e.byte_offset() : text.size();
      *error_position = wide ? ic::utf16_length_of_prefix(text, at) : static_cast<int32_t>(at);
    }
    ic::fail(INDEVAL_E_PARSE, "%s", e.what());
  } catch (const indeval::rule_set_error& e) {
    if (error_position != nullptr) *error_position = 0;  // the text as a whole
    ic::fail(INDEVAL_E_PARSE, "%s", e.what());
  }
}

indeval::rating_inputs inputs(double target, double cohort, int32_t decimals, int32_t scale) {
  return indeval::rating_inputs{target, cohort, ic::decimals_arg(decimals), ic::scale_arg(scale)};
}

// The same with `count` comparators at `comparators`.
indeval::rating_inputs inputs(double target, double cohort, int32_t decimals, int32_t scale,
                              const double* comparators, int32_t count) {
  indeval::rating_inputs in = inputs(target, cohort, decimals, scale);
  if (count < 0 || count > INDEVAL_COMPARATORS)
    ic::fail(INDEVAL_E_RANGE, "count must be 0..%d (INDEVAL_COMPARATORS), not %d",
             INDEVAL_COMPARATORS, static_cast<int>(count));
  if (count > 0) ic::need(comparators, "comparators");
  for (int32_t c = 0; c < count; ++c) in.comparators[static_cast<std::size_t>(c)] = comparators[c];
  return in;
}

template <class Char>
int32_t parse_for(const Char* text, int32_t polarity, indeval_rules** out, int32_t* error_position,
                  const char* function) {
  if (error_position != nullptr) *error_position = -1;
  return ic::guard(function, [&] {
    ic::reset_out(out);
    const indeval::polarity which_way = ic::polarity_arg(polarity);
    if constexpr (std::is_same_v<Char, char>) {
      ic::need(text, "text");
      parse_into(text, out, error_position, false, which_way);
    } else {
      const std::string utf8 = ic::from_utf16(text, "text");
      parse_into(utf8, out, error_position, true, which_way);
    }
  });
}

// The core's rating, for a rule set that may be absent (then: an indicator without rules).
indeval::evaluation rate(const indeval::rule_set* rules, double value,
                         const indeval::rating_inputs& in, indeval::polarity pol) {
  if (rules != nullptr) return indeval::evaluate(*rules, value, in, pol);
  return indeval::evaluate(indeval::indicator{}, value, in.cohort, in.scale);
}

template <class Char>
int32_t explain(const char* function, const indeval_rules* handle, double value, double target,
                double cohort, int32_t decimals, int32_t scale, int32_t unit, Char* buf,
                int32_t cap, int32_t* needed, const double* comparators = nullptr,
                int32_t count = 0) {
  return ic::guard(function, [&] {
    const indeval::rule_set* rules = ic::optional_rules(handle, "rules");
    const indeval::rating_inputs in = inputs(target, cohort, decimals, scale, comparators, count);
    const indeval::unit u = ic::unit_arg(unit);
    const indeval::evaluation e = rate(rules, value, in, indeval::polarity::neutral);
    ic::write_text(indeval::explain(e, rules, in, u), buf, cap, needed);
  });
}

template <class Char>
int32_t print(const char* function, const indeval_rules* handle, Char* buf, int32_t cap,
              int32_t* needed) {
  return ic::guard(function, [&] {
    const indeval_rules& h = ic::handle(handle, "rules");
    ic::write_text(indeval::to_text(h.rules), buf, cap, needed);
  });
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse(const char* text, indeval_rules** out,
                                                     int32_t* error_position) {
  if (error_position != nullptr) *error_position = -1;
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    ic::need(text, "text");
    parse_into(text, out, error_position, false);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse_w(const uint16_t* text, indeval_rules** out,
                                                       int32_t* error_position) {
  if (error_position != nullptr) *error_position = -1;
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    const std::string utf8 = ic::from_utf16(text, "text");
    parse_into(utf8, out, error_position, true);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse_for(const char* text, int32_t polarity,
                                                         indeval_rules** out,
                                                         int32_t* error_position) {
  return parse_for(text, polarity, out, error_position, __func__);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse_for_w(const uint16_t* text, int32_t polarity,
                                                           indeval_rules** out,
                                                           int32_t* error_position) {
  return parse_for(text, polarity, out, error_position, __func__);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_comparators(const indeval_rules* rules,
                                                           int32_t* mask) {
  return ic::guard(__func__, [&] {
    ic::need(mask, "mask");
    *mask = static_cast<int32_t>(ic::handle(rules, "rules").rules.comparators_needed());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_evaluate_against(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t polarity, const double* comparators, int32_t count, int32_t* status,
    int32_t* reason) {
  return ic::guard(__func__, [&] {
    ic::need(status, "status");
    const indeval::rule_set* r = ic::optional_rules(rules, "rules");
    const indeval::rating_inputs in = inputs(target, cohort, decimals, scale, comparators, count);
    const indeval::evaluation e = rate(r, value, in, ic::polarity_arg(polarity));
    *status = static_cast<int32_t>(e.rating);
    if (reason != nullptr) *reason = static_cast<int32_t>(e.reason);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain_against(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t unit, const double* comparators, int32_t count, char* buf, int32_t cap,
    int32_t* needed) {
  return explain(__func__, rules, value, target, cohort, decimals, scale, unit, buf, cap, needed,
                 comparators, count);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain_against_w(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t unit, const double* comparators, int32_t count, uint16_t* buf,
    int32_t cap, int32_t* needed) {
  return explain(__func__, rules, value, target, cohort, decimals, scale, unit, buf, cap, needed,
                 comparators, count);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_free(indeval_rules* rules) {
  return ic::guard(__func__, [&] { ic::release(rules, "rules"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_clone(const indeval_rules* rules,
                                                     indeval_rules** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    const indeval_rules& h = ic::handle(rules, "rules");
    *out = ic::adopt(std::make_unique<indeval_rules>(h.rules));
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_print(const indeval_rules* rules, char* buf,
                                                     int32_t cap, int32_t* needed) {
  return print(__func__, rules, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_print_w(const indeval_rules* rules, uint16_t* buf,
                                                       int32_t cap, int32_t* needed) {
  return print(__func__, rules, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_info(const indeval_rules* rules, int32_t* bands,
                                                    int32_t* orientation, int32_t* needs_target,
                                                    int32_t* needs_cohort) {
  return ic::guard(__func__, [&] {
    const indeval::rule_set& r = ic::handle(rules, "rules").rules;
    if (bands != nullptr) *bands = static_cast<int32_t>(r.size());
    if (orientation != nullptr) *orientation = static_cast<int32_t>(r.orientation());
    if (needs_target != nullptr) *needs_target = r.needs_target() ? 1 : 0;
    if (needs_cohort != nullptr) *needs_cohort = r.needs_cohort() ? 1 : 0;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_evaluate(const indeval_rules* rules, double value,
                                                        double target, double cohort,
                                                        int32_t decimals, int32_t scale,
                                                        int32_t* status, int32_t* reason) {
  return ic::guard(__func__, [&] {
    ic::need(status, "status");
    const indeval::rule_set* r = ic::optional_rules(rules, "rules");
    const indeval::evaluation e =
        rate(r, value, inputs(target, cohort, decimals, scale), indeval::polarity::neutral);
    *status = static_cast<int32_t>(e.rating);
    if (reason != nullptr) *reason = static_cast<int32_t>(e.reason);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_evaluate_detail(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t polarity, int32_t* status, int32_t* reason, int32_t* band,
    double* rated_value, double* rated_target, double* distance) {
  return ic::guard(__func__, [&] {
    ic::need(status, "status");
    const indeval::rule_set* r = ic::optional_rules(rules, "rules");
    const indeval::rating_inputs in = inputs(target, cohort, decimals, scale);
    const indeval::evaluation e = rate(r, value, in, ic::polarity_arg(polarity));
    *status = static_cast<int32_t>(e.rating);
    if (reason != nullptr) *reason = static_cast<int32_t>(e.reason);
    if (band != nullptr) *band = static_cast<int32_t>(e.band);
    if (rated_value != nullptr) *rated_value = e.value;
    if (rated_target != nullptr) *rated_target = e.target;
    if (distance != nullptr) *distance = e.distance;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain(const indeval_rules* rules, double value,
                                                       double target, double cohort,
                                                       int32_t decimals, int32_t scale,
                                                       int32_t unit, char* buf, int32_t cap,
                                                       int32_t* needed) {
  return explain(__func__, rules, value, target, cohort, decimals, scale, unit, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain_w(const indeval_rules* rules, double value,
                                                         double target, double cohort,
                                                         int32_t decimals, int32_t scale,
                                                         int32_t unit, uint16_t* buf, int32_t cap,
                                                         int32_t* needed) {
  return explain(__func__, rules, value, target, cohort, decimals, scale, unit, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_direction(double previous, double current,
                                                   int32_t polarity, const indeval_rules* rules,
                                                   int32_t decimals, int32_t scale,
                                                   int32_t* direction) {
  return ic::guard(__func__, [&] {
    ic::need(direction, "direction");
    const indeval::polarity pol = ic::polarity_arg(polarity);
    const indeval::rule_set* r = ic::optional_rules(rules, "rules");
    const std::optional<int> dp = ic::decimals_arg(decimals);
    const indeval::scale s = ic::scale_arg(scale);
    const indeval::orientation o = r != nullptr ? r->orientation() : indeval::orientation::none;
    *direction = static_cast<int32_t>(indeval::travel(previous, current, pol, o, dp, s));
  });
}

}  // extern "C"
