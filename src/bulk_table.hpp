// The bulk evaluator's compiled table, shared by the table compiler (bulk_table.cpp), the scalar
// kernels (kernels/bulk_scalar.cpp) and the planner (bulk_plan.cpp). Internal to the library.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "indeval/bulk.hpp"
#include "kernels/bulk_kernels.hpp"

namespace indeval::detail {

/// What the row-by-row path needs of one entry.
struct bulk_entry {
  std::optional<rule_set> rules;
  std::optional<int> decimals;
  indeval::scale scale = indeval::scale::points;
  indeval::polarity polarity = indeval::polarity::neutral;
  double target = no_figure;
  bool needs_target = false;
  bool needs_cohort = false;
  std::uint8_t comparators = 0;  // rule_set::comparators_needed(): such entries go row by row
};

struct bulk_table_data {
  std::vector<bulk_entry> entries;
  std::vector<bulk::entry_params> params;  // the rating when rows give no target and no cohort
  std::vector<bulk::dir_params> directions;
  std::vector<bulk::relative_params> relative;  // for the vector kernels, on the points scale
  std::vector<double> c0, c1, c2;                // params' thresholds, as arrays
  std::vector<std::uint64_t> outcomes;           // see bulk::mixed_table
  bool any_needs_target = false;
  bool any_needs_cohort = false;
  bool any_needs_comparator = false;
};

/// Rates rows [0, n) of entry `e` one by one, exactly as evaluate() does, with the row's target and
/// cohort (either may be null: the entry's own target, no cohort). `reason_out` may be null.
void rate_rows(const bulk_entry& e, const bulk::dir_params& d, const double* v, const double* target,
               const double* cohort, std::size_t n, std::int8_t* status_out, std::int8_t* reason_out);

/// Rates rows [0, n) of entry `e` one by one through evaluate() itself, with the rows' target,
/// cohort and comparators (any may be null: missing). For entries with comparators.
void rate_rows_evaluated(const bulk_entry& e, const double* v, const double* target,
                         const double* cohort,
                         const std::array<const double*, comparator_count>& comparators,
                         std::size_t n, std::int8_t* status_out, std::int8_t* reason_out);

}  // namespace indeval::detail
