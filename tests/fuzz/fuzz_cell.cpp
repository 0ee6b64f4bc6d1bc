// Cell reading: any text is read without throwing, in both reading options; a figure is finite
// and printed (format_value, with its unit) reads back as the same figure and unit; a cell with no
// figure says why (figures printed with an exponent excepted, see below), a malformed one where (inside the text) and what (in UTF-8); reading at 15
// significant digits is the exact figure so rounded.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "properties.hpp"
#include "indeval/cell.hpp"
#include "indeval/evaluation.hpp"

using fuzz::fail;
using fuzz::valid_utf8;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const indeval::cell c = indeval::read_cell(text);
  const indeval::cell c15 = indeval::read_cell(text, indeval::read_options::significant_15);
  if (c.has_figure() != c15.has_figure() || c.reason != c15.reason) fail("options disagree on the reason", text);
  if (!c.has_figure()) {
    if (!std::isnan(c.figure)) fail("a figure with a reason for none", text);
    if (c.reason == indeval::cell_reason::malformed) {
      if (c.position > size) fail("position past the end of the text", text);
      if (c.problem.empty() || !valid_utf8(c.problem)) fail("problem empty or not UTF-8", text);
    }
    return 0;
  }
  if (!std::isfinite(c.figure)) fail("a figure that is not finite", text);
  if (!(c15.figure == indeval::read_as_published(c.figure, indeval::published_digits)))
    fail("significant_15 is not the exact figure rounded", text);

  const indeval::unit u = c.unit.value_or(indeval::unit::count);
  const std::string printed = indeval::format_value(c.figure, u);
  // format_value prints very large and very small figures with an exponent ("1e+18"), which a
  // cell does not read (spreadsheet cells hold plain figures): the round trip covers the rest.
  if (printed.find('e') != std::string::npos) return 0;
  const indeval::cell again = indeval::read_cell(printed);
  if (!again.has_figure()) fail("printed figure '" + printed + "' is not read as a figure", text);
  if (again.figure != c.figure) fail("printed figure '" + printed + "' reads as another figure", text);
  if ((u == indeval::unit::percent || u == indeval::unit::days) && again.unit != c.unit)
    fail("printed figure '" + printed + "' reads with another unit", text);
  return 0;
}
