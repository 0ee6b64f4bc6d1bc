#include "indeval/compare.hpp"
#include "indeval/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace {

using namespace indeval;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr auto bib = polarity::bigger_is_better;
constexpr auto sib = polarity::smaller_is_better;

struct ranked {
  std::vector<std::int32_t> rank;
  std::vector<std::int8_t> band;
};

// One group of all the values.
ranked one_group(const std::vector<double>& v, polarity p, bool quartiles = true, int digits = 15) {
  ranked r{std::vector<std::int32_t>(v.size(), -7), std::vector<std::int8_t>(v.size(), -7)};
  const compare_entry e{p, quartiles};
  std::vector<row_run> runs;
  if (!v.empty()) runs.push_back({0, v.size(), 0});
  compare(v, runs, {&e, 1}, {r.rank, r.band}, {digits, 1});
  return r;
}

using ranks = std::vector<std::int32_t>;
using bands = std::vector<std::int8_t>;

TEST(ReadAsPublished, RemovesBinaryNoise) {
  EXPECT_EQ(read_as_published(95.399999999999991), 95.4);
  EXPECT_EQ(read_as_published(14.700000000000001), 14.7);
  EXPECT_EQ(read_as_published(-53.941000000000003), -53.941);
  EXPECT_EQ(read_as_published(1.0 / 3.0), 0.333333333333333);
  EXPECT_EQ(read_as_published(2.675, 3), 2.67);  // the double below 2.675, as printf rounds it
  EXPECT_EQ(read_as_published(123456789012345678.0), 123456789012346000.0);
  EXPECT_EQ(read_as_published(1e-300), 1e-300);
}

TEST(ReadAsPublished, LeavesWhatItCannotRead) {
  EXPECT_TRUE(std::isnan(read_as_published(nan)));
  EXPECT_EQ(read_as_published(inf), inf);
  EXPECT_EQ(read_as_published(-inf), -inf);
  EXPECT_EQ(read_as_published(0.0), 0.0);
  EXPECT_EQ(read_as_published(95.399999999999991, 0), 95.399999999999991);
  EXPECT_EQ(read_as_published(95.399999999999991, 17), 95.399999999999991);
}

TEST(ReadAsPublished, EqualsPrintfOnRandomDoubles) {
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> mantissa(-10, 10);
  std::uniform_int_distribution<int> exponent(-12, 18);
  char text[64];
  for (int i = 0; i < 200000; ++i) {
    double v = mantissa(gen) * std::pow(10.0, exponent(gen));
    if (i % 3 == 0) v = std::round(v * 1000) / 1000;  // short decimals, with their binary noise
    for (int digits : {15, 6, 1}) {
      std::snprintf(text, sizeof text, "%.*g", digits, v);
      ASSERT_EQ(read_as_published(v, digits), std::strtod(text, nullptr)) << text << " " << digits;
    }
  }
}

TEST(Quantile, Type7AsR) {
  const double five[] = {1, 2, 3, 4, 5};
  EXPECT_EQ(quantile_type7(five, 0.25), 2);
  EXPECT_EQ(quantile_type7(five, 0.5), 3);
  EXPECT_EQ(quantile_type7(five, 0.75), 4);
  const double four[] = {1, 2, 3, 4};
  EXPECT_EQ(quantile_type7(four, 0.25), 1.75);
  EXPECT_EQ(quantile_type7(four, 0.5), 2.5);
  EXPECT_EQ(quantile_type7(four, 0.75), 3.25);
  const double one[] = {7};
  EXPECT_EQ(quantile_type7(one, 0.25), 7);
  EXPECT_TRUE(std::isnan(quantile_type7({}, 0.5)));
  // R's formula, not x[lo] + (x[hi] - x[lo]) h: these two differ in the last place.
  const double two[] = {0.1, 0.3};
  EXPECT_EQ(quantile_type7(two, 0.25), 0.75 * 0.1 + 0.25 * 0.3);
  EXPECT_NE(quantile_type7(two, 0.25), 0.1 + (0.3 - 0.1) * 0.25);
  const double wide[] = {0.1, 95.4};
  EXPECT_EQ(quantile_type7(wide, 0.25), 23.925);  // a lerp gives 23.925000000000004
  // Equal neighbours give the value itself, not (1 - h) x + h x.
  const double same[] = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
  EXPECT_EQ(quantile_type7(same, 0.25), 0.1);
}

TEST(Compare, TiesShareTheLowestRank) {
  EXPECT_EQ(one_group({5, 3, 3, 1}, bib).rank, (ranks{1, 2, 2, 4}));
  EXPECT_EQ(one_group({5, 3, 3, 1}, sib).rank, (ranks{4, 2, 2, 1}));
  EXPECT_EQ(one_group({2, 2, 2}, bib).rank, (ranks{1, 1, 1}));
  EXPECT_EQ(one_group({-0.0, 0.0}, sib).rank, (ranks{1, 1}));
}

TEST(Compare, ACutPointFallsInTheLowerValuedBand) {
  // Quartiles of 1..5 are 2, 3, 4 exactly.
  EXPECT_EQ(one_group({1, 2, 3, 4, 5}, bib).band, (bands{4, 4, 3, 2, 1}));
  EXPECT_EQ(one_group({1, 2, 3, 4, 5}, sib).band, (bands{1, 1, 2, 3, 4}));
  // All three cut points are 1: the 1s are the lowest-valued band, 2 the highest.
  EXPECT_EQ(one_group({1, 1, 2, 1, 1}, bib).band, (bands{4, 4, 1, 4, 4}));
  EXPECT_EQ(one_group({1, 1, 2, 1, 1}, sib).band, (bands{1, 1, 4, 1, 1}));
}

TEST(Compare, SmallGroups) {
  EXPECT_EQ(one_group({}, bib).rank, ranks{});
  const auto one = one_group({42}, bib);
  EXPECT_EQ(one.rank, ranks{1});
  EXPECT_EQ(one.band, bands{4});  // equal to every cut point: the lowest-valued band
  EXPECT_EQ(one_group({42}, sib).band, bands{1});
  const auto two = one_group({1, 2}, bib);  // cuts 1.25, 1.5, 1.75
  EXPECT_EQ(two.rank, (ranks{2, 1}));
  EXPECT_EQ(two.band, (bands{4, 1}));
  EXPECT_EQ(one_group({1, 2, 3}, bib).band, (bands{4, 3, 1}));  // cuts 1.5, 2, 2.5
  EXPECT_EQ(one_group({4, 3, 2, 1}, bib).band, (bands{1, 2, 3, 4}));  // cuts 1.75, 2.5, 3.25
}

TEST(Compare, MissingAndInfiniteValuesTakeNoPart) {
  const auto r = one_group({nan, 1, inf, 2, -inf, 3, 4, 5}, bib);
  EXPECT_EQ(r.rank, (ranks{0, 5, 0, 4, 0, 3, 2, 1}));
  EXPECT_EQ(r.band, (bands{0, 4, 0, 4, 0, 3, 2, 1}));
  const auto all = one_group({nan, nan}, sib);
  EXPECT_EQ(all.rank, (ranks{0, 0}));
  EXPECT_EQ(all.band, (bands{0, 0}));
}

TEST(Compare, NoPolarityNoRankNoBand) {
  const auto r = one_group({1, 2, 3}, polarity::neutral);
  EXPECT_EQ(r.rank, (ranks{0, 0, 0}));
  EXPECT_EQ(r.band, (bands{0, 0, 0}));
}

TEST(Compare, QuartilesOffStillRanks) {
  const auto r = one_group({1, 2, 3}, sib, false);
  EXPECT_EQ(r.rank, (ranks{1, 2, 3}));
  EXPECT_EQ(r.band, (bands{0, 0, 0}));
}

TEST(Compare, ValuesAreComparedAsPublished) {
  EXPECT_EQ(one_group({95.4, 95.399999999999991}, bib).rank, (ranks{1, 1}));
  EXPECT_EQ(one_group({95.4, 95.399999999999991}, bib, true, 0).rank, (ranks{1, 2}));
}

TEST(Compare, OptionalOutputs) {
  const std::vector<double> v = {9, 1, 2, 9, 3, 9};
  const std::vector<row_run> runs = {{0, 1, 1}, {1, 2, 0}, {3, 1, 1}, {4, 1, 0}, {5, 1, 1}};
  const compare_entry e[] = {{bib, true}, {polarity::neutral, true}};
  std::vector<std::int32_t> rank(v.size(), -1);
  compare(v, runs, e, {rank, {}});
  EXPECT_EQ(rank, (ranks{0, 2, 1, 0, 1, 0}));
  std::vector<std::int8_t> band(v.size(), -1);
  compare(v, runs, e, {{}, band});
  EXPECT_EQ(band, (bands{0, 4, 1, 0, 4, 0}));
}

// Rank and band by definition, over a sorted copy: 1 + the number strictly better; the band from
// how many cut points the value is above.
ranked reference(const std::vector<double>& v, polarity p, bool quartiles) {
  ranked r{ranks(v.size(), 0), bands(v.size(), 0)};
  std::vector<double> x;
  for (double d : v)
    if (std::isfinite(d)) x.push_back(d);
  std::sort(x.begin(), x.end());
  if (p == polarity::neutral || x.empty()) return r;
  const double q[] = {quantile_type7(x, 0.25), quantile_type7(x, 0.5), quantile_type7(x, 0.75)};
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) continue;
    const auto below = std::lower_bound(x.begin(), x.end(), v[i]) - x.begin();
    const auto above = x.end() - std::upper_bound(x.begin(), x.end(), v[i]);
    r.rank[i] = static_cast<std::int32_t>(1 + (p == bib ? above : below));
    const int over = (v[i] > q[0]) + (v[i] > q[1]) + (v[i] > q[2]);
    if (quartiles) r.band[i] = static_cast<std::int8_t>(p == bib ? 4 - over : 1 + over);
  }
  return r;
}

TEST(Compare, ManyGroupsOfEverySizeAgreeWithTheDefinition) {
  std::mt19937 gen(7);
  std::vector<double> values;
  std::vector<std::int32_t> first, count, entry;
  std::vector<row_run> runs;
  const compare_entry entries[] = {{bib, true}, {sib, true}, {bib, false}, {polarity::neutral, true}};
  for (int size : {1, 2, 3, 4, 5, 7, 15, 16, 17, 31, 33, 152, 153, 1000, 20000}) {
    for (int rep = 0; rep < 3; ++rep) {
      first.push_back(static_cast<std::int32_t>(values.size()));
      count.push_back(size);
      entry.push_back(static_cast<std::int32_t>(gen() % 4));
      runs.push_back({values.size(), static_cast<std::size_t>(size), entry.back()});
      std::uniform_int_distribution<int> level(0, std::max(1, size / 3));  // plenty of ties
      for (int i = 0; i < size; ++i) {
        const auto kind = gen() % 50;
        values.push_back(kind == 0 ? nan : kind == 1 ? inf : kind == 2 ? -inf
                                                           : level(gen) * 0.1);
      }
    }
  }
  ranks rank(values.size());
  bands band(values.size());
  compare(values, runs, entries, {rank, band});
  // The same on two threads of an engine of its own.
  engine workers;
  ranks rank2(values.size());
  bands band2(values.size());
  compare(workers, values, runs, entries, {rank2, band2}, {15, 2});
  EXPECT_EQ(rank2, rank);
  EXPECT_EQ(band2, band);
  for (std::size_t k = 0; k < first.size(); ++k) {
    const std::vector<double> v(values.begin() + first[k], values.begin() + first[k] + count[k]);
    const compare_entry& e = entries[entry[k]];
    std::vector<double> read;
    for (double d : v) read.push_back(read_as_published(d));
    const ranked want = reference(read, e.polarity, e.quartiles);
    ASSERT_EQ(ranks(rank.begin() + first[k], rank.begin() + first[k] + count[k]), want.rank) << k;
    ASSERT_EQ(bands(band.begin() + first[k], band.begin() + first[k] + count[k]), want.band) << k;
  }
}

TEST(Compare, OrderedAndDegenerateLargeGroups) {
  // Inputs that defeat a naive quicksort: sorted, reversed, organ pipe, all equal, two values.
  const std::size_t n = 5000;
  std::vector<std::vector<double>> inputs(5, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    inputs[0][i] = static_cast<double>(i);
    inputs[1][i] = static_cast<double>(n - i);
    inputs[2][i] = static_cast<double>(i < n / 2 ? i : n - i);
    inputs[3][i] = 7.5;
    inputs[4][i] = i % 2 ? 1.0 : 2.0;
  }
  for (const auto& v : inputs)
    for (auto p : {bib, sib}) {
      const ranked got = one_group(v, p);
      const ranked want = reference(v, p, true);
      ASSERT_EQ(got.rank, want.rank);
      ASSERT_EQ(got.band, want.band);
    }
}

TEST(Compare, RefusesBadInputNamingIt) {
  const std::vector<double> v = {1, 2, 3, 4};
  const compare_entry e{bib, true};
  ranks rank(4);
  bands band(4);
  auto message = [&](std::vector<row_run> runs, std::size_t rank_size = 4, int digits = 15) {
    rank.assign(rank_size, -1);
    try {
      compare(v, runs, {&e, 1}, {rank, band}, {digits, 1});
    } catch (const std::invalid_argument& x) {
      return std::string(x.what());
    }
    return std::string("accepted");
  };
  const std::string not_runs = "the groups are not sorted_runs() of the 4 values and 1 entries";
  EXPECT_EQ(message({{0, 3, 0}}), not_runs);             // row 3 in no group
  EXPECT_EQ(message({{0, 5, 0}}), not_runs);             // past the end
  EXPECT_EQ(message({{0, 2, 0}, {1, 3, 0}}), not_runs);  // overlapping
  EXPECT_EQ(message({{2, 2, 0}, {0, 2, 0}}), not_runs);  // not sorted
  EXPECT_EQ(message({{0, 4, 1}}), not_runs);             // entry outside the table
  EXPECT_NE(message({{0, 4, 0}}, 3).find("rank has 3 elements for 4 values"), std::string::npos);
  EXPECT_NE(message({{0, 4, 0}}, 4, 18).find("digits 18"), std::string::npos);
  EXPECT_NE(message({{0, 4, 0}}, 4, -1).find("digits -1"), std::string::npos);
  EXPECT_EQ(message({{0, 4, 0}}), "accepted");
  EXPECT_EQ(message({{0, 4, 0}}, 3), "rank has 3 elements for 4 values");
  EXPECT_EQ(rank, ranks(3, -1));  // nothing written
}

TEST(NeighbourMeans, MeanOfTheNeighboursWithAValue) {
  // Areas 0..3; neighbours: 0 -> {1, 2}, 1 -> {0, 3}, 2 -> {3, -1}, 3 -> {2, 0}.
  const std::int32_t table[] = {1, 2, 0, 3, 3, -1, 2, 0};
  const std::vector<double> v = {10, 20, nan, 5, /* second group: */ 1, inf, 7};
  const std::vector<std::int32_t> area = {0, 1, 2, 3, 3, 2, 1};
  const std::vector<row_run> runs = {{0, 4, 0}, {4, 3, 0}};
  std::vector<double> out(v.size(), -1);
  neighbour_means(v, area, runs, {table, 2}, out);
  EXPECT_EQ(out[0], 20);    // area 2 has no value
  EXPECT_EQ(out[1], 7.5);   // (10 + 5) / 2
  EXPECT_EQ(out[2], 5);
  EXPECT_EQ(out[3], 10);
  EXPECT_TRUE(std::isnan(out[4]));  // neighbours 2 (infinite) and 0 (absent)
  EXPECT_EQ(out[5], 1);
  EXPECT_EQ(out[6], 1);             // neighbour 0 absent, 3 has 1
}

TEST(NeighbourMeans, AsRsMean) {
  // R: mean(c(0.1, 0.2, 0.4)) is 0.23333333333333334 (extended sum and a correction pass).
  const std::int32_t table[] = {1, 2, 3, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  const std::vector<double> v = {0, 0.1, 0.2, 0.4};
  const std::vector<std::int32_t> area = {0, 1, 2, 3};
  const row_run one{0, 4, 0};
  std::vector<double> out(4);
  neighbour_means(v, area, {&one, 1}, {table, 3}, out);
  EXPECT_EQ(out[0], 0.23333333333333334);
  EXPECT_TRUE(std::isnan(out[1]));
}

TEST(NeighbourMeans, RefusesBadInputNamingIt) {
  const std::int32_t table[] = {1, 0};
  const std::vector<double> v = {1, 2};
  const row_run run{0, 2, 0};
  const std::span<const row_run> one{&run, 1};
  std::vector<double> out(2, -1);
  auto message = [&](std::vector<std::int32_t> area, neighbour_table t, std::size_t out_size = 2) {
    out.assign(out_size, -1);
    try {
      neighbour_means(v, area, one, t, out);
    } catch (const std::invalid_argument& x) {
      return std::string(x.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message({0, 1}, {table, 1}), "accepted");
  EXPECT_EQ(message({1, 1}, {table, 1}), "rows 0 and 1: area 1 twice in one group");
  EXPECT_NE(message({0, 2}, {table, 1}).find("row 1: area 2 is outside the 2 areas"), std::string::npos);
  EXPECT_NE(message({0, 1}, {table, 0}).find("at least 1"), std::string::npos);
  EXPECT_NE(message({0, 1}, {{table, 1}, 1}).find("area 0: neighbour 1 is 1"), std::string::npos);
  EXPECT_NE(message({0}, {table, 1}).find("area has 1 elements"), std::string::npos);
  EXPECT_NE(message({0, 1}, {table, 1}, 3).find("output has 3"), std::string::npos);
  const std::int32_t odd[] = {1, 0, 1};
  EXPECT_NE(message({0, 1}, {odd, 2}).find("not a multiple of 2"), std::string::npos);
  EXPECT_EQ(out, std::vector<double>(2, -1));  // nothing written
}

// --- a committed LAIT extract, against figures computed independently (tests/data) -------------

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) cells.emplace_back();
    else if (c != '\r') cells.back() += c;
  }
  return cells;
}

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(std::string(INDEVAL_TEST_DATA) + "/" + name);
  EXPECT_TRUE(in) << name;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(split_csv(line));
  return rows;
}

TEST(CompareLait, ExtractAgreesWithAnIndependentComputation) {
  // measure,period,area,value,polarity,quartiles,rank,band,sn_mean
  const auto rows = read_csv("lait_extract.csv");
  const auto sn = read_csv("statistical_neighbours.csv");  // la_number,la_name,region,sn1,...
  ASSERT_GT(rows.size(), 1000u);
  ASSERT_EQ(sn.size(), 158u);
  std::map<int, std::int32_t> dense;
  for (const auto& r : sn) dense.emplace(std::stoi(r[0]), static_cast<std::int32_t>(dense.size()));
  std::vector<std::int32_t> table;
  for (const auto& r : sn)
    for (int k = 0; k < 10; ++k) table.push_back(dense.at(std::stoi(r[3 + 2 * k])));

  std::vector<double> values;
  std::vector<std::int32_t> area, first, count, entry;
  std::vector<compare_entry> entries;
  std::vector<row_run> runs;
  std::vector<std::size_t> source;  // row of the extract
  std::string group;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const int code = std::stoi(r[2]);
    if (code >= 970 && code <= 990) continue;  // England and the regions are comparators
    if (r[0] + "|" + r[1] != group) {
      group = r[0] + "|" + r[1];
      first.push_back(static_cast<std::int32_t>(values.size()));
      count.push_back(0);
      entry.push_back(static_cast<std::int32_t>(entries.size()));
      entries.push_back({parse_polarity(r[4]).value(), r[5] == "yes"});
    }
    ++count.back();
    values.push_back(r[3] == "-" ? nan : std::strtod(r[3].c_str(), nullptr));
    area.push_back(dense.at(code));
    source.push_back(i);
  }
  for (std::size_t k = 0; k < first.size(); ++k)
    runs.push_back({static_cast<std::size_t>(first[k]), static_cast<std::size_t>(count[k]), entry[k]});
  ranks rank(values.size());
  bands band(values.size());
  std::vector<double> mean(values.size());
  compare(values, runs, entries, {rank, band});
  neighbour_means(values, area, runs, {table, 10}, mean);
  std::size_t banded = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto& r = rows[source[i]];
    ASSERT_EQ(rank[i], std::stoi(r[6])) << r[0] << " " << r[1] << " " << r[2];
    ASSERT_STREQ(to_string(static_cast<quartile>(band[i])), r[7].c_str()) << r[0] << " " << r[2];
    banded += band[i] != 0;
    if (r[8].empty()) {
      ASSERT_TRUE(std::isnan(mean[i])) << r[0] << " " << r[2];
    } else {  // pandas sums in another order: equal to a few units in the last place
      const double want = std::strtod(r[8].c_str(), nullptr);
      ASSERT_NEAR(mean[i], want, 4 * std::abs(want) * std::numeric_limits<double>::epsilon());
    }
  }
  EXPECT_GT(banded, 500u);
  // Read as published, 2yr_Ofsted_rating 2024 has ties that its raw doubles do not.
  ranks raw_rank(values.size());
  compare(values, runs, entries, {raw_rank, {}}, {0, 1});
  EXPECT_NE(raw_rank, rank);
}

}  // namespace
