/* The checks of the C tests of the engine and requests: count, report with the last error, go on. */
#ifndef INDEVAL_TEST_CHECKS_H
#define INDEVAL_TEST_CHECKS_H

#include <stdio.h>
#include <string.h>

#include "indeval.h"

static int failures = 0;
static int checks = 0;

/* A test that loads the library with dlopen defines INDEVAL_TEST_DLOPEN: it cannot call the
 * library directly, so failures are reported without the last error. */
#ifdef INDEVAL_TEST_DLOPEN
#define indeval_last_error(buf, cap, needed) ((void)(buf), (void)(cap), (void)(needed))
#endif

static void report(const char* file, int line, const char* what) {
  char message[1024];
  message[0] = '\0';
  indeval_last_error(message, (int32_t)sizeof message, NULL);
  fprintf(stderr, "%s:%d: FAILED: %s\n    (last error: %s)\n", file, line, what, message);
  ++failures;
}

#define CHECK(cond)                                 \
  do {                                              \
    ++checks;                                       \
    if (!(cond)) report(__FILE__, __LINE__, #cond); \
  } while (0)

#define CHECK_RC(call, expected)                                                         \
  do {                                                                                   \
    const int32_t rc_ = (call);                                                          \
    ++checks;                                                                            \
    if (rc_ != (expected)) {                                                             \
      char what_[600];                                                                   \
      snprintf(what_, sizeof what_, "%s returned %d, expected %s (%d)", #call, (int)rc_, \
               #expected, (int)(expected));                                              \
      report(__FILE__, __LINE__, what_);                                                 \
    }                                                                                    \
  } while (0)

#define CHECK_OK(call) CHECK_RC(call, INDEVAL_OK)

/* The last error contains `part`. */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static int last_error_has(const char* part) {
  char message[1024];
  message[0] = '\0';
  indeval_last_error(message, (int32_t)sizeof message, NULL);
  return strstr(message, part) != NULL;
}

static int summary(const char* name) {
  if (failures != 0) {
    fprintf(stderr, "%s: %d of %d checks failed\n", name, failures, checks);
    return 1;
  }
  printf("%s: all %d checks passed\n", name, checks);
  return 0;
}

#endif
