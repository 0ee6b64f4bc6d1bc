// observation: one period of an indicator's series, as a scorecard prints it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "indeval/cell.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/period.hpp"
#include "indeval/text.hpp"

namespace indeval {

/// One value of a series. `period` orders the series and finds the period before; `label` is the
/// period as written, kept for what a person reads (and for labels that are no period at all,
/// which callers of the v1 C ABI may pass).
struct observation {
  std::optional<indeval::period> period;  // the period, when the label reads as one
  std::string label;                      // "Nov-17" as written
  double value = no_figure;               // NaN = blank / missing
  std::string note;                       // the qualifier: "6m+" from "79% (6m+)"; "" if none
  std::string published;                  // the published status as printed: "Red", "Yellow", ""
  indeval::qualifier qualifier = indeval::qualifier::none;  // "est 90": estimate (see cell.hpp)

  observation() = default;
  /// An observation of a label: its period is read from it (financial years for bare years), or
  /// left empty when it is no period label.
  observation(std::string_view label_as_written, double v = no_figure, std::string_view n = {},
              std::string_view pub = {})
      : period(try_parse_period(label_as_written)),
        label(label_as_written),
        value(v),
        note(n),
        published(pub) {}
  /// An observation of a period, labelled canonically.
  observation(const indeval::period& p, double v = no_figure, std::string_view n = {},
              std::string_view pub = {})
      : period(p), label(to_string(p)), value(v), note(n), published(pub) {}

  /// The period's canonical label, else the label as written.
  [[nodiscard]] std::string name() const { return period ? to_string(*period) : label; }
};

/// The one rule for comparing qualifier notes ("6m+" and "6M+"): equal ignoring ASCII case and
/// surrounding blanks. Direction of travel and lint both use it.
[[nodiscard]] constexpr bool same_note(std::string_view a, std::string_view b) noexcept {
  return iequals(trim(a), trim(b));
}

/// Whether two observations measure the same thing: their notes are the same note.
[[nodiscard]] constexpr bool comparable(const observation& a, const observation& b) noexcept {
  return same_note(a.note, b.note);
}

}  // namespace indeval
