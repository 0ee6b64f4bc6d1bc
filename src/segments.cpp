#include "indeval/segments.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace indeval {

std::vector<row_run> sorted_runs(std::span<const std::int32_t> first, std::span<const std::int32_t> count,
                                 std::span<const std::int32_t> entry, std::size_t rows,
                                 std::size_t entries) {
  const auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  if (count.size() != first.size() || entry.size() != first.size())
    fail("segments: first, count and entry differ in length");
  std::vector<row_run> runs;
  runs.reserve(first.size());
  for (std::size_t k = 0; k < first.size(); ++k) {
    const std::int64_t f = first[k], c = count[k];
    if (f < 0 || c < 0 || static_cast<std::size_t>(f + c) > rows)
      fail("segment " + std::to_string(k) + " (first row " + std::to_string(f) + ", " +
           std::to_string(c) + " rows) is outside the " + std::to_string(rows) + " rows");
    if (entry[k] < 0 || static_cast<std::size_t>(entry[k]) >= entries)
      fail("segment " + std::to_string(k) + " names entry " + std::to_string(entry[k]) +
           ", outside the " + std::to_string(entries) + " entries");
    if (c > 0) runs.push_back({static_cast<std::size_t>(f), static_cast<std::size_t>(c), entry[k]});
  }
  std::sort(runs.begin(), runs.end(), [](const row_run& a, const row_run& b) { return a.first < b.first; });
  std::size_t covered = 0;
  for (const row_run& r : runs) {
    if (r.first < covered) fail("segments overlap at row " + std::to_string(r.first));
    if (r.first > covered) fail("no segment covers row " + std::to_string(covered));
    covered = r.first + r.count;
  }
  if (covered != rows) fail("no segment covers row " + std::to_string(covered));
  return runs;
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
