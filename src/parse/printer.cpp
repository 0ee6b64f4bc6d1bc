// Rule text, printing: a rule set in its one canonical text.
#include <charconv>

#include "rule_text.hpp"

namespace indeval {

namespace {

using rule_text::wband;
using rule_text::wbound;

std::string number_text(double v) {
  if (v == 0.0) v = 0.0;  // no "-0"
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string operand_text(const bound& b) {
  if (b.base == basis::absolute) return number_text(b.number);
  if (b.base == basis::cohort_percent) return number_text(b.number) + "% of cohort";
  const std::string figure(figure_name(b.base));
  if (is_percent_of(b.base)) return number_text(b.number) + "% of " + figure;
  if (b.number == 0.0) return figure;
  if (b.number > 0.0) return figure + " + " + number_text(b.number);
  return figure + " - " + number_text(-b.number);
}

wbound as_written(const bound& b) {
  wbound w;
  w.op = b.op;
  w.base = b.base;
  w.number = b.number;
  return w;
}

std::string bound_text(const bound& b) {
  return std::string(to_string(b.op)) + " " + operand_text(b);
}

}  // namespace

std::string to_text(const rule_set& rules) {
  std::string out;
  std::vector<wband> written;
  for (const band& b : rules.bands()) {
    if (!out.empty()) out += "; ";
    out += to_string(b.rating);
    out += ": ";
    wband w;
    w.rating = b.rating;
    if (b.threshold) {
      out += bound_text(*b.threshold);
      w.bounds.push_back(as_written(*b.threshold));
    }
    if (b.limit) {
      if (b.threshold) out += " and ";
      out += bound_text(*b.limit);
      w.bounds.push_back(as_written(*b.limit));
    }
    if (!b.threshold && !b.limit) out += "otherwise";
    written.push_back(std::move(w));
  }
  // The bands alone are read one way; say so when the rule set runs the other.
  const orientation o = rules.orientation();
  if (o != orientation::none && rule_text::infer(written) != o)
    out += o == orientation::rising ? " (higher is better)" : " (lower is better)";
  return out;
}

}  // namespace indeval
