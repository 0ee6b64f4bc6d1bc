// Bulk requests: the one door of every bulk job. A request holds what the caller set by id (input
// arrays, outputs, options, segments) without interpreting it; each job's file translates it into
// a call of the core, and the dispatch table (request.cpp) says which job runs and which ids it
// takes. Adding a job = one job_<name>.cpp and one line in the table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <indeval/engine.hpp>
#include <indeval/segments.hpp>
#include <map>
#include <span>
#include <vector>

#include "internal.hpp"

namespace indeval::capi {

inline constexpr std::uint32_t magic_request = 0x51564549u;  // "IEVQ"
inline constexpr std::uint32_t magic_context = 0x58564549u;  // "IEVX"

/// What a request setter sets; the jobs say which they take.
enum class setting { array, output, int_option, double_option, segments, catalogue };

struct job_spec;

/// An input array as set: the caller's pointer, its element type (INDEVAL_TYPE_*) and count.
struct array_arg {
  std::int32_t type = 0;
  const void* data = nullptr;
  std::int32_t count = 0;
};

/// An output array as set.
struct output_arg {
  std::int32_t type = 0;
  void* data = nullptr;
  std::int32_t count = 0;
};


}  // namespace indeval::capi

struct indeval_request {
  static constexpr std::uint32_t live = indeval::capi::magic_request;
  static constexpr const char* kind = "request";
  const indeval::capi::job_spec* job = nullptr;
  const indeval_catalogue* catalogue = nullptr;
  std::map<std::int32_t, indeval::capi::array_arg> arrays;
  std::map<std::int32_t, indeval::capi::output_arg> outputs;
  std::map<std::int32_t, std::int32_t> ints;
  std::map<std::int32_t, double> doubles;
  const std::int32_t* segment_first = nullptr;
  const std::int32_t* segment_count = nullptr;
  const std::int32_t* segment_entry = nullptr;
  std::int32_t segments = 0;
};

struct indeval_context {
  static constexpr std::uint32_t live = indeval::capi::magic_context;
  static constexpr const char* kind = "context";
  indeval::engine engine;
};

namespace indeval::capi {

using request = ::indeval_request;

/// One kind of job. `run` validates everything before writing any output, and fails (throws a
/// failure) naming what is wrong; it returns INDEVAL_OK.
struct job_spec {
  std::int32_t id;   // INDEVAL_JOB_*
  const char* name;  // for messages: "RATE"
  /// Whether the job takes this setting (for arrays, outputs and options: this id).
  bool (*uses)(setting what, std::int32_t id) noexcept;
  std::int32_t (*run)(const request& r, indeval::engine& e);
};

/// The job with this id, or nullptr.
const job_spec* find_job(std::int32_t id) noexcept;

/// The name of an id for messages ("INDEVAL_ARRAY_VALUE"), or nullptr when it has none.
const char* id_name(setting what, std::int32_t id) noexcept;

// ---- reading a request (each fails naming the id on a wrong type or count) ------------------------

/// The array `id`, or nullptr when it is not set.
const array_arg* find_array(const request& r, std::int32_t id) noexcept;

/// The number of rows: the count of the required array `id` (fails when it is not set).
std::size_t rows_of(const request& r, std::int32_t id);

/// A DOUBLE array of exactly `rows` elements; empty when not set (or fails when `required`).
std::span<const double> double_array(const request& r, std::int32_t id, std::size_t rows, bool required);

/// An INT8 or UINT8 output of exactly `rows` elements; empty when not set (or fails when
/// `required`). Codes written to it are in 0..127, the same bytes either way.
std::span<std::int8_t> code_output(const request& r, std::int32_t id, std::size_t rows, bool required);

/// An integer option, or `fallback` when not set.
std::int32_t int_option(const request& r, std::int32_t id, std::int32_t fallback) noexcept;
/// A double option, or `fallback` when not set.
double double_option(const request& r, std::int32_t id, double fallback) noexcept;

/// INDEVAL_OPTION_THREADS as a thread count (0: one per hardware thread); fails when negative.
unsigned threads_option(const request& r);

/// The segments, checked against `rows` rows and `entries` entries (each entry in [0, entries);
/// together they cover every row exactly once), sorted by first row. Empty when none are set.
std::vector<indeval::row_run> checked_segments(const request& r, std::size_t rows, std::size_t entries);
/// The same checks and failures, when the runs themselves are not wanted (nothing is allocated for
/// segments in order of first row).
void check_segments(const request& r, std::size_t rows, std::size_t entries);

// ---- the jobs ------------------------------------------------------------------------------------

std::int32_t run_rate_job(const request& r, indeval::engine& e);
bool rate_job_uses(setting what, std::int32_t id) noexcept;
std::int32_t run_compare_job(const request& r, indeval::engine& e);
bool compare_job_uses(setting what, std::int32_t id) noexcept;
std::int32_t run_neighbours_job(const request& r, indeval::engine& e);
bool neighbours_job_uses(setting what, std::int32_t id) noexcept;
std::int32_t run_spc_job(const request& r, indeval::engine& e);
bool spc_job_uses(setting what, std::int32_t id) noexcept;

}  // namespace indeval::capi
