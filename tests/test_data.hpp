// Where the tests find their reference data: tests/data in the repository (the seed document and
// LAIT extracts; see tests/data/README.md), so a fresh clone tests itself.
#pragma once

#include <string>
#include <vector>

namespace indeval::test {

inline std::string data_path(const std::string& relative) {
  return std::string(INDEVAL_TEST_DATA) + "/" + relative;
}

inline std::string seed_path() { return data_path("seed/ofsted-priority-indicators-2017-11.txt"); }

/// The cells of one tab-separated line of the seed scorecard.
inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace indeval::test
