// A program of someone else's that uses an installed indeval.
#include <cstdio>
#include <indeval/indeval.hpp>

int main() {
  using namespace indeval;
  const rule_set rules({band{status::green, bound{comparison::at_least, basis::absolute, 95}, {}},
                        band{status::amber, bound{comparison::at_least, basis::absolute, 85}, {}},
                        band{status::red, {}, {}}});
  const evaluation e = evaluate(rules, 63.9);
  std::printf("indeval %s: %s\n", version_string, explain(e, &rules, {}, unit::percent).c_str());
  return e.rating == status::red ? 0 : 1;
}
