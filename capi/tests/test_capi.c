/* The C ABI from C99: every function of indeval.h, its results and its error paths (NULL pointers,
 * negative counts, bad codes, small buffers, wrong and freed handles, parse errors with their
 * position, NaN and infinite values). Built with -std=c99 -Wall -Wextra -pedantic -Werror. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"

static const char* const AMT2 = "95% or above Green 85%-94% Amber 84% and below Red";
static const char* const W1 = "17 or below Green 18.1-20 Amber 20.1 and above Red";
static const char* const TARGETED =
    "target or above Green, within 5% of target Amber, otherwise Red";
static const char* const COHORT = "10% of cohort or below Green 10-15% Amber 16% and above Red";

/* ASCII into UTF-16 (C99 has no u"" literals). */
static void to16(const char* text, uint16_t* out) {
  size_t i = 0;
  for (; text[i] != '\0'; ++i) out[i] = (uint16_t)(unsigned char)text[i];
  out[i] = 0;
}

static int equal16(const uint16_t* wide, const char* ascii) {
  size_t i = 0;
  for (; ascii[i] != '\0'; ++i)
    if (wide[i] != (uint16_t)(unsigned char)ascii[i]) return 0;
  return wide[i] == 0;
}

static const char* last_error_text(void) {
  static char message[2048];
  message[0] = '\0';
  indeval_last_error(message, (int32_t)sizeof message, NULL);
  return message;
}

static indeval_rules* parse(const char* text) {
  indeval_rules* rules = NULL;
  int32_t position = 99;
  CHECK_OK(indeval_rules_parse(text, &rules, &position));
  CHECK(rules != NULL);
  CHECK(position == -1);
  return rules;
}

static int32_t rate(const indeval_rules* rules, double value) {
  int32_t status = -1;
  CHECK_OK(indeval_rules_evaluate(rules, value, NAN, NAN, INDEVAL_NO_DECIMALS, INDEVAL_SCALE_POINTS,
                                  &status, NULL));
  return status;
}

/* ---- library -------------------------------------------------------------------------------- */

static void test_versions(void) {
  int32_t major = -1, minor = -1, patch = -1, needed = -1;
  char text[64], expected[64], small[3];
  CHECK_OK(indeval_version(&major, &minor, &patch));
  CHECK(major >= 0 && minor >= 0 && patch >= 0);
  CHECK_OK(indeval_version(NULL, NULL, NULL));
  CHECK_OK(indeval_version_string(text, (int32_t)sizeof text, &needed));
  snprintf(expected, sizeof expected, "%d.%d.%d", (int)major, (int)minor, (int)patch);
  CHECK(strcmp(text, expected) == 0);
  CHECK(needed == (int32_t)strlen(expected));
  /* asking for the length */
  needed = -1;
  CHECK_RC(indeval_version_string(NULL, 0, &needed), INDEVAL_E_BUFFER);
  CHECK(needed == (int32_t)strlen(expected));
  /* too small: truncated, NUL-terminated */
  CHECK_RC(indeval_version_string(small, (int32_t)sizeof small, &needed), INDEVAL_E_BUFFER);
  CHECK(small[2] == '\0' && strncmp(small, expected, 2) == 0);
  /* exactly the length is one short (the NUL) */
  CHECK_RC(indeval_version_string(text, needed, NULL), INDEVAL_E_BUFFER);
  CHECK_OK(indeval_version_string(text, needed + 1, NULL));
  CHECK_RC(indeval_version_string(text, -1, &needed), INDEVAL_E_RANGE);
  CHECK_RC(indeval_version_string(NULL, 8, &needed), INDEVAL_E_NULL);

  major = minor = -1;
  CHECK_OK(indeval_abi_version(&major, &minor));
  CHECK(major == INDEVAL_ABI_MAJOR);
  CHECK(minor >= INDEVAL_ABI_MINOR);
  CHECK_OK(indeval_abi_version(NULL, NULL));
}

static void test_last_error(void) {
  char message[512], tiny[8];
  uint16_t wide[512];
  int32_t needed = -1, wide_needed = -1;
  size_t i;
  indeval_rules* rules = NULL;

  CHECK_RC(indeval_rules_parse(NULL, &rules, NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_last_error(message, (int32_t)sizeof message, &needed));
  CHECK(strstr(message, "indeval_rules_parse") != NULL);
  CHECK(strstr(message, "text") != NULL);
  CHECK(needed == (int32_t)strlen(message));

  /* a successful call leaves the message alone */
  CHECK_OK(indeval_abi_version(NULL, NULL));
  CHECK_OK(indeval_last_error(message, (int32_t)sizeof message, NULL));
  CHECK(strstr(message, "indeval_rules_parse") != NULL);

  /* reading it with too small a buffer fails without replacing it */
  CHECK_RC(indeval_last_error(tiny, (int32_t)sizeof tiny, &needed), INDEVAL_E_BUFFER);
  CHECK(strlen(tiny) == sizeof tiny - 1);
  CHECK_RC(indeval_last_error(NULL, 0, &needed), INDEVAL_E_BUFFER);
  CHECK_RC(indeval_last_error(NULL, 4, &needed), INDEVAL_E_NULL);
  CHECK_RC(indeval_last_error(message, -3, &needed), INDEVAL_E_RANGE);
  CHECK_OK(indeval_last_error(message, (int32_t)sizeof message, NULL));
  CHECK(strstr(message, "indeval_rules_parse") != NULL);

  /* UTF-16: the same text */
  CHECK_OK(indeval_last_error_w(wide, (int32_t)(sizeof wide / sizeof wide[0]), &wide_needed));
  CHECK(wide_needed == (int32_t)strlen(message));
  for (i = 0; message[i] != '\0'; ++i) CHECK(wide[i] == (uint16_t)(unsigned char)message[i]);
  CHECK_RC(indeval_last_error_w(wide, 4, &wide_needed), INDEVAL_E_BUFFER);
  CHECK(wide[3] == 0);
  CHECK_RC(indeval_last_error_w(NULL, 4, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_last_error_w(wide, -1, NULL), INDEVAL_E_RANGE);
}

static void test_no_figure(void) {
  double nan_value = 0.0;
  CHECK_OK(indeval_no_figure(&nan_value));
  CHECK(isnan(nan_value));
  CHECK_RC(indeval_no_figure(NULL), INDEVAL_E_NULL);
}

/* ---- rule sets ------------------------------------------------------------------------------- */

static void test_parse_and_print(void) {
  indeval_rules *rules = NULL, *again = NULL, *copy = NULL;
  int32_t position = 99, needed = -1, needed_again = -1;
  char text[512], text_again[512], small[10];
  uint16_t wide[512];
  int32_t bands = -1, orientation = -1, needs_target = -1, needs_cohort = -1;

  rules = parse(AMT2);
  CHECK_OK(indeval_rules_print(rules, text, (int32_t)sizeof text, &needed));
  CHECK(needed == (int32_t)strlen(text));
  CHECK(strstr(text, "Green") != NULL && strstr(text, "Amber") != NULL &&
        strstr(text, "Red") != NULL);
  /* the canonical text parses back to the same rule set */
  again = parse(text);
  CHECK_OK(indeval_rules_print(again, text_again, (int32_t)sizeof text_again, &needed_again));
  CHECK(strcmp(text, text_again) == 0);
  CHECK(rate(again, 63.9) == INDEVAL_STATUS_RED);
  CHECK_OK(indeval_rules_free(again));

  /* buffers */
  CHECK_RC(indeval_rules_print(rules, NULL, 0, &needed_again), INDEVAL_E_BUFFER);
  CHECK(needed_again == needed);
  CHECK_RC(indeval_rules_print(rules, small, (int32_t)sizeof small, NULL), INDEVAL_E_BUFFER);
  CHECK(strlen(small) == sizeof small - 1 && strncmp(small, text, sizeof small - 1) == 0);
  CHECK_RC(indeval_rules_print(rules, text, needed, NULL), INDEVAL_E_BUFFER);
  CHECK_OK(indeval_rules_print(rules, text, needed + 1, NULL));
  CHECK_RC(indeval_rules_print(rules, text, -5, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_print(rules, NULL, 5, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_rules_print(NULL, text, (int32_t)sizeof text, NULL), INDEVAL_E_NULL);
  CHECK_OK(
      indeval_rules_print_w(rules, wide, (int32_t)(sizeof wide / sizeof wide[0]), &needed_again));
  CHECK(needed_again == needed && equal16(wide, text));
  CHECK_RC(indeval_rules_print_w(rules, wide, 3, NULL), INDEVAL_E_BUFFER);
  CHECK(wide[2] == 0);
  CHECK_RC(indeval_rules_print_w(NULL, wide, 3, NULL), INDEVAL_E_NULL);

  /* facts */
  CHECK_OK(indeval_rules_info(rules, &bands, &orientation, &needs_target, &needs_cohort));
  CHECK(bands == 3 && orientation == INDEVAL_ORIENTATION_RISING);
  CHECK(needs_target == 0 && needs_cohort == 0);
  CHECK_OK(indeval_rules_info(rules, NULL, NULL, NULL, NULL));
  CHECK_RC(indeval_rules_info(NULL, &bands, NULL, NULL, NULL), INDEVAL_E_NULL);
  copy = parse(W1);
  CHECK_OK(indeval_rules_info(copy, &bands, &orientation, NULL, NULL));
  CHECK(orientation == INDEVAL_ORIENTATION_FALLING);
  CHECK_OK(indeval_rules_free(copy));
  copy = parse(COHORT);
  CHECK_OK(indeval_rules_info(copy, NULL, NULL, &needs_target, &needs_cohort));
  CHECK(needs_target == 0 && needs_cohort == 1);
  CHECK_OK(indeval_rules_free(copy));

  /* clone: an independent copy */
  copy = NULL;
  CHECK_OK(indeval_rules_clone(rules, &copy));
  CHECK(copy != NULL && copy != rules);
  CHECK_OK(indeval_rules_free(rules));
  CHECK(rate(copy, 90) == INDEVAL_STATUS_AMBER);
  CHECK_RC(indeval_rules_clone(NULL, &rules), INDEVAL_E_NULL);
  CHECK_RC(indeval_rules_clone(copy, NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_rules_free(copy));

  /* parse errors: the position of the problem, and a message that names it */
  rules = (indeval_rules*)&position; /* must be reset to NULL on failure */
  CHECK_RC(indeval_rules_parse("95% or above Purple", &rules, &position), INDEVAL_E_PARSE);
  CHECK(rules == NULL);
  CHECK(position == 13);
  CHECK(strstr(last_error_text(), "Purple") != NULL);
  CHECK_RC(indeval_rules_parse("", &rules, &position), INDEVAL_E_PARSE);
  CHECK(position == 0);
  CHECK_RC(indeval_rules_parse("Green", &rules, NULL), INDEVAL_E_PARSE);
  position = 99;
  CHECK_RC(indeval_rules_parse(NULL, &rules, &position), INDEVAL_E_NULL);
  CHECK(position == -1);
  CHECK_RC(indeval_rules_parse(AMT2, NULL, &position), INDEVAL_E_NULL);
  /* UTF-8 positions count bytes: "\xE2\x89\xA5" is the 3-byte sign >= */
  CHECK_RC(indeval_rules_parse("\xE2\x89\xA5 95 Green \xE2\x89\xA5 85 Purple", &rules, &position),
           INDEVAL_E_PARSE);
  CHECK(position == 20);
  /* ... while the message, for people, counts characters */
  CHECK(strstr(last_error_text(), "at character 16") != NULL);
}

/* A message keeps its position however long the text, and stays UTF-8 however bad the text. */
static void test_parse_error_messages(void) {
  static char text[6000];
  indeval_rules* rules = NULL;
  int32_t position = -1;
  const char* message;
  size_t i;
  strcpy(text, "Green: 95 or above ");
  for (i = strlen(text); i < 5019; ++i) text[i] = 'x';
  strcpy(text + 5019, " Red: otherwise");
  CHECK_RC(indeval_rules_parse(text, &rules, &position), INDEVAL_E_PARSE);
  CHECK(position == 19);
  message = last_error_text();
  CHECK(strlen(message) < 300);
  CHECK(strstr(message, "at character 19") != NULL);

  CHECK_RC(indeval_rules_parse("Green 95 \xFF\xFE Red", &rules, &position), INDEVAL_E_PARSE);
  CHECK(position == 9);
  message = last_error_text();
  CHECK(strstr(message, "'\\xFF'") != NULL);
  for (i = 0; message[i] != '\0'; ++i) CHECK((unsigned char)message[i] < 0x80);
}

static void test_parse_w(void) {
  uint16_t wide[128];
  indeval_rules* rules = NULL;
  int32_t position = 99, status = -1;
  char text[256];

  to16(AMT2, wide);
  CHECK_OK(indeval_rules_parse_w(wide, &rules, &position));
  CHECK(rules != NULL && position == -1);
  CHECK(rate(rules, 96) == INDEVAL_STATUS_GREEN);
  CHECK_OK(indeval_rules_print(rules, text, (int32_t)sizeof text, NULL));
  CHECK_OK(indeval_rules_free(rules));

  /* UTF-16 positions count UTF-16 units: U+2265 is one unit */
  to16("# 95 Green # 85 Purple", wide);
  wide[0] = 0x2265;
  wide[11] = 0x2265;
  CHECK_RC(indeval_rules_parse_w(wide, &rules, &position), INDEVAL_E_PARSE);
  CHECK(rules == NULL);
  CHECK(position == 16);
  /* a character outside the BMP (a surrogate pair, here the problem itself) */
  to16("# 95 Green xx", wide);
  wide[0] = 0x2265;
  wide[11] = 0xD83D; /* U+1F7E2, a green circle */
  wide[12] = 0xDFE2;
  CHECK_RC(indeval_rules_parse_w(wide, &rules, &position), INDEVAL_E_PARSE);
  CHECK(position == 11);
  CHECK_RC(indeval_rules_parse("\xE2\x89\xA5 95 Green \xF0\x9F\x9F\xA2", &rules, &position),
           INDEVAL_E_PARSE);
  CHECK(position == 13);
  /* malformed UTF-16 */
  to16("95% or above Green x", wide);
  wide[19] = 0xD800; /* a lone high surrogate before the NUL */
  CHECK_RC(indeval_rules_parse_w(wide, &rules, &position), INDEVAL_E_ENCODING);
  CHECK(position == -1);
  wide[19] = 0xDC00; /* a lone low surrogate */
  CHECK_RC(indeval_rules_parse_w(wide, &rules, &position), INDEVAL_E_ENCODING);
  CHECK_RC(indeval_rules_parse_w(NULL, &rules, &position), INDEVAL_E_NULL);
  to16(AMT2, wide);
  CHECK_RC(indeval_rules_parse_w(wide, NULL, &position), INDEVAL_E_NULL);
  (void)status;
}

static void test_evaluate(void) {
  indeval_rules* amt2 = parse(AMT2);
  indeval_rules* w1 = parse(W1);
  indeval_rules* targeted = parse(TARGETED);
  indeval_rules* cohort = parse(COHORT);
  int32_t status = -1, reason = -1, band = -9;
  double rated = 0, rated_target = 0, distance = 0;

  /* the seed's figures */
  CHECK(rate(amt2, 63.9) == INDEVAL_STATUS_RED);
  CHECK(rate(amt2, 95) == INDEVAL_STATUS_GREEN);
  CHECK(rate(amt2, 94.5) == INDEVAL_STATUS_AMBER);
  CHECK(rate(amt2, 84.5) == INDEVAL_STATUS_RED);
  CHECK(rate(w1, 18) == INDEVAL_STATUS_AMBER);
  CHECK(rate(w1, 17) == INDEVAL_STATUS_GREEN);
  CHECK(rate(w1, 20.05) == INDEVAL_STATUS_RED);

  /* missing and infinite values are ratings, not errors */
  CHECK_OK(indeval_rules_evaluate(amt2, NAN, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NO_DATA);
  CHECK_OK(indeval_rules_evaluate(amt2, INFINITY, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NOT_FINITE);
  CHECK_OK(indeval_rules_evaluate(amt2, -INFINITY, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NOT_FINITE);
  /* no rule set: not rated */
  CHECK_OK(indeval_rules_evaluate(NULL, 50, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NOT_RATED);
  /* decimals and scale */
  CHECK_OK(indeval_rules_evaluate(amt2, 94.95, NAN, NAN, 1, INDEVAL_SCALE_POINTS, &status, NULL));
  CHECK(status == INDEVAL_STATUS_GREEN);
  CHECK_OK(indeval_rules_evaluate(amt2, 94.95, NAN, NAN, INDEVAL_NO_DECIMALS, 0, &status, NULL));
  CHECK(status == INDEVAL_STATUS_AMBER);
  CHECK_OK(indeval_rules_evaluate(amt2, 0.95, NAN, NAN, -1, INDEVAL_SCALE_FRACTION, &status, NULL));
  CHECK(status == INDEVAL_STATUS_GREEN);
  /* relative to a target, a cohort */
  CHECK_OK(indeval_rules_evaluate(targeted, 91, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NEEDS_TARGET);
  CHECK_OK(indeval_rules_evaluate(targeted, 91, 95, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_AMBER && reason == INDEVAL_REASON_RATED);
  CHECK_OK(indeval_rules_evaluate(targeted, 91, INFINITY, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NEEDS_TARGET);
  CHECK_OK(indeval_rules_evaluate(cohort, 12, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NEEDS_COHORT);
  CHECK_OK(indeval_rules_evaluate(cohort, 12, NAN, 100, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_AMBER);

  /* bad arguments */
  CHECK_RC(indeval_rules_evaluate(amt2, 50, NAN, NAN, 16, 0, &status, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_evaluate(amt2, 50, NAN, NAN, -2, 0, &status, NULL), INDEVAL_E_RANGE);
  CHECK(strstr(last_error_text(), "decimals") != NULL);
  CHECK_RC(indeval_rules_evaluate(amt2, 50, NAN, NAN, -1, 2, &status, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_evaluate(amt2, 50, NAN, NAN, -1, -1, &status, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_evaluate(amt2, 50, NAN, NAN, -1, 0, NULL, &reason), INDEVAL_E_NULL);

  /* detail */
  CHECK_OK(indeval_rules_evaluate_detail(targeted, 91, 95, NAN, -1, 0, INDEVAL_POLARITY_BIB,
                                         &status, &reason, &band, &rated, &rated_target,
                                         &distance));
  CHECK(status == INDEVAL_STATUS_AMBER && reason == INDEVAL_REASON_RATED && band == 1);
  CHECK(rated == 91 && rated_target == 95 && distance == -4);
  CHECK_OK(indeval_rules_evaluate_detail(targeted, 91, 95, NAN, -1, 0, INDEVAL_POLARITY_SIB,
                                         &status, NULL, NULL, NULL, NULL, &distance));
  CHECK(distance == 4);
  CHECK_OK(indeval_rules_evaluate_detail(amt2, 94.95, NAN, NAN, 1, 0, 0, &status, NULL, &band,
                                         &rated, &rated_target, &distance));
  CHECK(status == INDEVAL_STATUS_GREEN && band == 0 && rated == 95.0);
  CHECK(isnan(rated_target) && isnan(distance));
  CHECK_OK(indeval_rules_evaluate_detail(amt2, NAN, NAN, NAN, -1, 0, 0, &status, &reason, &band,
                                         &rated, NULL, NULL));
  CHECK(status == INDEVAL_STATUS_NONE && band == -1 && isnan(rated));
  CHECK_OK(indeval_rules_evaluate_detail(NULL, 5, NAN, NAN, -1, 0, 0, &status, &reason, NULL, NULL,
                                         NULL, NULL));
  CHECK(reason == INDEVAL_REASON_NOT_RATED);
  CHECK_RC(indeval_rules_evaluate_detail(amt2, 5, NAN, NAN, -1, 0, 3, &status, NULL, NULL, NULL,
                                         NULL, NULL),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_evaluate_detail(amt2, 5, NAN, NAN, -1, 0, 0, NULL, NULL, NULL, NULL, NULL,
                                         NULL),
           INDEVAL_E_NULL);

  CHECK_OK(indeval_rules_free(amt2));
  CHECK_OK(indeval_rules_free(w1));
  CHECK_OK(indeval_rules_free(targeted));
  CHECK_OK(indeval_rules_free(cohort));
}

static void test_explain(void) {
  indeval_rules* amt2 = parse(AMT2);
  char text[512], small[6];
  uint16_t wide[512];
  int32_t needed = -1, wide_needed = -1;

  CHECK_OK(indeval_rules_explain(amt2, 63.9, NAN, NAN, -1, 0, INDEVAL_UNIT_PERCENT, text,
                                 (int32_t)sizeof text, &needed));
  CHECK(strcmp(text, "Red: 63.9% is below the Amber threshold of 85%") == 0);
  CHECK(needed == (int32_t)strlen(text));
  CHECK_OK(indeval_rules_explain_w(amt2, 63.9, NAN, NAN, -1, 0, INDEVAL_UNIT_PERCENT, wide,
                                   (int32_t)(sizeof wide / sizeof wide[0]), &wide_needed));
  CHECK(equal16(wide, text) && wide_needed == needed);
  CHECK_RC(indeval_rules_explain(amt2, 63.9, NAN, NAN, -1, 0, INDEVAL_UNIT_PERCENT, small,
                                 (int32_t)sizeof small, &needed),
           INDEVAL_E_BUFFER);
  CHECK(strcmp(small, "Red: ") == 0);
  CHECK_RC(indeval_rules_explain_w(amt2, 63.9, NAN, NAN, -1, 0, 1, wide, 2, NULL),
           INDEVAL_E_BUFFER);
  CHECK_OK(indeval_rules_explain(amt2, NAN, NAN, NAN, -1, 0, 0, text, (int32_t)sizeof text, NULL));
  CHECK(strstr(text, "None") == text && strstr(text, "no data") != NULL);
  CHECK_OK(
      indeval_rules_explain(amt2, INFINITY, NAN, NAN, -1, 0, 0, text, (int32_t)sizeof text, NULL));
  CHECK(strstr(text, "None") == text);
  CHECK_OK(indeval_rules_explain(NULL, 5, NAN, NAN, -1, 0, 0, text, (int32_t)sizeof text, NULL));
  CHECK(strstr(text, "not rated") != NULL);
  CHECK_RC(indeval_rules_explain(amt2, 5, NAN, NAN, -1, 0, 5, text, (int32_t)sizeof text, NULL),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_explain(amt2, 5, NAN, NAN, 99, 0, 0, text, (int32_t)sizeof text, NULL),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_explain(amt2, 5, NAN, NAN, -1, 0, 0, NULL, 10, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_rules_explain_w(amt2, 5, NAN, NAN, -1, 7, 0, wide, 10, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_rules_free(amt2));
}

static void test_direction(void) {
  indeval_rules* amt2 = parse(AMT2);
  indeval_rules* w1 = parse(W1);
  int32_t d = -1;
  CHECK_OK(indeval_direction(60, 63.9, INDEVAL_POLARITY_BIB, NULL, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_IMPROVED);
  CHECK_OK(indeval_direction(60, 63.9, INDEVAL_POLARITY_SIB, NULL, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_DECLINED);
  CHECK_OK(indeval_direction(60, 63.9, INDEVAL_POLARITY_NEUTRAL, NULL, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_UP);
  CHECK_OK(indeval_direction(63.9, 60, INDEVAL_POLARITY_NEUTRAL, NULL, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_DOWN);
  /* no polarity: the rule set's orientation decides */
  CHECK_OK(indeval_direction(60, 63.9, INDEVAL_POLARITY_NEUTRAL, amt2, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_IMPROVED);
  CHECK_OK(indeval_direction(18, 19, INDEVAL_POLARITY_NEUTRAL, w1, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_DECLINED);
  /* equal once rounded */
  CHECK_OK(indeval_direction(63.91, 63.94, INDEVAL_POLARITY_BIB, NULL, 1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_SAME);
  CHECK_OK(
      indeval_direction(0.6391, 0.6394, INDEVAL_POLARITY_BIB, NULL, 1, INDEVAL_SCALE_FRACTION, &d));
  CHECK(d == INDEVAL_DIRECTION_SAME);
  CHECK_OK(indeval_direction(NAN, 5, INDEVAL_POLARITY_BIB, NULL, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_NONE);
  CHECK_OK(indeval_direction(5, INFINITY, INDEVAL_POLARITY_BIB, NULL, -1, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_NONE);
  CHECK_RC(indeval_direction(1, 2, 3, NULL, -1, 0, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_direction(1, 2, -1, NULL, -1, 0, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_direction(1, 2, 0, NULL, 16, 0, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_direction(1, 2, 0, NULL, -1, 9, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_direction(1, 2, 0, NULL, -1, 0, NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_rules_free(amt2));
  CHECK_OK(indeval_rules_free(w1));
}

/* ---- indicators and series ------------------------------------------------------------------- */

static void test_indicator(void) {
  indeval_indicator* ind = NULL;
  indeval_rules* w1 = parse(W1);
  int32_t status = -1, reason = -1, d = -1, needed = -1;
  char text[512];
  uint16_t wide[512];

  CHECK_OK(indeval_indicator_create(&ind));
  CHECK(ind != NULL);
  CHECK_RC(indeval_indicator_create(NULL), INDEVAL_E_NULL);
  /* no rules yet: not rated */
  CHECK_OK(indeval_indicator_evaluate(ind, 18, NAN, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NOT_RATED);

  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_REF, "W 1"));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_TITLE, "Average caseload"));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_SECTION, "Workforce"));
  to16(W1, wide);
  CHECK_OK(indeval_indicator_set_text_w(ind, INDEVAL_FIELD_RULE_TEXT, wide));
  CHECK_RC(indeval_indicator_set_text(ind, 4, "x"), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_set_text(ind, -1, "x"), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_set_text(ind, INDEVAL_FIELD_REF, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_indicator_set_text(NULL, INDEVAL_FIELD_REF, "x"), INDEVAL_E_NULL);
  CHECK_RC(indeval_indicator_set_text_w(ind, INDEVAL_FIELD_REF, NULL), INDEVAL_E_NULL);
  wide[0] = 0xDC01;
  CHECK_RC(indeval_indicator_set_text_w(ind, INDEVAL_FIELD_TITLE, wide), INDEVAL_E_ENCODING);
  CHECK_RC(indeval_indicator_set_text_w(ind, 9, wide), INDEVAL_E_ENCODING);
  to16("x", wide);
  CHECK_RC(indeval_indicator_set_text_w(ind, 9, wide), INDEVAL_E_RANGE);

  CHECK_OK(indeval_indicator_set(ind, INDEVAL_POLARITY_SIB, INDEVAL_UNIT_COUNT, 1, 17));
  CHECK_RC(indeval_indicator_set(ind, 3, 0, -1, NAN), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_set(ind, 0, 5, -1, NAN), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_set(ind, 0, 0, 16, NAN), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_set(ind, 0, 0, -1, INFINITY), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_set(NULL, 0, 0, -1, NAN), INDEVAL_E_NULL);
  CHECK_OK(indeval_indicator_set_rules(ind, w1));
  CHECK_RC(indeval_indicator_set_rules(NULL, w1), INDEVAL_E_NULL);
  CHECK_OK(indeval_rules_free(w1)); /* the indicator keeps its own copy */

  CHECK_OK(indeval_indicator_evaluate(ind, 18, NAN, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_AMBER && reason == INDEVAL_REASON_RATED);
  CHECK_OK(indeval_indicator_evaluate(ind, 17.04, NAN, 0, &status, NULL)); /* 1 dp: 17.0 */
  CHECK(status == INDEVAL_STATUS_GREEN);
  CHECK_OK(indeval_indicator_evaluate(ind, NAN, NAN, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NO_DATA);
  CHECK_RC(indeval_indicator_evaluate(ind, 18, NAN, 2, &status, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_indicator_evaluate(ind, 18, NAN, 0, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_indicator_evaluate(NULL, 18, NAN, 0, &status, NULL), INDEVAL_E_NULL);

  CHECK_OK(indeval_indicator_explain(ind, 18, NAN, 0, text, (int32_t)sizeof text, &needed));
  CHECK(strstr(text, "Amber: 18") == text);
  CHECK_OK(indeval_indicator_explain_w(ind, 18, NAN, 0, wide, 512, NULL));
  CHECK(equal16(wide, text));
  CHECK_RC(indeval_indicator_explain(ind, 18, NAN, 0, text, 4, NULL), INDEVAL_E_BUFFER);
  CHECK_RC(indeval_indicator_explain_w(ind, 18, NAN, 0, NULL, 0, &needed), INDEVAL_E_BUFFER);
  CHECK(needed > 0);
  CHECK_RC(indeval_indicator_explain(NULL, 18, NAN, 0, text, 4, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_indicator_explain_w(ind, 18, NAN, 5, wide, 512, NULL), INDEVAL_E_RANGE);

  /* SIB: down is better */
  CHECK_OK(indeval_indicator_direction(ind, 19, 18, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_IMPROVED);
  CHECK_OK(indeval_indicator_direction(ind, 18.01, 18.04, 0, &d)); /* 1 dp */
  CHECK(d == INDEVAL_DIRECTION_SAME);
  CHECK_OK(indeval_indicator_direction(ind, NAN, 18, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_NONE);
  CHECK_RC(indeval_indicator_direction(ind, 1, 2, 0, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_indicator_direction(NULL, 1, 2, 0, &d), INDEVAL_E_NULL);
  CHECK_RC(indeval_indicator_direction(ind, 1, 2, 3, &d), INDEVAL_E_RANGE);

  /* back to not rated */
  CHECK_OK(indeval_indicator_set_rules(ind, NULL));
  CHECK_OK(indeval_indicator_evaluate(ind, 18, NAN, 0, &status, &reason));
  CHECK(reason == INDEVAL_REASON_NOT_RATED);
  CHECK_OK(indeval_indicator_free(ind));
  CHECK_OK(indeval_indicator_free(NULL));
}

static void test_series_and_lint(void) {
  indeval_indicator* ind = NULL;
  indeval_series* series = NULL;
  indeval_findings* findings = NULL;
  indeval_rules* w1 = parse(W1);
  int32_t count = -1, severity = -1, needed = -1, d = -1, i, gap = 0, unknown = 0, found = 0;
  char text[512];
  uint16_t wide[512], period16[16], note16[16], published16[16];
  const char* periods[4] = {"Aug-17", "Sep-17", "Oct-17", "Nov-17"};
  const double values[4] = {19, 21, 19, 18};
  const char* notes[4] = {NULL, "", "", ""};
  const char* published[4] = {"Amber", NULL, "Amber", "Yellow"};
  const char* bad_periods[2] = {"Dec-17", NULL};

  CHECK_OK(indeval_indicator_create(&ind));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_REF, "W 1"));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_RULE_TEXT, W1));
  CHECK_OK(indeval_indicator_set(ind, INDEVAL_POLARITY_SIB, INDEVAL_UNIT_COUNT, -1, 17));
  CHECK_OK(indeval_indicator_set_rules(ind, w1));

  CHECK_OK(indeval_series_create(&series));
  CHECK_RC(indeval_series_create(NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_series_add_many(series, 0, NULL, NULL, NULL, NULL));
  CHECK_OK(indeval_series_add(series, "Jul-17", 20, NULL, NULL));
  CHECK_OK(indeval_series_add_many(series, 4, periods, values, notes, published));
  CHECK_OK(indeval_series_size(series, &count));
  CHECK(count == 5);
  CHECK_RC(indeval_series_add_many(series, -1, periods, values, NULL, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_series_add_many(series, 2, bad_periods, values, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_many(series, 2, NULL, values, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_many(series, 2, periods, NULL, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_many(NULL, 1, periods, values, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add(series, NULL, 1, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add(NULL, "Jan-18", 1, NULL, NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_series_size(series, &count));
  CHECK(count == 5); /* failed calls added nothing */
  CHECK_RC(indeval_series_size(series, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_size(NULL, &count), INDEVAL_E_NULL);

  /* direction between observations: across a definition change there is none */
  CHECK_OK(indeval_series_direction(ind, series, 3, 4, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_IMPROVED);
  to16("Dec-17", period16);
  to16("6m+", note16);
  to16("Green", published16);
  CHECK_OK(indeval_series_add_w(series, period16, 17, note16, published16));
  CHECK_OK(indeval_series_add_w(series, period16, NAN, NULL, NULL));
  CHECK_OK(indeval_series_direction(ind, series, 4, 5, 0, &d));
  CHECK(d == INDEVAL_DIRECTION_NONE);
  CHECK_OK(indeval_series_size(series, &count));
  CHECK(count == 7);
  CHECK_RC(indeval_series_direction(ind, series, 0, 7, 0, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_series_direction(ind, series, -1, 2, 0, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_series_direction(ind, series, 0, 1, 2, &d), INDEVAL_E_RANGE);
  CHECK_RC(indeval_series_direction(ind, series, 0, 1, 0, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_direction(NULL, series, 0, 1, 0, &d), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_direction(ind, NULL, 0, 1, 0, &d), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_w(series, NULL, 1, NULL, NULL), INDEVAL_E_NULL);
  period16[1] = 0xD801;
  CHECK_RC(indeval_series_add_w(series, period16, 1, NULL, NULL), INDEVAL_E_ENCODING);
  CHECK_RC(indeval_series_add_w(series, note16, 1, period16, NULL), INDEVAL_E_ENCODING);
  CHECK_RC(indeval_series_add_w(series, note16, 1, NULL, period16), INDEVAL_E_ENCODING);

  /* lint */
  findings = (indeval_findings*)&count;
  CHECK_RC(indeval_lint(NULL, series, NAN, &findings), INDEVAL_E_NULL);
  CHECK(findings == NULL);
  CHECK_RC(indeval_lint(ind, series, NAN, NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_lint(ind, series, NAN, &findings));
  CHECK(findings != NULL);
  CHECK_OK(indeval_findings_count(findings, &count));
  CHECK(count >= 2);
  for (i = 0; i < count; ++i) {
    CHECK_OK(indeval_findings_severity(findings, i, &severity));
    CHECK(severity >= INDEVAL_SEVERITY_INFO && severity <= INDEVAL_SEVERITY_ERROR);
    CHECK_OK(indeval_findings_text(findings, i, INDEVAL_FINDING_CODE, text, (int32_t)sizeof text,
                                   &needed));
    if (strcmp(text, "band-gap") == 0) {
      ++gap;
      CHECK(severity == INDEVAL_SEVERITY_WARNING);
      CHECK_OK(indeval_findings_text(findings, i, INDEVAL_FINDING_WHERE, text, (int32_t)sizeof text,
                                     NULL));
      CHECK(strncmp(text, "rules", 5) == 0);
    }
    if (strcmp(text, "published-unknown") == 0) {
      ++unknown;
      CHECK(severity == INDEVAL_SEVERITY_ERROR);
      CHECK_OK(indeval_findings_text(findings, i, INDEVAL_FINDING_WHERE, text, (int32_t)sizeof text,
                                     NULL));
      CHECK(strcmp(text, "Nov-17") == 0);
      CHECK_OK(indeval_findings_text(findings, i, INDEVAL_FINDING_MESSAGE, text,
                                     (int32_t)sizeof text, NULL));
      CHECK(strstr(text, "Yellow") != NULL);
      CHECK_OK(indeval_findings_text_w(findings, i, INDEVAL_FINDING_MESSAGE, wide, 512, &needed));
      CHECK(equal16(wide, text) && needed == (int32_t)strlen(text));
      ++found;
    }
  }
  CHECK(gap == 1);
  CHECK(unknown == 1);
  CHECK(found == 1);
  CHECK_RC(indeval_findings_severity(findings, count, &severity), INDEVAL_E_RANGE);
  CHECK_RC(indeval_findings_severity(findings, -1, &severity), INDEVAL_E_RANGE);
  CHECK_RC(indeval_findings_severity(findings, 0, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_findings_severity(NULL, 0, &severity), INDEVAL_E_NULL);
  CHECK_RC(indeval_findings_text(findings, count, 0, text, 10, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_findings_text(findings, 0, 3, text, 10, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_findings_text(findings, 0, INDEVAL_FINDING_MESSAGE, text, 2, &needed),
           INDEVAL_E_BUFFER);
  CHECK(needed > 2 && strlen(text) == 1);
  CHECK_RC(indeval_findings_text(NULL, 0, 0, text, 10, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_findings_text_w(findings, 0, -1, wide, 10, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_findings_text_w(findings, 0, 0, NULL, 10, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_findings_count(findings, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_findings_count(NULL, &count), INDEVAL_E_NULL);
  CHECK_OK(indeval_findings_free(findings));
  CHECK_OK(indeval_findings_free(NULL));

  /* without a series; with cohort rules and no cohort */
  CHECK_OK(indeval_indicator_set_rules(ind, NULL));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_RULE_TEXT, "95% or above Purple"));
  CHECK_OK(indeval_lint(ind, NULL, NAN, &findings));
  CHECK_OK(indeval_findings_count(findings, &count));
  CHECK(count >= 1);
  CHECK_OK(
      indeval_findings_text(findings, 0, INDEVAL_FINDING_CODE, text, (int32_t)sizeof text, NULL));
  CHECK(strcmp(text, "rules-unreadable") == 0);
  CHECK_OK(indeval_findings_free(findings));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_RULE_TEXT, COHORT));
  CHECK_OK(indeval_lint(ind, NULL, NAN, &findings));
  CHECK_OK(indeval_findings_count(findings, &count));
  found = 0;
  for (i = 0; i < count; ++i) {
    CHECK_OK(
        indeval_findings_text(findings, i, INDEVAL_FINDING_CODE, text, (int32_t)sizeof text, NULL));
    if (strcmp(text, "needs-denominator") == 0) ++found;
  }
  CHECK(found == 1);
  CHECK_OK(indeval_findings_free(findings));
  CHECK_OK(indeval_lint(ind, NULL, 120, &findings));
  CHECK_OK(indeval_findings_count(findings, &count));
  for (i = 0; i < count; ++i) {
    CHECK_OK(
        indeval_findings_text(findings, i, INDEVAL_FINDING_CODE, text, (int32_t)sizeof text, NULL));
    CHECK(strcmp(text, "needs-denominator") != 0);
  }
  CHECK_OK(indeval_findings_free(findings));

  CHECK_OK(indeval_series_free(series));
  CHECK_OK(indeval_series_free(NULL));
  CHECK_OK(indeval_indicator_free(ind));
  CHECK_OK(indeval_rules_free(w1));
}

/* ---- catalogue and bulk ---------------------------------------------------------------------- */

/* A small deterministic generator (the C library's rand() differs between platforms). */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static double next_unit(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

static void test_catalogue_and_bulk(void) {
  enum { N = 1000 };
  indeval_catalogue *cat = NULL, *empty = NULL;
  indeval_rules* amt2 = parse(AMT2);
  indeval_rules* w1 = parse(W1);
  indeval_rules* targeted = parse(TARGETED);
  indeval_rules* cohort_rules = parse(COHORT);
  indeval_indicator* ind = NULL;
  static double values[N], previous[N], target[N], cohort[N];
  static int32_t index[N];
  static int8_t status[N], reason[N], direction[N], status2[N], reason2[N], direction2[N];
  static uint8_t bytes[N]; /* what a VBA Byte array is */
  int32_t at = -1, size = -1, i, expect_status, expect_reason, expect_direction, rc, kernel;
  const int32_t decimals[5] = {-1, 1, -1, 0, -1};
  const int32_t scale[5] = {0, 0, 0, 1, 0};
  const int32_t polarity[5] = {1, 2, 0, 1, 0};
  indeval_rules* rules_of[5];
  rules_of[0] = amt2;
  rules_of[1] = w1;
  rules_of[2] = NULL;
  rules_of[3] = targeted;
  rules_of[4] = cohort_rules;

  CHECK_OK(indeval_catalogue_create(&cat));
  CHECK_RC(indeval_catalogue_create(NULL), INDEVAL_E_NULL);
  CHECK_OK(
      indeval_catalogue_add(cat, amt2, -1, INDEVAL_SCALE_POINTS, INDEVAL_POLARITY_BIB, NAN, &at));
  CHECK(at == 0);
  CHECK_OK(indeval_catalogue_add(cat, w1, 1, INDEVAL_SCALE_POINTS, INDEVAL_POLARITY_SIB, NAN, &at));
  CHECK(at == 1);
  CHECK_OK(indeval_catalogue_add(cat, NULL, -1, 0, 0, NAN, &at)); /* not rated */
  CHECK(at == 2);
  CHECK_OK(indeval_catalogue_add(cat, targeted, 0, INDEVAL_SCALE_FRACTION, INDEVAL_POLARITY_BIB,
                                 0.95, NULL));
  CHECK_OK(indeval_indicator_create(&ind));
  CHECK_OK(indeval_indicator_set_rules(ind, cohort_rules));
  CHECK_OK(indeval_catalogue_add_indicator(cat, ind, INDEVAL_SCALE_POINTS, &at));
  CHECK(at == 4);
  CHECK_OK(indeval_catalogue_size(cat, &size));
  CHECK(size == 5);
  /* refused entries change nothing */
  CHECK_RC(indeval_catalogue_add(cat, amt2, 16, 0, 0, NAN, &at), INDEVAL_E_RANGE);
  CHECK_RC(indeval_catalogue_add(cat, amt2, -1, 2, 0, NAN, &at), INDEVAL_E_RANGE);
  CHECK_RC(indeval_catalogue_add(cat, amt2, -1, 0, 7, NAN, &at), INDEVAL_E_RANGE);
  CHECK_RC(indeval_catalogue_add(NULL, amt2, -1, 0, 0, NAN, &at), INDEVAL_E_NULL);
  CHECK_RC(indeval_catalogue_add_indicator(cat, NULL, 0, &at), INDEVAL_E_NULL);
  CHECK_RC(indeval_catalogue_add_indicator(cat, ind, 3, &at), INDEVAL_E_RANGE);
  CHECK_RC(indeval_catalogue_add_indicator(NULL, ind, 0, &at), INDEVAL_E_NULL);
  CHECK_OK(indeval_catalogue_size(cat, &size));
  CHECK(size == 5);
  CHECK_RC(indeval_catalogue_size(cat, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_catalogue_size(NULL, &size), INDEVAL_E_NULL);

  /* random rows with the edge values: NaN, +-inf, exact thresholds */
  for (i = 0; i < N; ++i) {
    const double u = next_unit();
    index[i] = (int32_t)(next_unit() * 5) % 5;
    values[i] = index[i] == 3 ? u : 40 + 60 * u;
    previous[i] = index[i] == 3 ? next_unit() : 40 + 60 * next_unit();
    target[i] = (i % 7 == 0) ? NAN : 0.9;
    cohort[i] = (i % 5 == 0) ? NAN : 100 + 400 * next_unit();
    if (i % 11 == 0) values[i] = NAN;
    if (i % 13 == 0) values[i] = INFINITY;
    if (i % 17 == 0) values[i] = -INFINITY;
    if (i % 19 == 0) values[i] = 95;
    if (i % 23 == 0) previous[i] = NAN;
    if (i % 29 == 0) previous[i] = values[i];
  }

  for (kernel = INDEVAL_KERNEL_AUTOMATIC; kernel <= INDEVAL_KERNEL_AVX512; ++kernel) {
    int32_t threads;
    for (threads = 0; threads <= 3; ++threads) {
      memset(status, 9, sizeof status);
      memset(reason, 9, sizeof reason);
      memset(direction, 9, sizeof direction);
      rc = indeval_evaluate_bulk_kernel(cat, values, previous, index, target, cohort, N, status,
                                        reason, direction, threads, kernel);
      if (rc == INDEVAL_E_UNSUPPORTED && kernel >= INDEVAL_KERNEL_AVX2) continue;
      CHECK(rc == INDEVAL_OK);
      /* every row as the single-value functions rate it */
      for (i = 0; i < N; ++i) {
        const int32_t e = index[i];
        CHECK_OK(indeval_rules_evaluate(rules_of[e], values[i], target[i], cohort[i], decimals[e],
                                        scale[e], &expect_status, &expect_reason));
        CHECK_OK(indeval_direction(previous[i], values[i], polarity[e], rules_of[e], decimals[e],
                                   scale[e], &expect_direction));
        if (status[i] != expect_status || reason[i] != expect_reason ||
            direction[i] != expect_direction) {
          fprintf(stderr,
                  "row %d (entry %d, value %g, previous %g, kernel %d, threads %d): got "
                  "%d/%d/%d, expected %d/%d/%d\n",
                  (int)i, (int)e, values[i], previous[i], (int)kernel, (int)threads, status[i],
                  reason[i], direction[i], (int)expect_status, (int)expect_reason,
                  (int)expect_direction);
          ++failures;
          break;
        }
      }
    }
  }

  /* the plain function is the automatic kernel */
  CHECK_OK(indeval_evaluate_bulk(cat, values, previous, index, target, cohort, N, status2, reason2,
                                 direction2, 1));
  CHECK_OK(indeval_evaluate_bulk_kernel(cat, values, previous, index, target, cohort, N, status,
                                        reason, direction, 1, INDEVAL_KERNEL_SCALAR));
  CHECK(memcmp(status, status2, N) == 0 && memcmp(reason, reason2, N) == 0 &&
        memcmp(direction, direction2, N) == 0);

  /* optional inputs and outputs; a Byte array receives the codes unchanged */
  CHECK_OK(
      indeval_evaluate_bulk(cat, values, NULL, NULL, NULL, NULL, N, (int8_t*)bytes, NULL, NULL, 1));
  for (i = 0; i < N; ++i) {
    CHECK_OK(indeval_rules_evaluate(amt2, values[i], NAN, NAN, -1, 0, &expect_status, NULL));
    if (bytes[i] != (uint8_t)expect_status) {
      CHECK(bytes[i] == (uint8_t)expect_status);
      break;
    }
  }
  /* no previous values: the direction output says none for every row */
  memset(direction, 7, sizeof direction);
  CHECK_OK(
      indeval_evaluate_bulk(cat, values, NULL, index, NULL, NULL, N, status, NULL, direction, 2));
  for (i = 0; i < N; ++i)
    if (direction[i] != INDEVAL_DIRECTION_NONE) {
      CHECK(direction[i] == INDEVAL_DIRECTION_NONE);
      break;
    }
  /* per-row targets replace the entry's: entry 3's default is 0.95 (fraction) */
  {
    double v[3] = {0.91, 0.91, 0.91}, t[3] = {0.95, NAN, 0.90};
    int32_t idx[3] = {3, 3, 3};
    int8_t s[3] = {9, 9, 9}, r[3] = {9, 9, 9};
    CHECK_OK(indeval_evaluate_bulk(cat, v, NULL, idx, NULL, NULL, 3, s, r, NULL, 1));
    CHECK(s[0] == INDEVAL_STATUS_AMBER && s[1] == INDEVAL_STATUS_AMBER);
    CHECK_OK(indeval_evaluate_bulk(cat, v, NULL, idx, t, NULL, 3, s, r, NULL, 1));
    CHECK(s[0] == INDEVAL_STATUS_AMBER);
    CHECK(s[1] == INDEVAL_STATUS_NONE && r[1] == INDEVAL_REASON_NEEDS_TARGET);
    CHECK(s[2] == INDEVAL_STATUS_GREEN);
  }

  /* errors */
  index[N / 2] = 5;
  CHECK_RC(indeval_evaluate_bulk(cat, values, NULL, index, NULL, NULL, N, status, NULL, NULL, 1),
           INDEVAL_E_RANGE);
  CHECK(strstr(last_error_text(), "500") != NULL); /* the row is named */
  index[N / 2] = -1;
  CHECK_RC(indeval_evaluate_bulk(cat, values, NULL, index, NULL, NULL, N, status, NULL, NULL, 1),
           INDEVAL_E_RANGE);
  index[N / 2] = 0;
  CHECK_RC(indeval_evaluate_bulk(cat, values, NULL, index, NULL, NULL, -1, status, NULL, NULL, 1),
           INDEVAL_E_RANGE);
  CHECK_OK(indeval_evaluate_bulk(cat, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, 1));
  CHECK_RC(indeval_evaluate_bulk(cat, NULL, NULL, NULL, NULL, NULL, N, status, NULL, NULL, 1),
           INDEVAL_E_NULL);
  CHECK_RC(indeval_evaluate_bulk(cat, values, NULL, NULL, NULL, NULL, N, NULL, reason, NULL, 1),
           INDEVAL_E_NULL);
  CHECK_RC(indeval_evaluate_bulk(NULL, values, NULL, NULL, NULL, NULL, N, status, NULL, NULL, 1),
           INDEVAL_E_NULL);
  CHECK_RC(indeval_evaluate_bulk(cat, values, NULL, NULL, NULL, NULL, N, status, NULL, NULL, -1),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_evaluate_bulk_kernel(cat, values, NULL, NULL, NULL, NULL, N, status, NULL, NULL,
                                        1, 4),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_evaluate_bulk_kernel(cat, values, NULL, NULL, NULL, NULL, N, status, NULL, NULL,
                                        1, -1),
           INDEVAL_E_RANGE);
  CHECK_OK(indeval_catalogue_create(&empty));
  CHECK_RC(indeval_evaluate_bulk(empty, values, NULL, NULL, NULL, NULL, N, status, NULL, NULL, 1),
           INDEVAL_E_RANGE);
  CHECK_OK(indeval_evaluate_bulk(empty, values, NULL, NULL, NULL, NULL, 0, status, NULL, NULL, 1));
  CHECK_OK(indeval_catalogue_free(empty));

  /* entries added after a bulk call are seen by the next one */
  CHECK_OK(indeval_catalogue_add(cat, amt2, -1, 0, 0, NAN, &at));
  CHECK(at == 5);
  index[0] = 5;
  values[0] = 96;
  CHECK_OK(indeval_evaluate_bulk(cat, values, NULL, index, NULL, NULL, 1, status, NULL, NULL, 1));
  CHECK(status[0] == INDEVAL_STATUS_GREEN);

  CHECK_OK(indeval_catalogue_free(cat));
  CHECK_OK(indeval_catalogue_free(NULL));
  CHECK_OK(indeval_indicator_free(ind));
  CHECK_OK(indeval_rules_free(amt2));
  CHECK_OK(indeval_rules_free(w1));
  CHECK_OK(indeval_rules_free(targeted));
  CHECK_OK(indeval_rules_free(cohort_rules));
}

/* ---- handles --------------------------------------------------------------------------------- */

static void test_handles(void) {
  indeval_rules* rules = parse(AMT2);
  indeval_catalogue* cat = NULL;
  indeval_indicator* ind = NULL;
  indeval_series* series = NULL;
  indeval_findings* findings = NULL;
  uint32_t fake[16];
  int32_t status = -1, size = -1;
  char text[64];

  CHECK_OK(indeval_catalogue_create(&cat));
  CHECK_OK(indeval_indicator_create(&ind));
  CHECK_OK(indeval_series_create(&series));
  CHECK_OK(indeval_lint(ind, series, NAN, &findings));

  /* a handle of the wrong kind */
  CHECK_RC(indeval_rules_print((const indeval_rules*)cat, text, (int32_t)sizeof text, NULL),
           INDEVAL_E_HANDLE);
  CHECK(strstr(last_error_text(), "rule set") != NULL);
  CHECK_RC(indeval_rules_evaluate((const indeval_rules*)ind, 1, NAN, NAN, -1, 0, &status, NULL),
           INDEVAL_E_HANDLE);
  CHECK_RC(indeval_catalogue_size((const indeval_catalogue*)rules, &size), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_indicator_set_rules(ind, (const indeval_rules*)series), INDEVAL_E_HANDLE);
  {
    indeval_findings* none = findings;
    CHECK_RC(indeval_lint((const indeval_indicator*)findings, NULL, NAN, &none), INDEVAL_E_HANDLE);
    CHECK(none == NULL);
  }
  CHECK_RC(indeval_series_size((const indeval_series*)ind, &size), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_findings_count((const indeval_findings*)series, &size), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_catalogue_add(cat, (const indeval_rules*)cat, -1, 0, 0, NAN, NULL),
           INDEVAL_E_HANDLE);
  /* freeing with the wrong function is refused, and frees nothing */
  CHECK_RC(indeval_rules_free((indeval_rules*)cat), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_catalogue_free((indeval_catalogue*)rules), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_indicator_free((indeval_indicator*)series), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_series_free((indeval_series*)ind), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_findings_free((indeval_findings*)rules), INDEVAL_E_HANDLE);
  CHECK_OK(indeval_catalogue_size(cat, &size));
  CHECK(rate(rules, 96) == INDEVAL_STATUS_GREEN);
  /* memory that was never a handle */
  memset(fake, 0, sizeof fake);
  CHECK_RC(indeval_rules_print((const indeval_rules*)fake, text, (int32_t)sizeof text, NULL),
           INDEVAL_E_HANDLE);
  CHECK_RC(indeval_series_free((indeval_series*)fake), INDEVAL_E_HANDLE);

  /* A freed handle of every kind is refused, and a pointer into the middle of a handle: the check
   * reads only the library's registry, never freed memory (this runs under AddressSanitizer). */
  {
    indeval_rules* dead = parse(AMT2);
    indeval_catalogue* dead_cat = NULL;
    indeval_indicator* dead_ind = NULL;
    indeval_series* dead_series = NULL;
    CHECK_OK(indeval_rules_free(dead));
    CHECK_RC(indeval_rules_evaluate(dead, 1, NAN, NAN, -1, 0, &status, NULL), INDEVAL_E_HANDLE);
    CHECK_RC(indeval_rules_print(dead, text, (int32_t)sizeof text, NULL), INDEVAL_E_HANDLE);
    CHECK_RC(indeval_rules_free(dead), INDEVAL_E_HANDLE); /* a double free is refused */
    CHECK_OK(indeval_catalogue_create(&dead_cat));
    CHECK_OK(indeval_catalogue_free(dead_cat));
    CHECK_RC(indeval_catalogue_size(dead_cat, &size), INDEVAL_E_HANDLE);
    CHECK_RC(indeval_catalogue_free(dead_cat), INDEVAL_E_HANDLE);
    CHECK_OK(indeval_indicator_create(&dead_ind));
    CHECK_OK(indeval_indicator_free(dead_ind));
    CHECK_RC(indeval_indicator_free(dead_ind), INDEVAL_E_HANDLE);
    CHECK_OK(indeval_series_create(&dead_series));
    CHECK_OK(indeval_series_free(dead_series));
    CHECK_RC(indeval_series_free(dead_series), INDEVAL_E_HANDLE);
    CHECK_RC(indeval_rules_print((const indeval_rules*)((const char*)rules + 1), text,
                                 (int32_t)sizeof text, NULL),
             INDEVAL_E_HANDLE);
    /* still refused after many other handles come and go */
    {
      int k;
      for (k = 0; k < 1000; ++k) CHECK_OK(indeval_rules_free(parse(AMT2)));
    }
    CHECK_RC(indeval_rules_evaluate(dead, 1, NAN, NAN, -1, 0, &status, NULL), INDEVAL_E_HANDLE);
  }

  CHECK_OK(indeval_findings_free(findings));
  CHECK_OK(indeval_series_free(series));
  CHECK_OK(indeval_indicator_free(ind));
  CHECK_OK(indeval_catalogue_free(cat));
  CHECK_OK(indeval_rules_free(rules));
  CHECK_OK(indeval_rules_free(NULL));
}

/* float32 figures widen to the double of their shortest decimal */
static void test_widen_float32(void) {
  float in[6];
  double out[6];
  union { double d; float f[4]; } both;
  in[0] = 94.95f;
  in[1] = 2.675f;
  in[2] = 0.1f;
  in[3] = -0.0f;
  in[4] = (float)INFINITY;
  in[5] = (float)NAN;
  CHECK_OK(indeval_widen_float32(in, out, 6));
  CHECK(out[0] == 94.95 && out[1] == 2.675 && out[2] == 0.1);
  CHECK(out[3] == 0.0 && signbit(out[3]));
  CHECK(isinf(out[4]) && out[4] > 0);
  CHECK(isnan(out[5]));
  CHECK((double)in[0] != 94.95); /* what a plain conversion gives instead */
  CHECK_OK(indeval_widen_float32(NULL, NULL, 0));
  CHECK_RC(indeval_widen_float32(NULL, out, 1), INDEVAL_E_NULL);
  CHECK_RC(indeval_widen_float32(in, NULL, 1), INDEVAL_E_NULL);
  CHECK_RC(indeval_widen_float32(in, out, -1), INDEVAL_E_RANGE);
  both.f[0] = 1.5f;
  CHECK_RC(indeval_widen_float32(both.f, &both.d, 1), INDEVAL_E_RANGE); /* overlapping */
}

/* indeval_series_add_many_w gives the series indeval_series_add_many gives for the same texts. */
static void test_series_add_many_w(void) {
  indeval_rules* w1 = parse(W1);
  indeval_indicator* ind = NULL;
  indeval_series* utf8 = NULL;
  indeval_series* utf16 = NULL;
  indeval_findings* f8 = NULL;
  indeval_findings* f16 = NULL;
  int32_t count = -1, count16 = -1, i, d8 = -1, d16 = -1;
  char text8[512], text16[512];
  uint16_t wide[512];
  /* "79% (6m+)"'s note, and a published status with a non-ASCII character (e with acute) */
  const char* periods[4] = {"Aug-17", "Sep-17", "Oct-17", "Nov-17"};
  const char* notes[4] = {"6m+", "6m+", NULL, ""};
  const char* published[4] = {"Amber", NULL, "Amb\xC3\xA9r", "Yellow"};
  const double values[4] = {19, 21, 19, 18};
  uint16_t p16[4][16], n16[4][16], pub16[4][16], bad[8];
  const uint16_t* periods16[4];
  const uint16_t* notes16[4];
  const uint16_t* published16[4];
  const uint16_t* bad_periods[2];

  for (i = 0; i < 4; ++i) {
    to16(periods[i], p16[i]);
    periods16[i] = p16[i];
    if (notes[i] != NULL) to16(notes[i], n16[i]);
    notes16[i] = notes[i] != NULL ? n16[i] : NULL;
    if (published[i] != NULL) to16(published[i], pub16[i]);
    published16[i] = published[i] != NULL ? pub16[i] : NULL;
  }
  /* the UTF-16 form of "Ambér" */
  to16("Amb r", pub16[2]);
  pub16[2][3] = 0xE9;

  CHECK_OK(indeval_indicator_create(&ind));
  CHECK_OK(indeval_indicator_set_text(ind, INDEVAL_FIELD_RULE_TEXT, W1));
  CHECK_OK(indeval_indicator_set(ind, INDEVAL_POLARITY_SIB, INDEVAL_UNIT_COUNT, -1, 17));
  CHECK_OK(indeval_indicator_set_rules(ind, w1));
  CHECK_OK(indeval_series_create(&utf8));
  CHECK_OK(indeval_series_create(&utf16));
  CHECK_OK(indeval_series_add_many(utf8, 4, periods, values, notes, published));
  CHECK_OK(indeval_series_add_many_w(utf16, 0, NULL, NULL, NULL, NULL));
  CHECK_OK(indeval_series_add_many_w(utf16, 4, periods16, values, notes16, published16));
  CHECK_OK(indeval_series_size(utf16, &count16));
  CHECK(count16 == 4);

  /* the same observations: the same directions (none across the note change) and findings */
  for (i = 0; i + 1 < 4; ++i) {
    CHECK_OK(indeval_series_direction(ind, utf8, i, i + 1, 0, &d8));
    CHECK_OK(indeval_series_direction(ind, utf16, i, i + 1, 0, &d16));
    CHECK(d8 == d16);
  }
  CHECK_OK(indeval_series_direction(ind, utf16, 1, 2, 0, &d16));
  CHECK(d16 == INDEVAL_DIRECTION_NONE);
  CHECK_OK(indeval_lint(ind, utf8, NAN, &f8));
  CHECK_OK(indeval_lint(ind, utf16, NAN, &f16));
  CHECK_OK(indeval_findings_count(f8, &count));
  CHECK_OK(indeval_findings_count(f16, &count16));
  CHECK(count == count16 && count >= 1);
  for (i = 0; i < count && i < count16; ++i) {
    CHECK_OK(indeval_findings_text(f8, i, INDEVAL_FINDING_MESSAGE, text8, (int32_t)sizeof text8,
                                   NULL));
    CHECK_OK(indeval_findings_text(f16, i, INDEVAL_FINDING_MESSAGE, text16,
                                   (int32_t)sizeof text16, NULL));
    CHECK(strcmp(text8, text16) == 0);
  }

  /* bad input: nothing added, and the message names the element */
  bad_periods[0] = p16[0];
  bad_periods[1] = NULL;
  CHECK_RC(indeval_series_add_many_w(utf16, 2, bad_periods, values, NULL, NULL), INDEVAL_E_NULL);
  CHECK(strstr(last_error_text(), "periods[1]") != NULL);
  CHECK_RC(indeval_series_add_many_w(utf16, -1, periods16, values, NULL, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_series_add_many_w(utf16, 2, NULL, values, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_many_w(utf16, 2, periods16, NULL, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_many_w(NULL, 2, periods16, values, NULL, NULL), INDEVAL_E_NULL);
  to16("6m+", bad);
  bad[1] = 0xDC00; /* an unpaired low surrogate */
  notes16[2] = bad;
  CHECK_RC(indeval_series_add_many_w(utf16, 4, periods16, values, notes16, NULL),
           INDEVAL_E_ENCODING);
  CHECK(strstr(last_error_text(), "notes[2]") != NULL);
  CHECK_OK(indeval_last_error_w(wide, 512, NULL));
  CHECK_OK(indeval_series_size(utf16, &count16));
  CHECK(count16 == 4);

  indeval_findings_free(f8);
  indeval_findings_free(f16);
  indeval_series_free(utf8);
  indeval_series_free(utf16);
  indeval_indicator_free(ind);
  indeval_rules_free(w1);
}

/* Rules measured against comparators: parsing with a polarity, one value, explanations, bulk. */
static void test_comparators(void) {
  indeval_rules* rules = NULL;
  indeval_rules* region = NULL;
  int32_t position = 0, status = -1, reason = -1, mask = -1, needed = 0;
  char text[256];
  uint16_t wide[256];
  double figures[INDEVAL_COMPARATORS] = {90, NAN, NAN, NAN, NAN};
  CHECK_OK(indeval_rules_parse_for("Green: at or above the England average; Amber: within 5% of "
                                   "the England average; Red: otherwise",
                                   INDEVAL_POLARITY_BIB, &rules, &position));
  CHECK(position == -1);
  CHECK_OK(indeval_rules_comparators(rules, &mask));
  CHECK(mask == (1 << INDEVAL_COMPARATOR_ENGLAND));
  CHECK_OK(indeval_rules_evaluate_against(rules, 86, NAN, NAN, INDEVAL_NO_DECIMALS, 0,
                                          INDEVAL_POLARITY_BIB, figures, INDEVAL_COMPARATORS,
                                          &status, &reason));
  CHECK(status == INDEVAL_STATUS_AMBER && reason == INDEVAL_REASON_RATED);
  CHECK_OK(indeval_rules_evaluate_against(rules, 85.5, NAN, NAN, -1, 0, 0, figures, 1, &status,
                                          &reason));
  CHECK(status == INDEVAL_STATUS_AMBER);
  /* A comparator missing, or not given at all: None, needs comparator. */
  CHECK_OK(indeval_rules_evaluate_against(rules, 86, NAN, NAN, -1, 0, 0, NULL, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NEEDS_COMPARATOR);
  CHECK_OK(indeval_rules_evaluate(rules, 86, NAN, NAN, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NEEDS_COMPARATOR);
  figures[0] = NAN;
  CHECK_OK(indeval_rules_evaluate_against(rules, 86, NAN, NAN, -1, 0, 0, figures, 5, &status, &reason));
  CHECK(reason == INDEVAL_REASON_NEEDS_COMPARATOR);
  figures[0] = 90;
  CHECK_OK(indeval_rules_explain_against(rules, 86, NAN, NAN, -1, 0, INDEVAL_UNIT_PERCENT, figures,
                                         1, text, sizeof text, &needed));
  CHECK(strstr(text, "95% of England 90%") != NULL);
  CHECK_OK(indeval_rules_explain_against_w(rules, 86, NAN, NAN, -1, 0, INDEVAL_UNIT_PERCENT, NULL, 0,
                                           wide, 256, &needed));
  CHECK(wide[0] == 'N');
  /* Bad arguments: a count out of range, NULL figures with a count, a bad polarity. */
  CHECK_RC(indeval_rules_evaluate_against(rules, 86, NAN, NAN, -1, 0, 0, figures, 6, &status, NULL),
           INDEVAL_E_RANGE);
  CHECK(strstr(last_error_text(), "count") != NULL);
  CHECK_RC(indeval_rules_evaluate_against(rules, 86, NAN, NAN, -1, 0, 0, figures, -1, &status, NULL),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_rules_evaluate_against(rules, 86, NAN, NAN, -1, 0, 0, NULL, 1, &status, NULL),
           INDEVAL_E_NULL);
  CHECK(strstr(last_error_text(), "comparators") != NULL);
  CHECK_RC(indeval_rules_evaluate_against(rules, 86, NAN, NAN, -1, 0, 0, figures, 1, NULL, NULL),
           INDEVAL_E_NULL);
  CHECK_RC(indeval_rules_comparators(rules, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_rules_comparators(NULL, &mask), INDEVAL_E_NULL);

  /* "better than" needs a polarity, or the text's hint. */
  CHECK_RC(indeval_rules_parse("Green: better than the regional average; Red: otherwise", &region,
                               &position),
           INDEVAL_E_PARSE);
  CHECK(position == 7 && region == NULL);
  CHECK(strstr(last_error_text(), "which way is better") != NULL);
  CHECK_RC(indeval_rules_parse_for("Green: better than region; Red: otherwise", 7, &region, &position),
           INDEVAL_E_RANGE);
  to16("Green: better than the regional average; Red: otherwise", wide);
  CHECK_OK(indeval_rules_parse_for_w(wide, INDEVAL_POLARITY_SIB, &region, &position));
  CHECK_OK(indeval_rules_print(region, text, sizeof text, &needed));
  CHECK(strcmp(text, "Green: < region; Red: otherwise") == 0);
  CHECK_OK(indeval_rules_comparators(region, &mask));
  CHECK(mask == (1 << INDEVAL_COMPARATOR_REGION));

  /* Bulk: comparator columns on the RATE request, like targets. */
  {
    indeval_catalogue* cat = NULL;
    indeval_request* req = NULL;
    int32_t entry = -1;
    const double values[4] = {86, 91, 84, 86};
    const double england[4] = {90, 90, 90, NAN};
    int8_t st[4], rs[4];
    CHECK_OK(indeval_catalogue_create(&cat));
    CHECK_OK(indeval_catalogue_add(cat, rules, INDEVAL_NO_DECIMALS, 0, INDEVAL_POLARITY_BIB, NAN, &entry));
    CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &req));
    CHECK_OK(indeval_request_set_catalogue(req, cat));
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, 4));
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_ENGLAND, INDEVAL_TYPE_DOUBLE, england, 4));
    CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, st, 4));
    CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_REASON, INDEVAL_TYPE_INT8, rs, 4));
    CHECK_OK(indeval_request_run(req, NULL));
    CHECK(st[0] == INDEVAL_STATUS_AMBER && st[1] == INDEVAL_STATUS_GREEN && st[2] == INDEVAL_STATUS_RED);
    CHECK(st[3] == INDEVAL_STATUS_NONE && rs[3] == INDEVAL_REASON_NEEDS_COMPARATOR);
    /* A comparator column of the wrong length is refused, naming it. */
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_REGION, INDEVAL_TYPE_DOUBLE, england, 3));
    CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
    CHECK(strstr(last_error_text(), "INDEVAL_ARRAY_REGION") != NULL || strstr(last_error_text(), "region") != NULL);
    CHECK_OK(indeval_request_free(req));
    CHECK_OK(indeval_catalogue_free(cat));
  }
  CHECK_OK(indeval_rules_free(region));
  CHECK_OK(indeval_rules_free(rules));
}

int main(void) {
  test_versions();
  test_last_error();
  test_no_figure();
  test_parse_and_print();
  test_parse_w();
  test_parse_error_messages();
  test_widen_float32();
  test_evaluate();
  test_explain();
  test_direction();
  test_indicator();
  test_series_and_lint();
  test_series_add_many_w();
  test_catalogue_and_bulk();
  test_handles();
  test_comparators();
  return summary("test_capi");
}
