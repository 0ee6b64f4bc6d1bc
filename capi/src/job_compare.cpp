// The COMPARE and NEIGHBOURS jobs: ranks, quartile bands and statistical-neighbour means within
// groups, by indeval::compare and indeval::neighbour_means.
#include <indeval/compare.hpp>
#include <limits>
#include <stdexcept>
#include <vector>

#include "request.hpp"

namespace indeval::capi {

bool compare_job_uses(setting what, std::int32_t id) noexcept {
  switch (what) {
    case setting::segments: return true;
    case setting::array:
      return id == INDEVAL_ARRAY_VALUE || id == INDEVAL_ARRAY_POLARITY || id == INDEVAL_ARRAY_QUARTILES;
    case setting::output: return id == INDEVAL_OUTPUT_RANK || id == INDEVAL_OUTPUT_BAND;
    case setting::int_option: return id == INDEVAL_OPTION_THREADS || id == INDEVAL_OPTION_DIGITS;
    case setting::double_option:
    case setting::catalogue: return false;
  }
  return false;
}

bool neighbours_job_uses(setting what, std::int32_t id) noexcept {
  switch (what) {
    case setting::segments: return true;
    case setting::array:
      return id == INDEVAL_ARRAY_VALUE || id == INDEVAL_ARRAY_AREA || id == INDEVAL_ARRAY_NEIGHBOURS;
    case setting::output: return id == INDEVAL_OUTPUT_NEIGHBOUR_MEAN;
    case setting::int_option:
      return id == INDEVAL_OPTION_THREADS || id == INDEVAL_OPTION_DIGITS ||
             id == INDEVAL_OPTION_NEIGHBOURS_PER_AREA;
    case setting::double_option:
    case setting::catalogue: return false;
  }
  return false;
}

namespace {

constexpr std::size_t any_count = std::numeric_limits<std::size_t>::max();

const char* name_of(setting what, std::int32_t id) noexcept {
  const char* name = id_name(what, id);
  return name != nullptr ? name : "?";
}

// An input array of one of two element types (b = 0: only a), of `count` elements (any_count: any).
template <class T>
std::span<const T> input(const request& r, std::int32_t id, std::int32_t a, std::int32_t b,
                         std::size_t count, const char* per, bool required) {
  const array_arg* arg = find_array(r, id);
  if (arg == nullptr) {
    if (required)
      fail(INDEVAL_E_NULL, "%s is required by the %s job and is not set", name_of(setting::array, id),
           r.job->name);
    return {};
  }
  if (arg->type != a && (b == 0 || arg->type != b))
    fail(INDEVAL_E_RANGE, "%s has element type %d; it must be %s", name_of(setting::array, id),
         static_cast<int>(arg->type),
         a == INDEVAL_TYPE_INT32 ? "INDEVAL_TYPE_INT32" : "INDEVAL_TYPE_INT8 or INDEVAL_TYPE_UINT8");
  if (count != any_count && static_cast<std::size_t>(arg->count) != count)
    fail(INDEVAL_E_RANGE, "%s has %d elements but there are %zu %s", name_of(setting::array, id),
         static_cast<int>(arg->count), count, per);
  return {static_cast<const T*>(arg->data), static_cast<std::size_t>(arg->count)};
}

template <class T>
std::span<T> output(const request& r, std::int32_t id, std::int32_t a, std::int32_t b,
                    std::size_t rows, bool required) {
  const auto it = r.outputs.find(id);
  if (it == r.outputs.end()) {
    if (required)
      fail(INDEVAL_E_NULL, "%s is required by the %s job and is not set", name_of(setting::output, id),
           r.job->name);
    return {};
  }
  const output_arg& o = it->second;
  if (o.type != a && (b == 0 || o.type != b))
    fail(INDEVAL_E_RANGE, "%s has element type %d; it must be %s", name_of(setting::output, id),
         static_cast<int>(o.type),
         a == INDEVAL_TYPE_INT32    ? "INDEVAL_TYPE_INT32"
         : a == INDEVAL_TYPE_DOUBLE ? "INDEVAL_TYPE_DOUBLE"
                                    : "INDEVAL_TYPE_INT8 or INDEVAL_TYPE_UINT8");
  if (static_cast<std::size_t>(o.count) != rows)
    fail(INDEVAL_E_RANGE, "%s has room for %d elements but there are %zu rows",
         name_of(setting::output, id), static_cast<int>(o.count), rows);
  return {static_cast<T*>(o.data), rows};
}

compare_options options_of(const request& r) {
  compare_options o;
  o.threads = threads_option(r);
  o.digits = int_option(r, INDEVAL_OPTION_DIGITS, published_digits);
  if (o.digits < 0 || o.digits > 17)
    fail(INDEVAL_E_RANGE, "INDEVAL_OPTION_DIGITS must be 0 (values as given) to 17, not %d", o.digits);
  return o;
}

// The segments, or every row in one group with entry 0 when none are set.
std::vector<row_run> groups_of(const request& r, std::size_t rows, std::size_t entries) {
  if (r.segments > 0) return checked_segments(r, rows, entries);
  if (rows == 0) return {};
  if (entries == 0) fail(INDEVAL_E_RANGE, "the %s job has no group entries", r.job->name);
  return {row_run{0, rows, 0}};
}

}  // namespace

std::int32_t run_compare_job(const request& r, indeval::engine& e) {
  const std::size_t rows = rows_of(r, INDEVAL_ARRAY_VALUE);
  const auto values = double_array(r, INDEVAL_ARRAY_VALUE, rows, true);
  const auto polarity = input<std::int8_t>(r, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, 0, any_count,
                                           "", true);
  const std::size_t entries = polarity.size();
  const auto quartiles = input<std::int8_t>(r, INDEVAL_ARRAY_QUARTILES, INDEVAL_TYPE_INT8,
                                            INDEVAL_TYPE_UINT8, entries, "polarity entries", false);
  compare_output out;
  out.rank = output<std::int32_t>(r, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT32, 0, rows, false);
  out.band = output<std::int8_t>(r, INDEVAL_OUTPUT_BAND, INDEVAL_TYPE_INT8, INDEVAL_TYPE_UINT8, rows, false);
  if (r.outputs.empty())
    fail(INDEVAL_E_NULL, "the COMPARE job needs INDEVAL_OUTPUT_RANK or INDEVAL_OUTPUT_BAND (or both)");
  const compare_options options = options_of(r);
  std::vector<compare_entry> table(entries);
  for (std::size_t k = 0; k < entries; ++k) {
    if (polarity[k] < INDEVAL_POLARITY_NEUTRAL || polarity[k] > INDEVAL_POLARITY_SIB)
      fail(INDEVAL_E_RANGE, "INDEVAL_ARRAY_POLARITY[%zu] is %d, not an INDEVAL_POLARITY_* code", k,
           static_cast<int>(polarity[k]));
    table[k] = {static_cast<indeval::polarity>(polarity[k]), quartiles.empty() || quartiles[k] != 0};
  }
  const auto groups = groups_of(r, rows, entries);
  try {
    compare(e, values, groups, table, out, options);
  } catch (const std::invalid_argument& err) {
    fail(INDEVAL_E_RANGE, "%s", err.what());
  }
  return INDEVAL_OK;
}

std::int32_t run_neighbours_job(const request& r, indeval::engine& e) {
  const std::size_t rows = rows_of(r, INDEVAL_ARRAY_VALUE);
  const auto values = double_array(r, INDEVAL_ARRAY_VALUE, rows, true);
  const auto area = input<std::int32_t>(r, INDEVAL_ARRAY_AREA, INDEVAL_TYPE_INT32, 0, rows, "rows", true);
  const std::int32_t per_area = int_option(r, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, 10);
  if (per_area < 1)
    fail(INDEVAL_E_RANGE, "INDEVAL_OPTION_NEIGHBOURS_PER_AREA must be 1 or more, not %d",
         static_cast<int>(per_area));
  const auto neighbours = input<std::int32_t>(r, INDEVAL_ARRAY_NEIGHBOURS, INDEVAL_TYPE_INT32, 0,
                                              any_count, "", true);
  const auto mean = output<double>(r, INDEVAL_OUTPUT_NEIGHBOUR_MEAN, INDEVAL_TYPE_DOUBLE, 0, rows, true);
  const compare_options options = options_of(r);
  const auto groups = groups_of(r, rows, 1);
  try {
    neighbour_means(e, values, area, groups, {neighbours, static_cast<std::size_t>(per_area)}, mean,
                    options);
  } catch (const std::invalid_argument& err) {
    fail(INDEVAL_E_RANGE, "%s", err.what());
  }
  return INDEVAL_OK;
}

}  // namespace indeval::capi
