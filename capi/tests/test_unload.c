/* dlopen, threaded bulk calls, dlclose, many times: no crash (threads running unmapped code), and
 * no thread left behind by a library once it is unloaded. The library's path is argv[1]. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#define INDEVAL_TEST_DLOPEN
#include "checks.h"

enum { N = 100000, CYCLES = 20 };

typedef int32_t (*fn_rules_parse)(const char*, indeval_rules**, int32_t*);
typedef int32_t (*fn_rules_free)(indeval_rules*);
typedef int32_t (*fn_catalogue_create)(indeval_catalogue**);
typedef int32_t (*fn_catalogue_free)(indeval_catalogue*);
typedef int32_t (*fn_catalogue_add)(indeval_catalogue*, const indeval_rules*, int32_t, int32_t,
                                    int32_t, double, int32_t*);
typedef int32_t (*fn_evaluate_bulk)(const indeval_catalogue*, const double*, const double*,
                                    const int32_t*, const double*, const double*, int32_t, int8_t*,
                                    int8_t*, int8_t*, int32_t);
typedef int32_t (*fn_context_create)(indeval_context**);
typedef int32_t (*fn_context_free)(indeval_context*);

static double values[N];
static int8_t status[N];

/* Threads of this process, from /proc/self/task. */
static int thread_count(void) {
  int n = 0;
  DIR* d = opendir("/proc/self/task");
  struct dirent* e;
  if (d == NULL) return -1;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.') ++n;
  closedir(d);
  return n;
}

/* Whether the thread count comes back to `n` within a second (a joined thread leaves
 * /proc/self/task a moment after its joiner returns). */
static int threads_back_to(int n) {
  int tries;
  for (tries = 0; tries < 1000; ++tries) {
    struct timespec ms = {0, 1000000};
    if (thread_count() == n) return 1;
    nanosleep(&ms, NULL);
  }
  fprintf(stderr, "%d threads, expected %d\n", thread_count(), n);
  return 0;
}

/* A function pointer from dlsym (through memcpy: ISO C has no object-to-function cast). */
#define SYMBOL(lib, type, name, out)            \
  do {                                          \
    void* p_ = dlsym(lib, name);                \
    CHECK(p_ != NULL);                          \
    memcpy(&(out), &p_, sizeof(out));           \
  } while (0)

int main(int argc, char** argv) {
  int cycle, baseline, i, unloaded = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: test_unload LIBRARY\n");
    return 2;
  }
  for (i = 0; i < N; ++i) values[i] = 80.0 + (double)(i % 2000) / 100.0;
  baseline = thread_count();
#if defined(__SANITIZE_THREAD__)
  ++baseline; /* ThreadSanitizer's own background thread, started with the first thread */
#endif
  for (cycle = 0; cycle < CYCLES; ++cycle) {
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    fn_rules_parse parse;
    fn_rules_free rules_free;
    fn_catalogue_create cat_create;
    fn_catalogue_free cat_free;
    fn_catalogue_add cat_add;
    fn_evaluate_bulk bulk;
    fn_context_create ctx_create;
    fn_context_free ctx_free;
    indeval_rules* rules = NULL;
    indeval_catalogue* cat = NULL;
    indeval_context* ctx = NULL;
    if (lib == NULL) {
      fprintf(stderr, "dlopen: %s\n", dlerror());
      return 1;
    }
    SYMBOL(lib, fn_rules_parse, "indeval_rules_parse", parse);
    SYMBOL(lib, fn_rules_free, "indeval_rules_free", rules_free);
    SYMBOL(lib, fn_catalogue_create, "indeval_catalogue_create", cat_create);
    SYMBOL(lib, fn_catalogue_free, "indeval_catalogue_free", cat_free);
    SYMBOL(lib, fn_catalogue_add, "indeval_catalogue_add", cat_add);
    SYMBOL(lib, fn_evaluate_bulk, "indeval_evaluate_bulk", bulk);
    SYMBOL(lib, fn_context_create, "indeval_context_create", ctx_create);
    SYMBOL(lib, fn_context_free, "indeval_context_free", ctx_free);
    if (failures != 0) return summary("test_unload");
    CHECK_OK(parse("95% or above Green 85%-94% Amber 84% and below Red", &rules, NULL));
    CHECK_OK(cat_create(&cat));
    CHECK_OK(cat_add(cat, rules, -1, 0, 1, NAN, NULL));
    CHECK_OK(bulk(cat, values, NULL, NULL, NULL, NULL, N, status, NULL, NULL, 4));
    CHECK(thread_count() > baseline); /* the default context started its threads */
    CHECK(status[0] == INDEVAL_STATUS_RED && status[1500] == INDEVAL_STATUS_GREEN);
    CHECK_OK(ctx_create(&ctx));
    CHECK_OK(ctx_free(ctx));
    CHECK_OK(cat_free(cat));
    CHECK_OK(rules_free(rules));
    CHECK(dlclose(lib) == 0);
    /* Unloaded: its static destructors joined the default context's threads. */
    if (dlopen(argv[1], RTLD_NOW | RTLD_NOLOAD) == NULL) ++unloaded;
    CHECK(threads_back_to(baseline));
  }
  CHECK(unloaded == CYCLES);
  return summary("test_unload");
}
