// parse: RAG methodology text <-> rule_set.
//
// parse_rules reads the free text a scorecard writes in its "RAG Methodology" column
// ("95% or above Green 85%-94% Amber 84% and below Red") into a rule_set; to_text prints a rule set
// in one canonical text that parse_rules reads back to an equal rule set.
//
// GRAMMAR (words in any case; blanks, tabs and newlines between tokens are free)
//
//   text       := band+ [hint]                 bands in any order; sorted best to worst
//   band       := status [":" | "=" | "-" | "if"] condition      status first: "Green: 95%+"
//               | condition ["=" | ":" | "-"] status              status last:  "95%+ = Green"
//   status     := "Red" | "Amber" | "Green" | "Blue"
//   condition  := clause (("and" | "&" | "but" | separator) clause)*
//               | "otherwise" | "else" | "other(s)" | "rest" | "remainder" | "remaining"
//                 ("otherwise Red", "Red otherwise", "all other values Red")
//   separator  := "," ";" "/" "|" "." newline "(" ")" — or nothing at all: in status-last text the
//                 status word ends its band ("95% or above Green 85%-94% Amber ...")
//   clause     := prefix operand                   "at least 95%", "> 20", "no more than 5 days"
//               | operand suffix [unit]            "95% or above", "17 or below", "95%+",
//                                                  "11+ days", "5 or more weeks" (the unit may
//                                                  follow the suffix when the number has none)
//               | operand range-dash operand       "85%-94%", "85 - 94", "85–94", "559 to 608"
//               | "between" operand "and" operand | "from" operand "to" operand
//               | "within" amount "of" figure | "within" figure
//               | better operand | operand ("or better"|"or worse")
//               | operand                          a single value: "Green: 0"
//   better     := "better than" "improved on/from/since" "improvement on" (strict: > when bigger
//                 is better), "no worse than" "at least as good as" "same as or better than"
//                 "maintained or improved on" (>=), "worse than" "declined/deteriorated/worsened
//                 from" (<), "no better than" "at or worse than" (<=); flipped when smaller is
//                 better (see parse_rules)
//   prefix     := at least:  ">=" "≥" "=>" "at least" "at or above" "on or above" "not less than"
//                            "no less than" "minimum (of)" "greater than or equal to" ...
//                 above:     ">" "above" "over" "more than" "greater than" "higher than" ...
//                 at most:   "<=" "≤" "=<" "at most" "no more than" "not more than" "at or below"
//                            "on or below" "up to" "maximum (of)" "less than or equal to" ...
//                 below:     "<" "below" "under" "less than" "fewer than" "lower than"
//                 equal:     "=" "equal to" "equals" "exactly" "on" "at"   (a single value)
//   suffix     := at least:  "or above" "and above" "or more" "and more" "or over" "and over" "+"
//                            "or higher" "or greater" "plus" "and upwards"
//                 at most:   "or below" "and below" "or less" "or under" "or fewer" "or lower" ...
//   operand    := number [unit]                          absolute
//               | number ["%"] "of target"               basis target_percent, the number
//               | number "%" ("above"|"over") "target"   target_percent 100 + N   (relative)
//               | number "%" ("below"|"under") "target"  target_percent 100 - N
//               | number [points] ("above"|"below") "target"   target_points +N / -N (absolute)
//               | "target" [("+" | "-") number [unit]]   target_points ±N ("target" alone: +0);
//                                                        "target - 5%" is target_percent 95
//               | number ["%"] "of cohort"               basis cohort_percent
//               | the same forms with a comparator in place of "target": "95% of England",
//                 "2 points below statistical neighbours", "region + 2", "5% above last year"
//   figure     := "target" | comparator
//   comparator := ("England" | "national") | ("region" | "regional")
//               | ("statistical neighbours" | "neighbours" | "SN")
//               | ("previous period" | "previous month/quarter" | "last period/month/quarter")
//               | ("last year" | "previous year" | "same period/month/quarter last year")
//                 each optionally followed by "average", "mean", "rate", "level" or "figures";
//                 a possessive is the word itself ("England's", "neighbours'")
//   number     := ["-" | "+" | "−"] digits [("," 3 digits)*] ["." digits] [("e"|"E") [sign] digits]
//                 "1,000" is one thousand (a comma followed by exactly three digits); "1,00" and
//                 "8.5.1" are malformed. A sign must touch its digits ("-5"); "85-94" is a range.
//   unit       := "%" | "percent" | "per cent" | "pp" | "ppt(s)" | "pts" | "point(s)"
//               | "percentage point(s)" | "day(s)" | "working day(s)" | "week(s)" | "month(s)"
//               | "year(s)" | "hour(s)" | ...              (ignored except as said here)
//   hint       := "higher is better" | "lower is better"  (optional: states the orientation)
//
// Filler words are ignored anywhere: "is", "are", "the", "a", "value(s)", "performance", "rated",
// "RAG", "status", "if", "when", "then", "all", "any", ...
//
// MEANING
// - Inclusive and strict: "X or above", "X and over", "X+", "at least X" are >= X; "above X",
//   "over X", "more than X" are > X; likewise <= and < downwards. Ranges include both ends.
// - Orientation (which way the bands run) comes from, in order: a hint; a half-open bound on a band
//   that is not the worst ("95% or above Green" rises); a half-open bound on the worst band, which
//   is that band's limit and so faces away from the orientation ("84% and below Red" rises,
//   "4 or more Red" falls); the numbers of the bands (the better band's higher: rising); rising.
// - Each band's bound on its worse side is its threshold; the bound on its better side is its
//   limit. A range's lower end is the threshold of a rising set and its upper end the threshold of
//   a falling one. A single value ("Green: 0") is both threshold and limit. A band with no written
//   bound ("otherwise Red") is the worst band taking the rest.
// - "within N% of target" is relative (N% of the target: basis target_percent, number 100 - N when
//   the bands rise, 100 + N when they fall); "within N percentage points of target" (or "pp",
//   "points", or no unit) is absolute (target_points, -N / +N). Either is read as the band's
//   threshold on its worse side only: the better side belongs to the better band, so no limit is
//   recorded. "more than N% below target", "up to N% above target": the comparison words measure
//   the distance from the target, so these are < 100-N% and <= 100+N% of the target.
// - Cohort: when any bound is written "N% of cohort", every other percentage in the text written
//   without a basis ("10-15%" in "10% of cohort or below Green 10-15% Amber 16% and above Red") is
//   also a percentage of the cohort: a rule set cannot sensibly compare a count with both.
//   Percentages are not carried over to the target in the same way ("90%" stays absolute beside
//   "on or above target", since percentage indicators are rated that way).
// - In a range, a unit or basis written after the second number applies to the first as well
//   ("10-15% of cohort", "90-99% of target").
//
// ERRORS: parse_error, whose what() is "<problem> at character <N>", N = column() the 0-based
// character (code point) column of the problem, and byte_offset() its 0-based byte offset (both 0,
// with whole_text() true, when the problem is the text as a whole).
//   "empty rule text"                       nothing but blanks and separators (whole text)
//   "no status word (Red, Amber, Green or Blue)"                               (whole text)
//   "unknown status 'Purple'"               a colour that is not a status (Purple, Yellow, Orange,
//                                           Black, White, Grey/Gray, Pink, Brown, Gold ...)
//                                           anywhere, or a capitalised word the grammar does not
//                                           know where a status would be ("Platinum: 99%",
//                                           "95%+ = Gold")
//   "duplicate status 'Green'"              at the second one
//   "status 'Amber' has no condition"       at the status word
//   "malformed number '8.5.1'"              also "1,00", "1,0000", "1000,000"; "number '1e400' is
//                                           out of range"
//   "unexpected character '#'", "unexpected word 'foo' (expected ...)", "expected a number or
//   'target' after 'above'", "expected 'of target' after 'within'", "text after the last status
//   'Red' belongs to no band"
//   "status 'Amber' needs a bound on its worse side ...", "status 'Amber' has two lower bounds",
//   "'otherwise' can only be the worst band's condition ...", "conflicting hints ..."
//
// CANONICAL TEXT (to_text): bands best to worst, "; " between them, each "<Status>: <bound>" or
// "<Status>: <threshold> and <limit>" or "<Status>: otherwise", a bound being "<op> <operand>" with
// op one of >= > <= <, the operand "95", "-2.5", "95% of target", "target", "target + 5",
// "target - 5", "10% of cohort", and numbers in their shortest round-trip form. The hint
// " (higher is better)" / " (lower is better)" is appended only when the bands alone would be read
// the other way: "Green: >= 95; Amber: >= 85 and <= 94; Red: <= 84".
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"

namespace indeval {

/// Rule text that is not a rule set. what() names the problem and, for people, its character
/// column: "unknown status 'Purple' at character 12". Text quoted into the message is at most 40
/// characters, with bytes that are not UTF-8 (and control characters) escaped as \xNN, so the
/// message is short and valid UTF-8 whatever the text.
class parse_error : public std::invalid_argument {
 public:
  /// `problem` without its position; `whole_text`: the problem is the text as a whole (empty, no
  /// status word), at offset and column 0.
  parse_error(std::string problem, std::size_t byte_offset, std::size_t column,
              bool whole_text = false);
  /// 0-based byte offset into the UTF-8 text of the problem, for programs.
  [[nodiscard]] std::size_t byte_offset() const noexcept { return byte_offset_; }
  /// 0-based character (Unicode code point) column of the problem, for people: the N of
  /// "at character N". A byte that is not valid UTF-8 counts as one character.
  [[nodiscard]] std::size_t column() const noexcept { return column_; }
  /// The byte offset (as byte_offset()).
  [[nodiscard]] std::size_t position() const noexcept { return byte_offset_; }
  /// True when the problem is the text as a whole rather than something at a position.
  [[nodiscard]] bool whole_text() const noexcept { return whole_text_; }

 private:
  std::size_t byte_offset_;
  std::size_t column_;
  bool whole_text_;
};

/// Reads methodology text. Throws parse_error.
///
/// Bounds may be measured against the target, the cohort, or a comparator (see rule_set.hpp):
/// "at or above the England average", "within 5% of the regional average", "within 2 percentage
/// points below statistical neighbours", "improved on the previous period", "better than last
/// year". Words that say "better" or "worse" ("better than", "or better", "improved on",
/// "no worse than", "declined from") need to know which way is better: from `which_way` (BIB or
/// SIB), else from "higher is better" / "lower is better" in the text, else from the text's other
/// bounds; with none of these they are refused, at their position.
[[nodiscard]] rule_set parse_rules(std::string_view text);
[[nodiscard]] rule_set parse_rules(std::string_view text, polarity which_way);

/// The canonical text of a rule set: parse_rules(to_text(r)) == r for every valid rule set.
[[nodiscard]] std::string to_text(const rule_set& rules);

/// Where a band's parts were written in the text: 0-based byte offsets, npos when not written.
struct band_location {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t status = npos;     // the status word
  std::size_t threshold = npos;  // the start of the threshold's bound
  std::size_t limit = npos;      // the start of the limit's bound
};

/// A parsed rule set with where each band was written.
struct located_rules {
  rule_set rules;
  std::vector<band_location> locations;  // one per band of `rules`, in the same order
};

/// As parse_rules, keeping positions (for messages that point into the text). Throws parse_error.
[[nodiscard]] located_rules parse_rules_located(std::string_view text,
                                                polarity which_way = polarity::neutral);

}  // namespace indeval
