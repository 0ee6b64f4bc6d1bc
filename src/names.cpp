#include "indeval/names.hpp"

#include "indeval/cell.hpp"
#include "indeval/direction.hpp"
#include "indeval/lint.hpp"
#include "indeval/period.hpp"
#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/status.hpp"
#include "indeval/text.hpp"
#include "indeval/unit.hpp"

namespace indeval {

namespace {

constexpr std::string_view period_kind_names[] = {"month", "quarter", "calendar year",
                                                  "financial year", "academic year"};
constexpr std::string_view year_kind_names[] = {"calendar", "financial", "academic"};

// Blanks, '-' and '_' are the same separator: "no data", "no-data", "No_Data".
bool same_words(std::string_view a, std::string_view b) noexcept {
  a = trim(a);
  b = trim(b);
  const auto sep = [](char c) { return c == ' ' || c == '-' || c == '_'; };
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(ascii_lower(a[i]) == ascii_lower(b[i]) || (sep(a[i]) && sep(b[i])))) return false;
  return true;
}

}  // namespace

int name_count(name_kind kind) noexcept {
  switch (kind) {
    case name_kind::status: return status_count;
    case name_kind::polarity: return 3;
    case name_kind::unit: return unit_count;
    case name_kind::reason: return 7;
    case name_kind::direction: return 6;
    case name_kind::lint_code: return static_cast<int>(std::size(lint_codes));
    case name_kind::severity: return 3;
    case name_kind::cell_reason: return cell_reason_count;
    case name_kind::qualifier: return qualifier_count;
    case name_kind::period_kind: return static_cast<int>(std::size(period_kind_names));
    case name_kind::year_kind: return static_cast<int>(std::size(year_kind_names));
    case name_kind::comparator: return comparator_count;
  }
  return 0;
}

std::optional<std::string_view> name_of(name_kind kind, int code) noexcept {
  if (code < 0 || code >= name_count(kind)) return std::nullopt;
  switch (kind) {
    case name_kind::status: return to_string(static_cast<status>(code));
    case name_kind::polarity: return to_string(static_cast<polarity>(code));
    case name_kind::unit: return to_string(static_cast<unit>(code));
    case name_kind::reason: return to_string(static_cast<reason>(code));
    case name_kind::direction: return to_string(static_cast<direction>(code));
    case name_kind::lint_code: return lint_codes[code];
    case name_kind::severity: return to_string(static_cast<severity>(code));
    case name_kind::cell_reason: return to_string(static_cast<cell_reason>(code));
    case name_kind::qualifier: return to_string(static_cast<qualifier>(code));
    case name_kind::period_kind: return period_kind_names[code];
    case name_kind::year_kind: return year_kind_names[code];
    case name_kind::comparator: return to_string(static_cast<comparator>(code));
  }
  return std::nullopt;
}

std::optional<int> code_of(name_kind kind, std::string_view name) noexcept {
  switch (kind) {
    case name_kind::status:
      if (auto s = parse_status(name)) return static_cast<int>(*s);
      return std::nullopt;
    case name_kind::polarity:
      if (auto p = parse_polarity(name)) return static_cast<int>(*p);
      return std::nullopt;
    case name_kind::unit:
      if (auto u = parse_unit(name)) return static_cast<int>(*u);
      return std::nullopt;
    case name_kind::qualifier:
      if (auto q = parse_qualifier(name)) return static_cast<int>(*q);
      return std::nullopt;
    case name_kind::direction:
      if (trim(name) == "-" || same_words(name, "none")) return 0;
      break;
    default:
      break;
  }
  for (int code = 0; code < name_count(kind); ++code)
    if (same_words(name, *name_of(kind, code))) return code;
  return std::nullopt;
}

}  // namespace indeval
