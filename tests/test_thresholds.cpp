// Thresholds relative to a target or a cohort are exact as written: every boundary of every
// relative form, for targets 0.1 to 1000 in steps of 0.1, resolves to the double nearest the
// written decimal answer; a value exactly on it is in the band; the scalar and bulk paths agree.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "indeval/bulk.hpp"
#include "indeval/decimal.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/rule_set.hpp"

using namespace indeval;

namespace {

double decimal(long long digits, int power10) {
  const std::string text = std::to_string(digits) + "e" + std::to_string(power10);
  return std::strtod(text.c_str(), nullptr);
}

struct form {
  comparison op;
  basis base;
  int tenths;  // the rule's number, in tenths: 950 is "95"
};

rule_set rules_of(const form& f) {
  const bound b{f.op, f.base, f.tenths / 10.0};
  return rule_set({band{status::green, b, {}}, band{status::red, {}, {}}});
}

}  // namespace

TEST(DecimalArithmetic, MultipliesAndAddsAsWritten) {
  EXPECT_EQ(2.3 * 95 / 100, 2.1849999999999996);  // why: binary arithmetic misses the boundary
  EXPECT_EQ(multiply_decimal(2.3, 95, -2), 2.185);
  EXPECT_EQ(multiply_decimal(0.57, 100), 57.0);
  EXPECT_EQ(multiply_decimal(-1.1, 1.1), -1.21);
  EXPECT_EQ(multiply_decimal(1e300, 1e300), HUGE_VAL);
  EXPECT_EQ(multiply_decimal(1e-300, 1e-300), 0.0);
  EXPECT_TRUE(std::isnan(multiply_decimal(NAN, 2)));
  EXPECT_EQ(multiply_decimal(0.0, 5), 0.0);
  EXPECT_EQ(0.1 + 0.2, 0.30000000000000004);
  EXPECT_EQ(add_decimal(0.1, 0.2), 0.3);
  EXPECT_EQ(add_decimal(2.3, 0.1), 2.4);
  EXPECT_EQ(add_decimal(0.3, -0.1), 0.2);
  EXPECT_EQ(add_decimal(-0.3, 0.1), -0.2);
  EXPECT_EQ(add_decimal(0.1, -0.1), 0.0);
  EXPECT_FALSE(std::signbit(add_decimal(0.1, -0.1)));
  EXPECT_EQ(add_decimal(999.9, 0.1), 1000.0);
  EXPECT_EQ(add_decimal(1e300, 1e-300), 1e300);  // too far apart: binary, and the same answer
  EXPECT_EQ(add_decimal(1e-20, 1e-21), 1.1e-20);
  EXPECT_EQ(add_decimal(1.7976931348623157e308, 1.7976931348623157e308), HUGE_VAL);
  EXPECT_EQ(add_decimal(INFINITY, 1), INFINITY);
}

TEST(RelativeThresholds, EveryBoundaryIsTheWrittenOne) {
  const std::vector<form> forms = {
      {comparison::at_least, basis::target_percent, 950},
      {comparison::at_least, basis::target_percent, 900},
      {comparison::at_least, basis::target_percent, 995},
      {comparison::at_most, basis::target_percent, 1050},
      {comparison::at_most, basis::target_percent, 1100},
      {comparison::at_least, basis::target_points, -50},
      {comparison::at_least, basis::target_points, -1},
      {comparison::at_most, basis::target_points, 25},
      {comparison::at_most, basis::target_points, 5},
      {comparison::at_most, basis::cohort_percent, 100},
      {comparison::at_most, basis::cohort_percent, 125},
      {comparison::at_least, basis::cohort_percent, 333},
  };
  std::vector<rule_set> sets;
  for (const form& f : forms) sets.push_back(rules_of(f));
  std::vector<rule_entry> entries;
  for (const rule_set& r : sets)
    entries.push_back({&r, std::nullopt, scale::points, polarity::neutral, no_figure});
  const rule_table table(entries);

  std::vector<double> values, targets, cohorts;
  std::vector<std::int32_t> index;
  std::vector<std::int8_t> expected;
  int wrong = 0;
  for (std::size_t fi = 0; fi < forms.size(); ++fi) {
    const form& f = forms[fi];
    for (long long k = 1; k <= 10000; ++k) {
      const double t = decimal(k, -1);  // the target as written: k tenths
      const double exact = f.base == basis::target_points ? decimal(k + f.tenths, -1)
                                                          : decimal(k * f.tenths, -4);
      const bool cohort = f.base == basis::cohort_percent;
      const double at = f.base == basis::cohort_percent ? sets[fi].bands()[0].threshold->resolve(NAN, t)
                                                        : sets[fi].bands()[0].threshold->resolve(t, NAN);
      if (at != exact && ++wrong < 10)
        ADD_FAILURE() << "form " << fi << " target " << t << ": " << at << " != " << exact;
      const double worse = std::nextafter(exact, is_floor(f.op) ? -INFINITY : INFINITY);
      for (double v : {exact, worse}) {
        const rating_inputs in{cohort ? no_figure : t, cohort ? t : no_figure, std::nullopt,
                               scale::points};
        const evaluation e = evaluate(sets[fi], v, in);
        const status want = v == exact ? status::green : status::red;
        if (e.rating != want && ++wrong < 10)
          ADD_FAILURE() << "form " << fi << " target " << t << " value " << v;
        values.push_back(v);
        targets.push_back(cohort ? no_figure : t);
        cohorts.push_back(cohort ? t : no_figure);
        index.push_back(static_cast<std::int32_t>(fi));
        expected.push_back(static_cast<std::int8_t>(e.rating));
      }
    }
  }
  EXPECT_EQ(wrong, 0);
  for (kernel k : {kernel::scalar, kernel::avx2, kernel::avx512, kernel::automatic}) {
    if (!kernel_available(k)) continue;
    std::vector<std::int8_t> got(values.size());
    evaluate_bulk(table, {values, {}, index, targets, cohorts}, {got, {}, {}}, 1, k);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < got.size(); ++i)
      if (got[i] != expected[i] && ++differ < 5)
        ADD_FAILURE() << "kernel " << static_cast<int>(k) << " row " << i << " entry " << index[i]
                      << " value " << values[i] << " target " << targets[i] << " cohort "
                      << cohorts[i] << ": bulk " << int(got[i]) << " scalar " << int(expected[i]);
    EXPECT_EQ(differ, 0u);
  }
}

TEST(RelativeThresholds, AnEntryTargetCompilesToTheWrittenBoundary) {
  // The bulk tables compile a target given once per entry; the boundary is the same.
  const rule_set within5 = rules_of({comparison::at_least, basis::target_percent, 950});
  const rule_table table(std::vector<rule_entry>{{&within5, std::nullopt, scale::points,
                                                  polarity::neutral, 2.3}});
  const std::vector<double> v{2.185, std::nextafter(2.185, 0.0), 2.3};
  std::vector<std::int8_t> st(3);
  evaluate_bulk(table, {v, {}, {}, {}, {}}, {st, {}, {}});
  EXPECT_EQ(st, (std::vector<std::int8_t>{3, 1, 3}));
}
