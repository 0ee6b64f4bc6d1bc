// The SPC job: XmR analysis per series, by indeval::analyse_spc. Segments are series (their entry a
// settings row), kept in the caller's order so per-series outputs line up with the caller's arrays.
#include <atomic>
#include <cmath>
#include <indeval/spc.hpp>
#include <limits>
#include <memory>
#include <optional>

#include "request.hpp"

namespace indeval::capi {

bool spc_job_uses(setting what, std::int32_t id) noexcept {
  switch (what) {
    case setting::segments: return true;
    case setting::catalogue: return false;
    case setting::array: return id >= INDEVAL_ARRAY_SPC_VALUE && id <= INDEVAL_ARRAY_SPC_SCREEN;
    case setting::output: return id >= INDEVAL_OUTPUT_SPC_MEAN && id <= INDEVAL_OUTPUT_SPC_LAST_VARIATION;
    case setting::int_option:
      return id == INDEVAL_OPTION_THREADS || id == INDEVAL_OPTION_SPC_IMPROVEMENT ||
             id == INDEVAL_OPTION_SPC_FIX_AFTER || id == INDEVAL_OPTION_SPC_SCREEN;
    case setting::double_option: return id == INDEVAL_OPTION_SPC_TARGET;
  }
  return false;
}

namespace {

/// An integer array (INT8, UINT8 or INT32) as int32 values in `out`; `count` of them unless count
/// is std::nullopt (then any count). Empty when not set.
const std::vector<std::int32_t>& int_array(std::vector<std::int32_t>& out, const request& r, std::int32_t id,
                                           const char* name, std::optional<std::size_t> count,
                                           bool int16_too = false) {
  out.clear();
  const array_arg* a = find_array(r, id);
  if (a == nullptr) return out;
  if (count && static_cast<std::size_t>(a->count) != *count)
    fail(INDEVAL_E_RANGE, "%s (array %d) has %d elements, expected %zu", name, static_cast<int>(id),
         static_cast<int>(a->count), *count);
  const auto n = static_cast<std::size_t>(a->count);
  out.resize(n);
  switch (a->type) {
    case INDEVAL_TYPE_INT8:
      for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<const std::int8_t*>(a->data)[i];
      return out;
    case INDEVAL_TYPE_UINT8:
      for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<const std::uint8_t*>(a->data)[i];
      return out;
    case INDEVAL_TYPE_INT16:
      if (!int16_too) break;
      for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<const std::int16_t*>(a->data)[i];
      return out;
    case INDEVAL_TYPE_INT32:
      for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<const std::int32_t*>(a->data)[i];
      return out;
    default: break;
  }
  fail(INDEVAL_E_RANGE, "%s (array %d) must be INDEVAL_TYPE_INT8, UINT8%s or INT32", name, static_cast<int>(id),
       int16_too ? ", INT16" : "");
}

/// A DOUBLE output of exactly `rows` elements; empty when not set.
std::span<double> double_output(const request& r, std::int32_t id, const char* name, std::size_t rows) {
  const auto it = r.outputs.find(id);
  if (it == r.outputs.end()) return {};
  const output_arg& o = it->second;
  if (o.type != INDEVAL_TYPE_DOUBLE)
    fail(INDEVAL_E_RANGE, "%s (output %d) must be INDEVAL_TYPE_DOUBLE", name, static_cast<int>(id));
  if (static_cast<std::size_t>(o.count) != rows)
    fail(INDEVAL_E_RANGE, "%s (output %d) has room for %d elements but there are %zu rows", name,
         static_cast<int>(id), static_cast<int>(o.count), rows);
  return {static_cast<double*>(o.data), rows};
}

/// What a job builds from the request, kept from one job to the next: a job over many series
/// would otherwise page in megabytes of fresh memory for them every time.
struct job_buffers {
  std::vector<std::int32_t> improvement, fix_after, screen, rebase_codes;
  std::vector<std::uint8_t> rebase;
  std::vector<indeval::spc_settings> settings;
  std::vector<indeval::spc_series> series;
};

/// One set of buffers waiting for the next job, in a slot (no lock, nothing thread-local: fork and
/// unloading need no care). A job takes it, or makes a new set when another job has it, and puts
/// its set back at the end; a set grown past 2^20 series or rows (a rare huge job) is dropped.
class spare_buffers {
 public:
  ~spare_buffers() { delete slot_.exchange(nullptr); }
  static spare_buffers& instance() {
    static spare_buffers spare;
    return spare;
  }
  std::unique_ptr<job_buffers> take() {
    std::unique_ptr<job_buffers> b(slot_.exchange(nullptr));
    return b ? std::move(b) : std::make_unique<job_buffers>();
  }
  void put(std::unique_ptr<job_buffers> b) noexcept {
    constexpr std::size_t keep = std::size_t{1} << 20;
    if (b->series.capacity() > keep || b->settings.capacity() > keep || b->rebase_codes.capacity() > keep) return;
    delete slot_.exchange(b.release());
  }

 private:
  std::atomic<job_buffers*> slot_{nullptr};
};

/// A job's buffers, put back when it ends, however it ends.
struct borrowed_buffers {
  std::unique_ptr<job_buffers> buffers = spare_buffers::instance().take();
  ~borrowed_buffers() { spare_buffers::instance().put(std::move(buffers)); }
  job_buffers& operator*() const noexcept { return *buffers; }
};

/// The per-series settings rows in `b.settings`: as many as the settings arrays have elements (all
/// alike), each setting from its array, else its option, else the default.
void settings_of(const request& r, job_buffers& b) {
  const std::int32_t settings_ids[] = {INDEVAL_ARRAY_SPC_IMPROVEMENT, INDEVAL_ARRAY_SPC_TARGET,
                                       INDEVAL_ARRAY_SPC_FIX_AFTER, INDEVAL_ARRAY_SPC_SCREEN};
  std::optional<std::size_t> rows;
  for (std::int32_t id : settings_ids)
    if (const array_arg* a = find_array(r, id)) {
      if (rows && *rows != static_cast<std::size_t>(a->count))
        fail(INDEVAL_E_RANGE, "the settings arrays (%d-%d) must have one count, not %zu and %d",
             INDEVAL_ARRAY_SPC_IMPROVEMENT, INDEVAL_ARRAY_SPC_SCREEN, *rows, static_cast<int>(a->count));
      rows = static_cast<std::size_t>(a->count);
    }
  const std::size_t n = rows.value_or(1);
  const auto& improvement =
      int_array(b.improvement, r, INDEVAL_ARRAY_SPC_IMPROVEMENT, "INDEVAL_ARRAY_SPC_IMPROVEMENT", n);
  const auto target = double_array(r, INDEVAL_ARRAY_SPC_TARGET, n, false);
  const auto& fix_after = int_array(b.fix_after, r, INDEVAL_ARRAY_SPC_FIX_AFTER, "INDEVAL_ARRAY_SPC_FIX_AFTER", n);
  const auto& screen = int_array(b.screen, r, INDEVAL_ARRAY_SPC_SCREEN, "INDEVAL_ARRAY_SPC_SCREEN", n);
  const std::int32_t default_improvement = int_option(r, INDEVAL_OPTION_SPC_IMPROVEMENT, INDEVAL_POLARITY_NEUTRAL);
  const double default_target =
      double_option(r, INDEVAL_OPTION_SPC_TARGET, std::numeric_limits<double>::quiet_NaN());
  const std::int32_t default_fix_after = int_option(r, INDEVAL_OPTION_SPC_FIX_AFTER, 0);
  const std::int32_t default_screen = int_option(r, INDEVAL_OPTION_SPC_SCREEN, 1);
  std::vector<indeval::spc_settings>& out = b.settings;
  out.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::int32_t imp = improvement.empty() ? default_improvement : improvement[k];
    if (imp < INDEVAL_POLARITY_NEUTRAL || imp > INDEVAL_POLARITY_SIB)
      fail(INDEVAL_E_RANGE, "settings row %zu: improvement must be an INDEVAL_POLARITY_* (0-2), not %d", k,
           static_cast<int>(imp));
    const std::int32_t fix = fix_after.empty() ? default_fix_after : fix_after[k];
    if (fix != 0 && fix < indeval::spc_min_fix_after)
      fail(INDEVAL_E_RANGE, "settings row %zu: fix_after must be 0 (none) or at least %d, not %d", k,
           indeval::spc_min_fix_after, static_cast<int>(fix));
    out[k] = {static_cast<indeval::polarity>(imp), target.empty() ? default_target : target[k], fix,
              (screen.empty() ? default_screen : screen[k]) != 0};
  }
}

}  // namespace

std::int32_t run_spc_job(const request& r, indeval::engine& e) {
  const std::size_t rows = rows_of(r, INDEVAL_ARRAY_SPC_VALUE);
  indeval::spc_input in;
  in.values = double_array(r, INDEVAL_ARRAY_SPC_VALUE, rows, true);
  const array_arg* date = find_array(r, INDEVAL_ARRAY_SPC_DATE);
  if (date != nullptr && date->type != INDEVAL_TYPE_INT32)
    fail(INDEVAL_E_RANGE, "INDEVAL_ARRAY_SPC_DATE (array %d) must be INDEVAL_TYPE_INT32", INDEVAL_ARRAY_SPC_DATE);
  if (date != nullptr && static_cast<std::size_t>(date->count) != rows)
    fail(INDEVAL_E_RANGE, "INDEVAL_ARRAY_SPC_DATE (array %d) has %d elements but there are %zu rows",
         INDEVAL_ARRAY_SPC_DATE, static_cast<int>(date->count), rows);
  if (date != nullptr) in.date = {static_cast<const std::int32_t*>(date->data), rows};
  const borrowed_buffers borrowed;
  job_buffers& b = *borrowed;
  const auto& rebase_codes = int_array(b.rebase_codes, r, INDEVAL_ARRAY_SPC_REBASE, "INDEVAL_ARRAY_SPC_REBASE", rows);
  std::vector<std::uint8_t>& rebase = b.rebase;
  rebase.resize(rebase_codes.size());
  for (std::size_t i = 0; i < rebase.size(); ++i) rebase[i] = rebase_codes[i] != 0;
  in.rebase = rebase;
  settings_of(r, b);
  const std::vector<indeval::spc_settings>& settings = b.settings;
  in.settings = settings;
  // Segments, checked by the engine's rules, then taken in the caller's order.
  std::vector<indeval::spc_series>& series = b.series;
  series.clear();
  if (r.segments > 0) {
    check_segments(r, rows, settings.size());
    series.resize(static_cast<std::size_t>(r.segments));
    for (std::size_t k = 0; k < series.size(); ++k)
      series[k] = {static_cast<std::size_t>(r.segment_first[k]), static_cast<std::size_t>(r.segment_count[k]),
                   static_cast<std::size_t>(r.segment_entry[k])};
  } else {
    series.push_back({0, rows, 0});
  }
  in.series = series;
  indeval::spc_output out;
  out.mean = double_output(r, INDEVAL_OUTPUT_SPC_MEAN, "INDEVAL_OUTPUT_SPC_MEAN", rows);
  out.lower = double_output(r, INDEVAL_OUTPUT_SPC_LOWER, "INDEVAL_OUTPUT_SPC_LOWER", rows);
  out.upper = double_output(r, INDEVAL_OUTPUT_SPC_UPPER, "INDEVAL_OUTPUT_SPC_UPPER", rows);
  out.variation = code_output(r, INDEVAL_OUTPUT_SPC_VARIATION, rows, false);
  out.rule = code_output(r, INDEVAL_OUTPUT_SPC_RULE, rows, false);
  out.assurance = code_output(r, INDEVAL_OUTPUT_SPC_ASSURANCE, series.size(), false);
  out.last_variation = code_output(r, INDEVAL_OUTPUT_SPC_LAST_VARIATION, series.size(), false);
  const std::span<std::int8_t> warnings = code_output(r, INDEVAL_OUTPUT_SPC_WARNINGS, series.size(), false);
  out.warnings = {reinterpret_cast<std::uint8_t*>(warnings.data()), warnings.size()};
  const unsigned threads = threads_option(r);
  try {
    indeval::analyse_spc(e, in, out, static_cast<int>(threads == 0 ? indeval::engine::hardware_threads() : threads));
  } catch (const indeval::spc_error& err) {
    fail(INDEVAL_E_RANGE, "%s", err.what());
  }
  return INDEVAL_OK;
}

}  // namespace indeval::capi
