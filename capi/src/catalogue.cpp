// Catalogues of rating entries and bulk evaluation over them.
#include <cmath>
#include <cstring>
#include <indeval/bulk.hpp>
#include <limits>
#include <span>
#include <stdexcept>
#include <thread>

#include "internal.hpp"

namespace ic = indeval::capi;

namespace {

int32_t append(indeval_catalogue& cat, const indeval::rule_set* rules, std::optional<int> decimals,
               indeval::scale scale, indeval::polarity polarity, double target) {
  if (cat.entries.size() >= static_cast<std::size_t>(std::numeric_limits<int32_t>::max()))
    ic::fail(INDEVAL_E_RANGE, "the catalogue is full (%zu entries)", cat.entries.size());
  std::unique_ptr<indeval::rule_set> copy;
  if (rules != nullptr) copy = std::make_unique<indeval::rule_set>(*rules);
  indeval::rule_entry entry;
  entry.rules = copy.get();
  entry.decimals = decimals;
  entry.scale = scale;
  entry.polarity = polarity;
  entry.target = target;
  cat.entries.reserve(cat.entries.size() + 1);
  cat.owned.reserve(cat.owned.size() + 1);
  // Nothing below throws: the catalogue changes completely or not at all.
  if (copy) cat.owned.push_back(std::move(copy));
  cat.entries.push_back(entry);
  const std::lock_guard lock(cat.mutex);
  cat.table.reset();
  return static_cast<int32_t>(cat.entries.size() - 1);
}

std::shared_ptr<const indeval::rule_table> table_of(const indeval_catalogue& cat) {
  const std::lock_guard lock(cat.mutex);
  if (!cat.table) {
    if (cat.entries.empty())
      ic::fail(INDEVAL_E_RANGE, "the catalogue is empty: add an entry before evaluating");
    cat.table = std::make_shared<const indeval::rule_table>(
        std::span<const indeval::rule_entry>(cat.entries));
  }
  return cat.table;
}

int32_t bulk(const char* function, const indeval_catalogue* catalogue, const double* values,
             const double* previous, const int32_t* index, const double* target,
             const double* cohort, int32_t count, int8_t* status, int8_t* reason, int8_t* direction,
             int32_t threads, int32_t kernel) {
  return ic::guard(function, [&] {
    const indeval_catalogue& cat = ic::handle(catalogue, "catalogue");
    ic::check_count(count, "count");
    const indeval::kernel k = ic::kernel_arg(kernel);
    if (threads < 0)
      ic::fail(INDEVAL_E_RANGE, "threads must be 0 (one per hardware thread) or more, not %d",
               static_cast<int>(threads));
    if (!indeval::kernel_available(k))
      ic::fail(INDEVAL_E_UNSUPPORTED, "kernel %d cannot run on this CPU", static_cast<int>(kernel));
    const auto n = static_cast<std::size_t>(count);
    if (n > 0) {
      ic::need(values, "values");
      ic::need(status, "status");
    }
    if (n == 0) return;
    const auto table = table_of(cat);
    int workers = static_cast<int>(threads);
    if (workers == 0) {
      const unsigned hw = std::thread::hardware_concurrency();
      workers = hw == 0 ? 1 : static_cast<int>(hw);
    }
    const auto in_span = [n](const double* p) {
      return p != nullptr ? std::span<const double>(p, n) : std::span<const double>();
    };
    const auto out_span = [n](int8_t* p) {
      return p != nullptr ? std::span<std::int8_t>(p, n) : std::span<std::int8_t>();
    };
    indeval::bulk_input in;
    in.values = std::span<const double>(values, n);
    in.previous = in_span(previous);
    in.index = index != nullptr ? std::span<const std::int32_t>(index, n)
                                : std::span<const std::int32_t>();
    in.target = in_span(target);
    in.cohort = in_span(cohort);
    indeval::bulk_output out;
    out.status = out_span(status);
    out.reason = out_span(reason);
    out.direction = previous != nullptr ? out_span(direction) : std::span<std::int8_t>();
    try {
      indeval::evaluate_bulk(*table, in, out, workers, k);
    } catch (const std::invalid_argument& e) {
      ic::fail(INDEVAL_E_RANGE, "%s", e.what());
    }
    // Without previous values there is no direction of travel: say so in every row.
    if (previous == nullptr && direction != nullptr)
      std::memset(direction, INDEVAL_DIRECTION_NONE, n);
  });
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_create(indeval_catalogue** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    *out = ic::adopt(std::make_unique<indeval_catalogue>());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_free(indeval_catalogue* catalogue) {
  return ic::guard(__func__, [&] { ic::release(catalogue, "catalogue"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_add(indeval_catalogue* catalogue,
                                                       const indeval_rules* rules, int32_t decimals,
                                                       int32_t scale, int32_t polarity,
                                                       double target, int32_t* index) {
  return ic::guard(__func__, [&] {
    indeval_catalogue& cat = ic::handle(catalogue, "catalogue");
    const indeval::rule_set* r = ic::optional_rules(rules, "rules");
    const std::optional<int> dp = ic::decimals_arg(decimals);
    const indeval::scale s = ic::scale_arg(scale);
    const indeval::polarity pol = ic::polarity_arg(polarity);
    const int32_t at = append(cat, r, dp, s, pol, target);
    if (index != nullptr) *index = at;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_add_indicator(indeval_catalogue* catalogue,
                                                                 const indeval_indicator* indicator,
                                                                 int32_t scale, int32_t* index) {
  return ic::guard(__func__, [&] {
    indeval_catalogue& cat = ic::handle(catalogue, "catalogue");
    const indeval::indicator& ind = ic::handle(indicator, "indicator").ind;
    const indeval::scale s = ic::scale_arg(scale);
    const int32_t at = append(cat, ind.rules ? &*ind.rules : nullptr, ind.decimals, s, ind.polarity,
                              ind.target.value_or(indeval::no_figure));
    if (index != nullptr) *index = at;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_size(const indeval_catalogue* catalogue,
                                                        int32_t* size) {
  return ic::guard(__func__, [&] {
    const indeval_catalogue& cat = ic::handle(catalogue, "catalogue");
    ic::need(size, "size");
    *size = static_cast<int32_t>(cat.entries.size());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_evaluate_bulk(const indeval_catalogue* catalogue,
                                                       const double* values, const double* previous,
                                                       const int32_t* index, const double* target,
                                                       const double* cohort, int32_t count,
                                                       int8_t* status, int8_t* reason,
                                                       int8_t* direction, int32_t threads) {
  return bulk(__func__, catalogue, values, previous, index, target, cohort, count, status, reason,
              direction, threads, INDEVAL_KERNEL_AUTOMATIC);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_evaluate_bulk_kernel(
    const indeval_catalogue* catalogue, const double* values, const double* previous,
    const int32_t* index, const double* target, const double* cohort, int32_t count, int8_t* status,
    int8_t* reason, int8_t* direction, int32_t threads, int32_t kernel) {
  return bulk(__func__, catalogue, values, previous, index, target, cohort, count, status, reason,
              direction, threads, kernel);
}

}  // extern "C"
