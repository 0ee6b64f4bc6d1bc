// Ranks, quartile bands and statistical-neighbour means within groups. Each segment is sorted in a
// scratch buffer the task owns (no allocation per group): insertion sort for the small groups of
// real data, std::sort beyond.
#include "indeval/compare.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace indeval {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The reference: print at `digits` significant digits, read back.
double published_via_text(double value, int digits) noexcept {
  char text[64];
  const auto printed = std::to_chars(text, text + sizeof text, value, std::chars_format::scientific,
                                     digits - 1);
  double read = value;
  std::from_chars(text, printed.ptr, read);
  return read;
}

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

void sort_items(item* begin, item* end) {
  if (end - begin <= 16) {
    for (item* i = begin + 1; i < end; ++i) {
      const item x = *i;
      item* j = i;
      for (; j > begin && x.value < j[-1].value; --j) *j = j[-1];
      *j = x;
    }
    return;
  }
  std::sort(begin, end, [](const item& a, const item& b) { return a.value < b.value; });
}

[[noreturn]] void refuse(const std::string& what) { throw std::invalid_argument(what); }

void check_segments(std::size_t rows, const segments& g, std::size_t entries) {
  if (g.count.size() != g.first.size() || g.entry.size() != g.first.size())
    refuse("segments: first has " + std::to_string(g.first.size()) + " elements, count " +
           std::to_string(g.count.size()) + ", entry " + std::to_string(g.entry.size()) +
           " (they must be equal)");
  std::int64_t end_before = 0;
  for (std::size_t k = 0; k < g.first.size(); ++k) {
    const std::int64_t first = g.first[k], count = g.count[k];
    const std::string which = "segment " + std::to_string(k);
    if (first < 0 || count < 0)
      refuse(which + ": first " + std::to_string(first) + " and count " + std::to_string(count) +
             " must not be negative");
    if (first + count > static_cast<std::int64_t>(rows))
      refuse(which + ": rows " + std::to_string(first) + ".." + std::to_string(first + count - 1) +
             " run past the " + std::to_string(rows) + " values");
    if (first < end_before)
      refuse(which + ": starts at row " + std::to_string(first) +
             ", inside or before the segment before it (which ends at row " +
             std::to_string(end_before - 1) + "); segments must be in order and not overlap");
    if (g.entry[k] < 0 || static_cast<std::size_t>(g.entry[k]) >= entries)
      refuse(which + ": entry " + std::to_string(g.entry[k]) + " is outside the " +
             std::to_string(entries) + " entries");
    end_before = first + count;
  }
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

// Splits segments into tasks of about `rows / (threads * 4)` rows each, at segment boundaries.
std::vector<std::size_t> task_bounds(const segments& g, std::size_t rows, unsigned threads) {
  std::vector<std::size_t> bounds{0};
  const std::size_t segs = g.first.size();
  if (threads <= 1 || segs < 2) {
    bounds.push_back(segs);
    return bounds;
  }
  const std::size_t share = std::max<std::size_t>(rows / (std::size_t{threads} * 4), 1);
  std::size_t in_task = 0;
  for (std::size_t k = 0; k < segs; ++k) {
    in_task += static_cast<std::size_t>(g.count[k]);
    if (in_task >= share && k + 1 < segs) {
      bounds.push_back(k + 1);
      in_task = 0;
    }
  }
  bounds.push_back(segs);
  return bounds;
}

// Runs body(task) for every task; the threads parameter is honoured once the engine provides a
// parallel loop.
template <class Body>
void run_tasks(std::size_t tasks, unsigned /*threads*/, Body&& body) {
  for (std::size_t t = 0; t < tasks; ++t) body(t);
}

// Rows that no segment covers: before the first, between two, after the last.
template <class Fill>
void fill_gaps(std::size_t rows, const segments& g, Fill&& fill) {
  std::size_t next = 0;
  for (std::size_t k = 0; k < g.first.size(); ++k) {
    const auto first = static_cast<std::size_t>(g.first[k]);
    for (std::size_t i = next; i < first; ++i) fill(i);
    next = first + static_cast<std::size_t>(g.count[k]);
  }
  for (std::size_t i = next; i < rows; ++i) fill(i);
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
  if (scratch.size() < count) scratch.resize(count);
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
  sort_items(buf, buf + m);

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

double read_as_published(double value, int digits) noexcept {
  if (digits <= 0 || digits > 17 || !std::isfinite(value) || value == 0) return value;
  // Fast path: for value = m / 10^k with m an integer of `digits` digits and 10^k exact
  // (k <= 22), rounding value * 10^k to an integer and one correctly rounded division give the
  // double nearest that decimal — unless the product lies too near a half to trust its rounding
  // (or has too many digits for its ulp to be small), where the text path decides.
  if (digits <= 15) {
    const double a = std::fabs(value);
    int k = digits - 1 - static_cast<int>(std::floor(std::log10(a)));
    for (int tries = 0; tries < 2 && k >= 0 && k <= 22; ++tries) {
      const double scaled = a * pow10[k];
      if (scaled >= pow10[digits]) {
        --k;
        continue;
      }
      if (scaled < pow10[digits - 1]) {
        ++k;
        continue;
      }
      const double whole = std::floor(scaled);
      if (std::fabs(scaled - whole - 0.5) <= 0.125) break;  // near a half: decide by text
      const double m = scaled - whole < 0.5 ? whole : whole + 1;
      return std::copysign(m / pow10[k], value);
    }
  }
  return published_via_text(value, digits);
}

double quantile_type7(std::span<const double> sorted, double p) noexcept {
  if (sorted.empty()) return nan;
  return type7([sorted](std::size_t i) { return sorted[i]; }, sorted.size(), p);
}

void compare(std::span<const double> values, const segments& groups,
             std::span<const compare_entry> entries, const compare_output& out,
             const compare_options& options) {
  check_segments(values.size(), groups, entries.size());
  check_output("rank", out.rank.size(), values.size());
  check_output("band", out.band.size(), values.size());
  check_digits(options.digits);
  if (values.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    refuse("more than 2^31 - 1 values");

  fill_gaps(values.size(), groups, [&](std::size_t i) {
    if (!out.rank.empty()) out.rank[i] = 0;
    if (!out.band.empty()) out.band[i] = 0;
  });
  const auto bounds = task_bounds(groups, values.size(), options.threads);
  run_tasks(bounds.size() - 1, options.threads, [&](std::size_t t) {
    std::vector<item> scratch;
    for (std::size_t k = bounds[t]; k < bounds[t + 1]; ++k)
      compare_segment(values, static_cast<std::size_t>(groups.first[k]),
                      static_cast<std::size_t>(groups.count[k]), entries[groups.entry[k]],
                      options.digits, out, scratch);
  });
}

void neighbour_means(std::span<const double> values, std::span<const std::int32_t> area,
                     const segments& groups, const neighbour_table& table, std::span<double> out,
                     const compare_options& options) {
  const std::size_t rows = values.size();
  if (table.per_area == 0) refuse("neighbours per area must be at least 1");
  if (table.neighbours.size() % table.per_area != 0)
    refuse("the neighbour table has " + std::to_string(table.neighbours.size()) +
           " elements, not a multiple of " + std::to_string(table.per_area) + " per area");
  const std::size_t areas = table.neighbours.size() / table.per_area;
  check_segments(rows, groups, std::numeric_limits<std::size_t>::max());
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
  {  // every row's area in the table, each area once per segment
    std::vector<std::int32_t> seen(areas, -1);
    for (std::size_t k = 0; k < groups.first.size(); ++k) {
      const auto first = static_cast<std::size_t>(groups.first[k]);
      for (std::size_t i = first; i < first + static_cast<std::size_t>(groups.count[k]); ++i) {
        const std::int32_t a = area[i];
        if (a < 0 || static_cast<std::size_t>(a) >= areas)
          refuse("row " + std::to_string(i) + ": area " + std::to_string(a) + " is outside the " +
                 std::to_string(areas) + " areas");
        if (seen[a] >= 0 && static_cast<std::size_t>(seen[a]) >= first)
          refuse("rows " + std::to_string(seen[a]) + " and " + std::to_string(i) +
                 ": area " + std::to_string(a) + " twice in segment " + std::to_string(k));
        seen[a] = static_cast<std::int32_t>(i);
      }
    }
  }

  fill_gaps(rows, groups, [&](std::size_t i) { out[i] = nan; });
  const auto bounds = task_bounds(groups, rows, options.threads);
  run_tasks(bounds.size() - 1, options.threads, [&](std::size_t t) {
    std::vector<double> slot(areas, nan);  // each area's value in the segment at hand
    for (std::size_t k = bounds[t]; k < bounds[t + 1]; ++k) {
      const auto first = static_cast<std::size_t>(groups.first[k]);
      const auto last = first + static_cast<std::size_t>(groups.count[k]);
      for (std::size_t i = first; i < last; ++i) {
        const double v = values[i];
        slot[area[i]] = !std::isfinite(v) ? nan : options.digits ? read_as_published(v, options.digits) : v;
      }
      for (std::size_t i = first; i < last; ++i)
        out[i] = r_mean(slot.data(), table.neighbours.data() + area[i] * table.per_area,
                        table.per_area);
      for (std::size_t i = first; i < last; ++i) slot[area[i]] = nan;
    }
  });
}

}  // namespace indeval
