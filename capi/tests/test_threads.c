/* Threads from C: many callers running requests on one context at once, and contexts created,
 * used and freed concurrently; every result equal to the single-threaded one. Built for the TSan
 * preset as well. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "checks.h"

enum { N = 50000, ENTRIES = 8, CALLERS = 6, ROUNDS = 8 };

static double values[N];
static int32_t first[ENTRIES], count[ENTRIES], entry[ENTRIES];
static int8_t want[N];
static indeval_catalogue* cat;
static indeval_context* shared;
static int bad_results = 0;
static pthread_mutex_t bad_lock = PTHREAD_MUTEX_INITIALIZER;

static void note(int ok) {
  if (!ok) {
    pthread_mutex_lock(&bad_lock);
    ++bad_results;
    pthread_mutex_unlock(&bad_lock);
  }
}

static int rate(indeval_context* ctx, int32_t threads, int8_t* status) {
  indeval_request* r = NULL;
  int rc = indeval_request_create(INDEVAL_JOB_RATE, &r);
  if (rc == 0) rc = indeval_request_set_catalogue(r, cat);
  if (rc == 0) rc = indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N);
  if (rc == 0) rc = indeval_request_set_segments(r, first, count, entry, ENTRIES);
  if (rc == 0) rc = indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N);
  if (rc == 0) rc = indeval_request_set_int(r, INDEVAL_OPTION_THREADS, threads);
  if (rc == 0) rc = indeval_request_run(r, ctx);
  indeval_request_free(r);
  return rc;
}

static void* caller(void* arg) {
  int8_t* status = malloc(N);
  int round;
  (void)arg;
  for (round = 0; round < ROUNDS; ++round) {
    memset(status, 77, N);
    note(rate(shared, 1 + round % 4, status) == 0 && memcmp(status, want, N) == 0);
  }
  free(status);
  return NULL;
}

static void* own_context(void* arg) {
  int8_t* status = malloc(N);
  int round;
  (void)arg;
  for (round = 0; round < ROUNDS; ++round) {
    indeval_context* ctx = NULL;
    note(indeval_context_create(&ctx) == 0);
    memset(status, 77, N);
    note(rate(ctx, 3, status) == 0 && memcmp(status, want, N) == 0);
    note(indeval_context_free(ctx) == 0);
  }
  free(status);
  return NULL;
}

int main(void) {
  pthread_t threads[2 * CALLERS];
  indeval_rules* rules = NULL;
  int32_t i, k;
  CHECK_OK(indeval_rules_parse("95% or above Green 85%-94% Amber 84% and below Red", &rules, NULL));
  CHECK_OK(indeval_catalogue_create(&cat));
  for (k = 0; k < ENTRIES; ++k)
    CHECK_OK(indeval_catalogue_add(cat, k % 3 == 2 ? NULL : rules, k % 2 ? 0 : -1, 0, 1, NAN, NULL));
  for (k = 0; k < ENTRIES; ++k) {
    first[k] = k * (N / ENTRIES);
    count[k] = k == ENTRIES - 1 ? N - first[k] : N / ENTRIES;
    entry[k] = (k * 3) % ENTRIES;
  }
  for (i = 0; i < N; ++i) values[i] = 80.0 + (double)(i % 2000) / 100.0;
  CHECK_OK(rate(NULL, 1, want));
  CHECK_OK(indeval_context_create(&shared));
  for (k = 0; k < CALLERS; ++k) {
    CHECK(pthread_create(&threads[k], NULL, caller, NULL) == 0);
    CHECK(pthread_create(&threads[CALLERS + k], NULL, own_context, NULL) == 0);
  }
  for (k = 0; k < 2 * CALLERS; ++k) pthread_join(threads[k], NULL);
  CHECK(bad_results == 0);
  CHECK_OK(indeval_context_free(shared));
  CHECK_OK(indeval_catalogue_free(cat));
  CHECK_OK(indeval_rules_free(rules));
  return summary("test_threads");
}
