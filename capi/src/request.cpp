// Contexts and bulk requests: the setters record what the caller gives, checked only for what can
// be checked without the job's other inputs; indeval_request_run hands the request to its job.
#include "request.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <stdexcept>

namespace indeval::capi {

namespace {

// The dispatch table: one line per job.
constexpr job_spec jobs[] = {
    {INDEVAL_JOB_RATE, "RATE", rate_job_uses, run_rate_job},
    {INDEVAL_JOB_COMPARE, "COMPARE", compare_job_uses, run_compare_job},
    {INDEVAL_JOB_NEIGHBOURS, "NEIGHBOURS", neighbours_job_uses, run_neighbours_job},
    {INDEVAL_JOB_SPC, "SPC", spc_job_uses, run_spc_job},
};

struct id_label {
  setting what;
  std::int32_t id;
  const char* name;
};

// Names for messages, by id.
constexpr id_label labels[] = {
    {setting::array, INDEVAL_ARRAY_VALUE, "INDEVAL_ARRAY_VALUE"},
    {setting::array, INDEVAL_ARRAY_PREVIOUS, "INDEVAL_ARRAY_PREVIOUS"},
    {setting::array, INDEVAL_ARRAY_INDEX, "INDEVAL_ARRAY_INDEX"},
    {setting::array, INDEVAL_ARRAY_TARGET, "INDEVAL_ARRAY_TARGET"},
    {setting::array, INDEVAL_ARRAY_COHORT, "INDEVAL_ARRAY_COHORT"},
    {setting::array, INDEVAL_ARRAY_ENGLAND, "INDEVAL_ARRAY_ENGLAND"},
    {setting::array, INDEVAL_ARRAY_REGION, "INDEVAL_ARRAY_REGION"},
    {setting::array, INDEVAL_ARRAY_NEIGHBOUR_MEAN, "INDEVAL_ARRAY_NEIGHBOUR_MEAN"},
    {setting::array, INDEVAL_ARRAY_PREVIOUS_PERIOD, "INDEVAL_ARRAY_PREVIOUS_PERIOD"},
    {setting::array, INDEVAL_ARRAY_PREVIOUS_YEAR, "INDEVAL_ARRAY_PREVIOUS_YEAR"},
    {setting::output, INDEVAL_OUTPUT_STATUS, "INDEVAL_OUTPUT_STATUS"},
    {setting::output, INDEVAL_OUTPUT_REASON, "INDEVAL_OUTPUT_REASON"},
    {setting::output, INDEVAL_OUTPUT_DIRECTION, "INDEVAL_OUTPUT_DIRECTION"},
    {setting::int_option, INDEVAL_OPTION_THREADS, "INDEVAL_OPTION_THREADS"},
    {setting::int_option, INDEVAL_OPTION_KERNEL, "INDEVAL_OPTION_KERNEL"},
    {setting::int_option, INDEVAL_OPTION_SCALE, "INDEVAL_OPTION_SCALE"},
    {setting::array, INDEVAL_ARRAY_AREA, "INDEVAL_ARRAY_AREA"},
    {setting::array, INDEVAL_ARRAY_POLARITY, "INDEVAL_ARRAY_POLARITY"},
    {setting::array, INDEVAL_ARRAY_QUARTILES, "INDEVAL_ARRAY_QUARTILES"},
    {setting::array, INDEVAL_ARRAY_NEIGHBOURS, "INDEVAL_ARRAY_NEIGHBOURS"},
    {setting::output, INDEVAL_OUTPUT_RANK, "INDEVAL_OUTPUT_RANK"},
    {setting::output, INDEVAL_OUTPUT_BAND, "INDEVAL_OUTPUT_BAND"},
    {setting::output, INDEVAL_OUTPUT_NEIGHBOUR_MEAN, "INDEVAL_OUTPUT_NEIGHBOUR_MEAN"},
    {setting::int_option, INDEVAL_OPTION_DIGITS, "INDEVAL_OPTION_DIGITS"},
    {setting::int_option, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, "INDEVAL_OPTION_NEIGHBOURS_PER_AREA"},
    {setting::array, INDEVAL_ARRAY_SPC_VALUE, "INDEVAL_ARRAY_SPC_VALUE"},
    {setting::array, INDEVAL_ARRAY_SPC_DATE, "INDEVAL_ARRAY_SPC_DATE"},
    {setting::array, INDEVAL_ARRAY_SPC_REBASE, "INDEVAL_ARRAY_SPC_REBASE"},
    {setting::array, INDEVAL_ARRAY_SPC_IMPROVEMENT, "INDEVAL_ARRAY_SPC_IMPROVEMENT"},
    {setting::array, INDEVAL_ARRAY_SPC_TARGET, "INDEVAL_ARRAY_SPC_TARGET"},
    {setting::array, INDEVAL_ARRAY_SPC_FIX_AFTER, "INDEVAL_ARRAY_SPC_FIX_AFTER"},
    {setting::array, INDEVAL_ARRAY_SPC_SCREEN, "INDEVAL_ARRAY_SPC_SCREEN"},
    {setting::output, INDEVAL_OUTPUT_SPC_MEAN, "INDEVAL_OUTPUT_SPC_MEAN"},
    {setting::output, INDEVAL_OUTPUT_SPC_LOWER, "INDEVAL_OUTPUT_SPC_LOWER"},
    {setting::output, INDEVAL_OUTPUT_SPC_UPPER, "INDEVAL_OUTPUT_SPC_UPPER"},
    {setting::output, INDEVAL_OUTPUT_SPC_VARIATION, "INDEVAL_OUTPUT_SPC_VARIATION"},
    {setting::output, INDEVAL_OUTPUT_SPC_RULE, "INDEVAL_OUTPUT_SPC_RULE"},
    {setting::output, INDEVAL_OUTPUT_SPC_ASSURANCE, "INDEVAL_OUTPUT_SPC_ASSURANCE"},
    {setting::output, INDEVAL_OUTPUT_SPC_WARNINGS, "INDEVAL_OUTPUT_SPC_WARNINGS"},
    {setting::output, INDEVAL_OUTPUT_SPC_LAST_VARIATION, "INDEVAL_OUTPUT_SPC_LAST_VARIATION"},
    {setting::int_option, INDEVAL_OPTION_SPC_IMPROVEMENT, "INDEVAL_OPTION_SPC_IMPROVEMENT"},
    {setting::double_option, INDEVAL_OPTION_SPC_TARGET, "INDEVAL_OPTION_SPC_TARGET"},
    {setting::int_option, INDEVAL_OPTION_SPC_FIX_AFTER, "INDEVAL_OPTION_SPC_FIX_AFTER"},
    {setting::int_option, INDEVAL_OPTION_SPC_SCREEN, "INDEVAL_OPTION_SPC_SCREEN"},
};

const char* type_name(std::int32_t type) noexcept {
  switch (type) {
    case INDEVAL_TYPE_INT8: return "INDEVAL_TYPE_INT8";
    case INDEVAL_TYPE_UINT8: return "INDEVAL_TYPE_UINT8";
    case INDEVAL_TYPE_INT16: return "INDEVAL_TYPE_INT16";
    case INDEVAL_TYPE_INT32: return "INDEVAL_TYPE_INT32";
    case INDEVAL_TYPE_DOUBLE: return "INDEVAL_TYPE_DOUBLE";
    default: return "an unknown type";
  }
}

const char* kind_word(setting what) noexcept {
  switch (what) {
    case setting::array: return "array";
    case setting::output: return "output";
    case setting::int_option: return "integer option";
    case setting::double_option: return "double option";
    case setting::segments: return "segments";
    case setting::catalogue: return "catalogue";
  }
  return "setting";
}

// "INDEVAL_ARRAY_VALUE (array 1)" or "array 57", into a buffer the caller owns.
struct label_text {
  char text[96];
};
label_text describe(setting what, std::int32_t id) noexcept {
  label_text l{};
  if (const char* name = id_name(what, id); name != nullptr)
    std::snprintf(l.text, sizeof l.text, "%s (%s %d)", name, kind_word(what), static_cast<int>(id));
  else
    std::snprintf(l.text, sizeof l.text, "%s %d", kind_word(what), static_cast<int>(id));
  return l;
}

void check_uses(const request& r, setting what, std::int32_t id) {
  if (!r.job->uses(what, id)) {
    if (what == setting::segments || what == setting::catalogue)
      fail(INDEVAL_E_RANGE, "the %s job takes no %s", r.job->name, kind_word(what));
    fail(INDEVAL_E_RANGE, "%s is not used by the %s job", describe(what, id).text, r.job->name);
  }
}

void check_type(std::int32_t type) {
  if (type < INDEVAL_TYPE_INT8 || type > INDEVAL_TYPE_DOUBLE)
    fail(INDEVAL_E_RANGE, "type must be one of INDEVAL_TYPE_* (1..5), not %d", static_cast<int>(type));
}

}  // namespace

const job_spec* find_job(std::int32_t id) noexcept {
  for (const job_spec& j : jobs)
    if (j.id == id) return &j;
  return nullptr;
}

const char* id_name(setting what, std::int32_t id) noexcept {
  for (const id_label& l : labels)
    if (l.what == what && l.id == id) return l.name;
  return nullptr;
}

const array_arg* find_array(const request& r, std::int32_t id) noexcept {
  const auto it = r.arrays.find(id);
  return it == r.arrays.end() ? nullptr : &it->second;
}

std::size_t rows_of(const request& r, std::int32_t id) {
  const array_arg* a = find_array(r, id);
  if (a == nullptr)
    fail(INDEVAL_E_NULL, "%s is required by the %s job and is not set",
         describe(setting::array, id).text, r.job->name);
  return static_cast<std::size_t>(a->count);
}

std::span<const double> double_array(const request& r, std::int32_t id, std::size_t rows, bool required) {
  const array_arg* a = find_array(r, id);
  if (a == nullptr) {
    if (required)
      fail(INDEVAL_E_NULL, "%s is required by the %s job and is not set",
           describe(setting::array, id).text, r.job->name);
    return {};
  }
  if (a->type != INDEVAL_TYPE_DOUBLE)
    fail(INDEVAL_E_RANGE, "%s must be INDEVAL_TYPE_DOUBLE, not %s", describe(setting::array, id).text,
         type_name(a->type));
  if (static_cast<std::size_t>(a->count) != rows)
    fail(INDEVAL_E_RANGE, "%s has %d elements but there are %zu rows", describe(setting::array, id).text,
         static_cast<int>(a->count), rows);
  return {static_cast<const double*>(a->data), rows};
}

std::span<std::int8_t> code_output(const request& r, std::int32_t id, std::size_t rows, bool required) {
  const auto it = r.outputs.find(id);
  if (it == r.outputs.end()) {
    if (required)
      fail(INDEVAL_E_NULL, "%s is required by the %s job and is not set",
           describe(setting::output, id).text, r.job->name);
    return {};
  }
  const output_arg& o = it->second;
  if (o.type != INDEVAL_TYPE_INT8 && o.type != INDEVAL_TYPE_UINT8)
    fail(INDEVAL_E_RANGE, "%s must be INDEVAL_TYPE_INT8 or INDEVAL_TYPE_UINT8, not %s",
         describe(setting::output, id).text, type_name(o.type));
  if (static_cast<std::size_t>(o.count) != rows)
    fail(INDEVAL_E_RANGE, "%s has room for %d elements but there are %zu rows",
         describe(setting::output, id).text, static_cast<int>(o.count), rows);
  return {static_cast<std::int8_t*>(o.data), rows};
}

std::int32_t int_option(const request& r, std::int32_t id, std::int32_t fallback) noexcept {
  const auto it = r.ints.find(id);
  return it == r.ints.end() ? fallback : it->second;
}

double double_option(const request& r, std::int32_t id, double fallback) noexcept {
  const auto it = r.doubles.find(id);
  return it == r.doubles.end() ? fallback : it->second;
}

unsigned threads_option(const request& r) {
  const std::int32_t threads = int_option(r, INDEVAL_OPTION_THREADS, 1);
  if (threads < 0)
    fail(INDEVAL_E_RANGE,
         "INDEVAL_OPTION_THREADS must be 0 (one per hardware thread) or more, not %d",
         static_cast<int>(threads));
  return static_cast<unsigned>(threads);
}

namespace {

// check(first, count, entry) on the request's segments; its std::invalid_argument a failure.
template <class Check>
auto on_segments(const request& r, Check check) {
  const auto n = static_cast<std::size_t>(r.segments);
  try {
    return check(std::span{r.segment_first, n}, std::span{r.segment_count, n}, std::span{r.segment_entry, n});
  } catch (const std::invalid_argument& e) {
    fail(INDEVAL_E_RANGE, "%s", e.what());
  }
}

}  // namespace

std::vector<row_run> checked_segments(const request& r, std::size_t rows, std::size_t entries) {
  if (r.segments == 0) return {};
  return on_segments(r, [&](auto first, auto count, auto entry) {
    return sorted_runs(first, count, entry, rows, entries);
  });
}

void check_segments(const request& r, std::size_t rows, std::size_t entries) {
  if (r.segments > 0)
    on_segments(r, [&](auto first, auto count, auto entry) { check_runs(first, count, entry, rows, entries); });
}

}  // namespace indeval::capi

namespace ic = indeval::capi;

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_context_create(indeval_context** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    *out = ic::adopt(std::make_unique<indeval_context>());
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_context_free(indeval_context* context) {
  return ic::guard(__func__, [&] { ic::release(context, "context"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_create(int32_t job, indeval_request** out) {
  return ic::guard(__func__, [&] {
    ic::reset_out(out);
    const ic::job_spec* spec = ic::find_job(job);
    if (spec == nullptr)
      ic::fail(INDEVAL_E_RANGE, "job must be one of INDEVAL_JOB_* this library runs, not %d",
               static_cast<int>(job));
    auto r = std::make_unique<indeval_request>();
    r->job = spec;
    *out = ic::adopt(std::move(r));
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_free(indeval_request* request) {
  return ic::guard(__func__, [&] { ic::release(request, "request"); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_catalogue(indeval_request* request,
                                                               const indeval_catalogue* catalogue) {
  return ic::guard(__func__, [&] {
    indeval_request& r = ic::handle(request, "request");
    ic::check_uses(r, ic::setting::catalogue, 0);
    ic::handle(catalogue, "catalogue");
    r.catalogue = catalogue;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_array(indeval_request* request, int32_t array,
                                                           int32_t type, const void* data,
                                                           int32_t count) {
  return ic::guard(__func__, [&] {
    indeval_request& r = ic::handle(request, "request");
    ic::check_uses(r, ic::setting::array, array);
    ic::check_type(type);
    ic::check_count(count, "count");
    if (count > 0) ic::need(data, "data");
    r.arrays[array] = {type, data, count};
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_output(indeval_request* request,
                                                            int32_t output, int32_t type,
                                                            void* data, int32_t count) {
  return ic::guard(__func__, [&] {
    indeval_request& r = ic::handle(request, "request");
    ic::check_uses(r, ic::setting::output, output);
    ic::check_type(type);
    ic::check_count(count, "count");
    if (count > 0) ic::need(data, "data");
    r.outputs[output] = {type, data, count};
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_int(indeval_request* request, int32_t option,
                                                         int32_t value) {
  return ic::guard(__func__, [&] {
    indeval_request& r = ic::handle(request, "request");
    ic::check_uses(r, ic::setting::int_option, option);
    r.ints[option] = value;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_double(indeval_request* request,
                                                            int32_t option, double value) {
  return ic::guard(__func__, [&] {
    indeval_request& r = ic::handle(request, "request");
    ic::check_uses(r, ic::setting::double_option, option);
    r.doubles[option] = value;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_segments(indeval_request* request,
                                                              const int32_t* first,
                                                              const int32_t* count,
                                                              const int32_t* entry,
                                                              int32_t segments) {
  return ic::guard(__func__, [&] {
    indeval_request& r = ic::handle(request, "request");
    ic::check_uses(r, ic::setting::segments, 0);
    ic::check_count(segments, "segments");
    if (segments > 0) {
      ic::need(first, "first");
      ic::need(count, "count");
      ic::need(entry, "entry");
    }
    r.segment_first = first;
    r.segment_count = count;
    r.segment_entry = entry;
    r.segments = segments;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_request_run(indeval_request* request,
                                                     indeval_context* context) {
  return ic::guard(__func__, [&] {
    const indeval_request& r = ic::handle(request, "request");
    indeval::engine& e =
        context != nullptr ? ic::handle(context, "context").engine : indeval::default_engine();
    r.job->run(r, e);
  });
}

}  // extern "C"
