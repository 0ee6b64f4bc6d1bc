// Period labels for the bindings: whether a label can be read, and where it falls in time.
#include <indeval/period.hpp>

#include "internal.hpp"

namespace ic = indeval::capi;

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_period_months(const char* label, int32_t year_kind,
                                                       int32_t* first_month, int32_t* last_month) {
  return ic::guard(__func__, [&] {
    ic::need(label, "label");
    ic::need(first_month, "first_month");
    ic::need(last_month, "last_month");
    if (year_kind < INDEVAL_YEAR_CALENDAR || year_kind > INDEVAL_YEAR_ACADEMIC)
      ic::fail(INDEVAL_E_RANGE, "year_kind %d is not an INDEVAL_YEAR_* code", static_cast<int>(year_kind));
    indeval::period p;
    try {
      p = indeval::parse_period(label, static_cast<indeval::year_kind>(year_kind));
    } catch (const indeval::period_error& e) {
      ic::fail(INDEVAL_E_PARSE, "%s", e.what());
    }
    const auto months = [](date::year_month ym) {
      return static_cast<int32_t>(static_cast<int>(ym.year()) * 12 +
                                  static_cast<int>(static_cast<unsigned>(ym.month())) - 1);
    };
    *first_month = months(p.first_month());
    *last_month = months(p.last_month());
  });
}

}  // extern "C"
