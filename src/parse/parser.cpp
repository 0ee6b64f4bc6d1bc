// Rule text, parsing: tokens to bands as written, their orientation, and the rule set.
#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>
#include <utility>

#include "rule_text.hpp"

namespace indeval {

parse_error::parse_error(std::string problem, std::size_t byte_offset, std::size_t column,
                         bool whole_text)
    : std::invalid_argument(problem + " at character " + std::to_string(column)),
      byte_offset_(byte_offset),
      column_(column),
      whole_text_(whole_text) {}

namespace rule_text {

// Which way bands run, judged from what was written (see the header: hint, then half-open bounds
// on a better band, then on the worst band, then the numbers). `bands` best first. Bounds said in
// terms of "better" are not yet resolved, and say nothing.
std::optional<orientation> infer_written(const std::vector<wband>& bands) {
  const auto directed_single = [](const wband& b) {
    return b.bounds.size() == 1 && !b.bounds.front().within && !b.bounds.front().good;
  };
  for (std::size_t i = 0; i + 1 < bands.size(); ++i)
    if (directed_single(bands[i]))
      return is_floor(bands[i].bounds.front().op) ? orientation::rising : orientation::falling;
  if (!bands.empty() && directed_single(bands.back()))
    return is_floor(bands.back().bounds.front().op) ? orientation::falling : orientation::rising;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    for (std::size_t j = i + 1; j < bands.size(); ++j) {
      bool higher = false, lower = false, tie = false;
      for (const auto& x : bands[i].bounds) {
        for (const auto& y : bands[j].bounds) {
          // Bounds said in terms of "better" compare only with each other: "95% or better" above
          // "85% or better" says the bands rise.
          if (x.within || y.within || x.good != y.good || x.base != y.base) continue;
          if (x.number > y.number)
            higher = true;
          else if (x.number < y.number)
            lower = true;
          else
            tie = true;
        }
      }
      if (higher && !lower && !tie) return orientation::rising;
      if (lower && !higher && !tie) return orientation::falling;
    }
  }
  return std::nullopt;
}

orientation infer(const std::vector<wband>& bands) {
  return infer_written(bands).value_or(orientation::rising);
}

comparison flip(comparison c) noexcept {
  switch (c) {
    case comparison::at_least: return comparison::at_most;
    case comparison::above: return comparison::below;
    case comparison::at_most: return comparison::at_least;
    case comparison::below: return comparison::above;
  }
  return c;
}

// The comparison, with those said in terms of "better" read as if bigger were better.
comparison to_comparison(pk k) noexcept {
  switch (k) {
    case pk::at_least: return comparison::at_least;
    case pk::above: return comparison::above;
    case pk::at_most: return comparison::at_most;
    case pk::below: return comparison::below;
    case pk::better: return comparison::above;
    case pk::no_worse: return comparison::at_least;
    case pk::worse: return comparison::below;
    case pk::no_better: return comparison::at_most;
    case pk::equal: break;
  }
  return comparison::at_least;
}

// An operand as written: a number with its unit and basis, or a figure (the target, a comparator).
struct operand {
  double amount = 0.0;  // the number written
  unit_kind unit = unit_kind::none;
  basis base = basis::absolute;
  std::optional<ref> of;  // the figure named, if any ("of target", "below England", "region + 2")
  bool explicit_basis = false;  // "of target", "of cohort", "target", "above target"
  bool tail = false;  // the basis is written after the number ("of target", "above target")
  int offset = 0;     // +1 "N above target", -1 "N below target", 0 otherwise
  std::size_t pos = 0;

  // The bound's basis and number.
  [[nodiscard]] std::pair<basis, double> resolved() const noexcept {
    if (offset != 0) {
      if (unit == unit_kind::percent)
        return {percent_basis(*of), offset > 0 ? 100.0 + amount : 100.0 - amount};
      return {points_basis(*of), offset > 0 ? amount : -amount};
    }
    return {base, amount};
  }
};

class parser {
 public:
  parser(std::string_view text, polarity which_way) : text_(text), which_way_(which_way) {}

  located_rules run();

 private:
  std::string_view text_;
  polarity which_way_;
  std::vector<token> toks_;
  std::size_t end_ = 0;  // end of the segment being parsed

  [[nodiscard]] bool is(std::size_t i, std::string_view key) const {
    return i < end_ && toks_[i].kind != tk::number && toks_[i].key == key;
  }
  [[nodiscard]] bool is_number(std::size_t i) const {
    return i < end_ && toks_[i].kind == tk::number;
  }
  [[nodiscard]] std::string_view raw(std::size_t i) const {
    return text_.substr(toks_[i].pos, toks_[i].len);
  }
  [[nodiscard]] std::size_t pos_at(std::size_t i) const {
    return i < toks_.size() ? toks_[i].pos : text_.size();
  }
  // A "-"/"+" that touches the number after it: a sign.
  [[nodiscard]] bool is_sign(std::size_t i) const {
    return (is(i, "-") || is(i, "+")) && is_number(i + 1) &&
           toks_[i].pos + toks_[i].len == toks_[i + 1].pos;
  }
  [[nodiscard]] bool is_separator(std::size_t i) const { return is(i, ","); }

  // Length of the phrase matched at i (0 when it does not match).
  [[nodiscard]] std::size_t match(std::size_t i, const key_seq& p) const {
    if (i >= end_ || toks_[i].key[0] != p.w[0][0]) return 0;  // most phrases fail here
    for (std::size_t k = 0; k < p.n; ++k)
      if (!is(i + k, p.w[k])) return 0;
    return p.n;
  }
  // The longest phrase of `table` matched at i: its length in tokens (0: none) and its kind.
  template <class Table, class Kind>
  [[nodiscard]] std::pair<std::size_t, Kind> longest(std::size_t i, const Table& table, Kind none) const {
    std::size_t best = 0;
    Kind kind = none;
    for (const auto& p : table) {
      const std::size_t n = match(i, p.words);
      if (n > best) {
        best = n;
        kind = p.kind;
      }
    }
    return {best, kind};
  }
  [[nodiscard]] std::pair<std::size_t, unit_kind> unit_at(std::size_t i) const {
    return longest(i, units, unit_kind::none);
  }
  // The figure named at i ("target", "the England average", "statistical neighbours'", "last
  // year"; fillers are already dropped) and its length in tokens, or 0.
  [[nodiscard]] std::pair<std::size_t, ref> reference_at(std::size_t i) const {
    auto [best, kind] = longest(i, references, ref::target);
    if (best > 0 && i + best < end_ && toks_[i + best].kind == tk::word &&
        in(average_words, toks_[i + best].key))
      ++best;
    return {best, kind};
  }

  [[noreturn]] void unexpected(std::size_t i, std::string_view wanted) const;
  // `after`: the words before the operand, as written, for the message when there is none.
  operand parse_operand(std::size_t& i, std::string_view after) const;
  void figure_tail(std::size_t& i, operand& op) const;
  void parse_clause(std::size_t& i, wband& band) const;
  void parse_condition(std::size_t b, std::size_t e, wband& band);
  void resolve_goodness(std::vector<wband>& bands, std::optional<orientation> hint) const;
};

// Bounds said in terms of "better" become plain ones, once which way is better is known: from the
// polarity given, else the text's hint, else its other bounds.
void parser::resolve_goodness(std::vector<wband>& bands, std::optional<orientation> hint) const {
  const wbound* first = nullptr;
  for (const auto& b : bands)
    for (const auto& x : b.bounds)
      if (x.good && first == nullptr) first = &x;
  if (first == nullptr) return;
  std::optional<orientation> better = hint;
  if (which_way_ == polarity::bigger_is_better) better = orientation::rising;
  if (which_way_ == polarity::smaller_is_better) better = orientation::falling;
  if (!better) better = infer_written(bands);
  if (!better)
    throw failure(quoted(first->said) +
                      " needs to know which way is better: give the indicator a polarity (BIB "
                      "or SIB), or write 'higher is better' or 'lower is better'",
                  first->pos);
  for (auto& b : bands)
    for (auto& x : b.bounds)
      if (x.good) {
        if (*better == orientation::falling) x.op = flip(x.op);
        x.good = false;
      }
}

void parser::unexpected(std::size_t i, std::string_view wanted) const {
  if (i >= end_) {
    const std::size_t at = i > 0 ? toks_[i - 1].pos + toks_[i - 1].len : 0;
    throw failure("expected " + std::string(wanted), at);
  }
  const token& t = toks_[i];
  if (t.kind == tk::word) {
    const std::string_view w = raw(i);
    if (w[0] >= 'A' && w[0] <= 'Z' && !known_word(t.key))
      throw failure("unknown status " + quoted(w), t.pos);
    throw failure("unexpected word " + quoted(w) + " (expected " + std::string(wanted) + ")",
                      t.pos);
  }
  throw failure("unexpected " + quoted(raw(i)) + " (expected " + std::string(wanted) + ")",
                    t.pos);
}

operand parser::parse_operand(std::size_t& i, std::string_view after) const {
  operand op;
  op.pos = pos_at(i);
  if (const auto [rlen, r] = reference_at(i); rlen > 0) {
    i += rlen;
    op.of = r;
    op.base = points_basis(r);
    op.explicit_basis = true;
    if ((is(i, "+") || is(i, "-")) && is_number(i + 1)) {
      const double sign = is(i, "-") ? -1.0 : 1.0;
      const double n = toks_[i + 1].number;
      i += 2;
      const auto [len, kind] = unit_at(i);
      i += len;
      if (kind == unit_kind::percent) {
        op.base = percent_basis(r);
        op.amount = 100.0 + sign * n;
      } else {
        op.amount = sign * n;
      }
    }
    return op;
  }
  double sign = 1.0;
  if (is_sign(i)) {
    sign = is(i, "-") ? -1.0 : 1.0;
    ++i;
  }
  if (!is_number(i))
    unexpected(i, "a number, 'target' or a comparator" +
                      (after.empty() ? std::string() : " after " + quoted(after)));
  op.amount = sign * toks_[i].number;
  ++i;
  const auto [len, kind] = unit_at(i);
  i += len;
  op.unit = kind;
  figure_tail(i, op);
  return op;
}

// What follows a number may name the figure it is measured against: "of target", "of cohort",
// "above the England average", "less than statistical neighbours".
void parser::figure_tail(std::size_t& i, operand& op) const {
  const auto figure = [&](std::size_t at, int offset) {
    const auto [rlen, r] = reference_at(at);
    if (rlen == 0) return false;
    i = at + rlen;
    op.of = r;
    op.offset = offset;
    if (offset == 0) op.base = percent_basis(r);
    op.explicit_basis = op.tail = true;
    return true;
  };
  if (is(i, "of") && is(i + 1, "cohort")) {
    i += 2;
    if (is(i, "size")) ++i;
    op.base = basis::cohort_percent;
    op.explicit_basis = op.tail = true;
  } else if (is(i, "of") && figure(i + 1, 0)) {
  } else if ((is(i, "above") || is(i, "over")) && figure(i + 1, 1)) {
  } else if ((is(i, "higher") || is(i, "more") || is(i, "greater")) && is(i + 1, "than") &&
             figure(i + 2, 1)) {
  } else if ((is(i, "below") || is(i, "under")) && figure(i + 1, -1)) {
  } else if ((is(i, "lower") || is(i, "less") || is(i, "fewer")) && is(i + 1, "than") &&
             figure(i + 2, -1)) {
  }
}

wbound make_bound(comparison c, const operand& op, std::size_t pos) {
  wbound b;
  b.op = c;
  std::tie(b.base, b.number) = op.resolved();
  b.percent = op.unit == unit_kind::percent && !op.explicit_basis;
  b.pos = pos;
  return b;
}

void parser::parse_clause(std::size_t& i, wband& band) const {
  const std::size_t start = i;
  if (i < end_ && toks_[i].kind == tk::word && in(otherwise_words, toks_[i].key)) {
    band.otherwise = true;
    ++i;
    return;
  }
  const auto single = [&](const operand& op) {
    band.bounds.push_back(make_bound(comparison::at_least, op, op.pos));
    band.bounds.push_back(make_bound(comparison::at_most, op, op.pos));
  };
  const auto range = [&](operand lo, operand hi) {
    if (!lo.explicit_basis && hi.tail) {  // "10-15% of cohort": the basis is both ends'
      lo.base = hi.base;
      lo.of = hi.of;
      lo.offset = hi.offset;
      lo.explicit_basis = true;
    }
    if (lo.unit == unit_kind::none) lo.unit = hi.unit;
    wbound a = make_bound(comparison::at_least, lo, lo.pos);
    wbound b = make_bound(comparison::at_most, hi, hi.pos);
    if (a.base == b.base && a.number > b.number) {  // written high to low
      std::swap(a.number, b.number);
      std::swap(a.pos, b.pos);
      std::swap(a.percent, b.percent);
    }
    band.bounds.push_back(a);
    band.bounds.push_back(b);
  };

  if (is(i, "between") || is(i, "from")) {
    const bool between = is(i, "between");
    const std::string_view word = raw(i);
    ++i;
    const operand lo = parse_operand(i, word);
    if (is(i, "to") || is(i, "-") || (between && (is(i, "and") || is(i, "&")))) {
      ++i;
    } else {
      unexpected(i, between ? "'and'" : "'to'");
    }
    const operand hi = parse_operand(i, {});
    range(lo, hi);
    return;
  }

  if (is(i, "within")) {
    ++i;
    wbound b;
    b.within = true;
    b.pos = toks_[start].pos;
    if (const auto [rlen, r] = reference_at(i); rlen > 0) {  // "within target": at or better
      i += rlen;
      b.base = points_basis(r);
      band.bounds.push_back(b);
      return;
    }
    const operand op = parse_operand(i, raw(start));
    if (op.offset != 0) {  // "within 5% below target": up to that distance
      band.bounds.push_back(
          make_bound(op.offset > 0 ? comparison::at_most : comparison::at_least, op, b.pos));
      return;
    }
    if (!op.of || !op.tail) unexpected(i, "'of target' (or of a comparator) after 'within'");
    if (op.unit == unit_kind::percent) {  // N% of the figure: relative
      b.base = percent_basis(*op.of);
      b.rising_number = 100.0 - op.amount;
      b.falling_number = 100.0 + op.amount;
    } else {  // N points (or N in the value's own unit): absolute
      b.base = points_basis(*op.of);
      b.rising_number = -op.amount;
      b.falling_number = op.amount;
    }
    band.bounds.push_back(b);
    return;
  }

  if (const auto [len, kind] = longest(i, prefixes, pk::equal); len > 0) {
    const std::string_view words =
        text_.substr(toks_[i].pos, toks_[i + len - 1].pos + toks_[i + len - 1].len - toks_[i].pos);
    i += len;
    const operand op = parse_operand(i, words);
    if (kind == pk::equal) {
      single(op);
      return;
    }
    if (by_goodness(kind)) {
      wbound b = make_bound(to_comparison(kind), op, toks_[start].pos);
      b.good = true;
      b.said = words;
      band.bounds.push_back(b);
      return;
    }
    comparison c = to_comparison(kind);
    if (op.offset < 0) c = flip(c);  // the words measure the distance below the target
    band.bounds.push_back(make_bound(c, op, toks_[start].pos));
    return;
  }

  operand op = parse_operand(i, {});
  if (const auto [len, kind] = longest(i, suffixes, pk::equal); len > 0) {
    const std::string_view words =
        text_.substr(toks_[i].pos, toks_[i + len - 1].pos + toks_[i + len - 1].len - toks_[i].pos);
    i += len;
    // An open bound may carry its unit after the suffix ("11+ days", "5 or more weeks", "95+ %").
    if (op.unit == unit_kind::none && !op.explicit_basis) {
      const auto [ulen, ukind] = unit_at(i);
      i += ulen;
      op.unit = ukind;
    }
    // ... and the figure it is measured against ("5% or more above the England average").
    if (!op.explicit_basis) figure_tail(i, op);
    comparison c = to_comparison(kind);
    if (!by_goodness(kind) && op.offset < 0) c = flip(c);  // "5 or more below target": <= t - 5
    wbound b = make_bound(c, op, op.pos);
    b.good = by_goodness(kind);
    if (b.good) b.said = words;
    band.bounds.push_back(b);
    return;
  }
  if (is(i, "-") || is(i, "to")) {
    const std::string_view word = raw(i);
    ++i;
    const operand hi = parse_operand(i, word);
    range(op, hi);
    return;
  }
  single(op);
}

void parser::parse_condition(std::size_t b, std::size_t e, wband& band) {
  end_ = e;
  std::size_t i = b;
  while (i < e) {
    parse_clause(i, band);
    if (i >= e) break;
    if (is(i, "and") || is(i, "&") || is(i, "but") || is_separator(i)) {
      while (i < e && (is(i, "and") || is(i, "&") || is(i, "but") || is_separator(i))) ++i;
      continue;
    }
    unexpected(i, "'and', a separator or a status");
  }
  end_ = toks_.size();
}

located_rules parser::run() {
  toks_ = tokenize(text_);
  std::erase_if(toks_,
                [](const token& t) { return t.kind == tk::word && in(filler_words, t.key); });
  end_ = toks_.size();
  if (std::all_of(toks_.begin(), toks_.end(), [](const token& t) { return t.key == ","; }))
    throw failure("empty rule text", 0, true);  // nothing, blanks, or only separators

  // The orientation hint, "higher is better" / "lower is better" (fillers already dropped).
  std::optional<orientation> hint;
  for (std::size_t i = 0; i + 1 < toks_.size();) {
    std::optional<orientation> h;
    if (is(i + 1, "better")) {
      if (is(i, "higher") || is(i, "bigger") || is(i, "larger")) h = orientation::rising;
      if (is(i, "lower") || is(i, "smaller")) h = orientation::falling;
    }
    if (!h) {
      ++i;
      continue;
    }
    if (hint && *hint != *h)
      throw failure("conflicting hints of which way is better", toks_[i].pos);
    hint = h;
    const std::size_t n = is(i + 2, ":") ? 3 : 2;  // the hint, and a colon after it
    toks_.erase(toks_.begin() + static_cast<std::ptrdiff_t>(i),
                toks_.begin() + static_cast<std::ptrdiff_t>(i + n));
    end_ = toks_.size();
  }

  std::vector<std::size_t> statuses;
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    if (toks_[i].kind != tk::word) continue;
    if (in(colour_words, toks_[i].key))
      throw failure("unknown status " + quoted(raw(i)), toks_[i].pos);
    if (in(status_words, toks_[i].key)) {
      statuses.push_back(i);
      continue;
    }
    // A capitalised word the grammar does not know, labelling a band: "Platinum: 99%", "= Gold".
    const std::string_view w = raw(i);
    if (w[0] >= 'A' && w[0] <= 'Z' && !known_word(toks_[i].key) &&
        (is(i + 1, ":") || is(i + 1, "=") || (i > 0 && is(i - 1, "="))))
      throw failure("unknown status " + quoted(w), toks_[i].pos);
  }
  if (statuses.empty()) {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      const std::string_view w = raw(i);
      if (toks_[i].kind == tk::word && w[0] >= 'A' && w[0] <= 'Z' && !known_word(toks_[i].key))
        throw failure("unknown status " + quoted(w), toks_[i].pos);
    }
    throw failure("no status word (Red, Amber, Green or Blue)", 0, true);
  }
  for (std::size_t a = 0; a < statuses.size(); ++a)
    for (std::size_t b = 0; b < a; ++b)
      if (toks_[statuses[a]].key == toks_[statuses[b]].key)
        throw failure("duplicate status " + quoted(raw(statuses[a])), toks_[statuses[a]].pos);

  // Segments: the tokens of each band's condition.
  const auto leading = [&](std::size_t i) {
    return is_separator(i) || is(i, ":") || is(i, "=") || is(i, "and") || is(i, "&") ||
           is(i, "of") ||  // "values of 95% or above"
           ((is(i, "-") || is(i, "+")) && !is_sign(i));
  };
  const auto trailing = [&](std::size_t i) {
    return is_separator(i) || is(i, ":") || is(i, "=") || is(i, "and") || is(i, "&") || is(i, "-");
  };
  std::size_t first = 0;
  while (first < toks_.size() && (is_separator(first) || is(first, ":"))) ++first;
  const bool status_first = first == statuses.front();

  struct segment {
    std::size_t b, e;
  };
  std::vector<segment> segs(statuses.size());
  for (std::size_t k = 0; k < statuses.size(); ++k) {
    if (status_first)
      segs[k] = {statuses[k] + 1, k + 1 < statuses.size() ? statuses[k + 1] : toks_.size()};
    else
      segs[k] = {k == 0 ? 0 : statuses[k - 1] + 1, statuses[k]};
  }
  const auto strip = [&](segment& s) {
    while (s.b < s.e && leading(s.b)) ++s.b;
    while (s.e > s.b && trailing(s.e - 1)) --s.e;
  };
  for (auto& s : segs) strip(s);
  const auto is_otherwise = [&](std::size_t i) {
    return i < toks_.size() && toks_[i].kind == tk::word && in(otherwise_words, toks_[i].key);
  };
  if (status_first) {
    // "Green: 95%+, Amber: 85-94%, otherwise Red": the "otherwise" before a status is its own.
    for (std::size_t k = 0; k + 1 < segs.size(); ++k) {
      if (segs[k + 1].b == segs[k + 1].e && segs[k].e > segs[k].b && is_otherwise(segs[k].e - 1)) {
        segs[k + 1] = {segs[k].e - 1, segs[k].e};
        --segs[k].e;
        strip(segs[k]);
      }
    }
  } else {
    // Text after the last status: the last band's condition when it has none ("... Red otherwise").
    segment tail{statuses.back() + 1, toks_.size()};
    strip(tail);
    if (tail.b < tail.e) {
      if (segs.back().b == segs.back().e)
        segs.back() = tail;
      else
        throw failure(
            "text after the last status " + quoted(raw(statuses.back())) + " belongs to no band",
            toks_[tail.b].pos);
    }
  }

  std::vector<wband> bands;
  for (std::size_t k = 0; k < statuses.size(); ++k) {
    wband band;
    const token& st = toks_[statuses[k]];
    band.rating = *parse_status(st.key);
    band.status_pos = st.pos;
    if (segs[k].b == segs[k].e)
      throw failure("status " + quoted(raw(statuses[k])) + " has no condition", st.pos);
    parse_condition(segs[k].b, segs[k].e, band);
    if (!band.bounds.empty()) band.otherwise = false;
    bands.push_back(std::move(band));
  }

  // "10% of cohort or below Green 10-15% Amber": bare percentages are of the cohort too.
  const bool cohort = std::any_of(bands.begin(), bands.end(), [](const wband& b) {
    return std::any_of(b.bounds.begin(), b.bounds.end(),
                       [](const wbound& x) { return x.base == basis::cohort_percent; });
  });
  if (cohort)
    for (auto& b : bands)
      for (auto& x : b.bounds)
        if (x.percent && x.base == basis::absolute) x.base = basis::cohort_percent;

  std::stable_sort(bands.begin(), bands.end(),
                   [](const wband& a, const wband& b) { return better_than(a.rating, b.rating); });
  resolve_goodness(bands, hint);
  const orientation o = hint ? *hint : infer(bands);
  const bool rising = o == orientation::rising;

  std::vector<band> out;
  std::vector<band_location> where;
  for (std::size_t k = 0; k < bands.size(); ++k) {
    const wband& wb = bands[k];
    const std::string name = quoted(to_string(wb.rating));
    band b;
    b.rating = wb.rating;
    band_location loc;
    loc.status = wb.status_pos;
    for (const wbound& x : wb.bounds) {
      bound bd;
      bool threshold = false;
      if (x.within) {
        bd = {rising ? comparison::at_least : comparison::at_most, x.base,
              rising ? x.rising_number : x.falling_number};
        threshold = true;
      } else {
        bd = {x.op, x.base, x.number};
        threshold = is_floor(x.op) == rising;
      }
      auto& slot = threshold ? b.threshold : b.limit;
      if (slot)
        throw failure(
            "status " + name + " has two " + (is_floor(bd.op) ? "lower" : "upper") + " bounds",
            x.pos);
      slot = bd;
      (threshold ? loc.threshold : loc.limit) = x.pos;
    }
    const bool worst = k + 1 == bands.size();
    if (!worst && !b.threshold) {
      if (wb.otherwise)
        throw failure("'otherwise' can only be the worst band's condition, not " + name,
                          wb.status_pos);
      throw failure("status " + name + " needs a bound on its worse side: the bands " +
                            (rising ? "rise, so a lower bound" : "fall, so an upper bound") +
                            " such as '" + (rising ? "85 or above" : "20 or below") +
                            "' or a range",
                        wb.status_pos);
    }
    out.push_back(b);
    where.push_back(loc);
  }
  try {
    return located_rules{rule_set(std::move(out)), std::move(where)};
  } catch (const rule_set_error& e) {
    throw failure(e.what(), bands.front().status_pos);
  }
}

}  // namespace rule_text

namespace {

located_rules run(std::string_view text, polarity which_way) {
  try {
    return rule_text::parser(text, which_way).run();
  } catch (const rule_text::failure& f) {
    throw parse_error(f.problem, f.offset, rule_text::column_of(text, f.offset), f.whole_text);
  }
}

}  // namespace

rule_set parse_rules(std::string_view text) { return run(text, polarity::neutral).rules; }

rule_set parse_rules(std::string_view text, polarity which_way) {
  return run(text, which_way).rules;
}

located_rules parse_rules_located(std::string_view text, polarity which_way) {
  return run(text, which_way);
}

}  // namespace indeval
