// Lint: what a performance team should know about an indicator's rules and data.
#include <indeval/lint.hpp>
#include <span>
#include <string>

#include "internal.hpp"

namespace ic = indeval::capi;

namespace {

const indeval::finding& item(const indeval_findings& h, int32_t i) {
  if (i < 0 || static_cast<std::size_t>(i) >= h.items.size())
    ic::fail(INDEVAL_E_RANGE, "finding %d is outside 0..%zu", static_cast<int>(i),
             h.items.empty() ? std::size_t{0} : h.items.size() - 1);
  return h.items[static_cast<std::size_t>(i)];
}

const std::string& field_of(const indeval::finding& f, int32_t field) {
  switch (field) {
    case INDEVAL_FINDING_CODE:
      return f.code;
    case INDEVAL_FINDING_MESSAGE:
      return f.message;
    case INDEVAL_FINDING_WHERE:
      return f.where;
    default:
      break;
  }
  ic::fail(INDEVAL_E_RANGE, "field must be an INDEVAL_FINDING_ code (0..2), not %d",
           static_cast<int>(field));
}

template <class Char>
int32_t text(const char* function, const indeval_findings* findings, int32_t i, int32_t field,
             Char* buf, int32_t cap, int32_t* needed) {
  return ic::guard(function, [&] {
    const indeval_findings& h = ic::handle(findings, "findings");
    ic::write_text(field_of(item(h, i), field), buf, cap, needed);
  });
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_lint(const indeval_indicator* indicator,
                                              const indeval_series* series, double cohort,
                                              indeval_findings** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    const indeval_indicator& ind = ic::handle(indicator, "indicator");
    std::span<const indeval::observation> rows;
    if (series != nullptr) rows = ic::handle(series, "series").observations;
    auto made = std::make_unique<indeval_findings>();
    made->items = indeval::lint(ind.ind, rows, ind.rule_text, cohort);
    *out = ic::adopt(std::move(made));
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_findings_free(indeval_findings* findings) {
  return ic::guard(__func__, [&] { ic::release(findings, "findings"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_findings_count(const indeval_findings* findings,
                                                        int32_t* count) {
  return ic::guard(__func__, [&] {
    const indeval_findings& h = ic::handle(findings, "findings");
    ic::need(count, "count");
    *count = static_cast<int32_t>(h.items.size());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_findings_severity(const indeval_findings* findings,
                                                           int32_t i, int32_t* severity) {
  return ic::guard(__func__, [&] {
    const indeval_findings& h = ic::handle(findings, "findings");
    ic::need(severity, "severity");
    *severity = static_cast<int32_t>(item(h, i).severity);
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_findings_text(const indeval_findings* findings, int32_t i,
                                                       int32_t field, char* buf, int32_t cap,
                                                       int32_t* needed) {
  return text(__func__, findings, i, field, buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_findings_text_w(const indeval_findings* findings,
                                                         int32_t i, int32_t field, uint16_t* buf,
                                                         int32_t cap, int32_t* needed) {
  return text(__func__, findings, i, field, buf, cap, needed);
}

}  // extern "C"
