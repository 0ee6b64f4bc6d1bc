// Where the tests find the project's shared reference data (the seed scorecard, LAIT): the
// directory CMake names, unless the INDEVAL_SHARED_DIR environment variable says otherwise.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

namespace indeval::test {

inline std::string shared_path(const std::string& relative) {
  const char* env = std::getenv("INDEVAL_SHARED_DIR");
  const std::string dir = (env != nullptr && *env != '\0') ? env : INDEVAL_SHARED_DIR;
  return dir + "/" + relative;
}

inline std::string seed_path() { return shared_path("seed/ofsted-priority-indicators-2017-11.txt"); }

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
