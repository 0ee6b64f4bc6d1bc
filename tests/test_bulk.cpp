#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <indeval/bulk.hpp>
#include <indeval/direction.hpp>
#include <indeval/evaluation.hpp>

#include "indeval/parse.hpp"
#include "seed_rules.hpp"

using namespace indeval;
using namespace indeval::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
constexpr std::int8_t unwritten = 99;

bound tb(comparison op, basis b, double x) { return {op, b, x}; }

// Rule sets of every shape: 1..4 bands, rising and falling, every comparison, every basis.
std::vector<rule_set> shapes() {
  std::vector<rule_set> r;
  r.push_back(amt2());                         // >= 95 G, >= 85 A, R
  r.push_back(w1());                           // <= 17 G, <= 20 A, R
  r.push_back(ad7());                          // <= 558 G, <= 608 A, R
  r.push_back(rising(60, 55));
  r.push_back(rule_set({band{status::green, {}, {}}}));                   // one band, no threshold
  r.push_back(rule_set({band{status::amber, at_least(5), {}}}));          // one band, a threshold
  r.push_back(rule_set({band{status::green, above(10), {}}, band{status::red, {}, {}}}));
  r.push_back(rule_set({band{status::green, below(2.5), {}}, band{status::amber, {}, {}}}));
  r.push_back(rule_set({band{status::blue, above(99.5), {}}, band{status::green, at_least(95), {}},
                        band{status::amber, above(84.95), {}}, band{status::red, {}, {}}}));
  r.push_back(rule_set({band{status::blue, below(-3), {}}, band{status::green, at_most(0), {}},
                        band{status::amber, below(17.05), {}}, band{status::red, {}, {}}}));
  // Thresholds out of order: a better band with a lower floor.
  r.push_back(rule_set({band{status::green, at_least(80), {}}, band{status::amber, at_least(90), {}},
                        band{status::red, {}, {}}}));
  r.push_back(rule_set({band{status::green, at_least(1e-300), {}}, band{status::red, {}, {}}}));
  r.push_back(rule_set({band{status::green, at_most(-1e305), {}}, band{status::amber, at_most(1e306), {}},
                        band{status::red, {}, {}}}));
  // Relative to a target.
  r.push_back(rule_set({band{status::green, tb(comparison::at_least, basis::target_percent, 100), {}},
                        band{status::amber, tb(comparison::at_least, basis::target_percent, 90), {}},
                        band{status::red, {}, {}}}));
  r.push_back(rule_set({band{status::green, tb(comparison::at_most, basis::target_points, 0), {}},
                        band{status::amber, tb(comparison::below, basis::target_points, 5), {}},
                        band{status::red, {}, {}}}));
  r.push_back(rule_set({band{status::green, tb(comparison::above, basis::target_points, -2.5), {}},
                        band{status::amber, at_least(50), {}}, band{status::red, {}, {}}}));
  // Relative to the cohort, and to both.
  r.push_back(cp10());
  r.push_back(rule_set({band{status::green, tb(comparison::at_least, basis::target_percent, 95), {}},
                        band{status::amber, tb(comparison::at_least, basis::cohort_percent, 50), {}},
                        band{status::red, {}, {}}}));
  return r;
}

// Numbers where ratings change: every bound's number, and for relative bounds what they resolve
// to for the targets and cohorts the tests use.
std::vector<double> pivots() {
  return {95,   85,   17,     20,     558,  608,  60,    55,   5,    10,    2.5,  99.5,  84.95,
          -3,   0,    17.05,  80,     90,   1e-300, -1e305, 1e306, 94.4, 84.96, 97.5, 92.5,  15.3,
          22.95, 76.5, 100,    50,     0.5,  1.5,  2.675, 94.95, 94.45, 16.5, 17.049999, 1e14, 4.5e15};
}

class value_source {
 public:
  explicit value_source(std::uint64_t seed) : rng_(seed) {}

  double next(bool fraction) {
    const double scale = fraction ? 0.01 : 1.0;
    switch (pick(16)) {
      case 0: return missing;
      case 1: return pick(2) != 0 ? inf : -inf;
      case 2: return pick(2) != 0 ? 0.0 : -0.0;
      case 3: {  // on a pivot, or a few ulps either side
        double x = pivot() * scale;
        const int steps = static_cast<int>(pick(7)) - 3;
        for (int s = 0; s < std::abs(steps); ++s) x = std::nextafter(x, steps > 0 ? inf : -inf);
        return pick(4) == 0 ? -x : x;
      }
      case 4:
      case 5: {  // a pivot plus or minus half a unit of the last kept decimal (rounds onto it)
        const double p = pivot();
        const int d = static_cast<int>(pick(4));
        const double half = 0.5 / std::pow(10.0, d);
        double x = (pick(2) != 0 ? p - half : p + half) * scale;
        if (pick(3) == 0) x = std::nextafter(x, pick(2) != 0 ? inf : -inf);
        return x;
      }
      case 6: {  // a short decimal, like data typed into a spreadsheet: many ties
        const double whole = static_cast<double>(pick(2000)) - 500;
        const int d = static_cast<int>(pick(5));
        const double frac = static_cast<double>(pick(100000)) / 1e5;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", d, whole + frac);
        return std::stod(buf) * (fraction ? 0.01 : 1.0);
      }
      case 7: {  // any bit pattern that is a finite double
        for (;;) {
          const double x = std::bit_cast<double>(rng_());
          if (std::isfinite(x)) return x;
        }
      }
      case 8: {
        const double big[] = {1e300, 1.7e306, 1.8e306, 1e307, std::numeric_limits<double>::max(),
                              1e14, 9.99999999999999e13, 4.5e15, 1e16, 1e17};
        return big[pick(10)] * (pick(2) != 0 ? 1 : -1);
      }
      case 9: {
        const double small[] = {5e-324, 1e-310, 2.2250738585072014e-308, 1e-300, 1e-290, 1e-17};
        return small[pick(6)] * (pick(2) != 0 ? 1 : -1);
      }
      default: {
        std::uniform_real_distribution<double> u(-30, 700);
        return u(rng_) * scale;
      }
    }
  }

  // A previous value: often close to `v` (equal, equal after rounding, an ulp away).
  double previous(double v, bool fraction) {
    switch (pick(6)) {
      case 0: return v;
      case 1: return std::nextafter(v, pick(2) != 0 ? inf : -inf);
      case 2: return std::isfinite(v) ? v + (static_cast<double>(pick(11)) - 5) * 1e-3 * (fraction ? 0.01 : 1.0) : v;
      default: return next(fraction);
    }
  }

  double target(bool fraction) {
    const double t[] = {missing, inf, 94.4, 95, 17, 0, -5, 1e306, 2.675, 84.95};
    const double x = t[pick(10)];
    return fraction ? x / 100 : x;
  }

  double cohort() {
    const double c[] = {missing, -inf, 0, 50, 153, 17.5, 1e300, 99};
    return c[pick(8)];
  }

  std::uint64_t pick(std::uint64_t n) { return rng_() % n; }

 private:
  double pivot() {
    const auto p = pivots();
    return p[pick(p.size())];
  }
  std::mt19937_64 rng_;
};

// INDEVAL_REQUIRE_KERNELS=avx2,avx512 (say, on a CI machine known to have them): the kernels that
// must run here. A required kernel this CPU or build lacks fails the suite, instead of its tests
// quietly covering less.
TEST(BulkKernels, RequiredKernelsArePresent) {
  const char* required = std::getenv("INDEVAL_REQUIRE_KERNELS");
  if (required == nullptr || *required == '\0') {
    std::cout << "[ bulk     ] INDEVAL_REQUIRE_KERNELS not set: testing the kernels this CPU has\n";
    return;
  }
  std::string list = required;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    const std::pair<const char*, kernel> known[] = {
        {"scalar", kernel::scalar}, {"avx2", kernel::avx2}, {"avx512", kernel::avx512}};
    const auto* it = std::find_if(std::begin(known), std::end(known),
                                  [&](const auto& p) { return name == p.first; });
    if (it == std::end(known)) {
      ADD_FAILURE() << "INDEVAL_REQUIRE_KERNELS names an unknown kernel '" << name
                    << "' (known: scalar, avx2, avx512)";
      continue;
    }
    const bool here = kernel_available(it->second);
    std::cout << "[ bulk     ] required kernel " << name << ": " << (here ? "present" : "ABSENT") << "\n";
    EXPECT_TRUE(here) << "INDEVAL_REQUIRE_KERNELS requires the " << name
                      << " kernel, which this CPU (or build) cannot run";
  }
}

// Every kernel this CPU can run (and `automatic`), named.
std::vector<kernel> kernels_here() {
  static const std::vector<kernel> ks = [] {
    std::vector<kernel> out;
    std::string names;
    for (kernel k : {kernel::scalar, kernel::avx2, kernel::avx512, kernel::automatic}) {
      if (!kernel_available(k)) continue;
      out.push_back(k);
      names += std::to_string(static_cast<int>(k)) + " ";
    }
    std::cout << "[ bulk     ] kernels tested (1 scalar, 2 avx2, 3 avx512, 0 automatic): " << names
              << "; automatic picks " << static_cast<int>(best_kernel()) << "\n";
    return out;
  }();
  return ks;
}

struct expected {
  std::vector<std::int8_t> status, reason, direction;
};

expected reference(const std::vector<rule_entry>& entries, const bulk_input& in) {
  const std::size_t n = in.values.size();
  expected out{std::vector<std::int8_t>(n), std::vector<std::int8_t>(n), std::vector<std::int8_t>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    const rule_entry& e = entries[in.index.empty() ? 0 : static_cast<std::size_t>(in.index[i])];
    const double v = in.values[i];
    if (e.rules == nullptr) {
      out.status[i] = static_cast<std::int8_t>(status::none);
      out.reason[i] = static_cast<std::int8_t>(reason::not_rated);
    } else {
      rating_inputs ri{in.target.empty() ? e.target : in.target[i],
                       in.cohort.empty() ? no_figure : in.cohort[i], e.decimals, e.scale};
      for (std::size_t c = 0; c < ri.comparators.size(); ++c) {
        std::span<const double> figures = in.comparators[c];
        if (figures.empty() && c == static_cast<std::size_t>(comparator::previous)) figures = in.previous;
        if (!figures.empty()) ri.comparators[c] = figures[i];
      }
      const evaluation ev = evaluate(*e.rules, v, ri, e.polarity);
      out.status[i] = static_cast<std::int8_t>(ev.rating);
      out.reason[i] = static_cast<std::int8_t>(ev.reason);
    }
    if (!in.previous.empty())
      out.direction[i] = static_cast<std::int8_t>(
          travel(in.previous[i], v, e.polarity, e.rules ? e.rules->orientation() : orientation::none,
                 e.decimals, e.scale));
  }
  return out;
}

std::string describe(const rule_entry& e) {
  std::ostringstream s;
  s << "decimals=" << (e.decimals ? std::to_string(*e.decimals) : "none")
    << " scale=" << static_cast<int>(e.scale) << " polarity=" << static_cast<int>(e.polarity)
    << " target=" << e.target << " rules=" << (e.rules ? std::to_string(e.rules->size()) + " bands" : "none");
  return s.str();
}

std::size_t rows_compared = 0;

// Runs every kernel at the given thread counts and compares every output with the reference.
void check_all(const std::vector<rule_entry>& entries, const bulk_input& given,
               std::initializer_list<int> threads = {1, 3}) {
  const rule_table table(entries);
  const expected want = reference(entries, given);
  const std::size_t n = given.values.size();
  // The rows' entries in every form evaluate_bulk takes: the index as given (int32), narrower
  // indexes where the table is small enough, and runs of rows.
  std::vector<std::int16_t> i16;
  std::vector<std::int8_t> i8;
  std::vector<std::uint8_t> u8;
  std::vector<row_run> runs;
  std::vector<std::pair<std::string, row_entries>> forms{{"int32 index", given.index}};
  if (given.index.empty()) {
    forms[0].first = "no index";
    if (n > 0) runs.push_back({0, n, 0});
    forms.emplace_back("one run", std::span<const row_run>(runs));
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const auto e = static_cast<std::int32_t>(given.index[i]);
      i16.push_back(static_cast<std::int16_t>(e));
      i8.push_back(static_cast<std::int8_t>(e));
      u8.push_back(static_cast<std::uint8_t>(e));
      if (!runs.empty() && runs.back().entry == e) ++runs.back().count; else runs.push_back({i, 1, e});
    }
    forms.emplace_back("int16 index", std::span<const std::int16_t>(i16));
    if (entries.size() <= 127) forms.emplace_back("int8 index", std::span<const std::int8_t>(i8));
    if (entries.size() <= 255) forms.emplace_back("uint8 index", std::span<const std::uint8_t>(u8));
    forms.emplace_back("runs", std::span<const row_run>(runs));
  }
  for (const auto& [form_name, form] : forms) {
  bulk_input in = given;
  in.index = form;
  for (kernel k : kernels_here()) {
    for (int t : threads) {
      for (bool with_reason : {true, false}) {
        // Outputs at different offsets from an alignment boundary.
        std::vector<std::int8_t> st_buf(n + 64, unwritten), rs_buf(n + 64, unwritten), dir(n, unwritten);
        const std::span<std::int8_t> st(st_buf.data() + 1 + t % 7, n), rs(rs_buf.data() + (with_reason ? 5 : 0), n);
        bulk_output out{st, with_reason ? rs : std::span<std::int8_t>{}, dir};
        evaluate_bulk(table, in, out, t, k);
        for (std::size_t i = 0; i < n; ++i) {
          const std::size_t e = in.index.empty() ? 0 : static_cast<std::size_t>(in.index[i]);
          const auto where = [&] {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%a", in.values[i]);
            std::ostringstream s;
            s << form_name << ", kernel " << static_cast<int>(k) << ", threads " << t << ", row " << i << " of " << n
              << ", value " << in.values[i] << " (" << buf << ")"
              << (in.previous.empty() ? "" : ", previous " + std::to_string(in.previous[i]))
              << (in.target.empty() ? "" : ", target " + std::to_string(in.target[i]))
              << (in.cohort.empty() ? "" : ", cohort " + std::to_string(in.cohort[i])) << ", entry " << e
              << ": " << describe(entries[e]);
            return s.str();
          };
          ASSERT_EQ(st[i], want.status[i]) << "status, " << where();
          if (with_reason) {
            ASSERT_EQ(rs[i], want.reason[i]) << "reason, " << where();
          } else {
            ASSERT_EQ(rs[i], unwritten) << where();
          }
          if (!in.previous.empty()) {
            ASSERT_EQ(dir[i], want.direction[i]) << "direction, " << where();
          } else {
            ASSERT_EQ(dir[i], unwritten) << where();
          }
        }
        rows_compared += n;
      }
    }
  }
  }
}

// Entry settings the tests cycle through.
rule_entry settings(const rule_set* rules, std::size_t variant, value_source& src) {
  const std::optional<int> decimals[] = {std::nullopt, 0, 1, 2, std::nullopt, 3, 15, -2, 40};
  rule_entry e;
  e.rules = rules;
  e.decimals = decimals[variant % 9];
  e.scale = (variant / 9) % 2 != 0 ? scale::fraction : scale::points;
  e.polarity = static_cast<polarity>((variant / 2) % 3);
  e.target = src.target(e.scale == scale::fraction);
  return e;
}

}  // namespace

TEST(BulkKernels, EveryTailLengthOfEveryShape) {
  const auto rule_sets = shapes();
  value_source src(1);
  const std::size_t before = rows_compared;
  for (std::size_t r = 0; r <= rule_sets.size(); ++r) {  // the last: no rules
    const rule_set* rules = r < rule_sets.size() ? &rule_sets[r] : nullptr;
    for (std::size_t variant = 0; variant < 18; ++variant) {
      const std::vector<rule_entry> entries{settings(rules, variant, src)};
      const bool fraction = entries[0].scale == scale::fraction;
      // Every tail length 0..64 for a few settings (points and fraction, with and without
      // decimals); lengths around one and two blocks for the rest.
      const bool every = variant == 0 || variant == 2 || variant == 11 || variant == 13;
      for (std::size_t n = every ? 0 : 60; n <= (every ? 64 : 73); ++n) {
        std::vector<double> v(n), prev(n);
        for (std::size_t i = 0; i < n; ++i) {
          v[i] = src.next(fraction);
          prev[i] = src.previous(v[i], fraction);
        }
        bulk_input in;
        in.values = v;
        if (n % 3 != 0) in.previous = prev;
        check_all(entries, in, {1});
        if (HasFatalFailure()) return;
      }
    }
  }
  std::cout << "[ bulk     ] rows compared: " << rows_compared - before << "\n";
}

TEST(BulkKernels, LongRunsAgreeWithTheScalarReference) {
  const auto rule_sets = shapes();
  value_source src(2);
  for (std::size_t r = 0; r < rule_sets.size(); ++r) {
    for (std::size_t variant = 0; variant < 18; variant += 1) {
      const std::vector<rule_entry> entries{settings(&rule_sets[r], variant + r, src)};
      const bool fraction = entries[0].scale == scale::fraction;
      const std::size_t n = 300;
      std::vector<double> buf(n + 1), prev(n);
      // Half the time the values start off an 8-byte boundary of 16, 32 or 64.
      const std::span<double> v(buf.data() + variant % 2, n);
      for (std::size_t i = 0; i < n; ++i) {
        v[i] = src.next(fraction);
        prev[i] = src.previous(v[i], fraction);
      }
      check_all(entries, {v, prev, {}, {}, {}}, {1});
      if (HasFatalFailure()) return;
    }
  }
}

TEST(BulkKernels, PerRowTargetsAndCohorts) {
  const auto rule_sets = shapes();
  value_source src(3);
  for (std::size_t r = 0; r < rule_sets.size(); ++r) {
    for (std::size_t variant = 0; variant < 18; variant += 3) {
      const std::vector<rule_entry> entries{settings(&rule_sets[r], variant + r, src)};
      const bool fraction = entries[0].scale == scale::fraction;
      const std::size_t n = 1200;
      std::vector<double> v(n), prev(n), target(n), cohort(n);
      for (std::size_t i = 0; i < n; ++i) {
        v[i] = src.next(fraction);
        prev[i] = src.previous(v[i], fraction);
        target[i] = src.target(fraction);
        cohort[i] = src.cohort();
        // Often exactly on a relative threshold as evaluate() resolves it, or an ulp either side.
        const double numbers[] = {100, 90, 95, 110, 10, 15, 50};
        const double number = numbers[src.pick(7)];
        const double scale = fraction ? 0.01 : 1.0;
        switch (src.pick(5)) {
          case 0: v[i] = target[i] * number / 100.0; break;
          case 1: v[i] = target[i] + (static_cast<double>(src.pick(3)) * 2.5 - 2.5) * scale; break;
          case 2: v[i] = cohort[i] * number / 100.0; break;
          default: break;
        }
        if (src.pick(3) == 0) v[i] = std::nextafter(v[i], src.pick(2) != 0 ? inf : -inf);
      }
      check_all(entries, {v, prev, {}, target, {}}, {1});
      check_all(entries, {v, {}, {}, {}, cohort}, {1});
      check_all(entries, {v, prev, {}, target, cohort}, {1});
      if (HasFatalFailure()) return;
    }
  }
}

TEST(BulkKernels, GroupedAndMixedRowOrders) {
  const auto rule_sets = shapes();
  value_source src(4);
  std::vector<rule_entry> entries;
  for (std::size_t r = 0; r < rule_sets.size(); ++r)
    for (std::size_t variant = r % 3; variant < 18; variant += 5)
      entries.push_back(settings(&rule_sets[r], variant, src));
  entries.push_back(rule_entry{});  // not rated
  const auto size = static_cast<std::int32_t>(entries.size());
  for (int layout = 0; layout < 3; ++layout) {  // grouped runs, random, short runs
    const std::size_t n = layout == 0 ? 40000 : 6000;
    std::vector<std::int32_t> index(n);
    std::size_t i = 0;
    while (i < n) {
      const auto e = static_cast<std::int32_t>(src.pick(static_cast<std::uint64_t>(size)));
      const std::size_t len = layout == 0 ? 1 + src.pick(3000) : (layout == 1 ? 1 : 1 + src.pick(40));
      for (std::size_t j = 0; j < len && i < n; ++j) index[i++] = e;
    }
    std::vector<double> v(n), prev(n), target(n), cohort(n);
    for (std::size_t r = 0; r < n; ++r) {
      const bool fraction = entries[static_cast<std::size_t>(index[r])].scale == scale::fraction;
      v[r] = src.next(fraction);
      prev[r] = src.previous(v[r], fraction);
      target[r] = src.target(fraction);
      cohort[r] = src.cohort();
    }
    check_all(entries, {v, prev, index, {}, {}}, {1, 2, 3});
    check_all(entries, {v, {}, index, target, cohort}, {1, 2});
    if (HasFatalFailure()) return;
  }
}

TEST(BulkKernels, ThreadCountsGiveIdenticalResults) {
  const rule_set rules = amt2();
  const rule_set falling_rules = w1();
  const std::vector<rule_entry> entries{{&rules, 1, scale::points, polarity::bigger_is_better, missing},
                                        {&falling_rules, std::nullopt, scale::points, polarity::smaller_is_better, missing}};
  value_source src(5);
  const std::size_t n = 300001;
  std::vector<double> v(n), prev(n);
  std::vector<std::int32_t> index(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = src.next(false);
    prev[i] = src.previous(v[i], false);
    index[i] = static_cast<std::int32_t>((i / 1000) % 2);
  }
  check_all(entries, {v, prev, index, {}, {}}, {1, 2, 4, 7});
}

TEST(BulkKernels, RoundingOntoAThreshold) {
  // 94.95 at 1 dp is 95: Green, though 94.95 < 95; 94.94999999999999 at 1 dp is 94.9: Amber.
  const rule_set rules = amt2();
  const std::vector<double> values{94.95, std::nextafter(94.95, 0.0), 95.0, std::nextafter(95.0, 0.0),
                                   84.95, 84.94999999999999, 0.9495, 0.8495, 94.949999, 2.675};
  for (auto s : {scale::points, scale::fraction}) {
    for (std::optional<int> d : {std::optional<int>{}, std::optional<int>{0}, std::optional<int>{1},
                                 std::optional<int>{2}}) {
      const std::vector<rule_entry> entries{{&rules, d, s, polarity::bigger_is_better, missing}};
      std::vector<double> v = values;
      std::vector<double> prev(v.rbegin(), v.rend());
      check_all(entries, {v, prev, {}, {}, {}}, {1});
    }
  }
  const rule_table table(std::vector<rule_entry>{{&rules, 1, scale::points, polarity::neutral, missing}});
  const std::vector<double> v{94.95, 94.94, 84.95};
  std::vector<std::int8_t> st(3);
  evaluate_bulk(table, {v, {}, {}, {}, {}}, {st, {}, {}});
  EXPECT_EQ(st, (std::vector<std::int8_t>{3, 2, 2}));
}

TEST(BulkErrors, LengthsIndexesThreadsAndTable) {
  const rule_set rules = amt2();
  const rule_table table(std::vector<rule_entry>{{&rules, {}, scale::points, polarity::neutral, missing},
                                                  {nullptr, {}, scale::points, polarity::neutral, missing}});
  const std::vector<double> v{90, 96, 70, 80};
  const std::vector<double> short3{1, 2, 3};
  std::vector<std::int8_t> st(4, unwritten), rs(4, unwritten), dir(4, unwritten), st3(3, unwritten);
  const auto message = [&](const bulk_input& in, const bulk_output& out, int threads = 1,
                           kernel k = kernel::automatic, const rule_table* t = nullptr) -> std::string {
    try {
      evaluate_bulk(t != nullptr ? *t : table, in, out, threads, k);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "no error";
  };
  const auto untouched = [&] {
    for (auto* out : {&st, &rs, &dir})
      for (std::int8_t x : *out) EXPECT_EQ(x, unwritten);
  };
  const bulk_output full{st, rs, dir};

  std::string m = message({v, {}, {}, {}, {}}, {st3, {}, {}});
  EXPECT_NE(m.find("status has 3"), std::string::npos) << m;
  EXPECT_NE(m.find("values has 4"), std::string::npos) << m;
  EXPECT_NE(message({v, {}, {}, {}, {}}, {{}, {}, {}}).find("status has 0"), std::string::npos);
  m = message({v, {}, {}, {}, {}}, {st, st3, {}});
  EXPECT_NE(m.find("reason has 3"), std::string::npos) << m;
  m = message({v, short3, {}, {}, {}}, full);
  EXPECT_NE(m.find("previous has 3"), std::string::npos) << m;
  m = message({v, v, {}, {}, {}}, {st, rs, st3});
  EXPECT_NE(m.find("direction has 3"), std::string::npos) << m;
  const std::vector<std::int32_t> idx3{0, 0, 0};
  m = message({v, {}, idx3, {}, {}}, full);
  EXPECT_NE(m.find("index has 3 elements but values has 4"), std::string::npos) << m;
  m = message({v, {}, {}, short3, {}}, full);
  EXPECT_NE(m.find("target has 3"), std::string::npos) << m;
  m = message({v, {}, {}, {}, short3}, full);
  EXPECT_NE(m.find("cohort has 3"), std::string::npos) << m;
  untouched();

  for (std::int32_t bad : {-1, 2, 1000, std::numeric_limits<std::int32_t>::min()}) {
    const std::vector<std::int32_t> idx{0, 1, 0, bad};
    m = message({v, v, idx, {}, {}}, full);
    EXPECT_NE(m.find("index[3] = " + std::to_string(bad)), std::string::npos) << m;
    EXPECT_NE(m.find("size 2"), std::string::npos) << m;
    untouched();
  }
  // A bad index far into a long input, past the first chunk and with several threads.
  {
    const std::size_t n = 100000;
    std::vector<double> big(n, 90.0);
    std::vector<std::int32_t> idx(n, 0);
    idx[n - 5] = 7;
    idx[n - 2] = -3;
    std::vector<std::int8_t> out(n, unwritten);
    for (int threads : {1, 2}) {
      m = message({big, {}, idx, {}, {}}, {out, {}, {}}, threads);
      EXPECT_NE(m.find("index[99995] = 7"), std::string::npos) << m;
      for (std::int8_t x : out) ASSERT_EQ(x, unwritten);
    }
    // Rows of alternating entries (too many runs: the index is scanned as a whole), on every
    // kernel, the bad entry at every position of a vector block.
    for (std::size_t q = 0; q < n; ++q) idx[q] = static_cast<std::int32_t>(q % 2);
    for (kernel k : kernels_here()) {
      for (std::size_t at : {n / 2, n / 2 + 1, n / 2 + 7, n / 2 + 15, n / 2 + 31, n / 2 + 63, n - 1}) {
        idx[at] = 2;
        m = message({big, {}, idx, {}, {}}, {out, {}, {}}, 1, k);
        EXPECT_NE(m.find("index[" + std::to_string(at) + "] = 2"), std::string::npos)
            << m << " (kernel " << static_cast<int>(k) << ")";
        idx[at] = static_cast<std::int32_t>(at % 2);
      }
      for (std::int8_t x : out) ASSERT_EQ(x, unwritten);
    }
  }

  EXPECT_NE(message({v, {}, {}, {}, {}}, full, 0).find("threads must be at least 1, got 0"), std::string::npos);
  EXPECT_NE(message({v, {}, {}, {}, {}}, full, -4).find("got -4"), std::string::npos);
  EXPECT_NE(message({v, {}, {}, {}, {}}, full, 1, static_cast<kernel>(9)).find("not available"),
            std::string::npos);
  for (kernel k : {kernel::avx2, kernel::avx512}) {
    if (!kernel_available(k)) {
      EXPECT_NE(message({v, {}, {}, {}, {}}, full, 1, k).find("not available"), std::string::npos);
    }
  }
  untouched();

  const rule_table empty(std::span<const rule_entry>{});
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_NE(message({v, {}, {}, {}, {}}, full, 1, kernel::automatic, &empty).find("empty"), std::string::npos);
  EXPECT_NE(message({{}, {}, {}, {}, {}}, {{}, {}, {}}, 1, kernel::automatic, &empty).find("empty"),
            std::string::npos);
  rule_table moved(std::vector<rule_entry>{{&rules, {}, scale::points, polarity::neutral, missing}});
  rule_table taker(std::move(moved));
  EXPECT_EQ(taker.size(), 1u);
  untouched();

  // Nothing to rate is not an error.
  EXPECT_EQ(message({{}, {}, {}, {}, {}}, {{}, {}, {}}), "no error");
}

TEST(BulkTable, OutlivesItsRuleSetsAndKernelsAreReported) {
  std::vector<rule_entry> entries;
  auto* rules = new rule_set(amt2());
  entries.push_back({rules, 0, scale::points, polarity::bigger_is_better, missing});
  const rule_table table(entries);
  delete rules;
  const std::vector<double> v{95, 84.5, 94.5, missing};
  std::vector<std::int8_t> st(4), rs(4);
  evaluate_bulk(table, {v, {}, {}, {}, {}}, {st, rs, {}});
  EXPECT_EQ(st, (std::vector<std::int8_t>{3, 2, 3, 0}));
  EXPECT_EQ(rs, (std::vector<std::int8_t>{0, 0, 0, 1}));
  EXPECT_TRUE(kernel_available(kernel::scalar));
  EXPECT_TRUE(kernel_available(kernel::automatic));
  EXPECT_TRUE(kernel_available(best_kernel()));
  EXPECT_NE(best_kernel(), kernel::automatic);
  EXPECT_FALSE(kernel_available(static_cast<kernel>(7)));
}

namespace {

TEST(BulkErrors, NarrowIndexesAndRuns) {
  const rule_set amt2 = indeval::test::amt2();
  rule_entry amt2_entry;
  amt2_entry.rules = &amt2;
  const std::vector<rule_entry> entries{amt2_entry, amt2_entry};
  const rule_table table(entries);
  std::vector<double> v(100, 90.0);
  std::vector<std::int8_t> st(100, 77);
  const auto message = [&](row_entries e) -> std::string {
    try {
      evaluate_bulk(table, {v, {}, e, {}, {}}, {st, {}, {}}, 2);
    } catch (const std::invalid_argument& err) {
      return err.what();
    }
    return "";
  };
  std::vector<std::int8_t> i8(100, 1);
  i8[70] = -1;
  EXPECT_NE(message(std::span<const std::int8_t>(i8)).find("index[70] = -1 is outside"), std::string::npos);
  std::vector<std::uint8_t> u8(100, 0);
  u8[99] = 2;
  EXPECT_NE(message(std::span<const std::uint8_t>(u8)).find("index[99] = 2 is outside"), std::string::npos);
  std::vector<std::int16_t> i16(99, 0);
  EXPECT_NE(message(std::span<const std::int16_t>(i16)).find("index has 99 elements"), std::string::npos);
  for (const std::vector<row_run>& bad :
       {std::vector<row_run>{{0, 50, 0}}, std::vector<row_run>{{0, 50, 0}, {40, 60, 1}},
        std::vector<row_run>{{50, 50, 0}, {0, 50, 1}}, std::vector<row_run>{{0, 100, 2}},
        std::vector<row_run>{{0, 0, 0}, {0, 100, 0}}}) {
    EXPECT_NE(message(std::span<const row_run>(bad)).find("runs of rows"), std::string::npos);
  }
  EXPECT_TRUE(std::all_of(st.begin(), st.end(), [](std::int8_t s) { return s == 77; }))
      << "nothing is written when the call is refused";
  // sorted_runs: any order in, sorted out; what is wrong is named.
  const std::vector<std::int32_t> first{60, 0, 30}, count{40, 30, 30}, entry{1, 0, 1};
  const auto runs = sorted_runs(first, count, entry, 100, 2);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].first, 0u);
  EXPECT_EQ(runs[2].entry, 1);
  EXPECT_EQ(message(std::span<const row_run>(runs)), "");
  const auto refusal = [](auto f) -> std::string {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(refusal([&] { (void)sorted_runs(first, count, entry, 101, 2); }), "no segment covers row 100");
  EXPECT_EQ(refusal([&] { (void)sorted_runs(first, count, entry, 100, 1); }),
            "segment 0 names entry 1, outside the 1 entries");
  EXPECT_EQ(refusal([&] { (void)sorted_runs(first, count, entry, 90, 2); }),
            "segment 0 (first row 60, 40 rows) is outside the 90 rows");
  const std::vector<std::int32_t> overlapping{60, 0, 29};
  EXPECT_EQ(refusal([&] { (void)sorted_runs(overlapping, count, entry, 100, 2); }), "segments overlap at row 29");
}

}  // namespace

TEST(BulkKernels, ComparatorRulesBesidePlainOnes) {
  // Rules against England and the previous period, mixed with plain entries, in every row order:
  // every row as evaluate() rates it with that row's comparators (missing ones: needs comparator).
  const rule_set plain = amt2();
  const rule_set england = parse_rules(
      "Green: at or above the England average; Amber: within 5% of the England average; "
      "Red: otherwise");
  const rule_set improved =
      parse_rules("Green: improved on the previous period; Red: otherwise", polarity::smaller_is_better);
  const std::vector<rule_entry> entries{{&plain, 1, scale::points, polarity::bigger_is_better, missing},
                                        {&england, 1, scale::points, polarity::neutral, missing},
                                        {&improved, 1, scale::fraction, polarity::smaller_is_better, missing}};
  const std::size_t n = 5000;
  value_source src(77);
  std::vector<double> v(n), prev(n), eng(n);
  std::vector<std::int32_t> index(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = src.next(false);
    prev[i] = i % 17 == 0 ? missing : src.previous(v[i], false);
    eng[i] = i % 13 == 0 ? missing : (i % 3 == 0 ? v[i] : v[i] * 1.03);
    index[i] = static_cast<std::int32_t>(i < n / 2 ? (i / 700) % 3 : i % 3);
  }
  bulk_input in{v, prev, index, {}, {}};
  in.comparators[static_cast<std::size_t>(comparator::england)] = eng;
  check_all(entries, in, {1, 3});
  // The previous period given apart from `previous`.
  std::vector<double> other(prev.rbegin(), prev.rend());
  in.comparators[static_cast<std::size_t>(comparator::previous)] = other;
  check_all(entries, in, {2});
}
