#include "indeval/segments.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace indeval {

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument(what); }

// Each run on its own: inside the rows, naming an entry there is. Whether the non-empty runs come
// in order of first row.
bool check_each(std::span<const std::int32_t> first, std::span<const std::int32_t> count,
                std::span<const std::int32_t> entry, std::size_t rows, std::size_t entries) {
  if (count.size() != first.size() || entry.size() != first.size())
    fail("segments: first, count and entry differ in length");
  bool in_order = true;
  std::int64_t previous = 0;
  for (std::size_t k = 0; k < first.size(); ++k) {
    const std::int64_t f = first[k], c = count[k];
    if (f < 0 || c < 0 || static_cast<std::size_t>(f + c) > rows)
      fail("segment " + std::to_string(k) + " (first row " + std::to_string(f) + ", " +
           std::to_string(c) + " rows) is outside the " + std::to_string(rows) + " rows");
    if (entry[k] < 0 || static_cast<std::size_t>(entry[k]) >= entries)
      fail("segment " + std::to_string(k) + " names entry " + std::to_string(entry[k]) +
           ", outside the " + std::to_string(entries) + " entries");
    if (c > 0) {
      in_order = in_order && f >= previous;
      previous = f;
    }
  }
  return in_order;
}

// The runs together, taken in order of first row (`each(visit)` calls visit(first, count) on each
// non-empty one): they cover rows [0, rows) once.
template <class Each>
void check_cover(Each each, std::size_t rows) {
  std::size_t covered = 0;
  each([&](std::size_t first, std::size_t count) {
    if (first < covered) fail("segments overlap at row " + std::to_string(first));
    if (first > covered) fail("no segment covers row " + std::to_string(covered));
    covered = first + count;
  });
  if (covered != rows) fail("no segment covers row " + std::to_string(covered));
}

}  // namespace

std::vector<row_run> sorted_runs(std::span<const std::int32_t> first, std::span<const std::int32_t> count,
                                 std::span<const std::int32_t> entry, std::size_t rows,
                                 std::size_t entries) {
  const bool in_order = check_each(first, count, entry, rows, entries);
  std::vector<row_run> runs;
  runs.reserve(first.size());
  for (std::size_t k = 0; k < first.size(); ++k)
    if (count[k] > 0)
      runs.push_back({static_cast<std::size_t>(first[k]), static_cast<std::size_t>(count[k]), entry[k]});
  const auto by_first = [](const row_run& a, const row_run& b) { return a.first < b.first; };
  if (!in_order) std::sort(runs.begin(), runs.end(), by_first);
  check_cover([&](auto visit) { for (const row_run& r : runs) visit(r.first, r.count); }, rows);
  return runs;
}

void check_runs(std::span<const std::int32_t> first, std::span<const std::int32_t> count,
                std::span<const std::int32_t> entry, std::size_t rows, std::size_t entries) {
  if (!check_each(first, count, entry, rows, entries)) {
    (void)sorted_runs(first, count, entry, rows, entries);
    return;
  }
  check_cover(
      [&](auto visit) {
        for (std::size_t k = 0; k < first.size(); ++k)
          if (count[k] > 0) visit(static_cast<std::size_t>(first[k]), static_cast<std::size_t>(count[k]));
      },
      rows);
}

bool well_formed(std::span<const row_run> runs, std::size_t rows, std::size_t entries) noexcept {
  std::size_t covered = 0;
  for (const row_run& r : runs) {
    if (r.first != covered || r.count == 0 || r.count > rows - covered || r.entry < 0 ||
        static_cast<std::size_t>(r.entry) >= entries)
      return false;
    covered += r.count;
  }
  return covered == rows;
}

}  // namespace indeval
