// bulk: rating many values at once — a column of a scorecard extract, one row per authority and
// period — with exactly the results of indeval::evaluate and indeval::travel row by row.
//
// Rule sets are compiled once into a rule_table. For bounds that do not depend on the row (absolute
// bounds, and bounds relative to the entry's own target) the table holds, per band, the exact raw
// value where the band starts: the rating rules (fraction scale, rounding to the declared decimals
// as written) are applied when the table is built, so rating a row is a few comparisons. Bounds
// measured against a per-row target or cohort are resolved row by row.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "indeval/engine.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/segments.hpp"

namespace indeval {

/// Which instruction set evaluate_bulk uses. Every kernel gives the same results; `automatic`
/// picks the best one this CPU has. Codes are fixed for the C ABI.
enum class kernel : std::int8_t { automatic = 0, scalar = 1, avx2 = 2, avx512 = 3 };

/// Whether `k` can run on this CPU (scalar and automatic always can).
[[nodiscard]] bool kernel_available(kernel k) noexcept;

/// The kernel `automatic` picks on this CPU.
[[nodiscard]] kernel best_kernel() noexcept;

/// One rule set as the bulk evaluator uses it: the rules with the settings evaluate() takes from
/// rating_inputs and the indicator.
struct rule_entry {
  const rule_set* rules = nullptr;  // nullptr = not rated (every row: None / not_rated)
  std::optional<int> decimals;      // round values to this many places before rating
  indeval::scale scale = indeval::scale::points;
  indeval::polarity polarity = indeval::polarity::neutral;  // for direction of travel
  double target = no_figure;        // used when the call passes no per-row targets
};

namespace detail {
struct bulk_table_data;
}
struct bulk_input;
struct bulk_output;

/// Rule sets compiled to a flat table, indexed by position. Copies what it needs: the rule sets
/// the entries point to may go away once the table is built. Immutable, so one table can serve
/// any number of concurrent calls.
class rule_table {
 public:
  explicit rule_table(std::span<const rule_entry> entries);
  ~rule_table();
  rule_table(const rule_table&) = delete;
  rule_table& operator=(const rule_table&) = delete;
  rule_table(rule_table&&) noexcept;
  rule_table& operator=(rule_table&&) noexcept;

  [[nodiscard]] std::size_t size() const noexcept;

 private:
  friend void evaluate_bulk(engine&, const rule_table&, const bulk_input&, const bulk_output&, int,
                            kernel);
  std::unique_ptr<detail::bulk_table_data> data_;
};

/// Which table entry rates each row: nothing (entry 0 for every row), a per-row index of 8, 16 or
/// 32 bits (a small catalogue needs no more, and a narrower index is fewer bytes to read), or runs
/// of rows (rows grouped by entry need no per-row index at all). Refers to the caller's arrays.
class row_entries {
 public:
  enum class form : std::int8_t { none, int8, uint8, int16, int32, runs };

  row_entries() noexcept = default;
  // Implicit: an index array is what callers usually have.
  row_entries(std::span<const std::int32_t> index) noexcept : form_(form::int32), data_(index.data()), size_(index.size()) {}
  row_entries(std::span<const std::int16_t> index) noexcept : form_(form::int16), data_(index.data()), size_(index.size()) {}
  row_entries(std::span<const std::int8_t> index) noexcept : form_(form::int8), data_(index.data()), size_(index.size()) {}
  row_entries(std::span<const std::uint8_t> index) noexcept : form_(form::uint8), data_(index.data()), size_(index.size()) {}
  row_entries(const std::vector<std::int32_t>& index) noexcept : row_entries(std::span<const std::int32_t>(index)) {}
  /// Runs as sorted_runs() gives them (evaluate_bulk refuses any other).
  row_entries(std::span<const row_run> runs) noexcept : form_(form::runs), data_(runs.data()), size_(runs.size()) {}

  [[nodiscard]] form kind() const noexcept { return form_; }
  [[nodiscard]] bool empty() const noexcept { return form_ == form::none; }
  /// Elements of the index, or the number of runs.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] const void* data() const noexcept { return data_; }
  [[nodiscard]] std::span<const row_run> runs() const noexcept {
    return form_ == form::runs ? std::span(static_cast<const row_run*>(data_), size_) : std::span<const row_run>();
  }
  /// The entry of row `row` (an index is read as it is; runs are searched).
  [[nodiscard]] std::int64_t operator[](std::size_t row) const noexcept;

 private:
  form form_ = form::none;
  const void* data_ = nullptr;
  std::size_t size_ = 0;
};

/// The rows to rate. Every non-empty span (and an index) must have as many elements as `values`.
struct bulk_input {
  std::span<const double> values;
  std::span<const double> previous;  // empty = no direction of travel
  row_entries index;                 // each row's entry in the table; empty = entry 0
  std::span<const double> target;       // empty = each entry's own target
  std::span<const double> cohort;       // empty = no cohort (NaN)
  /// Per comparator (indexed by indeval::comparator): empty = missing (NaN), but for the previous
  /// period, whose figures are `previous` when not given apart.
  std::array<std::span<const double>, comparator_count> comparators{};
};

/// Where the results go, as the codes of indeval::status, indeval::reason and indeval::direction.
/// Every non-empty span must have as many elements as the input's values.
struct bulk_output {
  std::span<std::int8_t> status;     // required
  std::span<std::int8_t> reason;     // optional: empty = not written
  std::span<std::int8_t> direction;  // optional: written only when the input has `previous`
};

/// Rates every row: status[i], reason[i] and direction[i] are exactly what
///   evaluate(*entry.rules, values[i], {target, cohort, entry.decimals, entry.scale, comparators},
///            entry.polarity)
///   travel(previous[i], values[i], entry.polarity, orientation, entry.decimals, entry.scale)
/// give for the row's entry, where `orientation` is the rules' (none when the entry has no rules,
/// whose rows are all None / not_rated), with the same results for every kernel and every thread count. `threads` > 1 splits the rows
/// over that many threads (the calling thread included).
///
/// Throws std::invalid_argument, before writing anything, naming what is wrong: a span whose length
/// differs from the values' (both lengths given), an index outside the table (the row and the
/// index given), runs that are not sorted_runs() of the rows, an empty table, threads < 1, or a
/// kernel this CPU cannot run.
void evaluate_bulk(const rule_table& table, const bulk_input& in, const bulk_output& out,
                   int threads = 1, kernel k = kernel::automatic);

/// The same on the threads of `workers` (the overload above uses default_engine()).
void evaluate_bulk(engine& workers, const rule_table& table, const bulk_input& in,
                   const bulk_output& out, int threads = 1, kernel k = kernel::automatic);

}  // namespace indeval
