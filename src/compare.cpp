// Ranks, quartile bands and statistical-neighbour means within groups. Each group is sorted in a
// scratch buffer the task owns (no allocation per group): a branch-free quicksort, insertion sort
// for small parts.
#include "indeval/compare.hpp"

#include "indeval/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace indeval {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// R's type-7 quantile over anything indexable by position, ascending.
template <class At>
double type7(At at, std::size_t n, double p) noexcept {
  const double index = 1.0 + static_cast<double>(n - 1) * p;  // 1-based, as R writes it
  const double lo = std::floor(index);
  const auto l = static_cast<std::size_t>(lo) - 1;
  const double q = at(l);
  if (index > lo) {
    const double next = at(l + 1);
    if (next != q) {
      const double h = index - lo;
      return (1.0 - h) * q + h * next;
    }
  }
  return q;
}

struct item {
  double value;
  std::int32_t row;
};

void insertion_sort(item* a, std::size_t n) noexcept {
  for (std::size_t i = 1; i < n; ++i) {
    const item x = a[i];
    std::size_t j = i;
    for (; j > 0 && x.value < a[j - 1].value; --j) a[j] = a[j - 1];
    a[j] = x;
  }
}

// Sorts a[0, n) by value (no NaN) with `tmp` room for n more: a quicksort whose partition is
// branch-free (every item is written to both ends of tmp; only its cursor moves), since on real
// values a branch per comparison is mispredicted half the time. Small parts: insertion sort;
// parts that split badly too often (depth exhausted): std::sort, so the worst case stays n log n.
void sort_items(item* a, item* tmp, std::size_t n, int depth) {
  while (n > 24) {
    if (depth-- == 0) {
      std::sort(a, a + n, [](const item& l, const item& r) { return l.value < r.value; });
      return;
    }
    const double x = a[0].value, y = a[n / 2].value, z = a[n - 1].value;
    const double pivot = std::max(std::min(x, y), std::min(std::max(x, y), z));  // median of 3
    std::size_t low = 0, high = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const item it = a[i];
      const bool less = it.value < pivot;
      tmp[low] = it;
      tmp[n - 1 - high] = it;
      low += less;
      high += !less;
    }
    if (low == 0) {  // the pivot is the least value: set apart every item equal to it
      high = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const item it = a[i];
        const bool equal = it.value <= pivot;
        tmp[low] = it;
        tmp[n - 1 - high] = it;
        low += equal;
        high += !equal;
      }
      std::copy(tmp, tmp + n, a);
      a += low;  // the equal items are in place
      n -= low;
      continue;
    }
    std::copy(tmp, tmp + n, a);
    if (low < n - low) {  // recurse into the smaller part, loop on the larger
      sort_items(a, tmp, low, depth);
      a += low;
      n -= low;
    } else {
      sort_items(a + low, tmp, n - low, depth);
      n = low;
    }
  }
  insertion_sort(a, n);
}

[[noreturn]] void refuse(const std::string& what) { throw std::invalid_argument(what); }

void check_runs(std::span<const row_run> groups, std::size_t rows, std::size_t entries) {
  if (!well_formed(groups, rows, entries))
    refuse("the groups are not sorted_runs() of the " + std::to_string(rows) + " values and " +
           std::to_string(entries) + " entries");
}

void check_output(const char* name, std::size_t size, std::size_t rows) {
  if (size != 0 && size != rows)
    refuse(std::string(name) + " has " + std::to_string(size) + " elements for " +
           std::to_string(rows) + " values");
}

void check_digits(int digits) {
  if (digits < 0 || digits > 17)
    refuse("digits " + std::to_string(digits) + " is outside 0..17 (0 = values as given)");
}

// Splits the groups into tasks of about rows / (threads * 4) rows each, at group boundaries.
std::vector<std::size_t> task_bounds(std::span<const row_run> groups, std::size_t rows,
                                     unsigned threads) {
  std::vector<std::size_t> bounds{0};
  if (threads > 1 && groups.size() > 1) {
    const std::size_t share = std::max<std::size_t>(rows / (std::size_t{threads} * 4), 1);
    std::size_t in_task = 0;
    for (std::size_t k = 0; k + 1 < groups.size(); ++k) {
      in_task += groups[k].count;
      if (in_task >= share) {
        bounds.push_back(k + 1);
        in_task = 0;
      }
    }
  }
  bounds.push_back(groups.size());
  return bounds;
}

unsigned thread_count(unsigned threads) {
  return threads == 0 ? engine::hardware_threads() : threads;
}

// Whether a and b are so close that reading them as published could change how they compare:
// reading at d >= 1 digits moves a value by at most 5e-15 of itself (at 15 digits; more at fewer
// digits, hence the scale).
bool near(double a, double b, double scale) noexcept {
  return std::fabs(a - b) <= scale * std::max(std::fabs(a), std::fabs(b));
}

void compare_segment(std::span<const double> values, std::size_t first, std::size_t count,
                     const compare_entry& entry, int digits, const compare_output& out,
                     std::vector<item>& scratch) {
  const bool want_rank = !out.rank.empty(), want_band = !out.band.empty();
  auto none = [&](std::size_t i) {
    if (want_rank) out.rank[i] = 0;
    if (want_band) out.band[i] = 0;
  };
  if (entry.polarity == polarity::neutral) {
    for (std::size_t i = first; i < first + count; ++i) none(i);
    return;
  }
  if (scratch.size() < 2 * count) scratch.resize(2 * count);
  item* buf = scratch.data();
  std::size_t m = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      none(i);
      continue;
    }
    buf[m++] = {v, static_cast<std::int32_t>(i)};
  }
  if (m == 0) return;
  sort_items(buf, buf + count, m, 2 * static_cast<int>(std::bit_width(m)));

  // Reading as published is monotone, so the raw order is the published order (with more ties).
  // Only values near a neighbour or a cut point need reading; the rest compare as they are.
  const double scale = digits ? 2 * std::pow(10.0, 1 - digits) : 0;
  auto published = [digits](double v) { return digits ? read_as_published(v, digits) : v; };
  auto same = [&](std::size_t a, std::size_t b) {
    const double x = buf[a].value, y = buf[b].value;
    return x == y || (digits && near(x, y, scale) && published(x) == published(y));
  };

  const bool bigger = entry.polarity == polarity::bigger_is_better;
  const bool banded = want_band && entry.quartiles;
  double cut[3] = {0, 0, 0};
  if (banded) {
    auto at = [&](std::size_t i) { return published(buf[i].value); };
    cut[0] = type7(at, m, 0.25);
    cut[1] = type7(at, m, 0.5);
    cut[2] = type7(at, m, 0.75);
  }
  for (std::size_t i = 0; i < m;) {
    std::size_t j = i + 1;
    while (j < m && same(j - 1, j)) ++j;
    // Ties share the lowest rank: 1 + the number of values strictly better.
    const auto rank = static_cast<std::int32_t>(bigger ? m - j + 1 : i + 1);
    std::int8_t band = 0;
    if (banded) {
      double v = buf[i].value;
      if (digits && (near(v, cut[0], scale) || near(v, cut[1], scale) || near(v, cut[2], scale)))
        v = published(v);
      const int above = (v > cut[0]) + (v > cut[1]) + (v > cut[2]);  // 0 = lowest-valued quarter
      band = static_cast<std::int8_t>(bigger ? 4 - above : 1 + above);
    }
    for (std::size_t t = i; t < j; ++t) {
      if (want_rank) out.rank[buf[t].row] = rank;
      if (want_band) out.band[buf[t].row] = band;
    }
    i = j;
  }
}

// R's mean(): an extended-precision sum, divided, then one pass adding the mean residual.
double r_mean(const double* slot, const std::int32_t* neighbours, std::size_t per_area) noexcept {
  long double s = 0;
  std::size_t n = 0;
  for (std::size_t k = 0; k < per_area; ++k) {
    if (neighbours[k] < 0) continue;
    const double v = slot[neighbours[k]];
    if (std::isnan(v)) continue;
    s += v;
    ++n;
  }
  if (n == 0) return nan;
  s /= static_cast<long double>(n);
  if (std::isfinite(static_cast<double>(s))) {
    long double t = 0;
    for (std::size_t k = 0; k < per_area; ++k) {
      if (neighbours[k] < 0) continue;
      const double v = slot[neighbours[k]];
      if (!std::isnan(v)) t += v - s;
    }
    s += t / static_cast<long double>(n);
  }
  return static_cast<double>(s);
}

}  // namespace

double quantile_type7(std::span<const double> sorted, double p) noexcept {
  if (sorted.empty()) return nan;
  return type7([sorted](std::size_t i) { return sorted[i]; }, sorted.size(), p);
}

void compare(std::span<const double> values, std::span<const row_run> groups,
             std::span<const compare_entry> entries, const compare_output& out,
             const compare_options& options) {
  compare(default_engine(), values, groups, entries, out, options);
}

void compare(engine& workers, std::span<const double> values, std::span<const row_run> groups,
             std::span<const compare_entry> entries, const compare_output& out,
             const compare_options& options) {
  check_runs(groups, values.size(), entries.size());
  check_output("rank", out.rank.size(), values.size());
  check_output("band", out.band.size(), values.size());
  check_digits(options.digits);
  if (values.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    refuse("more than 2^31 - 1 values");
  const unsigned threads = thread_count(options.threads);
  const auto bounds = task_bounds(groups, values.size(), threads);
  workers.parallel_for(bounds.size() - 1, threads, [&](std::size_t t) {
    std::vector<item> scratch;  // one per task, reused by its groups
    for (std::size_t k = bounds[t]; k < bounds[t + 1]; ++k)
      compare_segment(values, groups[k].first, groups[k].count, entries[groups[k].entry],
                      options.digits, out, scratch);
  });
}

void neighbour_means(std::span<const double> values, std::span<const std::int32_t> area,
                     std::span<const row_run> groups, const neighbour_table& table,
                     std::span<double> out, const compare_options& options) {
  neighbour_means(default_engine(), values, area, groups, table, out, options);
}

void neighbour_means(engine& workers, std::span<const double> values,
                     std::span<const std::int32_t> area, std::span<const row_run> groups,
                     const neighbour_table& table, std::span<double> out,
                     const compare_options& options) {
  const std::size_t rows = values.size();
  if (table.per_area == 0) refuse("neighbours per area must be at least 1");
  if (table.neighbours.size() % table.per_area != 0)
    refuse("the neighbour table has " + std::to_string(table.neighbours.size()) +
           " elements, not a multiple of " + std::to_string(table.per_area) + " per area");
  const std::size_t areas = table.neighbours.size() / table.per_area;
  check_runs(groups, rows, static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()));
  if (area.size() != rows)
    refuse("area has " + std::to_string(area.size()) + " elements for " + std::to_string(rows) +
           " values");
  if (out.size() != rows)
    refuse("the output has " + std::to_string(out.size()) + " elements for " +
           std::to_string(rows) + " values");
  check_digits(options.digits);
  for (std::size_t i = 0; i < table.neighbours.size(); ++i) {
    const std::int32_t n = table.neighbours[i];
    if (n < -1 || n >= static_cast<std::int64_t>(areas))
      refuse("area " + std::to_string(i / table.per_area) + ": neighbour " +
             std::to_string(i % table.per_area + 1) + " is " + std::to_string(n) +
             ", outside the " + std::to_string(areas) + " areas (-1 = none)");
  }
  {  // every row's area in the table, each area once per group
    std::vector<std::size_t> seen(areas, rows);
    for (std::size_t k = 0; k < groups.size(); ++k) {
      const std::size_t first = groups[k].first;
      for (std::size_t i = first; i < first + groups[k].count; ++i) {
        const std::int32_t a = area[i];
        if (a < 0 || static_cast<std::size_t>(a) >= areas)
          refuse("row " + std::to_string(i) + ": area " + std::to_string(a) + " is outside the " +
                 std::to_string(areas) + " areas");
        if (seen[a] < rows && seen[a] >= first)
          refuse("rows " + std::to_string(seen[a]) + " and " + std::to_string(i) + ": area " +
                 std::to_string(a) + " twice in one group");
        seen[a] = i;
      }
    }
  }

  const unsigned threads = thread_count(options.threads);
  const auto bounds = task_bounds(groups, rows, threads);
  workers.parallel_for(bounds.size() - 1, threads, [&](std::size_t t) {
    std::vector<double> slot(areas, nan);  // each area's value in the group at hand
    for (std::size_t k = bounds[t]; k < bounds[t + 1]; ++k) {
      const std::size_t first = groups[k].first, last = first + groups[k].count;
      for (std::size_t i = first; i < last; ++i) {
        const double v = values[i];
        slot[area[i]] = !std::isfinite(v) ? nan
                        : options.digits  ? read_as_published(v, options.digits)
                                          : v;
      }
      for (std::size_t i = first; i < last; ++i)
        out[i] = r_mean(slot.data(), table.neighbours.data() + area[i] * table.per_area,
                        table.per_area);
      for (std::size_t i = first; i < last; ++i) slot[area[i]] = nan;
    }
  });
}

}  // namespace indeval
