// Bulk evaluation throughput: kernels, row layouts, decimals, threads.
//
// Names are filter-friendly: BM_Bulk<Layout>/n:<rows>/kernel:<1 scalar|2 avx2|3 avx512>/dec:<0|1>/
// threads:<t>. Layouts: Single (one rule set, no index), Grouped (30 indicators, rows grouped by
// indicator), Mixed (30 indicators, rows in random order), Direction (grouped, with direction of
// travel), Targets (grouped, bounds relative to per-row targets). "dec:1" declares decimals.
//
// With INDEVAL_BENCH_DATA=<dir> set, BM_BulkFile/kernel:<k>/threads:<t> rates the data in that
// directory instead (values.f64, index.i32: raw little-endian arrays; rules.txt: one line per
// indicator, "rising <green> <amber>" or "falling <green> <amber>"), for bench/compare_numpy.py,
// beside BM_BareFile, a bare compare-and-store loop over the same values (the memory limit).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <indeval/bulk.hpp>

namespace {

using namespace indeval;

constexpr int indicators = 30;

std::uint64_t splitmix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double uniform(std::uint64_t& s) { return static_cast<double>(splitmix(s) >> 11) * 0x1p-53; }

struct indicator_rules {
  bool rising;
  double green, amber;
};

std::vector<indicator_rules> bench_indicators() {
  std::vector<indicator_rules> out;
  for (int i = 0; i < indicators; ++i) {
    if (i % 3 == 2) out.push_back({false, 10.0 + i, 15.0 + i});  // smaller is better
    else out.push_back({true, 90.0 - i, 80.0 - i});
  }
  return out;
}

std::vector<rule_set> make_rule_sets(const std::vector<indicator_rules>& specs) {
  std::vector<rule_set> out;
  for (const auto& s : specs) {
    const comparison op = s.rising ? comparison::at_least : comparison::at_most;
    out.push_back(rule_set({band{status::green, bound{op, basis::absolute, s.green}, {}},
                            band{status::amber, bound{op, basis::absolute, s.amber}, {}},
                            band{status::red, {}, {}}}));
  }
  return out;
}

// Rule sets relative to the row's target: Green at or better than target, Amber within 10%.
std::vector<rule_set> make_relative_rule_sets() {
  std::vector<rule_set> out;
  for (int i = 0; i < indicators; ++i) {
    const bool rising = i % 3 != 2;
    const comparison op = rising ? comparison::at_least : comparison::at_most;
    out.push_back(rule_set({band{status::green, bound{op, basis::target_percent, 100}, {}},
                            band{status::amber, bound{op, basis::target_percent, rising ? 90.0 : 110.0}, {}},
                            band{status::red, {}, {}}}));
  }
  return out;
}

struct dataset {
  std::vector<double> values, previous, target;
  std::vector<std::int32_t> grouped, mixed;
  std::vector<std::int8_t> status, reason, direction;
};

// Percentages with two decimals, around each indicator's thresholds; 2% missing.
const dataset& data(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<dataset>> cache;
  auto& slot = cache[n];
  if (slot) return *slot;
  slot = std::make_unique<dataset>();
  dataset& d = *slot;
  const auto specs = bench_indicators();
  std::uint64_t seed = 42 + n;
  d.values.resize(n);
  d.previous.resize(n);
  d.target.resize(n);
  d.grouped.resize(n);
  d.mixed.resize(n);
  d.status.resize(n);
  d.reason.resize(n);
  d.direction.resize(n);
  const std::size_t per = (n + indicators - 1) / indicators;
  for (std::size_t i = 0; i < n; ++i) {
    d.grouped[i] = static_cast<std::int32_t>(i / per);
    d.mixed[i] = static_cast<std::int32_t>(splitmix(seed) % indicators);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& s = specs[static_cast<std::size_t>(d.grouped[i])];
    const double lo = std::min(s.green, s.amber) - 15, hi = std::max(s.green, s.amber) + 15;
    const double x = std::round((lo + (hi - lo) * uniform(seed)) * 100) / 100;
    const double p = std::round((x + 4 * (uniform(seed) - 0.5)) * 100) / 100;
    d.values[i] = uniform(seed) < 0.02 ? std::nan("") : x;
    d.previous[i] = uniform(seed) < 0.02 ? std::nan("") : p;
    d.target[i] = std::round(s.green + 2 * (uniform(seed) - 0.5));
  }
  return d;
}

const rule_table& table(bool decimals, bool relative) {
  static const auto specs = bench_indicators();
  static const auto absolute_sets = make_rule_sets(specs);
  static const auto relative_sets = make_relative_rule_sets();
  static std::map<int, std::unique_ptr<rule_table>> cache;
  auto& slot = cache[(decimals ? 1 : 0) + (relative ? 2 : 0)];
  if (!slot) {
    const auto& sets = relative ? relative_sets : absolute_sets;
    std::vector<rule_entry> entries;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      rule_entry e;
      e.rules = &sets[i];
      if (decimals) e.decimals = 1;
      e.polarity = specs[i].rising ? polarity::bigger_is_better : polarity::smaller_is_better;
      entries.push_back(e);
    }
    slot = std::make_unique<rule_table>(entries);
  }
  return *slot;
}

enum class layout { single, grouped, mixed, direction, targets };

void bm_bulk(benchmark::State& state, layout l) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<kernel>(state.range(1));
  const bool decimals = state.range(2) != 0;
  const auto threads = static_cast<int>(state.range(3));
  if (!kernel_available(k)) {
    state.SkipWithError("kernel not available on this CPU");
    return;
  }
  dataset& d = const_cast<dataset&>(data(n));
  const rule_table& t = table(decimals, l == layout::targets);
  bulk_input in;
  in.values = d.values;
  if (l == layout::direction) in.previous = d.previous;
  if (l == layout::targets) in.target = d.target;
  if (l == layout::mixed) in.index = d.mixed;
  else if (l != layout::single) in.index = d.grouped;
  const bulk_output out{d.status, {}, d.direction};
  for (auto _ : state) {
    evaluate_bulk(t, in, out, threads, k);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
  state.counters["Gvalues/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(n) * 1e-9, benchmark::Counter::kIsRate);
}

void args(benchmark::internal::Benchmark* b, std::vector<std::int64_t> sizes,
          std::vector<std::int64_t> decimals, std::vector<std::int64_t> threads) {
  for (auto n : sizes)
    for (std::int64_t k : {1, 2, 3})
      for (auto d : decimals)
        for (auto t : threads) b->Args({n, k, d, t});
  b->ArgNames({"n", "kernel", "dec", "threads"});
  b->UseRealTime();
  b->MinTime(0.1);
  b->Unit(benchmark::kMicrosecond);
}

const std::vector<std::int64_t> all_sizes{10'000, 100'000, 1'000'000, 10'000'000, 50'000'000};

BENCHMARK_CAPTURE(bm_bulk, Grouped, layout::grouped)->Name("BM_BulkGrouped")->Apply([](auto* b) {
  args(b, all_sizes, {0, 1}, {1, 2});
});
BENCHMARK_CAPTURE(bm_bulk, Single, layout::single)->Name("BM_BulkSingle")->Apply([](auto* b) {
  args(b, {100'000, 50'000'000}, {0}, {1, 2});
});
BENCHMARK_CAPTURE(bm_bulk, Mixed, layout::mixed)->Name("BM_BulkMixed")->Apply([](auto* b) {
  args(b, {100'000, 10'000'000}, {0}, {1, 2});
});
BENCHMARK_CAPTURE(bm_bulk, Direction, layout::direction)->Name("BM_BulkDirection")->Apply([](auto* b) {
  args(b, {100'000, 10'000'000}, {0, 1}, {1});
});
BENCHMARK_CAPTURE(bm_bulk, Targets, layout::targets)->Name("BM_BulkTargets")->Apply([](auto* b) {
  args(b, {100'000}, {0, 1}, {1});
});

// ---- data from files, for bench/compare_numpy.py -----------------------------------------------

template <class T>
std::vector<T> read_array(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  f.seekg(0, std::ios::end);
  const auto bytes = static_cast<std::size_t>(f.tellg());
  f.seekg(0);
  std::vector<T> out(bytes / sizeof(T));
  f.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size() * sizeof(T)));
  return out;
}

struct file_data {
  std::vector<double> values;
  std::vector<std::int32_t> index;
  std::vector<rule_set> sets;
  std::unique_ptr<rule_table> table;
  std::vector<std::int8_t> status;
};

void bm_file(benchmark::State& state, const file_data* fd) {
  const auto k = static_cast<kernel>(state.range(0));
  const auto threads = static_cast<int>(state.range(1));
  if (!kernel_available(k)) {
    state.SkipWithError("kernel not available on this CPU");
    return;
  }
  auto& status_out = const_cast<std::vector<std::int8_t>&>(fd->status);
  const bulk_input in{fd->values, {}, fd->index, {}, {}};
  const bulk_output out{status_out, {}, {}};
  for (auto _ : state) {
    evaluate_bulk(*fd->table, in, out, threads, k);
    benchmark::ClobberMemory();
  }
  const auto n = static_cast<double>(fd->values.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
  state.counters["Gvalues/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * n * 1e-9, benchmark::Counter::kIsRate);
  // A checksum, so the caller can see both sides rated the same data the same way.
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < fd->status.size(); ++i) sum += fd->status[i] * static_cast<std::int64_t>(i % 7 + 1);
  state.counters["checksum"] = static_cast<double>(sum);
}

// The memory limit, measured side by side: a bare loop that reads each value, compares it with two
// fixed thresholds and stores a byte — no index, no rules, nothing else to read.
// Compiled for AVX2 so the compiler vectorises it: a scalar loop would measure the core, not memory.
__attribute__((target("avx2"))) void bare_loop(const double* v, std::int8_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    out[i] = static_cast<std::int8_t>(1 + (v[i] >= 80.0) + (v[i] >= 90.0));
}

void bm_bare_file(benchmark::State& state, const file_data* fd) {
  auto& status_out = const_cast<std::vector<std::int8_t>&>(fd->status);
  const double* v = fd->values.data();
  std::int8_t* out = status_out.data();
  const std::size_t n = fd->values.size();
  if (!kernel_available(kernel::avx2)) {
    state.SkipWithError("the bare loop is built for AVX2, which this CPU lacks");
    return;
  }
  for (auto _ : state) {
    bare_loop(v, out, n);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

const int file_registration = [] {
  const char* dir = std::getenv("INDEVAL_BENCH_DATA");
  if (dir == nullptr) return 0;
  auto* fd = new file_data;  // lives as long as the benchmarks
  const std::string base(dir);
  fd->values = read_array<double>(base + "/values.f64");
  fd->index = read_array<std::int32_t>(base + "/index.i32");
  std::ifstream rules(base + "/rules.txt");
  std::string kind;
  double green = 0, amber = 0;
  while (rules >> kind >> green >> amber) {
    const comparison op = kind == "rising" ? comparison::at_least : comparison::at_most;
    fd->sets.push_back(rule_set({band{status::green, bound{op, basis::absolute, green}, {}},
                                 band{status::amber, bound{op, basis::absolute, amber}, {}},
                                 band{status::red, {}, {}}}));
  }
  std::vector<rule_entry> entries;
  for (const auto& s : fd->sets) entries.push_back(rule_entry{&s, {}, scale::points, polarity::neutral, no_figure});
  fd->table = std::make_unique<rule_table>(entries);
  fd->status.resize(fd->values.size());
  auto* b = benchmark::RegisterBenchmark("BM_BulkFile", bm_file, fd);
  for (std::int64_t k : {1, 2, 3})
    for (std::int64_t t : {1, 2}) b->Args({k, t});
  b->ArgNames({"kernel", "threads"})->UseRealTime()->MinTime(0.2)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_BareFile", bm_bare_file, fd)
      ->UseRealTime()->MinTime(0.2)->Unit(benchmark::kMicrosecond);
  return 0;
}();

}  // namespace
