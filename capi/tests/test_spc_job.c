/* The SPC job and the SPC names and dates, from C: results, refusals, NULLs, small buffers. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "checks.h"

#define N 30

static double values[N];
static int32_t dates[N];

/* Series 0: rows 0-16, twelve points alternating 10, 12 (mean 11, mR 2, fixed after 12), then 17
 * (above the upper limit 16.32) and 11 x 4. Series 1: rows 17-29, 13 points of 5 (constant). */
static void make_rows(void) {
  int i;
  for (i = 0; i < 12; ++i) values[i] = i % 2 == 0 ? 10 : 12;
  values[12] = 17;
  for (i = 13; i < 17; ++i) values[i] = 11;
  for (i = 17; i < N; ++i) values[i] = 5;
  for (i = 0; i < N; ++i) dates[i] = 17000 + 31 * i;
}

static const int32_t first[2] = {0, 17}, count[2] = {17, 13}, entry[2] = {0, 1};
static const int8_t improvement[2] = {INDEVAL_POLARITY_BIB, INDEVAL_POLARITY_SIB};
static const double target[2] = {20, 4};
static const int32_t fix_after[2] = {12, 0};

static indeval_request* spc_request(void) {
  indeval_request* r = NULL;
  CHECK_OK(indeval_request_create(INDEVAL_JOB_SPC, &r));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_DATE, INDEVAL_TYPE_INT32, dates, N));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_IMPROVEMENT, INDEVAL_TYPE_INT8, improvement, 2));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_TARGET, INDEVAL_TYPE_DOUBLE, target, 2));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_FIX_AFTER, INDEVAL_TYPE_INT32, fix_after, 2));
  CHECK_OK(indeval_request_set_segments(r, first, count, entry, 2));
  return r;
}

static void test_results(void) {
  double mean[N], lower[N], upper[N];
  int8_t variation[N], rule[N], assurance[2], last[2];
  uint8_t warnings[2];
  indeval_context* ctx = NULL;
  indeval_request* r = spc_request();
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_MEAN, INDEVAL_TYPE_DOUBLE, mean, N));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_LOWER, INDEVAL_TYPE_DOUBLE, lower, N));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_UPPER, INDEVAL_TYPE_DOUBLE, upper, N));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_VARIATION, INDEVAL_TYPE_INT8, variation, N));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_RULE, INDEVAL_TYPE_INT8, rule, N));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_ASSURANCE, INDEVAL_TYPE_INT8, assurance, 2));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_LAST_VARIATION, INDEVAL_TYPE_INT8, last, 2));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_WARNINGS, INDEVAL_TYPE_UINT8, warnings, 2));
  CHECK_OK(indeval_context_create(&ctx));
  CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_THREADS, 2));
  CHECK_OK(indeval_request_run(r, ctx));
  CHECK(mean[0] == 11 && mean[16] == 11);
  CHECK(upper[0] == 11 + 2.66 * 2 && lower[16] == 11 - 2.66 * 2);
  CHECK(rule[12] == INDEVAL_SPC_RULE_ABOVE_UPPER && variation[12] == INDEVAL_SPC_VARIATION_IMPROVEMENT);
  CHECK(rule[11] == INDEVAL_SPC_RULE_NONE && variation[11] == INDEVAL_SPC_VARIATION_COMMON_CAUSE);
  CHECK(assurance[0] == INDEVAL_SPC_ASSURANCE_FAIL); /* target 20 above the upper limit, increase */
  CHECK(last[0] == INDEVAL_SPC_VARIATION_COMMON_CAUSE);
  CHECK(warnings[0] == 0);
  /* the constant series: screening leaves no limits */
  CHECK(mean[20] == 5 && isnan(upper[20]) && isnan(lower[29]));
  CHECK(assurance[1] == INDEVAL_SPC_ASSURANCE_INCONSISTENT);
  CHECK(warnings[1] == INDEVAL_SPC_WARNING_UNDEFINED_LIMITS);
  /* without screening (option, no array) the limits sit on the mean */
  CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_SPC_SCREEN, 0));
  CHECK_OK(indeval_request_run(r, NULL));
  CHECK(upper[20] == 5 && lower[20] == 5);
  CHECK(assurance[1] == INDEVAL_SPC_ASSURANCE_FAIL); /* target 4 below the limits, decrease */
  CHECK_OK(indeval_request_free(r));
  CHECK_OK(indeval_context_free(ctx));
}

static void test_no_segments(void) {
  /* No segments: all rows one series, settings from the options. */
  double upper[12];
  int8_t assurance[1];
  indeval_request* r = NULL;
  CHECK_OK(indeval_request_create(INDEVAL_JOB_SPC, &r));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_VALUE, INDEVAL_TYPE_DOUBLE, values, 12));
  CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_SPC_IMPROVEMENT, INDEVAL_POLARITY_BIB));
  CHECK_OK(indeval_request_set_double(r, INDEVAL_OPTION_SPC_TARGET, 2.0));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_UPPER, INDEVAL_TYPE_DOUBLE, upper, 12));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_ASSURANCE, INDEVAL_TYPE_INT8, assurance, 1));
  CHECK_OK(indeval_request_run(r, NULL));
  CHECK(upper[5] == 11 + 2.66 * 2);
  CHECK(assurance[0] == INDEVAL_SPC_ASSURANCE_PASS);
  CHECK_OK(indeval_request_free(r));
}

static void test_refusals(void) {
  double mean[N];
  int32_t bad_dates[N];
  int32_t wrong_type[N];
  int32_t short_fix[2] = {12, 5};
  int8_t assurance[3];
  int i;
  indeval_request* r = spc_request();
  for (i = 0; i < N; ++i) mean[i] = -1;
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_MEAN, INDEVAL_TYPE_DOUBLE, mean, N));
  /* ids of other jobs */
  CHECK_RC(indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N), INDEVAL_E_RANGE);
  CHECK(last_error_has("SPC"));
  CHECK_RC(indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, assurance, 3), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_int(r, INDEVAL_OPTION_SPC_TARGET, 3), INDEVAL_E_RANGE);
  /* two points of series 0 on one date: refused naming the row, nothing written */
  memcpy(bad_dates, dates, sizeof dates);
  bad_dates[9] = bad_dates[3];
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_DATE, INDEVAL_TYPE_INT32, bad_dates, N));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("row 9"));
  CHECK(mean[0] == -1);
  /* a count mismatch */
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_DATE, INDEVAL_TYPE_INT32, dates, N - 1));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_ARRAY_SPC_DATE"));
  /* a wrong type */
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_DATE, INDEVAL_TYPE_DOUBLE, values, N));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_DATE, INDEVAL_TYPE_INT32, dates, N));
  for (i = 0; i < N; ++i) wrong_type[i] = 1;
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_VALUE, INDEVAL_TYPE_INT32, wrong_type, N));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_ARRAY_SPC_VALUE"));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_MEAN, INDEVAL_TYPE_INT8, assurance, N));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_MEAN, INDEVAL_TYPE_DOUBLE, mean, N));
  /* a per-series output of the wrong size */
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_ASSURANCE, INDEVAL_TYPE_INT8, assurance, 3));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_SPC_ASSURANCE, INDEVAL_TYPE_INT8, assurance, 2));
  /* fix_after below 12; settings arrays of different counts; an unknown improvement */
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_FIX_AFTER, INDEVAL_TYPE_INT32, short_fix, 2));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("fix_after"));
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_FIX_AFTER, INDEVAL_TYPE_INT32, fix_after, 1));
  CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_FIX_AFTER, INDEVAL_TYPE_INT32, fix_after, 2));
  CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_SPC_IMPROVEMENT, 9)); /* unused: the array gives it */
  CHECK_OK(indeval_request_run(r, NULL));
  CHECK(mean[0] == 11);
  /* no values */
  CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_SPC_VALUE, INDEVAL_TYPE_DOUBLE, NULL, 0));
  CHECK(indeval_request_run(r, NULL) != INDEVAL_OK);
  CHECK_OK(indeval_request_free(r));
}

static void test_names_and_dates(void) {
  char buf[32];
  char tiny[4];
  int32_t needed = 0, code = -1, day = 0, day2 = 0;
  CHECK_OK(indeval_spc_name(INDEVAL_SPC_NAME_RULE, INDEVAL_SPC_RULE_TWO_OF_THREE_HIGH, buf, 32, &needed));
  CHECK(strcmp(buf, "two_of_three_high") == 0 && needed == 17);
  CHECK_OK(indeval_spc_name(INDEVAL_SPC_NAME_RULE, INDEVAL_SPC_RULE_NONE, buf, 32, &needed));
  CHECK(strcmp(buf, "") == 0);
  CHECK_OK(indeval_spc_name(INDEVAL_SPC_NAME_VARIATION, INDEVAL_SPC_VARIATION_COMMON_CAUSE, buf, 32, NULL));
  CHECK(strcmp(buf, "common_cause") == 0);
  CHECK_OK(indeval_spc_name(INDEVAL_SPC_NAME_ASSURANCE, INDEVAL_SPC_ASSURANCE_INCONSISTENT, buf, 32, NULL));
  CHECK(strcmp(buf, "inconsistent") == 0);
  CHECK_OK(indeval_spc_name(INDEVAL_SPC_NAME_IMPROVEMENT, INDEVAL_POLARITY_SIB, buf, 32, NULL));
  CHECK(strcmp(buf, "decrease") == 0);
  CHECK_RC(indeval_spc_name(INDEVAL_SPC_NAME_RULE, INDEVAL_SPC_RULE_SHIFT_LOW, tiny, 4, &needed), INDEVAL_E_BUFFER);
  CHECK(needed == 9 && strcmp(tiny, "shi") == 0);
  CHECK_RC(indeval_spc_name(INDEVAL_SPC_NAME_RULE, 9, buf, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_spc_name(INDEVAL_SPC_NAME_VARIATION, -1, buf, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_spc_name(INDEVAL_SPC_NAME_ASSURANCE, 4, buf, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_spc_name(0, 0, buf, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_spc_name(INDEVAL_SPC_NAME_RULE, 1, NULL, 32, NULL), INDEVAL_E_NULL);

  CHECK_OK(indeval_spc_code(INDEVAL_SPC_NAME_IMPROVEMENT, "Increase", &code));
  CHECK(code == INDEVAL_POLARITY_BIB);
  CHECK_OK(indeval_spc_code(INDEVAL_SPC_NAME_IMPROVEMENT, "SIB", &code));
  CHECK(code == INDEVAL_POLARITY_SIB);
  CHECK_OK(indeval_spc_code(INDEVAL_SPC_NAME_RULE, "shift_low", &code));
  CHECK(code == INDEVAL_SPC_RULE_SHIFT_LOW);
  code = -1;
  CHECK_RC(indeval_spc_code(INDEVAL_SPC_NAME_VARIATION, "sideways", &code), INDEVAL_E_RANGE);
  CHECK(code == -1);
  CHECK_RC(indeval_spc_code(7, "pass", &code), INDEVAL_E_RANGE);
  CHECK_RC(indeval_spc_code(INDEVAL_SPC_NAME_RULE, NULL, &code), INDEVAL_E_NULL);
  CHECK_RC(indeval_spc_code(INDEVAL_SPC_NAME_RULE, "trend_up", NULL), INDEVAL_E_NULL);

  CHECK_OK(indeval_spc_date("1970-01-11", INDEVAL_YEAR_FINANCIAL, &day));
  CHECK(day == 10);
  CHECK_OK(indeval_spc_date("Apr-17", INDEVAL_YEAR_FINANCIAL, &day));
  CHECK_OK(indeval_spc_date("2017-04-01", INDEVAL_YEAR_FINANCIAL, &day2));
  CHECK(day == day2);
  CHECK_OK(indeval_spc_date("2023", INDEVAL_YEAR_CALENDAR, &day));
  CHECK_OK(indeval_spc_date("2023-01-01", INDEVAL_YEAR_CALENDAR, &day2));
  CHECK(day == day2);
  CHECK_RC(indeval_spc_date("2023-02-30", INDEVAL_YEAR_FINANCIAL, &day), INDEVAL_E_PARSE);
  CHECK(last_error_has("2023-02-30"));
  CHECK_RC(indeval_spc_date("soon", INDEVAL_YEAR_FINANCIAL, &day), INDEVAL_E_PARSE);
  CHECK_RC(indeval_spc_date("2023", 3, &day), INDEVAL_E_RANGE);
  CHECK_RC(indeval_spc_date(NULL, INDEVAL_YEAR_FINANCIAL, &day), INDEVAL_E_NULL);
  CHECK_RC(indeval_spc_date("2023", INDEVAL_YEAR_FINANCIAL, NULL), INDEVAL_E_NULL);
}

int main(void) {
  make_rows();
  test_results();
  test_no_segments();
  test_refusals();
  test_names_and_dates();
  return summary("test_spc_job");
}
