// Rates thirteen indicators of a real children's-services scorecard (Ofsted improvement board,
// November 2017) for October and November, with the rule sets built as data.
//
//   build/release/examples/seed_scorecard
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <indeval/indeval.hpp>

using namespace indeval;

namespace {

bound at_least(double x) { return {comparison::at_least, basis::absolute, x}; }
bound at_most(double x) { return {comparison::at_most, basis::absolute, x}; }

// "G% or above Green A%-(G-1)% Amber (A-1)% and below Red"
rule_set rising(double green, double amber) {
  return rule_set({band{status::green, at_least(green), std::nullopt},
                   band{status::amber, at_least(amber), at_most(green - 1)},
                   band{status::red, std::nullopt, at_most(amber - 1)}});
}

// "G or below Green F-A Amber R and above Red"
rule_set falling(double green, double amber_from, double amber, double red_from) {
  return rule_set({band{status::green, at_most(green), std::nullopt},
                   band{status::amber, at_most(amber), at_least(amber_from)},
                   band{status::red, std::nullopt, at_least(red_from)}});
}

struct row {
  indicator ind;
  double october;
  double november;
};

indicator make(std::string ref, std::string title, std::string section, polarity p, unit u,
               std::optional<double> target, std::optional<rule_set> rules,
               std::optional<int> decimals = std::nullopt) {
  indicator ind;
  ind.ref = std::move(ref);
  ind.title = std::move(title);
  ind.section = std::move(section);
  ind.polarity = p;
  ind.unit = u;
  ind.target = target;
  ind.rules = std::move(rules);
  ind.decimals = decimals;
  return ind;
}

}  // namespace

int main() {
  const auto bib = polarity::bigger_is_better;
  const auto sib = polarity::smaller_is_better;
  const std::vector<row> scorecard = {
      {make("P1", "Vacancy Rate", "Workforce", sib, unit::percent, 24, falling(24, 25, 34, 35)), 43, 43},
      {make("W 1", "Average Caseload per Social Worker", "Workforce", sib, unit::average, 17,
            falling(17, 18.1, 20, 20.1)), 17, 18},
      {make("W1 a", "Average Caseload per Social Worker - Assessment", "Workforce", sib, unit::average, 20,
            falling(20, 20.1, 22, 22.1)), 30, 28},
      {make("FD 3", "Contacts actioned within 1 working day", "Front Door", bib, unit::percent, 90,
            rising(90, 85)), 86, 82},
      {make("AMT 2", "C&F assessments completed within 45 working days", "Assessment", bib,
            unit::percent, 95.0, rising(95, 85), 1), 67.7, 63.9},
      {make("CIN 4", "CIN visited within last 4 weeks", "Children in Need", bib, unit::percent, 75,
            rising(98, 90)), 62, 62},
      {make("CP 5", "ICPC within 15 working days of the strategy discussion", "Children in Need", bib,
            unit::percent, 80, rising(80, 70)), 27, 32},
      {make("LE 2", "Cases concluded within 26 weeks of issue", "Children in Need", polarity::neutral,
            unit::percent, 95, rising(95, 85), 1), 55.0, 11.0},
      {make("LE 3", "Number of cases in proceedings", "Children in Need", polarity::neutral, unit::count,
            std::nullopt, std::nullopt), 98, 109},
      {make("LAC 10", "LAC visited within statutory timescales", "Looked After Children", bib,
            unit::percent, 98, rising(98, 90)), 90, 90},
      {make("AD 7", "Days between entering care and moving in with the adoptive family", "Adoption", sib,
            unit::days, 558, falling(558, 559, 608, 609)), 413, 460},
      {make("CL 3a", "Care leavers in suitable accommodation", "Care Leavers", bib, unit::percent, 85,
            rising(85, 75)), 87, 86},
      {make("QA 1", "Cases subject to supervision within timescales", "Quality Assurance", sib,
            unit::percent, 90, rising(90, 80)), 45, 43},
  };

  std::printf("%-6s %-9s %-8s %-8s %-9s %s\n", "ref", "Nov-17", "status", "Oct-17", "direction",
              "explanation");
  for (const row& r : scorecard) {
    const evaluation now = evaluate(r.ind, r.november);
    const evaluation before = evaluate(r.ind, r.october);
    const direction moved = travel(r.ind, r.october, r.november);
    std::printf("%-6s %-9s %-8s %-8s %-9s %s\n", r.ind.ref.c_str(),
                format_value(r.november, r.ind.unit, r.ind.decimals).c_str(),
                std::string(to_string(now.rating)).c_str(),
                std::string(to_string(before.rating)).c_str(),
                std::string(to_string(moved)).c_str(), explain(now, r.ind).c_str());
  }
  return 0;
}
