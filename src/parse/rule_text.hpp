// Rule text (see include/indeval/parse.hpp): what the lexer, the parser and the printer share —
// tokens, the grammar's vocabulary, bands as written, and the failure the parser reports. Private
// to the compiled core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indeval/parse.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/text.hpp"
#include "../quote.hpp"

namespace indeval::rule_text {

/// A problem in the text at a byte offset; parse_rules turns it into a parse_error that also
/// carries the character column.
struct failure {
  failure(std::string problem_, std::size_t offset_, bool whole_text_ = false)
      : problem(std::move(problem_)), offset(offset_), whole_text(whole_text_) {}
  std::string problem;
  std::size_t offset;
  bool whole_text;
};

// ---- tokens ------------------------------------------------------------------------------------

enum class tk : std::uint8_t { number, word, symbol };

// Symbol keys: ">=" ">" "<=" "<" "=" ":" "-" "+" "%" "&" and "," for every separator.
struct token {
  tk kind = tk::symbol;
  std::size_t pos = 0;
  std::size_t len = 0;
  std::string key;  // words in lower case; symbols by their key; numbers "#"
  double number = 0.0;
};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_letter(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The words the grammar knows, for telling an unknown status ("Gold:") from a misplaced word.
inline constexpr std::string_view filler_words[] = {
    "is",       "are",        "be",          "being", "was",        "the",     "a",      "an",
    "value",    "values",     "performance", "rated", "rating",     "rag",     "status", "then",
    "if",       "when",       "where",       "will",  "would",      "should",  "band",   "score",
    "figure",   "result",     "results",     "it",    "that",       "this",    "all",    "any",
    "anything", "everything", "for",         "as",    "considered", "classed", "shown",  "case",
    "our",      "its",        "their"};
inline constexpr std::string_view status_words[] = {"red", "amber", "green", "blue"};
// Colour names that are not statuses: in a status position they are an unknown status.
inline constexpr std::string_view colour_words[] = {
    "purple", "yellow", "orange", "black", "white",   "grey",      "gray",   "pink",   "brown",
    "violet", "gold",   "silver", "cyan",  "magenta", "turquoise", "indigo", "maroon", "lime"};
inline constexpr std::string_view otherwise_words[] = {"otherwise", "else",      "other",    "others",
                                                "rest",      "remainder", "remaining"};

// A phrase of up to six keys, split at compile time from its space-separated text.
struct key_seq {
  std::string_view w[6] = {};
  std::size_t n = 0;

  constexpr key_seq(const char* text) : key_seq(std::string_view(text)) {}  // for the tables
  constexpr explicit key_seq(std::string_view text) {
    while (!text.empty() && n < 6) {
      const auto sp = text.find(' ');
      w[n++] = text.substr(0, sp);
      if (sp == std::string_view::npos) break;
      text.remove_prefix(sp + 1);
    }
  }
  [[nodiscard]] constexpr bool has(std::string_view x) const noexcept {
    for (std::size_t i = 0; i < n; ++i)
      if (w[i] == x) return true;
    return false;
  }
};

// Comparisons; the last four are said in terms of which way is better, and become one of the
// first four once that is known ("better than" is "above" when bigger is better).
enum class pk : std::uint8_t { at_least, above, at_most, below, equal, better, no_worse, worse, no_better };
struct phrase {
  key_seq words;
  pk kind;
};

inline constexpr phrase prefixes[] = {{">=", pk::at_least},
                               {"at least", pk::at_least},
                               {"at or above", pk::at_least},
                               {"on or above", pk::at_least},
                               {"at or over", pk::at_least},
                               {"not less than", pk::at_least},
                               {"no less than", pk::at_least},
                               {"not fewer than", pk::at_least},
                               {"no fewer than", pk::at_least},
                               {"not below", pk::at_least},
                               {"not under", pk::at_least},
                               {"minimum", pk::at_least},
                               {"minimum of", pk::at_least},
                               {"min", pk::at_least},
                               {"greater than or equal to", pk::at_least},
                               {"more than or equal to", pk::at_least},
                               {"higher than or equal to", pk::at_least},
                               {"equal to or above", pk::at_least},
                               {"equal to or more than", pk::at_least},
                               {"equal to or greater than", pk::at_least},
                               {"equal to or over", pk::at_least},
                               {"equal or above", pk::at_least},
                               {">", pk::above},
                               {"above", pk::above},
                               {"over", pk::above},
                               {"more than", pk::above},
                               {"greater than", pk::above},
                               {"higher than", pk::above},
                               {"exceeding", pk::above},
                               {"exceeds", pk::above},
                               {"in excess of", pk::above},
                               {"<=", pk::at_most},
                               {"at most", pk::at_most},
                               {"no more than", pk::at_most},
                               {"not more than", pk::at_most},
                               {"no greater than", pk::at_most},
                               {"not greater than", pk::at_most},
                               {"no higher than", pk::at_most},
                               {"not above", pk::at_most},
                               {"not over", pk::at_most},
                               {"not exceeding", pk::at_most},
                               {"at or below", pk::at_most},
                               {"on or below", pk::at_most},
                               {"at or under", pk::at_most},
                               {"up to", pk::at_most},
                               {"maximum", pk::at_most},
                               {"maximum of", pk::at_most},
                               {"max", pk::at_most},
                               {"less than or equal to", pk::at_most},
                               {"fewer than or equal to", pk::at_most},
                               {"lower than or equal to", pk::at_most},
                               {"equal to or below", pk::at_most},
                               {"equal to or less than", pk::at_most},
                               {"equal to or fewer than", pk::at_most},
                               {"equal to or under", pk::at_most},
                               {"equal or below", pk::at_most},
                               {"<", pk::below},
                               {"below", pk::below},
                               {"under", pk::below},
                               {"less than", pk::below},
                               {"fewer than", pk::below},
                               {"lower than", pk::below},
                               {"=", pk::equal},
                               {"equal to", pk::equal},
                               {"equals", pk::equal},
                               {"exactly", pk::equal},
                               {"same", pk::equal},  // "the same as last year"
                               {"on", pk::equal},
                               {"at", pk::equal},
                               // Which way is better decides these (fillers such as "as" and
                               // "the" are already dropped: "at least as good as" reads
                               // "at least good").
                               {"better than", pk::better},
                               {"improved on", pk::better},
                               {"improved from", pk::better},
                               {"improved since", pk::better},
                               {"improved against", pk::better},
                               {"improved compared to", pk::better},
                               {"improved compared with", pk::better},
                               {"improvement on", pk::better},
                               {"improvement from", pk::better},
                               {"improvement against", pk::better},
                               {"no worse than", pk::no_worse},
                               {"not worse than", pk::no_worse},
                               {"at least good", pk::no_worse},
                               {"good or better than", pk::no_worse},
                               {"same or better than", pk::no_worse},
                               {"equal to or better than", pk::no_worse},
                               {"better than or equal to", pk::no_worse},
                               {"at or better than", pk::no_worse},
                               {"in line with or better than", pk::no_worse},
                               {"in line with or above", pk::at_least},
                               {"in line with or below", pk::at_most},
                               {"maintained or improved on", pk::no_worse},
                               {"maintained or improved from", pk::no_worse},
                               {"same or improved on", pk::no_worse},
                               {"worse than", pk::worse},
                               {"declined from", pk::worse},
                               {"declined on", pk::worse},
                               {"declined since", pk::worse},
                               {"deteriorated from", pk::worse},
                               {"deteriorated on", pk::worse},
                               {"deteriorated since", pk::worse},
                               {"worsened from", pk::worse},
                               {"worsened on", pk::worse},
                               {"worsened since", pk::worse},
                               {"no better than", pk::no_better},
                               {"not better than", pk::no_better},
                               {"at or worse than", pk::no_better},
                               {"equal to or worse than", pk::no_better},
                               {"worse than or equal to", pk::no_better},
                               {"same or worse than", pk::no_better}};

inline constexpr phrase suffixes[] = {
    {"+", pk::at_least},           {"or above", pk::at_least},     {"and above", pk::at_least},
    {"or more", pk::at_least},     {"and more", pk::at_least},     {"or over", pk::at_least},
    {"and over", pk::at_least},    {"or higher", pk::at_least},    {"and higher", pk::at_least},
    {"or greater", pk::at_least},  {"and greater", pk::at_least},  {"plus", pk::at_least},
    {"and upwards", pk::at_least}, {"or upwards", pk::at_least},   {"upwards", pk::at_least},
    {"or below", pk::at_most},     {"and below", pk::at_most},     {"or less", pk::at_most},
    {"and less", pk::at_most},     {"or under", pk::at_most},      {"and under", pk::at_most},
    {"or fewer", pk::at_most},     {"and fewer", pk::at_most},     {"or lower", pk::at_most},
    {"and lower", pk::at_most},    {"and downwards", pk::at_most}, {"or downwards", pk::at_most},
    {"downwards", pk::at_most},    {"or better", pk::no_worse},    {"and better", pk::no_worse},
    {"or worse", pk::no_better},   {"and worse", pk::no_better}};

/// Whether a comparison is said in terms of which way is better.
constexpr bool by_goodness(pk k) noexcept {
  return k == pk::better || k == pk::no_worse || k == pk::worse || k == pk::no_better;
}

// ---- figures a bound is measured against ---------------------------------------------------------

// The target, or a comparator (in indeval::comparator's order).
enum class ref : std::uint8_t { target, england, region, neighbours, previous, previous_year };
struct ref_phrase {
  key_seq words;
  ref kind;
};
inline constexpr ref_phrase references[] = {{"target", ref::target},
                                            {"england", ref::england},
                                            {"national", ref::england},
                                            {"nationally", ref::england},
                                            {"english", ref::england},
                                            {"region", ref::region},
                                            {"regional", ref::region},
                                            {"regionally", ref::region},
                                            {"statistical neighbours", ref::neighbours},
                                            {"statistical neighbour", ref::neighbours},
                                            {"stat neighbours", ref::neighbours},
                                            {"neighbours", ref::neighbours},
                                            {"neighbour", ref::neighbours},
                                            {"sn", ref::neighbours},
                                            {"sns", ref::neighbours},
                                            {"previous period", ref::previous},
                                            {"previous month", ref::previous},
                                            {"previous quarter", ref::previous},
                                            {"prior period", ref::previous},
                                            {"prior month", ref::previous},
                                            {"last period", ref::previous},
                                            {"last month", ref::previous},
                                            {"last quarter", ref::previous},
                                            {"previous", ref::previous},
                                            {"last year", ref::previous_year},
                                            {"previous year", ref::previous_year},
                                            {"prior year", ref::previous_year},
                                            {"same period last year", ref::previous_year},
                                            {"same month last year", ref::previous_year},
                                            {"same quarter last year", ref::previous_year},
                                            {"same period previous year", ref::previous_year},
                                            {"same time last year", ref::previous_year}};
// Words that may follow a figure's name: "the England average", "statistical neighbours' mean".
inline constexpr std::string_view average_words[] = {"average", "averages", "avg",  "mean",
                                                     "rate",    "level",    "group", "benchmark",
                                                     "comparator", "comparators", "figures", "outturn"};

/// "number% of" the figure, and "the figure + number".
constexpr basis percent_basis(ref r) noexcept {
  return r == ref::target ? basis::target_percent
                          : relative_to(static_cast<comparator>(static_cast<int>(r) - 1), true);
}
constexpr basis points_basis(ref r) noexcept {
  return r == ref::target ? basis::target_points
                          : relative_to(static_cast<comparator>(static_cast<int>(r) - 1), false);
}

enum class unit_kind : std::uint8_t { none, percent, points, other };
struct unit_phrase {
  key_seq words;
  unit_kind kind;
};
inline constexpr unit_phrase units[] = {{"%", unit_kind::percent},
                                 {"percent", unit_kind::percent},
                                 {"per cent", unit_kind::percent},
                                 {"pc", unit_kind::percent},
                                 {"% points", unit_kind::points},
                                 {"percentage points", unit_kind::points},
                                 {"percentage point", unit_kind::points},
                                 {"percent points", unit_kind::points},
                                 {"pp", unit_kind::points},
                                 {"ppt", unit_kind::points},
                                 {"ppts", unit_kind::points},
                                 {"pts", unit_kind::points},
                                 {"points", unit_kind::points},
                                 {"point", unit_kind::points},
                                 {"working days", unit_kind::other},
                                 {"working day", unit_kind::other},
                                 {"days", unit_kind::other},
                                 {"day", unit_kind::other},
                                 {"weeks", unit_kind::other},
                                 {"week", unit_kind::other},
                                 {"months", unit_kind::other},
                                 {"month", unit_kind::other},
                                 {"years", unit_kind::other},
                                 {"year", unit_kind::other},
                                 {"hours", unit_kind::other},
                                 {"hour", unit_kind::other},
                                 {"cases", unit_kind::other},
                                 {"children", unit_kind::other},
                                 {"episodes", unit_kind::other},
                                 {"visits", unit_kind::other}};

inline constexpr std::string_view other_words[] = {
    "and",    "or",     "but",    "between", "from",  "to",      "within", "of",  "target",
    "cohort", "higher", "bigger", "larger",  "lower", "smaller", "better", "size", "worse"};

template <std::size_t N>
inline bool in(const std::string_view (&list)[N], std::string_view w) noexcept {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

/// True for a word the grammar knows anywhere (for telling an unknown status from a stray word).
bool known_word(std::string_view w) noexcept;
std::string lower(std::string_view s);

using detail::column_of;
using detail::quoted;
using detail::utf8_sequence;

/// The text as tokens. Throws failure.
std::vector<token> tokenize(std::string_view s);

// ---- written bands -----------------------------------------------------------------------------

// One bound as written, before the orientation says whether it is a threshold or a limit.
struct wbound {
  bool within = false;  // "within N of target": which side depends on the orientation
  comparison op = comparison::at_least;
  basis base = basis::absolute;
  double number = 0.0;
  double rising_number = 0.0;   // within: the number when the bands rise (floor)
  double falling_number = 0.0;  // within: the number when they fall (ceiling)
  bool percent = false;         // written with a bare "%" (may be a percentage of the cohort)
  bool good = false;            // `op` is as if bigger were better ("better than": above), to be
                                // flipped once which way is better is known to be smaller
  std::string_view said;        // the words that said "better" or "worse", for a message
  std::size_t pos = 0;
};

struct wband {
  status rating = status::none;
  std::size_t status_pos = 0;
  std::vector<wbound> bounds;
  bool otherwise = false;
};

/// Which way bands run, judged from what was written (parser.cpp); nullopt when nothing written
/// says (bounds said in terms of "better" say nothing until resolved).
std::optional<orientation> infer_written(const std::vector<wband>& bands);
/// The same, rising when nothing says.
orientation infer(const std::vector<wband>& bands);

}  // namespace indeval::rule_text
