// Rule sets of the seed scorecard (Ofsted improvement board, November 2017), built by hand as data
// so the core's tests do not depend on the rule-text parser.
#pragma once

#include <indeval/rule_set.hpp>

namespace indeval::test {

inline bound at_least(double x) { return {comparison::at_least, basis::absolute, x}; }
inline bound at_most(double x) { return {comparison::at_most, basis::absolute, x}; }
inline bound above(double x) { return {comparison::above, basis::absolute, x}; }
inline bound below(double x) { return {comparison::below, basis::absolute, x}; }

/// "G or above Green A-(G-1) Amber and below Red"
inline rule_set rising(double green, double amber) {
  return rule_set({band{status::green, at_least(green), std::nullopt},
                   band{status::amber, at_least(amber), at_most(green - 1)},
                   band{status::red, std::nullopt, at_most(amber - 1)}});
}

/// "G or below Green lo-A Amber hi and above Red"
inline rule_set falling(double green, double amber_from, double amber, double red_from) {
  return rule_set({band{status::green, at_most(green), std::nullopt},
                   band{status::amber, at_most(amber), at_least(amber_from)},
                   band{status::red, std::nullopt, at_least(red_from)}});
}

// AMT 2, FD 3 ...: "95% or above Green 85%-94% Amber 84% and below Red"
inline rule_set amt2() { return rising(95, 85); }
// CIN 4, CIN 5, CP 13, LAC 10, LAC 11, CL a: "98% or above Green 90%-97% Amber 89% and below Red"
inline rule_set visits() { return rising(98, 90); }
// W 1: "17 or below Green 18.1-20 Amber 20.1 and above Red"
inline rule_set w1() { return falling(17, 18.1, 20, 20.1); }
// AD 7: "558 or below Green 559 to 608 Amber 609 and above Red"
inline rule_set ad7() { return falling(558, 559, 608, 609); }
// CP 10: "10% of cohort or below Green 10-15% Amber 16% and above Red"
inline rule_set cp10() {
  return rule_set({band{status::green, bound{comparison::at_most, basis::cohort_percent, 10}, {}},
                   band{status::amber, bound{comparison::at_most, basis::cohort_percent, 15},
                        bound{comparison::at_least, basis::cohort_percent, 10}},
                   band{status::red, std::nullopt, bound{comparison::at_least, basis::cohort_percent, 16}}});
}

}  // namespace indeval::test
