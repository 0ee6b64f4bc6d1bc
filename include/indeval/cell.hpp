// cell: reading one scorecard cell as councils write it — text to a figure, its unit, its
// qualifier and note, and a reason when there is no figure.
//
//   text                      figure   unit     qualifier     note                   reason
//   "63.9%" / "63.9"          63.9     percent  -             ""                     figure
//   "1,234"                   1234     -        -             ""                     figure
//   "460 days"                460      days     -             ""                     figure
//   "79% (6m+)"               79       percent  -             "6m+"                  figure
//   "approx 63.9", "~63.9"    63.9     -        approximate   ""                     figure
//   "c. 95%", "circa 95%"     95       percent  approximate   ""                     figure
//   "est 90", "90 (est)"      90       -        estimate      ""                     figure
//   "Provisional 96%"         96       percent  provisional   ""                     figure
//   "Rounded 94.95"           94.95    -        rounded       ""                     figure
//   "<5"                      NaN      -        suppressed    "<5"                   suppressed
//   "" / blanks               NaN      -        -             ""                     blank
//   "-", "n/a", "NA", "..", "x", "c", "*", ":", "tbc", "no data"
//                             NaN      -        -             the text               not_available
//   "#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"
//                             NaN      -        -             the text               spreadsheet_error
//   "Data - In progress"      NaN      -        -             the text               no_figure_text
//   "8x%"                     NaN      -        -             ""                     malformed
//
// A qualified figure is the figure: it is rated, and the qualifier is kept (lint reports it). A
// suppressed count ("<5": some number from 1 to 4) has no figure to rate. Explanatory text starts
// with a letter and has at least two words; any other text that is not a figure is malformed, and
// `problem` says what and `position` where (0-based, in bytes). The figure is the double nearest
// the decimal written (see decimal.hpp for "as written"); with read_options::significant_15 it is
// then read at 15 significant digits (read_as_published, decimal.hpp), for data published with
// binary noise ("95.399999999999991" -> 95.4, as LAIT writes some figures).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "indeval/evaluation.hpp"
#include "indeval/unit.hpp"

namespace indeval {

/// Why a cell has no figure (or `figure` when it has one). Codes are fixed for the C ABI.
enum class cell_reason : std::int8_t {
  figure = 0,
  blank = 1,
  not_available = 2,      // a marker: "-", "n/a", ".."
  spreadsheet_error = 3,  // "#DIV/0!"
  no_figure_text = 4,     // an explanation: "Data - In progress"
  suppressed = 5,         // "<5"
  malformed = 6,          // text that is no figure: "8x%"
};

inline constexpr int cell_reason_count = 7;

[[nodiscard]] constexpr std::string_view to_string(cell_reason r) noexcept {
  switch (r) {
    case cell_reason::figure: return "figure";
    case cell_reason::blank: return "blank";
    case cell_reason::not_available: return "not available";
    case cell_reason::spreadsheet_error: return "spreadsheet error";
    case cell_reason::no_figure_text: return "no figure";
    case cell_reason::suppressed: return "suppressed";
    case cell_reason::malformed: return "malformed";
  }
  return "malformed";
}

/// How a figure is qualified. Codes are fixed for the C ABI.
enum class qualifier : std::int8_t {
  none = 0,
  approximate = 1,  // approx, approximately, ~, c., circa, ca.
  estimate = 2,     // est, est., estimate, estimated
  provisional = 3,  // provisional, prov, prov.
  rounded = 4,      // rounded
  suppressed = 5,   // <5
};

inline constexpr int qualifier_count = 6;

[[nodiscard]] constexpr std::string_view to_string(qualifier q) noexcept {
  switch (q) {
    case qualifier::none: return "none";
    case qualifier::approximate: return "approximate";
    case qualifier::estimate: return "estimate";
    case qualifier::provisional: return "provisional";
    case qualifier::rounded: return "rounded";
    case qualifier::suppressed: return "suppressed";
  }
  return "none";
}

/// Reads a qualifier word as written ("Approx.", "est", "c.", "~", "Prov"), in any case; nullopt
/// for anything else.
[[nodiscard]] std::optional<qualifier> parse_qualifier(std::string_view word) noexcept;

/// How to read figures.
enum class read_options : std::int8_t {
  exact = 0,           // the decimal as written
  significant_15 = 1,  // rounded to 15 significant digits first (binary noise in published data)
};

/// One cell, read.
struct cell {
  double figure = no_figure;                 // NaN when there is none
  std::optional<indeval::unit> unit;         // what the text says: "%" percent, "days" days
  indeval::qualifier qualifier = indeval::qualifier::none;
  std::string note;    // the bracketed note ("6m+"), or the text of a cell with no figure
  cell_reason reason = cell_reason::blank;
  std::size_t position = 0;  // malformed: where the problem is (bytes, 0-based)
  std::string problem;       // malformed: what it is, naming the text and the character

  [[nodiscard]] bool has_figure() const noexcept { return reason == cell_reason::figure; }
};

/// Reads a cell. Never throws but for bad_alloc.
[[nodiscard]] cell read_cell(std::string_view text, read_options options = read_options::exact);

}  // namespace indeval
