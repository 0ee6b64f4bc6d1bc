// Rule texts parsed per second: the seed scorecard's methodologies, and a few other phrasings.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <indeval/lint.hpp>
#include <indeval/parse.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

// RAG Methodology cells of the seed scorecard (Ofsted improvement board, November 2017).
constexpr std::string_view seed_texts[] = {
    "24% or below Green 25%-34% Amber 35% and above Red",           // P1
    "17 or below Green 18.1-20 Amber 20.1 and above Red",           // W 1
    "22% or below Green 21% - 25% Amber 26% and above Red",         // FD 8
    "95% or above Green 85%-94% Amber 84% and below Red",           // AMT 2
    "98% or above Green 90%-97% Amber 89% and below Red",           // CIN 4
    "10% of cohort or below Green 10-15% Amber 16% and above Red",  // CP 10
    "558 or below Green 559 to 608 Amber 609 and above Red",        // AD 7
    "60% or above Green 55%-59% Amber 54% and below Red",           // LAC 19
};

constexpr std::string_view other_texts[] = {
    "Green: on or above target; Amber: within 5% of target; Red: more than 5% below target",
    "Green if at least 95%, Amber if between 85% and 94%, otherwise Red",
    "Blue: 100%; Green: 95-99%; Amber: 85-94%; Red: below 85%",
    "Green: 1,000 or more, Amber: 500-999, Red: fewer than 500",
};

template <std::size_t N>
void parse_all(benchmark::State& state, const std::string_view (&texts)[N]) {
  for (auto _ : state) {
    for (std::string_view t : texts) benchmark::DoNotOptimize(indeval::parse_rules(t));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(N));
}

void BM_ParseSeedMethodologies(benchmark::State& state) { parse_all(state, seed_texts); }
BENCHMARK(BM_ParseSeedMethodologies);

void BM_ParseOtherPhrasings(benchmark::State& state) { parse_all(state, other_texts); }
BENCHMARK(BM_ParseOtherPhrasings);

void BM_CanonicalText(benchmark::State& state) {
  std::vector<indeval::rule_set> rules;
  for (std::string_view t : seed_texts) rules.push_back(indeval::parse_rules(t));
  for (auto _ : state) {
    for (const auto& r : rules) benchmark::DoNotOptimize(indeval::to_text(r));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(rules.size()));
}
BENCHMARK(BM_CanonicalText);

void BM_LintSeedRow(benchmark::State& state) {
  // W 1: a gap, and a published "Yellow".
  constexpr std::string_view text = "17 or below Green 18.1-20 Amber 20.1 and above Red";
  indeval::indicator ind;
  ind.ref = "W 1";
  ind.polarity = indeval::polarity::smaller_is_better;
  ind.unit = indeval::unit::average;
  ind.target = 17;
  ind.rules = indeval::parse_rules(text);
  const std::vector<indeval::observation> series = {
      {"Apr-17", 16, "", ""}, {"May-17", 16, "", ""},      {"Jun-17", 17, "", ""},
      {"Jul-17", 17, "", ""}, {"Aug-17", 17, "", ""},      {"Sep-17", 17, "", ""},
      {"Oct-17", 17, "", ""}, {"Nov-17", 18, "", "Yellow"}};
  for (auto _ : state) benchmark::DoNotOptimize(indeval::lint(ind, series, text));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LintSeedRow);

}  // namespace
