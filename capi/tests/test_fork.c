/* fork() after threaded bulk calls, with another thread busy in bulk calls while forking: every
 * child runs threaded calls of its own (default context, an inherited context, a new one) and must
 * finish, with the right results, within a time limit (alarm): a child that used the parent's
 * threads or locks would hang. Not run under TSan, which refuses threads after a threaded fork. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"

enum { N = 200000, CHILDREN = 24 };

static double values[N];
static int8_t want[N];
static indeval_catalogue* cat;
static indeval_context* inherited;
static volatile int stop_busy = 0;

static int rate(indeval_context* ctx, int32_t threads, int8_t* status) {
  indeval_request* r = NULL;
  int rc = indeval_request_create(INDEVAL_JOB_RATE, &r);
  if (rc == 0) rc = indeval_request_set_catalogue(r, cat);
  if (rc == 0) rc = indeval_request_set_array(r, INDEVAL_ARRAY_VALUE, INDEVAL_TYPE_DOUBLE, values, N);
  if (rc == 0) rc = indeval_request_set_output(r, INDEVAL_OUTPUT_STATUS, INDEVAL_TYPE_INT8, status, N);
  if (rc == 0) rc = indeval_request_set_int(r, INDEVAL_OPTION_THREADS, threads);
  if (rc == 0) rc = indeval_request_run(r, ctx);
  indeval_request_free(r);
  return rc;
}

/* Keeps the default context and the inherited one busy, so forks happen mid-call. */
static void* busy(void* arg) {
  int8_t* status = malloc(N);
  (void)arg;
  while (!stop_busy) {
    rate(NULL, 4, status);
    rate(inherited, 3, status);
  }
  free(status);
  return NULL;
}

/* The child: threaded calls on every kind of context; exit 0 when all results are right. */
static void child(void) {
  static int8_t status[N];
  indeval_context* fresh = NULL;
  int ok = 1, round;
  alarm(30); /* a hang ends the child with SIGALRM */
  for (round = 0; round < 3; ++round) {
    memset(status, 77, N);
    ok &= rate(NULL, 4, status) == 0 && memcmp(status, want, N) == 0;
    memset(status, 77, N);
    ok &= rate(inherited, 3, status) == 0 && memcmp(status, want, N) == 0;
    ok &= indeval_context_create(&fresh) == 0;
    memset(status, 77, N);
    ok &= rate(fresh, 2, status) == 0 && memcmp(status, want, N) == 0;
    ok &= indeval_context_free(fresh) == 0;
  }
  _exit(ok ? 0 : 1);
}

int main(void) {
  static int8_t status[N];
  indeval_rules* rules = NULL;
  pthread_t worker;
  int32_t i;
  int c, hung = 0, wrong = 0;
  CHECK_OK(indeval_rules_parse("95% or above Green 85%-94% Amber 84% and below Red", &rules, NULL));
  CHECK_OK(indeval_catalogue_create(&cat));
  CHECK_OK(indeval_catalogue_add(cat, rules, 1, 0, 1, NAN, NULL));
  for (i = 0; i < N; ++i) values[i] = 80.0 + (double)(i % 2000) / 100.0;
  CHECK_OK(rate(NULL, 1, want));
  CHECK_OK(indeval_context_create(&inherited));
  /* threaded calls before any fork, so that both pools have threads */
  CHECK_OK(rate(NULL, 4, status));
  CHECK_OK(rate(inherited, 3, status));
  CHECK(pthread_create(&worker, NULL, busy, NULL) == 0);
  for (c = 0; c < CHILDREN; ++c) {
    int st = 0;
    const pid_t pid = fork();
    if (pid == 0) child();
    CHECK(pid > 0);
    if (pid <= 0) break;
    CHECK(waitpid(pid, &st, 0) == pid);
    if (WIFSIGNALED(st)) {
      ++hung;
      fprintf(stderr, "child %d ended by signal %d%s\n", c, WTERMSIG(st),
              WTERMSIG(st) == SIGALRM ? " (it hung)" : "");
    } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      ++wrong;
    }
  }
  stop_busy = 1;
  pthread_join(worker, NULL);
  CHECK(hung == 0);
  CHECK(wrong == 0);
  /* the parent's own contexts still work */
  memset(status, 77, N);
  CHECK_OK(rate(NULL, 4, status));
  CHECK(memcmp(status, want, N) == 0);
  CHECK_OK(indeval_context_free(inherited));
  CHECK_OK(indeval_catalogue_free(cat));
  CHECK_OK(indeval_rules_free(rules));
  return summary("test_fork");
}
