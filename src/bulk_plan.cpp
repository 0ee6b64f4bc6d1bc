// The planner: checks a call, splits its rows into chunks, finds each chunk's runs of one entry
// (or takes the caller's runs), and hands them to the kernels on the engine's threads.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "bulk_table.hpp"
#include "indeval/direction.hpp"

namespace indeval {

namespace detail {

namespace {

using bulk::dir_params;

// ---- one call -------------------------------------------------------------------------------

struct run {
  std::size_t begin, end;
  std::int32_t entry;
};

struct chunk_plan {
  std::vector<run> runs;
  bool mixed = false;
  std::int64_t bad_row = -1;  // first row whose index is outside the table
};

// Finds the runs of equal index in rows [begin, end) and checks every index. Gives up on runs (and
// marks the chunk mixed) when they are too short to pay for themselves.
template <class Index>
void scan_chunk(const bulk::kernel_set& k, const Index* index, std::size_t begin, std::size_t end,
                std::int32_t size, chunk_plan& plan) {
  const std::size_t max_runs = (end - begin) / 32 + 2;
  const auto usize = static_cast<std::uint32_t>(size);
  const auto outside = [size](Index x) {
    return static_cast<std::int64_t>(x) < 0 || static_cast<std::int64_t>(x) >= size;
  };
  std::size_t i = begin;
  while (i < end) {
    const Index cur = index[i];
    if (outside(cur)) {
      plan.bad_row = static_cast<std::int64_t>(i);
      return;
    }
    std::size_t j = i + 1;
    if constexpr (std::is_same_v<Index, std::int32_t>) {
      j = k.run_end(index, j, end, cur);
    } else {
      while (j < end && index[j] == cur) ++j;
    }
    plan.runs.push_back({i, j, static_cast<std::int32_t>(cur)});
    i = j;
    if (plan.runs.size() > max_runs && i < end) {
      plan.runs.clear();
      plan.mixed = true;
      std::size_t bad = end;  // rows before i are checked
      if constexpr (std::is_same_v<Index, std::int32_t>) {
        bad = k.first_outside(index, i, end, usize);
      } else {
        unsigned any = 0;
        for (std::size_t q = i; q < end; ++q) any |= unsigned(outside(index[q]));
        if (any != 0)
          for (bad = i; !outside(index[bad]); ++bad) {}
      }
      if (bad < end) plan.bad_row = static_cast<std::int64_t>(bad);
      return;
    }
  }
}

struct call_context {
  const bulk_table_data* table = nullptr;
  const bulk::kernel_set* kernels = nullptr;
  const double* values = nullptr;
  const double* previous = nullptr;
  row_entries index;
  const double* target = nullptr;
  const double* cohort = nullptr;
  std::array<const double*, comparator_count> comparators{};
  std::int8_t* status = nullptr;
  std::int8_t* reason = nullptr;
  std::int8_t* direction = nullptr;
  std::size_t rows = 0;
  std::size_t chunk_rows = 0;
  std::vector<chunk_plan>* plans = nullptr;

  [[nodiscard]] bool row_by_row(std::int32_t entry) const noexcept {
    const detail::bulk_entry& e = table->entries[static_cast<std::size_t>(entry)];
    return e.rules && ((e.needs_target && target != nullptr) || (e.needs_cohort && cohort != nullptr) ||
                       e.comparators != 0);
  }

  // Rows [begin, end) of an entry with comparators, through evaluate() row by row.
  void rate_evaluated(std::size_t u, std::size_t begin, std::size_t end) const {
    std::array<const double*, comparator_count> at{};
    for (std::size_t c = 0; c < at.size(); ++c)
      at[c] = comparators[c] != nullptr ? comparators[c] + begin : nullptr;
    rate_rows_evaluated(table->entries[u], values + begin, target != nullptr ? target + begin : nullptr,
                        cohort != nullptr ? cohort + begin : nullptr, at, end - begin, status + begin,
                        reason != nullptr ? reason + begin : nullptr);
  }

  void rate_run(std::int32_t entry, std::size_t begin, std::size_t end) const {
    const auto u = static_cast<std::size_t>(entry);
    const std::size_t n = end - begin;
    if (table->entries[u].comparators != 0) {
      rate_evaluated(u, begin, end);
    } else if (row_by_row(entry)) {
      const detail::bulk_entry& e = table->entries[u];
      const double* t = target != nullptr ? target + begin : nullptr;
      const double* c = cohort != nullptr ? cohort + begin : nullptr;
      std::int8_t* r = reason != nullptr ? reason + begin : nullptr;
      if (e.scale == scale::points) {
        kernels->status_relative(table->relative[u], values + begin, t, c, n, status + begin, r);
        // The rows the kernel left undecided, one by one.
        const auto marker = static_cast<unsigned char>(bulk::undecided_status);
        for (auto* at = static_cast<std::int8_t*>(std::memchr(status + begin, marker, n)); at != nullptr;
             at = static_cast<std::int8_t*>(std::memchr(at + 1, marker, static_cast<std::size_t>(status + end - at - 1)))) {
          const auto i = static_cast<std::size_t>(at - (status + begin));
          rate_rows(e, table->directions[u], values + begin + i, t != nullptr ? t + i : nullptr,
                    c != nullptr ? c + i : nullptr, 1, at, r != nullptr ? r + i : nullptr);
        }
      } else {
        rate_rows(e, table->directions[u], values + begin, t, c, n, status + begin, r);
      }
    } else {
      kernels->status_run(table->params[u], values + begin, n, status + begin,
                          reason != nullptr ? reason + begin : nullptr);
    }
    if (direction != nullptr)
      kernels->direction_run(table->directions[u], previous + begin, values + begin, n,
                             direction + begin);
  }

  // Rows [begin, end) with their entries in idx[0 .. end - begin).
  void rate_mixed(const std::int32_t* idx, std::size_t begin, std::size_t end) const {
    const bulk::mixed_table soa{table->c0.data(), table->c1.data(), table->c2.data(),
                                table->outcomes.data()};
    kernels->status_mixed(soa, idx, values + begin, end - begin, status + begin,
                          reason != nullptr ? reason + begin : nullptr);
    if ((table->any_needs_target && target != nullptr) || (table->any_needs_cohort && cohort != nullptr) ||
        table->any_needs_comparator) {
      for (std::size_t i = begin; i < end; ++i) {
        const std::int32_t entry = idx[i - begin];
        if (!row_by_row(entry)) continue;
        const auto u = static_cast<std::size_t>(entry);
        if (table->entries[u].comparators != 0) {
          rate_evaluated(u, i, i + 1);
          continue;
        }
        rate_rows(table->entries[u], table->directions[u], values + i,
                  target != nullptr ? target + i : nullptr, cohort != nullptr ? cohort + i : nullptr,
                  1, status + i, reason != nullptr ? reason + i : nullptr);
      }
    }
    if (direction != nullptr) {
      for (std::size_t i = begin; i < end; ++i) {
        const dir_params& d = table->directions[static_cast<std::size_t>(idx[i - begin])];
        const int code = bulk::direction_fast(d, previous[i], values[i]);
        direction[i] = code >= 0 ? static_cast<std::int8_t>(code)
                                 : bulk::travel_exact(d, previous[i], values[i]);
      }
    }
  }

  template <class Index>
  void rate_mixed_narrow(const Index* idx, std::size_t begin, std::size_t end) const {
    std::vector<std::int32_t> wide(idx + begin, idx + end);  // the vector kernels gather by int32
    rate_mixed(wide.data(), begin, end);
  }

  void scan_task(std::size_t task) const {
    const std::size_t begin = task * chunk_rows;
    const std::size_t end = std::min(rows, begin + chunk_rows);
    const auto size = static_cast<std::int32_t>(table->entries.size());
    chunk_plan& plan = (*plans)[task];
    switch (index.kind()) {
      case row_entries::form::int32: scan_chunk(*kernels, static_cast<const std::int32_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::int16: scan_chunk(*kernels, static_cast<const std::int16_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::int8: scan_chunk(*kernels, static_cast<const std::int8_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::uint8: scan_chunk(*kernels, static_cast<const std::uint8_t*>(index.data()), begin, end, size, plan); break;
      case row_entries::form::none:
      case row_entries::form::runs: break;
    }
  }

  void rate_task(std::size_t task) const {
    const std::size_t begin = task * chunk_rows;
    const std::size_t end = std::min(rows, begin + chunk_rows);
    switch (index.kind()) {
      case row_entries::form::none: rate_run(0, begin, end); return;
      case row_entries::form::runs: {
        const std::span<const row_run> runs = index.runs();
        // The first run that ends after `begin`.
        auto it = std::upper_bound(runs.begin(), runs.end(), begin,
                                   [](std::size_t row, const row_run& r) { return row < r.first + r.count; });
        for (; it != runs.end() && it->first < end; ++it)
          rate_run(it->entry, std::max(begin, it->first), std::min(end, it->first + it->count));
        return;
      }
      default: break;
    }
    const chunk_plan& plan = (*plans)[task];
    if (!plan.mixed) {
      for (const run& r : plan.runs) rate_run(r.entry, r.begin, r.end);
      return;
    }
    switch (index.kind()) {
      case row_entries::form::int32: rate_mixed(static_cast<const std::int32_t*>(index.data()) + begin, begin, end); break;
      case row_entries::form::int16: rate_mixed_narrow(static_cast<const std::int16_t*>(index.data()), begin, end); break;
      case row_entries::form::int8: rate_mixed_narrow(static_cast<const std::int8_t*>(index.data()), begin, end); break;
      case row_entries::form::uint8: rate_mixed_narrow(static_cast<const std::uint8_t*>(index.data()), begin, end); break;
      default: break;
    }
  }
};

const bulk::kernel_set* kernels_for(kernel k) noexcept {
  switch (k) {
    case kernel::scalar: return &bulk::scalar_kernels;
#if defined(INDEVAL_BULK_X86)
    case kernel::avx2: return &bulk::avx2_kernels;
    case kernel::avx512: return &bulk::avx512_kernels;
#endif
    default: break;
  }
  return nullptr;
}

std::string_view kernel_name(kernel k) noexcept {
  switch (k) {
    case kernel::automatic: return "automatic";
    case kernel::scalar: return "scalar";
    case kernel::avx2: return "avx2";
    case kernel::avx512: return "avx512";
  }
  return "unknown";
}


}  // namespace
}  // namespace detail

// ---- public API ------------------------------------------------------------------------------

bool kernel_available(kernel k) noexcept {
  switch (k) {
    case kernel::automatic:
    case kernel::scalar: return true;
#if defined(INDEVAL_BULK_X86)
    case kernel::avx2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2") != 0 && __builtin_cpu_supports("fma") != 0;
    case kernel::avx512:
      __builtin_cpu_init();
#if defined(INDEVAL_EMULATE_AVX512)  // a test build: the AVX-512 kernels emulated on AVX2
      return kernel_available(kernel::avx2);
#else
      return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0 &&
             __builtin_cpu_supports("avx512dq") != 0 && __builtin_cpu_supports("avx512vl") != 0;
#endif
#endif
    default: break;
  }
  return false;
}

kernel best_kernel() noexcept {
  static const kernel best = [] {
    if (kernel_available(kernel::avx512)) return kernel::avx512;
    if (kernel_available(kernel::avx2)) return kernel::avx2;
    return kernel::scalar;
  }();
  return best;
}

std::int64_t row_entries::operator[](std::size_t row) const noexcept {
  switch (form_) {
    case form::none: return 0;
    case form::int8: return static_cast<const std::int8_t*>(data_)[row];
    case form::uint8: return static_cast<const std::uint8_t*>(data_)[row];
    case form::int16: return static_cast<const std::int16_t*>(data_)[row];
    case form::int32: return static_cast<const std::int32_t*>(data_)[row];
    case form::runs: {
      const std::span<const row_run> r = runs();
      const auto it = std::upper_bound(r.begin(), r.end(), row,
                                       [](std::size_t x, const row_run& run) { return x < run.first + run.count; });
      return it == r.end() ? -1 : it->entry;
    }
  }
  return -1;
}


void evaluate_bulk(const rule_table& table, const bulk_input& in, const bulk_output& out,
                   int threads, kernel k) {
  evaluate_bulk(default_engine(), table, in, out, threads, k);
}

void evaluate_bulk(engine& workers, const rule_table& table, const bulk_input& in,
                   const bulk_output& out, int threads, kernel k) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("evaluate_bulk: " + what);
  };
  const std::size_t n = in.values.size();
  if (table.size() == 0) fail("the rule table is empty");
  if (threads < 1) fail("threads must be at least 1, got " + std::to_string(threads));
  const kernel chosen = k == kernel::automatic ? best_kernel() : k;
  const detail::bulk::kernel_set* kernels = detail::kernels_for(chosen);
  if (kernels == nullptr || !kernel_available(chosen))
    fail("the " + std::string(detail::kernel_name(k)) + " kernel (code " +
         std::to_string(static_cast<int>(k)) + ") is not available on this CPU");
  const auto check = [&](std::size_t len, const char* what, bool required) {
    if ((required || len != 0) && len != n)
      fail(std::string(what) + " has " + std::to_string(len) + " elements but values has " +
           std::to_string(n));
  };
  check(out.status.size(), "status", true);
  check(out.reason.size(), "reason", false);
  check(out.direction.size(), "direction", false);
  check(in.previous.size(), "previous", false);
  if (in.index.kind() == row_entries::form::runs) {
    if (!well_formed(in.index.runs(), n, table.size()))
      fail("the runs of rows are not sorted_runs() of the " + std::to_string(n) + " rows and " +
           std::to_string(table.size()) + " entries");
  } else {
    check(in.index.size(), "index", false);
  }
  check(in.target.size(), "target", false);
  check(in.cohort.size(), "cohort", false);
  for (int c = 0; c < comparator_count; ++c) {
    const std::string what = std::string(to_string(static_cast<comparator>(c))) + " comparator";
    check(in.comparators[static_cast<std::size_t>(c)].size(), what.c_str(), false);
  }
  if (n == 0) return;

  detail::call_context ctx;
  ctx.table = table.data_.get();
  ctx.kernels = kernels;
  ctx.values = in.values.data();
  ctx.previous = in.previous.empty() ? nullptr : in.previous.data();
  ctx.index = in.index;
  ctx.target = in.target.empty() ? nullptr : in.target.data();
  ctx.cohort = in.cohort.empty() ? nullptr : in.cohort.data();
  for (std::size_t c = 0; c < ctx.comparators.size(); ++c)
    ctx.comparators[c] = in.comparators[c].empty() ? nullptr : in.comparators[c].data();
  if (ctx.comparators[static_cast<std::size_t>(comparator::previous)] == nullptr)
    ctx.comparators[static_cast<std::size_t>(comparator::previous)] = ctx.previous;
  ctx.status = out.status.data();
  ctx.reason = out.reason.empty() ? nullptr : out.reason.data();
  ctx.direction = (out.direction.empty() || ctx.previous == nullptr) ? nullptr : out.direction.data();
  ctx.rows = n;
  constexpr std::size_t base_chunk = 16384;
  ctx.chunk_rows = base_chunk;
  const std::size_t tasks = (n + ctx.chunk_rows - 1) / ctx.chunk_rows;
  const auto wanted = static_cast<unsigned>(threads);

  std::vector<detail::chunk_plan> plans;
  if (!in.index.empty() && in.index.kind() != row_entries::form::runs) {
    plans.resize(tasks);
    ctx.plans = &plans;
    // Scanning is quick: only long inputs are worth waking the other threads for.
    workers.parallel_for(tasks, n >= (std::size_t{1} << 16) ? wanted : 1,
                         [&](std::size_t t) { ctx.scan_task(t); });
    for (const detail::chunk_plan& plan : plans) {
      if (plan.bad_row < 0) continue;
      const auto row = static_cast<std::size_t>(plan.bad_row);
      fail("index[" + std::to_string(row) + "] = " + std::to_string(in.index[row]) +
           " is outside the rule table (size " + std::to_string(table.size()) + ")");
    }
  }
  workers.parallel_for(tasks, wanted, [&](std::size_t t) { ctx.rate_task(t); });
}

}  // namespace indeval
