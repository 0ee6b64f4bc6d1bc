/*
 * indeval.dll unloaded while its worker threads exist, as Excel does when a workbook is closed
 * or VBA's project reset frees the DLL: a multi-threaded bulk rating starts the workers, then
 * FreeLibrary, then the host goes on running. Worker code unmapped under a running thread crashes
 * the process; the library keeps itself loaded once it has threads, so it must not. Three rounds
 * of load, rate, free; the process then ends normally.
 *
 * unload <path of indeval.dll>
 */
#include <windows.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "indeval.h"

#if defined(_M_IX86) || defined(__i386__)
#  define CALL __stdcall
#else
#  define CALL
#endif

typedef int32_t(CALL* parse_fn)(const uint16_t*, indeval_rules**, int32_t*);
typedef int32_t(CALL* rules_free_fn)(indeval_rules*);
typedef int32_t(CALL* catalogue_create_fn)(indeval_catalogue**);
typedef int32_t(CALL* catalogue_free_fn)(indeval_catalogue*);
typedef int32_t(CALL* catalogue_add_fn)(indeval_catalogue*, const indeval_rules*, int32_t, int32_t,
                                        int32_t, double, int32_t*);
typedef int32_t(CALL* bulk_fn)(const indeval_catalogue*, const double*, const double*,
                               const int32_t*, const double*, const double*, int32_t, int8_t*,
                               int8_t*, int8_t*, int32_t);

#define ROWS (1 << 18)

static FARPROC resolve(HMODULE module, const char* name) {
  FARPROC f = GetProcAddress(module, name);
  if (f == NULL) {
    fprintf(stderr, "indeval.dll does not export %s\n", name);
    exit(1);
  }
  return f;
}
#define RESOLVE(type, name) ((type)(void (*)(void))resolve(module, name))

static int round_trip(const wchar_t* path, double* values, int8_t* status) {
  static const wchar_t rules_text[] = L"95% or above Green 85%-94% Amber 84% and below Red";
  HMODULE module = LoadLibraryW(path);
  indeval_rules* rules = NULL;
  indeval_catalogue* catalogue = NULL;
  int32_t position = 0, entry = 0, i, red = 0;
  if (module == NULL) {
    fprintf(stderr, "LoadLibraryW failed: error %lu\n", (unsigned long)GetLastError());
    return 1;
  }
  if (RESOLVE(parse_fn, "indeval_rules_parse_w")((const uint16_t*)rules_text, &rules,
                                                  &position) != INDEVAL_OK ||
      RESOLVE(catalogue_create_fn, "indeval_catalogue_create")(&catalogue) != INDEVAL_OK ||
      RESOLVE(catalogue_add_fn, "indeval_catalogue_add")(catalogue, rules, -1, 0, 1, NAN,
                                                         &entry) != INDEVAL_OK ||
      RESOLVE(bulk_fn, "indeval_evaluate_bulk")(catalogue, values, NULL, NULL, NULL, NULL, ROWS,
                                                status, NULL, NULL, 4) != INDEVAL_OK) {
    fprintf(stderr, "rating failed\n");
    return 1;
  }
  for (i = 0; i < ROWS; ++i) red += status[i] == INDEVAL_STATUS_RED;
  RESOLVE(catalogue_free_fn, "indeval_catalogue_free")(catalogue);
  RESOLVE(rules_free_fn, "indeval_rules_free")(rules);
  if (red != ROWS / 2) {
    fprintf(stderr, "%d rows rated Red, expected %d\n", (int)red, ROWS / 2);
    return 1;
  }
  if (!FreeLibrary(module)) {
    fprintf(stderr, "FreeLibrary failed\n");
    return 1;
  }
  Sleep(300); /* the host goes on; idle workers wake and time out meanwhile */
  return 0;
}

int main(int argc, char** argv) {
  wchar_t path[1024];
  size_t i = 0, o = 0;
  int round;
  static double values[ROWS];
  static int8_t status[ROWS];
  if (argc != 2) {
    fprintf(stderr, "usage: unload <path of indeval.dll>\n");
    return 2;
  }
  if (argv[1][0] == '/') { /* a Unix path: Wine shows the root as drive Z: */
    path[o++] = L'Z';
    path[o++] = L':';
  }
  for (; argv[1][i] != '\0' && o + 1 < 1024; ++i)
    path[o++] = argv[1][i] == '/' ? L'\\' : (wchar_t)argv[1][i];
  path[o] = 0;
  for (i = 0; i < ROWS; ++i) values[i] = i % 2 == 0 ? 50.0 : 99.0;
  for (round = 0; round < 3; ++round)
    if (round_trip(path, values, status) != 0) return 1;
  printf("3 rounds of LoadLibraryW, a 4-thread bulk rating of %d rows, FreeLibrary: no crash\n",
         ROWS);
  return 0;
}
