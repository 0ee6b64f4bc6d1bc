/* Contexts and bulk requests from C99: the RATE job gives what indeval_evaluate_bulk gives, with
 * every form of the rows' entries (int32, int16, int8 and uint8 index, segments in any order), on
 * the default and on an own context, with several threads; and every setter and the run refuse
 * what they must (NULL pointers, ids the job does not use, wrong types and counts, bad segments)
 * without writing anything. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "checks.h"

enum { N = 20000, SEGMENTS = 40 };

static double values[N], previous[N], target[N];
static int32_t index32[N];
static int16_t index16[N];
static int8_t index8[N];
static uint8_t indexu8[N];
static int32_t first[SEGMENTS], count[SEGMENTS], entry[SEGMENTS];
static int8_t status[N], reason[N], direction[N];
static int8_t want_status[N], want_reason[N], want_direction[N];
static uint8_t bytes[N];

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double next_unit(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

static indeval_rules* parse(const char* text) {
  indeval_rules* rules = NULL;
  int32_t position = 0;
  CHECK_OK(indeval_rules_parse(text, &rules, &position));
  return rules;
}

static int same_results(int with_direction) {
  return memcmp(status, want_status, N) == 0 && memcmp(reason, want_reason, N) == 0 &&
         (!with_direction || memcmp(direction, want_direction, N) == 0);
}

static void clear_outputs(void) {
  memset(status, 77, N);
  memset(reason, 77, N);
  memset(direction, 77, N);
}

static int untouched(void) {
  int32_t i;
  for (i = 0; i < N; ++i)
    if (status[i] != 77 || reason[i] != 77 || direction[i] != 77) return 0;
  return 1;
}

static indeval_catalogue* make_catalogue(void) {
  indeval_catalogue* cat = NULL;
  indeval_rules* amt2 = parse("95% or above Green 85%-94% Amber 84% and below Red");
  indeval_rules* w1 = parse("17 or below Green 18.1-20 Amber 20.1 and above Red");
  indeval_rules* targeted =
      parse("Green: on or above target, Amber: within 5% of target, Red: otherwise");
  int32_t e;
  CHECK_OK(indeval_catalogue_create(&cat));
  for (e = 0; e < SEGMENTS; ++e) {
    indeval_rules* r = e % 4 == 0 ? amt2 : (e % 4 == 1 ? w1 : (e % 4 == 2 ? targeted : NULL));
    CHECK_OK(indeval_catalogue_add(cat, r, e % 3 == 0 ? 1 : -1, INDEVAL_SCALE_POINTS,
                                   e % 2 == 0 ? INDEVAL_POLARITY_BIB : INDEVAL_POLARITY_SIB,
                                   e % 4 == 2 ? 90.0 : NAN, NULL));
  }
  indeval_rules_free(amt2);
  indeval_rules_free(w1);
  indeval_rules_free(targeted);
  return cat;
}

/* Rows in SEGMENTS runs of random lengths, the runs' entries shuffled. */
static void make_rows(void) {
  int32_t k, i, row = 0;
  for (k = 0; k < SEGMENTS; ++k) {
    const int32_t len = k == SEGMENTS - 1 ? N - row : (int32_t)(next_unit() * (2.0 * N / SEGMENTS));
    first[k] = row;
    count[k] = len;
    entry[k] = (k * 7) % SEGMENTS;
    for (i = row; i < row + len; ++i) {
      index32[i] = entry[k];
      index16[i] = (int16_t)entry[k];
      index8[i] = (int8_t)entry[k];
      indexu8[i] = (uint8_t)entry[k];
    }
    row += len;
  }
  for (i = 0; i < N; ++i) {
    values[i] = 10 + 90 * next_unit();
    previous[i] = 10 + 90 * next_unit();
    target[i] = i % 9 == 0 ? NAN : 80 + 20 * next_unit();
    if (i % 11 == 0) values[i] = NAN;
    if (i % 13 == 0) values[i] = INFINITY;
    if (i % 19 == 0) values[i] = 95;
    if (i % 29 == 0) previous[i] = values[i];
  }
}

static void test_rate_forms(indeval_catalogue* cat) {
  indeval_request* req = NULL;
  indeval_context* ctx = NULL;
  int32_t threads, form, swap[SEGMENTS][3], k;

  CHECK_OK(indeval_evaluate_bulk(cat, values, previous, index32, target, NULL, N, want_status,
                                 want_reason, want_direction, 1));
  CHECK_OK(indeval_context_create(&ctx));
  CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &req));
  CHECK_OK(indeval_request_set_catalogue(req, cat));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_PREVIOUS, INDEVAL_TYPE_DOUBLE, previous, N));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_TARGET, INDEVAL_TYPE_DOUBLE, target, N));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_REASON, INDEVAL_TYPE_INT8, reason, N));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_DIRECTION, INDEVAL_TYPE_INT8, direction, N));
  for (form = 0; form < 5; ++form) {
    /* a fresh request for each form, so that only one form of entries is set */
    indeval_request* r = NULL;
    CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &r));
    CHECK_OK(indeval_request_set_catalogue(r, cat));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_PREVIOUS, INDEVAL_TYPE_DOUBLE, previous, N));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_TARGET, INDEVAL_TYPE_DOUBLE, target, N));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_REASON, INDEVAL_TYPE_UINT8, reason, N));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_DIRECTION, INDEVAL_TYPE_INT8, direction, N));
    switch (form) {
      case 0: CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT32, index32, N)); break;
      case 1: CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT16, index16, N)); break;
      case 2: CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT8, index8, N)); break;
      case 3: CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_UINT8, indexu8, N)); break;
      default: CHECK_OK(indeval_request_set_segments(r, first, count, entry, SEGMENTS)); break;
    }
    for (threads = 0; threads <= 4; ++threads) {
      CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_THREADS, threads));
      clear_outputs();
      CHECK_OK(indeval_request_run(r, threads % 2 == 0 ? NULL : ctx));
      CHECK(same_results(1));
    }
    CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_KERNEL, INDEVAL_KERNEL_SCALAR));
    clear_outputs();
    CHECK_OK(indeval_request_run(r, ctx));
    CHECK(same_results(1));
    CHECK_OK(indeval_request_free(r));
  }

  /* segments in another order give the same */
  for (k = 0; k < SEGMENTS; ++k) {
    swap[k][0] = first[SEGMENTS - 1 - k];
    swap[k][1] = count[SEGMENTS - 1 - k];
    swap[k][2] = entry[SEGMENTS - 1 - k];
  }
  {
    int32_t f[SEGMENTS], c[SEGMENTS], e[SEGMENTS];
    for (k = 0; k < SEGMENTS; ++k) f[k] = swap[k][0], c[k] = swap[k][1], e[k] = swap[k][2];
    CHECK_OK(indeval_request_set_segments(req, f, c, e, SEGMENTS));
    clear_outputs();
    CHECK_OK(indeval_request_run(req, NULL));
    CHECK(same_results(1));
  }

  /* a VBA Byte array as the status output; no previous: direction NONE everywhere */
  {
    indeval_request* r = NULL;
    int32_t i, ok = 1;
    CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &r));
    CHECK_OK(indeval_request_set_catalogue(r, cat));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_TARGET, INDEVAL_TYPE_DOUBLE, target, N));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT32, index32, N));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_UINT8, bytes, N));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_DIRECTION, INDEVAL_TYPE_INT8, direction, N));
    CHECK_OK(indeval_request_run(r, NULL));
    for (i = 0; i < N; ++i) ok &= bytes[i] == (uint8_t)want_status[i] && direction[i] == INDEVAL_DIRECTION_NONE;
    CHECK(ok);
    /* INDEVAL_OPTION_SCALE: every entry read as fractions, as a catalogue of fraction entries does */
    CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_SCALE, INDEVAL_SCALE_FRACTION));
    CHECK_OK(indeval_request_run(r, NULL));
    {
      indeval_catalogue* frac = NULL;
      indeval_rules* amt2 = parse("95% or above Green 85%-94% Amber 84% and below Red");
      double v[4] = {0.95, 0.9449, 0.84, 95};
      int8_t s1[4], s2[4];
      int32_t zero[4] = {0, 0, 0, 0};
      CHECK_OK(indeval_catalogue_create(&frac));
      CHECK_OK(indeval_catalogue_add(frac, amt2, -1, INDEVAL_SCALE_FRACTION, 0, NAN, NULL));
      CHECK_OK(indeval_evaluate_bulk(frac, v, NULL, zero, NULL, NULL, 4, s1, NULL, NULL, 1));
      CHECK_OK(indeval_catalogue_free(frac));
      CHECK_OK(indeval_catalogue_create(&frac));
      CHECK_OK(indeval_catalogue_add(frac, amt2, -1, INDEVAL_SCALE_POINTS, 0, NAN, NULL));
      CHECK_OK(indeval_request_set_catalogue(r, frac));
      CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, v, 4));
      CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_TARGET, INDEVAL_TYPE_DOUBLE, NULL, 0));
      CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT32, zero, 4));
      CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, s2, 4));
      CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_DIRECTION, INDEVAL_TYPE_INT8, direction, 4));
      /* the target array is now empty: 0 elements for 4 rows */
      CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
      CHECK(last_error_has("INDEVAL_ARRAY_TARGET"));
      {
        indeval_request* r2 = NULL;
        CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &r2));
        CHECK_OK(indeval_request_set_catalogue(r2, frac));
        CHECK_OK(indeval_request_set_array(r2, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, v, 4));
        CHECK_OK(indeval_request_set_output(r2, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, s2, 4));
        CHECK_OK(indeval_request_set_int(r2, INDEVAL_OPTION_SCALE, INDEVAL_SCALE_FRACTION));
        CHECK_OK(indeval_request_run(r2, NULL));
        CHECK(memcmp(s1, s2, 4) == 0);
        CHECK(s2[0] == INDEVAL_STATUS_GREEN && s2[2] == INDEVAL_STATUS_RED);
        /* and on the entry's own scale (points) again */
        CHECK_OK(indeval_request_set_int(r2, INDEVAL_OPTION_SCALE, INDEVAL_SCALE_POINTS));
        CHECK_OK(indeval_request_run(r2, NULL));
        CHECK(s2[0] == INDEVAL_STATUS_RED && s2[3] == INDEVAL_STATUS_GREEN);
        CHECK_RC(indeval_request_set_int(r2, INDEVAL_OPTION_SCALE, 2), INDEVAL_OK);
        CHECK_RC(indeval_request_run(r2, NULL), INDEVAL_E_RANGE);
        CHECK(last_error_has("scale"));
        CHECK_OK(indeval_request_free(r2));
      }
      CHECK_OK(indeval_catalogue_free(frac));
      CHECK_OK(indeval_rules_free(amt2));
    }
    CHECK_OK(indeval_request_free(r));
  }
  CHECK_OK(indeval_request_free(req));
  CHECK_OK(indeval_context_free(ctx));
}

static void test_refusals(indeval_catalogue* cat) {
  indeval_request* req = NULL;
  indeval_request* bad = (indeval_request*)cat; /* a handle of another kind */
  indeval_context* ctx = NULL;
  int32_t f[2] = {0, 100}, c[2] = {150, N - 100}, e[2] = {0, 1};

  /* a catalogue entry's target is checked as an indicator's is: infinite is refused */
  {
    int32_t size = 0;
    indeval_indicator* ind = NULL;
    CHECK_RC(indeval_catalogue_add(cat, NULL, -1, 0, 0, INFINITY, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("target"));
    CHECK_RC(indeval_catalogue_add(cat, NULL, -1, 0, 0, -INFINITY, NULL), INDEVAL_E_RANGE);
    CHECK_OK(indeval_indicator_create(&ind));
    CHECK_RC(indeval_indicator_set(ind, 0, 0, -1, INFINITY), INDEVAL_E_RANGE);
    CHECK_OK(indeval_indicator_free(ind));
    CHECK_OK(indeval_catalogue_size(cat, &size));
    CHECK(size == SEGMENTS);
  }
  CHECK_RC(indeval_context_create(NULL), INDEVAL_E_NULL);
  CHECK_OK(indeval_context_free(NULL));
  CHECK_RC(indeval_context_free((indeval_context*)cat), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_request_create(INDEVAL_JOB_RATE, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_create(99, &req), INDEVAL_E_RANGE);
  CHECK(req == NULL);
  CHECK(last_error_has("99"));
  CHECK_OK(indeval_request_free(NULL));
  CHECK_RC(indeval_request_free(bad), INDEVAL_E_HANDLE);
  CHECK_RC(indeval_request_set_array(NULL, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_output(NULL, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_int(NULL, INDEVAL_OPTION_THREADS, 1), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_double(NULL, INDEVAL_OPTION_THREADS, 1), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_segments(NULL, f, c, e, 2), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_catalogue(NULL, cat), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_run(NULL, NULL), INDEVAL_E_NULL);

  CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &req));
  CHECK_RC(indeval_request_set_catalogue(req, NULL), INDEVAL_E_NULL);
  /* ids the job does not use, named with the job */
  CHECK_RC(indeval_request_set_array(req, 20, INDEVAL_TYPE_DOUBLE, values, N), INDEVAL_E_RANGE);
  CHECK(last_error_has("array 20") && last_error_has("RATE"));
  CHECK_RC(indeval_request_set_output(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_INT8, status, N), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_int(req, 240, 1), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_double(req, INDEVAL_OPTION_THREADS, 2.0), INDEVAL_E_RANGE);
  CHECK(last_error_has("double option 201"));
  /* types, counts, NULL data */
  CHECK_RC(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, 0, values, N), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, 6, values, N), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, -1), INDEVAL_E_RANGE);
  CHECK_RC(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, NULL, N), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_output(req, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, NULL, N), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_segments(req, NULL, c, e, 2), INDEVAL_E_NULL);
  CHECK_RC(indeval_request_set_segments(req, f, c, e, -1), INDEVAL_E_RANGE);

  /* run: a missing catalogue, value, status; then wrong types and counts; nothing written */
  clear_outputs();
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_NULL);
  CHECK(last_error_has("catalogue"));
  CHECK_OK(indeval_request_set_catalogue(req, cat));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_NULL);
  CHECK(last_error_has("INDEVAL_ARRAY_VALUE"));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_NULL);
  CHECK(last_error_has("INDEVAL_OUTPUT_STATUS"));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_DOUBLE, status, N));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_OUTPUT_STATUS"));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N - 1));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_REASON, INDEVAL_TYPE_INT8, reason, N));
  CHECK_OK(indeval_request_set_output(req, INDEVAL_OUTPUT_DIRECTION, INDEVAL_TYPE_INT8, direction, N));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_PREVIOUS, INDEVAL_TYPE_INT32, index32, N));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_ARRAY_PREVIOUS"));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_PREVIOUS, INDEVAL_TYPE_DOUBLE, previous, N - 1));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_PREVIOUS, INDEVAL_TYPE_DOUBLE, previous, N));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_DOUBLE, values, N));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("INDEVAL_ARRAY_INDEX"));
  /* an index outside the catalogue, late in a long input, with threads */
  index16[N - 3] = SEGMENTS;
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT16, index16, N));
  CHECK_OK(indeval_request_set_int(req, INDEVAL_OPTION_THREADS, 3));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("outside"));
  index16[N - 3] = -1;
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  index16[N - 3] = (int16_t)index32[N - 3];
  /* index and segments both */
  CHECK_OK(indeval_request_set_segments(req, first, count, entry, SEGMENTS));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE);
  CHECK(last_error_has("segments"));
  CHECK_OK(indeval_request_set_array(req, INDEVAL_ARRAY_INDEX, INDEVAL_TYPE_INT32, NULL, 0));
  CHECK_RC(indeval_request_run(req, NULL), INDEVAL_E_RANGE); /* a 0-element index for N rows */
  {
    indeval_request* r = NULL;
    CHECK_OK(indeval_request_create(INDEVAL_JOB_RATE, &r));
    CHECK_OK(indeval_request_set_catalogue(r, cat));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N));
    /* overlapping, short, out of range, negative segments */
    CHECK_OK(indeval_request_set_segments(r, f, c, e, 2));
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("overlap"));
    c[0] = 50;
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("no segment covers row 50"));
    c[0] = 100;
    c[1] = N - 101;
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    c[1] = N - 99;
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("outside"));
    c[1] = N - 100;
    e[1] = SEGMENTS;
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("entry"));
    e[1] = -1;
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    e[1] = 1;
    f[0] = -5;
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    f[0] = 0;
    /* bad options */
    CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_THREADS, -1));
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    CHECK(last_error_has("INDEVAL_OPTION_THREADS"));
    CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_THREADS, 2));
    CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_KERNEL, 9));
    CHECK_RC(indeval_request_run(r, NULL), INDEVAL_E_RANGE);
    CHECK_OK(indeval_request_set_int(r, INDEVAL_OPTION_KERNEL, INDEVAL_KERNEL_SCALAR));
    CHECK(untouched());
    CHECK_OK(indeval_request_run(r, NULL)); /* and now it runs */
    CHECK(status[0] != 77 && status[N - 1] != 77);
    /* a freed context and a context of the wrong kind */
    CHECK_RC(indeval_request_run(r, (indeval_context*)cat), INDEVAL_E_HANDLE);
    CHECK_OK(indeval_context_create(&ctx));
    CHECK_OK(indeval_request_run(r, ctx));
    CHECK_OK(indeval_context_free(ctx));
    /* zero rows: nothing is needed but the value array */
    CHECK_OK(indeval_request_set_segments(r, NULL, NULL, NULL, 0));
    CHECK_OK(indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, NULL, 0));
    CHECK_OK(indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, NULL, 0));
    CHECK_OK(indeval_request_run(r, NULL));
    CHECK_OK(indeval_request_free(r));
  }
  CHECK_OK(indeval_request_free(req));
}

int main(void) {
  indeval_catalogue* cat;
  make_rows();
  cat = make_catalogue();
  test_rate_forms(cat);
  test_refusals(cat);
  CHECK_OK(indeval_catalogue_free(cat));
  return summary("test_requests");
}
