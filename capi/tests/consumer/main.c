/* A C program of someone else's that uses the installed C ABI. */
#include <indeval.h>
#include <math.h>
#include <stdio.h>

int main(void) {
  indeval_rules* rules = NULL;
  int32_t position = -1, status = -1, major = 0;
  char text[256];
  if (indeval_abi_version(&major, NULL) != INDEVAL_OK || major != INDEVAL_ABI_MAJOR) return 1;
  if (indeval_rules_parse("95% or above Green 85%-94% Amber 84% and below Red", &rules,
                          &position) != INDEVAL_OK)
    return 2;
  if (indeval_rules_evaluate(rules, 63.9, NAN, NAN, INDEVAL_NO_DECIMALS, INDEVAL_SCALE_POINTS,
                             &status, NULL) != INDEVAL_OK)
    return 3;
  if (indeval_rules_explain(rules, 63.9, NAN, NAN, INDEVAL_NO_DECIMALS, INDEVAL_SCALE_POINTS,
                            INDEVAL_UNIT_PERCENT, text, (int32_t)sizeof text, NULL) != INDEVAL_OK)
    return 4;
  printf("%s\n", text);
  indeval_rules_free(rules);
  return status == INDEVAL_STATUS_RED ? 0 : 5;
}
