// Period labels: anything either parses or is refused with a period_error inside the label; what
// parses prints a canonical label that parses back, with its year kind, to the same period, and so
// do the periods either side of it (next() and previous() refuse only at the ends of the range).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "properties.hpp"
#include "indeval/period.hpp"

namespace {

using fuzz::fail;

void round_trip(const indeval::period& p, std::string_view input) {
  const std::string label = indeval::to_string(p);
  const auto kind = indeval::year_kind_of(p).value_or(indeval::year_kind::financial);
  try {
    if (indeval::parse_period(label, kind) != p) fail("'" + label + "' parses to another period", input);
  } catch (const indeval::period_error& e) {
    fail("canonical label '" + label + "' refused: " + e.what(), input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view label(reinterpret_cast<const char*>(data), size);
  for (const auto kind : {indeval::year_kind::calendar, indeval::year_kind::financial,
                          indeval::year_kind::academic}) {
    std::optional<indeval::period> p;
    try {
      p = indeval::parse_period(label, kind);
    } catch (const indeval::period_error& e) {
      if (e.position() > size) fail("error position past the end of the label", label);
      if (indeval::try_parse_period(label, kind)) fail("try_parse_period accepts what parse_period refuses", label);
      continue;
    }
    if (indeval::try_parse_period(label, kind) != p) fail("try_parse_period disagrees", label);
    round_trip(*p, label);
    for (const bool forward : {true, false}) {
      try {
        const indeval::period q = forward ? p->next() : p->previous();
        round_trip(q, label);
        if (!(forward ? *p < q : q < *p)) fail("next()/previous() out of order", label);
      } catch (const std::out_of_range&) {
        const int y = static_cast<int>(p->first_month().year());
        if (y > indeval::period::first_year + 10 && y < indeval::period::last_year - 10)
          fail("no adjacent period well inside the range", label);
      }
    }
  }
  return 0;
}
