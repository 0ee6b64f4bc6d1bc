// segments: rows grouped into runs, the one form every bulk job takes for "these rows belong
// together" (an indicator's rows for rating, a group for comparisons, a series for SPC).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace indeval {

/// Rows [first, first + count) belong to `entry`.
struct row_run {
  std::size_t first = 0;
  std::size_t count = 0;
  std::int32_t entry = 0;
};

/// The runs given as three parallel arrays (first row, count, entry; in any order), checked and
/// sorted by first row, empty runs dropped: every entry in [0, entries) and together the runs cover
/// rows [0, rows) exactly once. Throws std::invalid_argument naming the run (its position in the
/// arrays) or the row that is wrong.
[[nodiscard]] std::vector<row_run> sorted_runs(std::span<const std::int32_t> first,
                                               std::span<const std::int32_t> count,
                                               std::span<const std::int32_t> entry, std::size_t rows,
                                               std::size_t entries);

/// The checks of sorted_runs, with the same errors, without building the runs (none is allocated
/// when the runs come in order of first row).
void check_runs(std::span<const std::int32_t> first, std::span<const std::int32_t> count,
                std::span<const std::int32_t> entry, std::size_t rows, std::size_t entries);

/// Whether `runs` are what sorted_runs returns: sorted, none empty, covering [0, rows) once, every
/// entry in [0, entries).
[[nodiscard]] bool well_formed(std::span<const row_run> runs, std::size_t rows,
                               std::size_t entries) noexcept;

}  // namespace indeval
