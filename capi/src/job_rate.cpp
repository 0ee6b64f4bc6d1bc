// The RATE job: rows rated against catalogue entries, by indeval::evaluate_bulk.
#include <cstring>
#include <indeval/bulk.hpp>
#include <optional>
#include <stdexcept>

#include "request.hpp"

namespace indeval::capi {

bool rate_job_uses(setting what, std::int32_t id) noexcept {
  switch (what) {
    case setting::catalogue:
    case setting::segments: return true;
    case setting::array:
      return id == INDEVAL_ARRAY_VALUE || id == INDEVAL_ARRAY_PREVIOUS || id == INDEVAL_ARRAY_INDEX ||
             id == INDEVAL_ARRAY_TARGET || id == INDEVAL_ARRAY_COHORT ||
             (id >= INDEVAL_ARRAY_ENGLAND && id < INDEVAL_ARRAY_ENGLAND + INDEVAL_COMPARATORS);
    case setting::output:
      return id == INDEVAL_OUTPUT_STATUS || id == INDEVAL_OUTPUT_REASON || id == INDEVAL_OUTPUT_DIRECTION;
    case setting::int_option:
      return id == INDEVAL_OPTION_THREADS || id == INDEVAL_OPTION_KERNEL || id == INDEVAL_OPTION_SCALE;
    case setting::double_option: return false;
  }
  return false;
}

namespace {

/// The rows' entries as the core takes them: a per-row index of any integer width, or segments.
indeval::row_entries entries_of(const request& r, std::size_t rows, std::size_t entries,
                                std::vector<indeval::row_run>& runs) {
  const array_arg* index = find_array(r, INDEVAL_ARRAY_INDEX);
  if (index != nullptr && r.segments > 0)
    fail(INDEVAL_E_RANGE, "INDEVAL_ARRAY_INDEX and segments are both set: give one or the other");
  if (r.segments > 0) {
    runs = checked_segments(r, rows, entries);
    return indeval::row_entries(std::span<const indeval::row_run>(runs));
  }
  if (index == nullptr) return {};
  if (static_cast<std::size_t>(index->count) != rows)
    fail(INDEVAL_E_RANGE, "INDEVAL_ARRAY_INDEX (array %d) has %d elements but there are %zu rows",
         INDEVAL_ARRAY_INDEX, static_cast<int>(index->count), rows);
  switch (index->type) {
    case INDEVAL_TYPE_INT8: return indeval::row_entries(std::span(static_cast<const std::int8_t*>(index->data), rows));
    case INDEVAL_TYPE_UINT8: return indeval::row_entries(std::span(static_cast<const std::uint8_t*>(index->data), rows));
    case INDEVAL_TYPE_INT16: return indeval::row_entries(std::span(static_cast<const std::int16_t*>(index->data), rows));
    case INDEVAL_TYPE_INT32: return indeval::row_entries(std::span(static_cast<const std::int32_t*>(index->data), rows));
    default: break;
  }
  fail(INDEVAL_E_RANGE, "INDEVAL_ARRAY_INDEX (array %d) must be INDEVAL_TYPE_INT8, UINT8, INT16 or INT32",
       INDEVAL_ARRAY_INDEX);
}

}  // namespace

std::int32_t run_rate_job(const request& r, indeval::engine& e) {
  if (r.catalogue == nullptr)
    fail(INDEVAL_E_NULL, "the RATE job needs a catalogue: indeval_request_set_catalogue");
  const indeval_catalogue& cat = handle(r.catalogue, "catalogue");
  const std::size_t rows = rows_of(r, INDEVAL_ARRAY_VALUE);
  indeval::bulk_input in;
  in.values = double_array(r, INDEVAL_ARRAY_VALUE, rows, true);
  in.previous = double_array(r, INDEVAL_ARRAY_PREVIOUS, rows, false);
  in.target = double_array(r, INDEVAL_ARRAY_TARGET, rows, false);
  in.cohort = double_array(r, INDEVAL_ARRAY_COHORT, rows, false);
  for (int c = 0; c < INDEVAL_COMPARATORS; ++c)
    in.comparators[static_cast<std::size_t>(c)] = double_array(r, INDEVAL_ARRAY_ENGLAND + c, rows, false);
  indeval::bulk_output out;
  out.status = code_output(r, INDEVAL_OUTPUT_STATUS, rows, true);
  out.reason = code_output(r, INDEVAL_OUTPUT_REASON, rows, false);
  const std::span<std::int8_t> direction = code_output(r, INDEVAL_OUTPUT_DIRECTION, rows, false);
  if (!in.previous.empty()) out.direction = direction;
  const unsigned threads = threads_option(r);
  const indeval::kernel k = kernel_arg(int_option(r, INDEVAL_OPTION_KERNEL, INDEVAL_KERNEL_AUTOMATIC));
  if (!indeval::kernel_available(k))
    fail(INDEVAL_E_UNSUPPORTED, "kernel %d (INDEVAL_OPTION_KERNEL) cannot run on this CPU", static_cast<int>(k));
  std::optional<indeval::scale> scale;
  if (r.ints.contains(INDEVAL_OPTION_SCALE)) scale = scale_arg(r.ints.at(INDEVAL_OPTION_SCALE));
  if (rows == 0) return INDEVAL_OK;
  const auto table = compiled_table(cat, scale);
  std::vector<indeval::row_run> runs;
  in.index = entries_of(r, rows, table->size(), runs);
  try {
    indeval::evaluate_bulk(e, *table, in, out, static_cast<int>(threads == 0 ? indeval::engine::hardware_threads() : threads), k);
  } catch (const std::invalid_argument& err) {
    fail(INDEVAL_E_RANGE, "%s", err.what());
  }
  // Without previous values there is no direction of travel: say so in every row.
  if (in.previous.empty() && !direction.empty()) std::memset(direction.data(), INDEVAL_DIRECTION_NONE, rows);
  return INDEVAL_OK;
}

}  // namespace indeval::capi
