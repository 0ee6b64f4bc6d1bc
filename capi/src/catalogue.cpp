// Catalogues of rating entries and bulk evaluation over them.
#include <cmath>
#include <cstring>
#include <indeval/bulk.hpp>
#include <limits>
#include <span>
#include <stdexcept>
#include <thread>

#include "internal.hpp"
#include "request.hpp"

namespace ic = indeval::capi;

namespace indeval::capi {

std::shared_ptr<const rule_table> compiled_table(const indeval_catalogue& cat, std::optional<scale> every) {
  const std::lock_guard lock(cat.mutex);
  auto& table = cat.tables[every ? 1 + static_cast<std::size_t>(*every) : 0];
  if (!table) {
    if (cat.entries.empty())
      fail(INDEVAL_E_RANGE, "the catalogue is empty: add an entry before evaluating");
    std::vector<rule_entry> entries = cat.entries;
    if (every)
      for (rule_entry& e : entries) e.scale = *every;
    table = std::make_shared<const rule_table>(std::span<const rule_entry>(entries));
  }
  return table;
}

}  // namespace indeval::capi

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
  // Room to grow geometrically (reserve(size + 1) would reallocate on every add).
  if (cat.entries.size() == cat.entries.capacity()) cat.entries.reserve(2 * cat.entries.size() + 8);
  if (cat.owned.size() == cat.owned.capacity()) cat.owned.reserve(2 * cat.owned.size() + 8);
  // Nothing below throws: the catalogue changes completely or not at all.
  if (copy) cat.owned.push_back(std::move(copy));
  cat.entries.push_back(entry);
  const std::lock_guard lock(cat.mutex);
  for (auto& t : cat.tables) t.reset();
  return static_cast<int32_t>(cat.entries.size() - 1);
}

// The v1 bulk calls are RATE requests on the default context.
int32_t bulk(const char* function, const indeval_catalogue* catalogue, const double* values,
             const double* previous, const int32_t* index, const double* target,
             const double* cohort, int32_t count, int8_t* status, int8_t* reason, int8_t* direction,
             int32_t threads, int32_t kernel) {
  return ic::guard(function, [&] {
    ic::handle(catalogue, "catalogue");
    ic::check_count(count, "count");
    if (count > 0) {
      ic::need(values, "values");
      ic::need(status, "status");
    }
    indeval_request r;
    r.job = ic::find_job(INDEVAL_JOB_RATE);
    r.catalogue = catalogue;
    const auto in = [&](int32_t id, int32_t type, const void* p) {
      if (p != nullptr || id == INDEVAL_ARRAY_VALUE) r.arrays[id] = {type, p, count};
    };
    const auto out = [&](int32_t id, int8_t* p) {
      if (p != nullptr || id == INDEVAL_OUTPUT_STATUS) r.outputs[id] = {INDEVAL_TYPE_INT8, p, count};
    };
    in(INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values);
    in(INDEVAL_ARRAY_PREVIOUS, INDEVAL_TYPE_DOUBLE, previous);
    in(INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT32, index);
    in(INDEVAL_ARRAY_TARGET, INDEVAL_TYPE_DOUBLE, target);
    in(INDEVAL_ARRAY_COHORT, INDEVAL_TYPE_DOUBLE, cohort);
    out(INDEVAL_OUTPUT_STATUS, status);
    out(INDEVAL_OUTPUT_REASON, reason);
    out(INDEVAL_OUTPUT_DIRECTION, direction);
    r.ints[INDEVAL_OPTION_THREADS] = threads;
    r.ints[INDEVAL_OPTION_KERNEL] = kernel;
    ic::run_rate_job(r, indeval::default_engine());
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
    ic::target_arg(target);
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
