// lint: what is wrong with an indicator's rules and data, in words a performance team can act on.
//
// lint() returns findings, each with a stable code, a severity, a message for a person, and where
// it is: a period label ("Nov-17"), "rules" (or "rules at character N" when the caller passes the
// methodology text and it reads as the indicator's rules), or "target".
//
// CODES (stable; new ones may be added, none is renamed or reused)
//   rules-unreadable    error    the indicator has no rule set and the rule text given does not
//                                parse; the message is the parse error
//   band-gap            warning  values no band's written bounds cover, at the precision of the
//                                rule's own numbers: "17 or below Green 18.1-20 Amber" leaves 17.1
//                                to 18 uncovered; "95% or above Green 85%-94% Amber" does not
//                                (whole numbers next to each other). Such values are still rated
//                                (the worse band takes them), but the text does not say so.
//   band-overlap        warning  values covered by two bands' written bounds ("22% or below Green
//                                21% - 25% Amber": 21% to 22%); the better band takes them
//   polarity-conflict   error    the declared polarity contradicts the way the bands run (SIB with
//                                "90% or above Green")
//   polarity-missing    info     rules that run one way but no polarity is declared (direction of
//                                travel falls back to the rules' orientation)
//   needs-target        error    the rules are relative to a target and the indicator has none
//   needs-denominator   error    the rules are relative to a cohort ("10% of cohort or below") and
//                                no cohort size is given: no value can be rated
//   target-not-green    warning  the target itself is rated worse than Green by the rules
//   value-not-finite    error    a value is infinite (a division by zero upstream)
//   suspicious-zero     warning  an exact 0 in a days or average series whose other values are not
//                                all 0 (a missing figure recorded as 0, as AD 7's 763 0 0 0 483)
//   definition-change   warning  a value carries a different qualifier note from the value before
//                                it ("79% (6m+)" then "53%"): the two are not comparable, and no
//                                direction of travel should be computed across them (comparable())
//   published-missing   warning  the latest period has a value and the indicator has rules, but no
//                                published status
//   published-unknown   error    a published status is not a status of the rule set ("Yellow")
//   published-mismatch  error    a published status differs from the status the rules give
//   qualified-figure    warning  a value is qualified ("approx 63.9", "est 90", "<5"): it is rated
//                                as the figure (a suppressed one is not rated), and should be
//                                confirmed
//   scale-mismatch      warning  a percent indicator with a target of 10% or more has a value
//                                between 0 and 1 (0.96 beside 95%): a spreadsheet fraction, rated
//                                as 0.96%
//   period-missing      info     the series skips a period (Aug-17 then Oct-17: no Sep-17)
//
// PUBLISHED STATUS: a scorecard publishes the RAG of its current period, so published-missing looks
// only at the latest observation (the last of the series). Any observation may carry a published
// status, and each one given is checked against its own period's value (published-unknown,
// published-mismatch); a blank one on an earlier period is not a finding.
//
// The series is in period order, earliest first. Blank values are NaN and are not findings.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "indeval/direction.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/indicator.hpp"
#include "indeval/observation.hpp"

namespace indeval {

/// How much a finding matters. Codes are fixed for the C ABI.
enum class severity : std::int8_t { info = 0, warning = 1, error = 2 };

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
  }
  return "info";
}

/// One thing lint found.
struct finding {
  std::string code;  // stable kebab-case id, see the list above
  indeval::severity severity = indeval::severity::info;
  std::string message;  // a sentence for a person
  std::string where;    // a period label, "rules", "rules at character N", "target"
};

/// The codes, for callers that switch on them.
namespace lint_code {
inline constexpr std::string_view rules_unreadable = "rules-unreadable";
inline constexpr std::string_view band_gap = "band-gap";
inline constexpr std::string_view band_overlap = "band-overlap";
inline constexpr std::string_view polarity_conflict = "polarity-conflict";
inline constexpr std::string_view polarity_missing = "polarity-missing";
inline constexpr std::string_view needs_target = "needs-target";
inline constexpr std::string_view needs_denominator = "needs-denominator";
inline constexpr std::string_view target_not_green = "target-not-green";
inline constexpr std::string_view value_not_finite = "value-not-finite";
inline constexpr std::string_view suspicious_zero = "suspicious-zero";
inline constexpr std::string_view definition_change = "definition-change";
inline constexpr std::string_view published_missing = "published-missing";
inline constexpr std::string_view published_unknown = "published-unknown";
inline constexpr std::string_view published_mismatch = "published-mismatch";
inline constexpr std::string_view qualified_figure = "qualified-figure";
inline constexpr std::string_view scale_mismatch = "scale-mismatch";
inline constexpr std::string_view period_missing = "period-missing";
inline constexpr std::string_view band_unreachable = "band-unreachable";
}  // namespace lint_code

/// Every lint code, numbered for the C ABI (a code's number is its index here; new codes are
/// appended, none is reordered).
inline constexpr std::string_view lint_codes[] = {
    lint_code::rules_unreadable,  lint_code::band_gap,          lint_code::band_overlap,
    lint_code::polarity_conflict, lint_code::polarity_missing,  lint_code::needs_target,
    lint_code::needs_denominator, lint_code::target_not_green,  lint_code::value_not_finite,
    lint_code::suspicious_zero,   lint_code::definition_change, lint_code::published_missing,
    lint_code::published_unknown, lint_code::published_mismatch, lint_code::qualified_figure,
    lint_code::scale_mismatch,    lint_code::period_missing,    lint_code::band_unreachable,
};

/// Checks an indicator and its series. `rule_text` is the methodology as written, if the caller has
/// it: findings about the rules then point at characters of it (when it parses to ind.rules), and
/// when ind.rules is empty it is parsed and checked in their place. Never throws but for bad_alloc.
[[nodiscard]] std::vector<finding> lint(const indicator& ind, std::span<const observation> series,
                                        std::string_view rule_text = {});

/// As above, for rules relative to a cohort: `cohort` is its size (NaN when unknown, which is the
/// needs-denominator finding).
[[nodiscard]] std::vector<finding> lint(const indicator& ind, std::span<const observation> series,
                                        std::string_view rule_text, double cohort);

/// The direction of travel from `previous` to `current`, or none when they are not comparable.
[[nodiscard]] direction travel(const indicator& ind, const observation& previous,
                               const observation& current, scale s = scale::points) noexcept;

}  // namespace indeval
