// Rule text: anything either parses or is refused with a parse_error inside the text (its message
// short, valid UTF-8 and ending in its character column); what parses
// prints canonically, the canonical text parses back to an equal rule set that prints the same, and
// the two rate every value alike.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "properties.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/parse.hpp"
#include "indeval/rule_set.hpp"

namespace {

using fuzz::fail;
using fuzz::valid_utf8;

bool same(const indeval::evaluation& a, const indeval::evaluation& b) {
  const auto eq = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  return a.rating == b.rating && a.reason == b.reason && a.band == b.band && eq(a.value, b.value) &&
         eq(a.distance, b.distance);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  indeval::rule_set rules{{indeval::band{indeval::status::red, {}, {}}}};
  // Which way is better, for "better than": taken from the length, so every text is read once.
  const auto which_way = static_cast<indeval::polarity>(size % 3);
  try {
    rules = indeval::parse_rules(text, which_way);
  } catch (const indeval::parse_error& e) {
    if (e.byte_offset() > size) fail("error position past the end of the text", text);
    if (e.column() > e.byte_offset()) fail("error column past its byte offset", text);
    const std::string_view message = e.what();
    if (message.size() > 300) fail("error message too long", text);
    if (!valid_utf8(message)) fail("error message is not UTF-8", text);
    if (message.find(" at character " + std::to_string(e.column())) == std::string_view::npos)
      fail("error message without its position", text);
    return 0;
  }
  const std::string printed = indeval::to_text(rules);
  indeval::rule_set again = rules;
  try {
    again = indeval::parse_rules(printed);
  } catch (const indeval::parse_error& e) {
    fail((std::string("canonical text refused: ") + e.what() + " in: " + printed).c_str(), text);
  }
  if (!(again == rules)) fail(("canonical text parses to another rule set: " + printed).c_str(), text);
  if (indeval::to_text(again) != printed) fail("canonical text is not a fixed point", text);

  // Every threshold and limit, a step either side, and the edges, against a target, a cohort and
  // every comparator.
  std::vector<double> values{0.0, -1.0, 1e9, -1e9, NAN, INFINITY, -INFINITY};
  indeval::rating_inputs in{95.0, 120.0, {}, indeval::scale::points};
  in.comparators = {90.0, 80.5, 70.25, 60.0, 55.5};
  for (const auto& b : rules.bands())
    for (const auto& bound : {b.threshold, b.limit})
      if (bound) {
        const double at = bound->resolve(indeval::compared_figures(in));
        values.insert(values.end(), {at, std::nextafter(at, -INFINITY), std::nextafter(at, INFINITY)});
      }
  for (const double v : values) {
    for (const std::optional<int> decimals : {std::optional<int>{}, std::optional<int>{1}}) {
      in.decimals = decimals;
      if (!same(indeval::evaluate(rules, v, in), indeval::evaluate(again, v, in)))
        fail("the canonical text rates a value differently", text);
    }
  }
  return 0;
}
