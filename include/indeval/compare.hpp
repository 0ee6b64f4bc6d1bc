// compare: where each area stands among the others in its group — one measure in one period —
// the way the DfE's Local Authority Interactive Tool (LAIT) benchmarks every council: a rank, a
// quartile band A-D, and the mean of its statistical neighbours' figures.
//
// Rows come as runs (indeval::row_run, from sorted_runs): a run is one group, and its entry indexes
// the group's settings. A group may have 5 rows or 20,000. The work is spread over an engine's
// threads by groups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "indeval/decimal.hpp"
#include "indeval/polarity.hpp"
#include "indeval/segments.hpp"

namespace indeval {

class engine;

/// A quartile band: A is the best quarter by polarity, D the worst. Codes are fixed for the C ABI.
enum class quartile : std::int8_t { none = 0, a = 1, b = 2, c = 3, d = 4 };

/// "A" .. "D", or "" for none.
[[nodiscard]] constexpr const char* to_string(quartile q) noexcept {
  constexpr const char* names[] = {"", "A", "B", "C", "D"};
  const auto i = static_cast<int>(q);
  return i >= 0 && i <= 4 ? names[i] : "";
}

/// R's default (type 7) quantile of `sorted` (ascending, finite, not empty) at probability p in
/// [0, 1], computed exactly as R's quantile() does: h = 1 + (n - 1)p, lo = floor(h), and where
/// h > lo and x[lo] != x[lo + 1], (1 - (h - lo)) x[lo] + (h - lo) x[lo + 1]; else x[lo].
[[nodiscard]] double quantile_type7(std::span<const double> sorted, double p) noexcept;

/// One group's settings.
struct compare_entry {
  indeval::polarity polarity = indeval::polarity::neutral;  // neutral: no rank, no band
  bool quartiles = true;                                    // false: no band (LAIT's No_Quartile = N)
};

/// Where the results go; an empty span is not written, else it has one element per value.
struct compare_output {
  std::span<std::int32_t> rank;  // 1 = best; 0 = no rank
  std::span<std::int8_t> band;   // indeval::quartile codes
};

struct compare_options {
  int digits = published_digits;  // read_as_published before comparing; 0 = as given
  unsigned threads = 1;           // 0 = one per hardware thread
};

/// Ranks and bands every value within its group (run):
/// - only finite values take part (NaN is missing; ±inf is no figure); they, and every row of a
///   group whose entry is neutral, get rank 0 and no band;
/// - rank: 1 + the number of values in the group better by polarity (ties share the lowest
///   rank: 1, 2, 2, 4);
/// - band: cut points are the type-7 quartiles (25, 50, 75%) of the group's values; a value equal
///   to a cut point falls in the lower-valued band; A is the best quarter by polarity. None when
///   the entry's quartiles are off.
/// Throws std::invalid_argument, before writing anything, naming what is wrong: runs that are not
/// sorted_runs() of the values and entries, an output of the wrong length, digits outside 0..17.
void compare(engine& workers, std::span<const double> values, std::span<const row_run> groups,
             std::span<const compare_entry> entries, const compare_output& out,
             const compare_options& options = {});
/// The same on default_engine().
void compare(std::span<const double> values, std::span<const row_run> groups,
             std::span<const compare_entry> entries, const compare_output& out,
             const compare_options& options = {});

/// Every area's statistical neighbours, as dense area indices: row a of `neighbours`
/// (per_area entries) lists area a's neighbours, closest first; -1 = no neighbour in that place.
struct neighbour_table {
  std::span<const std::int32_t> neighbours;
  std::size_t per_area = 10;
};

/// For every row i (area[i] in its group), the mean of the values of area[i]'s neighbours in the
/// same group, neighbours without a finite value left out; NaN when none has one. The mean is
/// computed as R's mean() does (extended-precision sum, one correction pass), over values as read
/// at `options.digits`. The runs' entries are not used.
/// Throws std::invalid_argument, before writing anything: runs that are not sorted_runs() of the
/// values, an area outside the table, an area twice in one group (the rows given), a neighbour
/// outside the table, a table whose size is not a multiple of per_area, `area` or `out` not one
/// per value, digits outside 0..17.
void neighbour_means(engine& workers, std::span<const double> values,
                     std::span<const std::int32_t> area, std::span<const row_run> groups,
                     const neighbour_table& table, std::span<double> out,
                     const compare_options& options = {});
/// The same on default_engine().
void neighbour_means(std::span<const double> values, std::span<const std::int32_t> area,
                     std::span<const row_run> groups, const neighbour_table& table,
                     std::span<double> out, const compare_options& options = {});

}  // namespace indeval
