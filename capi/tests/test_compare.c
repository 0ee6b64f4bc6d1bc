/* The COMPARE and NEIGHBOURS jobs from C99: results, NULLs, wrong
 * types, count mismatches and ids the jobs do not take. */
#include <math.h>

#include "checks.h"

static void test_compare_job(void) {
  /* two groups: High {5, 3, 3, 1, NaN}, Low {1, 2, 3, 4, 5} */
  const double values[10] = {5, 3, 3, 1, NAN, 1, 2, 3, 4, 5};
  const int32_t first[2] = {5, 0}, count[2] = {5, 5}, entry[2] = {1, 0};
  const int8_t polarity[2] = {INDEVAL_POLARITY_BIB, INDEVAL_POLARITY_SIB};
  const uint8_t quartiles[2] = {1, 0};
  const int32_t want_rank[10] = {1, 2, 2, 4, 0, 1, 2, 3, 4, 5};
  const int8_t want_band[10] = {1, 3, 3, 4, 0, 0, 0, 0, 0, 0}; /* cuts 2.5, 3, 3.5 */
  int32_t rank[10], small[9];
  int8_t band[10];
  int i;
  indeval_request* req = NULL;
  CHECK_OK(indeval_request_create(INDEVAL_JOB_COMPARE, &req));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, 10));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, polarity, 2));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_QUARTILES, INDEVAL_TYPE_UINT8, quartiles, 2));
  CHECK_OK(indeval_request_set_segments(req, first, count, entry, 2));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT32, rank, 10));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_BAND, INDEVAL_TYPE_INT8, band, 10));
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_THREADS, 2));
  CHECK_OK(indeval_request_run(req, NULL));
  for (i = 0; i < 10; ++i) {
    CHECK(rank[i] == want_rank[i]);
    CHECK(band[i] == want_band[i]);
  }

  /* ids the job does not take */
  CHECK_RC(indeval_request_set_array(req, INDEVAL_ARRAY_TARGET, INDEVAL_TYPE_DOUBLE, values, 10),
           INDEVAL_E_RANGE);
  CHECK(last_error_has("COMPARE"));
  CHECK_RC(indeval_request_set_output(req, INDEVAL_OUTPUT_NEIGHBOUR_MEAN, INDEVAL_TYPE_DOUBLE,
                                      (void*)values, 10), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_int(req, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, 10), INDEVAL_E_RANGE);

  /* count mismatch: nothing written */
  for (i = 0; i < 9; ++i) small[i] = -1;
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT32, small, 9));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_OUTPUT_RANK"));
  for (i = 0; i < 9; ++i) CHECK(small[i] == -1);
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT32, rank, 10));

  /* wrong types */
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT8, band, 10));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_TYPE_INT32"));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT32, rank, 10));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT32, rank, 2));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_ARRAY_POLARITY"));

  /* a polarity code out of range; quartiles of another length; an entry outside the table */
  {
    const int8_t bad[2] = {1, 7};
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, bad, 2));
    CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("INDEVAL_ARRAY_POLARITY[1] is 7"));
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, polarity, 1));
    CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("INDEVAL_ARRAY_QUARTILES"));
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_QUARTILES, INDEVAL_TYPE_UINT8, quartiles, 1));
    CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE); /* entry 1 of 1 entries */
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, polarity, 2));
    CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_QUARTILES, INDEVAL_TYPE_UINT8, quartiles, 2));
  }
  /* digits out of range */
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_DIGITS, 18));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_OPTION_DIGITS"));
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_DIGITS, 15));
  /* segments that leave a row out */
  {
    const int32_t c2[2] = {5, 4};
    CHECK_OK(indeval_request_set_segments(req, first, c2, entry, 2));
    CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  }
  /* no segments: one group of every row, entry 0 (BIB with bands) */
  CHECK_OK(indeval_request_set_segments(req, NULL, NULL, NULL, 0));
  CHECK_OK(indeval_request_run(req, NULL));
  CHECK(rank[0] == 1 && rank[9] == 1 && rank[3] == 8 && rank[5] == 8 && rank[4] == 0);
  /* a missing required array */
  CHECK_OK(indeval_request_free(req));
  req = NULL;
  CHECK_OK(indeval_request_create(INDEVAL_JOB_COMPARE, &req));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, 10));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_RANK, INDEVAL_TYPE_INT32, rank, 10));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_NULL);
  CHECK(last_error_has("INDEVAL_ARRAY_POLARITY"));
  /* no output at all */
  CHECK_OK(indeval_request_free(req));
  req = NULL;
  CHECK_OK(indeval_request_create(INDEVAL_JOB_COMPARE, &req));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, 10));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, polarity, 2));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_NULL);
  CHECK(last_error_has("INDEVAL_OUTPUT_RANK or INDEVAL_OUTPUT_BAND"));
  CHECK_OK(indeval_request_free(req));
}

static void test_neighbours_job(void) {
  /* areas 0..3; neighbours: 0 -> {1, 2}, 1 -> {0, 3}, 2 -> {3, -1}, 3 -> {2, 0} */
  const int32_t table[8] = {1, 2, 0, 3, 3, -1, 2, 0};
  const double values[7] = {10, 20, NAN, 5, 1, INFINITY, 7};
  const int32_t area[7] = {0, 1, 2, 3, 3, 2, 1};
  const int32_t first[2] = {0, 4}, count[2] = {4, 3}, entry[2] = {0, 0};
  const int32_t twice[7] = {0, 1, 2, 3, 3, 3, 1};
  double mean[7];
  indeval_request* req = NULL;
  CHECK_OK(indeval_request_create(INDEVAL_JOB_NEIGHBOURS, &req));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, 7));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_AREA, INDEVAL_TYPE_INT32, area, 7));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_NEIGHBOURS, INDEVAL_TYPE_INT32, table, 8));
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, 2));
  CHECK_OK(indeval_request_set_segments(req, first, count, entry, 2));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_NEIGHBOUR_MEAN, INDEVAL_TYPE_DOUBLE, mean, 7));
  CHECK_OK(indeval_request_run(req, NULL));
  CHECK(mean[0] == 20 && mean[1] == 7.5 && mean[2] == 5 && mean[3] == 10);
  CHECK(isnan(mean[4]) && mean[5] == 1 && mean[6] == 1);

  CHECK_RC(indeval_request_set_array(req, INDEVAL_ARRAY_POLARITY, INDEVAL_TYPE_INT8, area, 2),
           INDEVAL_E_RANGE);
  CHECK(last_error_has("NEIGHBOURS"));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_AREA, INDEVAL_TYPE_INT32, twice, 7));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("twice"));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_AREA, INDEVAL_TYPE_INT32, area, 6));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_ARRAY_AREA"));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_AREA, INDEVAL_TYPE_INT32, area, 7));
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, 3));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE); /* 8 is not a multiple of 3 */
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, 0));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_OPTION_NEIGHBOURS_PER_AREA"));
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_NEIGHBOURS_PER_AREA, 2));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_NEIGHBOUR_MEAN, INDEVAL_TYPE_INT32, mean, 7));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_TYPE_DOUBLE"));
  CHECK_OK(indeval_request_free(req));
}

int main(void) {
  test_compare_job();
  test_neighbours_job();
  return summary("test_compare");
}
