/*
 * Calls indeval.dll the way the VBA module (bindings/excel/indeval.bas) does, from a Windows
 * program run under Wine:
 *   - the DLL is loaded by path with LoadLibraryW, as IndevalLoad does;
 *   - every function the module declares (its "#If VBA7 Then" branch, read at build time into
 *     vba_declares.h) is found by its plain name with GetProcAddress, as a Declare statement
 *     finds it; on 32-bit also as name@N, N from the module's own parameter list, which proves
 *     the Declare pops exactly what the function's __stdcall frame holds;
 *   - the calls use the module's types, not indeval.h's: Long int32_t, LongPtr intptr_t, Double,
 *     ByRef as a pointer to the first element of a Byte, Long or Double array, StrPtr(s) as the
 *     address of a NUL-terminated UTF-16 string;
 *   - on 32-bit the stack pointer is compared before and after every call, which is how VBA
 *     raises error 49 (bad DLL calling convention).
 * indeval.h is included only for its numeric codes (the Public Consts of the module).
 *
 * vba_harness <path of indeval.dll>
 */
#include <windows.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "indeval.h"
#include "vba_declares.h"

/* ---- the module's declarations as C function types ---------------------------------------- */

#if defined(_M_IX86) || defined(__i386__)
#  define VBA_CALL __stdcall
#  define VBA_32BIT 1
#else
#  define VBA_CALL
#  define VBA_32BIT 0
#endif

#define VBA_TYPEDEF(name, bytes, params) typedef int32_t(VBA_CALL* name##_fn) params;
VBA_DECLARES(VBA_TYPEDEF)

#define VBA_ENUM(name, bytes, params) at_##name,
enum { VBA_DECLARES(VBA_ENUM) declared_count };

static struct {
#define VBA_SLOT(name, bytes, params) name##_fn name;
  VBA_DECLARES(VBA_SLOT)
} dll;

static const struct {
  const char* name;
  int bytes;
} declared[] = {
#define VBA_ROW(name, bytes, params) {#name, bytes},
    VBA_DECLARES(VBA_ROW)};

static int called[declared_count];
static int checks, failures;

static void report(int line, const char* what) {
  ++failures;
  fprintf(stderr, "vba_harness.c:%d: FAILED: %s\n", line, what);
}

#define CHECK(cond)                         \
  do {                                      \
    ++checks;                               \
    if (!(cond)) report(__LINE__, #cond);   \
  } while (0)

/* VBA(name, args...): one call as VBA makes it. On 32-bit, ESP must be where it was. */
#if VBA_32BIT
/* The stack pointer of a fresh frame: a constant distance below the caller's, so comparing two
 * readings around a call compares the caller's stack pointer before and after it. */
__attribute__((noinline)) static uintptr_t stack_pointer(void) {
  uintptr_t esp;
  __asm__ volatile("movl %%esp, %0" : "=r"(esp) : : "memory");
  return esp;
}
#else
static uintptr_t stack_pointer(void) { return 0; }
#endif
#define VBA(name, ...)                                                                    \
  (called[at_##name] = 1, esp_before = stack_pointer(), vba_rc = dll.name(__VA_ARGS__), \
   esp_after = stack_pointer(), check_esp(#name, __LINE__))
static uintptr_t esp_before, esp_after;
static int32_t vba_rc;

/* Returns the call's result. */
static int32_t check_esp(const char* name, int line) {
  ++checks;
  if (esp_before != esp_after) {
    char what[200];
    snprintf(what, sizeof what, "%s moved the stack pointer by %ld bytes (VBA error 49)", name,
             (long)(esp_after - esp_before));
    report(line, what);
  }
  return vba_rc;
}

#define CHECK_RC(call, expected)                                                    \
  do {                                                                              \
    const int32_t rc_ = (call);                                                     \
    ++checks;                                                                       \
    if (rc_ != (expected)) {                                                        \
      char what_[400];                                                              \
      snprintf(what_, sizeof what_, "%s returned %d, expected %d", #call, (int)rc_, \
               (int)(expected));                                                    \
      report(__LINE__, what_);                                                      \
    }                                                                               \
  } while (0)
#define CHECK_OK(call) CHECK_RC(call, INDEVAL_OK)

/* StrPtr(s) and VarPtr(a(0)) */
#define StrPtr(s) ((intptr_t)(s))
#define VarPtr(x) ((intptr_t) & (x))

/* ---- VBA idioms, written in C as the module writes them in VBA ---------------------------- */

/* The last error: chars = String$(FIRST_BUFFER, vbNullChar), call, and on INDEVAL_E_BUFFER
 * call again with Needed + 1 characters. A deliberately tiny first buffer. */
static const wchar_t* last_error(void) {
  static wchar_t chars[4096];
  int32_t needed = -1;
  int32_t rc = VBA(indeval_last_error_w, StrPtr(chars), 4, &needed);
  if (rc == INDEVAL_E_BUFFER && needed + 1 <= 4096) {
    CHECK(needed >= 4);
    CHECK(wcslen(chars) == 3); /* as much as fitted, and a NUL */
    rc = VBA(indeval_last_error_w, StrPtr(chars), needed + 1, &needed);
  }
  CHECK(rc == INDEVAL_OK);
  CHECK(rc != INDEVAL_OK || (int32_t)wcslen(chars) == needed);
  return chars;
}

static double no_figure(void) {
  double nan_ = 0;
  CHECK_OK(VBA(indeval_no_figure, &nan_));
  CHECK(isnan(nan_));
  return nan_;
}

static intptr_t parse(const wchar_t* text) {
  intptr_t rules = 0;
  int32_t position = 99;
  CHECK_OK(VBA(indeval_rules_parse_w, StrPtr(text), &rules, &position));
  CHECK(rules != 0 && position == -1);
  return rules;
}

static const wchar_t AMT2[] = L"95% or above Green 85%-94% Amber 84% and below Red";
static const wchar_t W1[] = L"17 or below Green 18.1-20 Amber 20.1 and above Red";

/* ---- the scenarios -------------------------------------------------------------------------- */

static void versions(void) {
  int32_t major = -1, minor = -1, patch = -1, needed = -1;
  char text[64];
  CHECK_OK(VBA(indeval_abi_version, &major, &minor));
  CHECK(major == INDEVAL_ABI_MAJOR && minor >= INDEVAL_ABI_MINOR);
  CHECK_OK(VBA(indeval_version, &major, &minor, &patch));
  CHECK(major >= 0 && minor >= 0 && patch >= 0);
  CHECK_OK(VBA(indeval_version_string, VarPtr(text[0]), (int32_t)sizeof text, &needed));
  CHECK(needed == (int32_t)strlen(text) && needed >= 5);
}

static void rules_and_text(void) {
  intptr_t rules = 0, copy = 0, bad = 0;
  int32_t position = 0, status = -1, reason = -1, bands = 0, orientation = 0, needs_target = 0,
          needs_cohort = 0, needed = -1, band = -9, direction = -1;
  double nan_ = no_figure(), rated_value = 0, rated_target = 0, distance = 0;
  wchar_t chars[512];
  char narrow[512];
  /* "Gr\u00FCn 90": refused at the u-umlaut, which the message quotes, in UTF-16 */
  static const wchar_t unknown[] = L"Gr\u00FCn 90 Amber 80";
  static const wchar_t empty[] = L"";

  rules = parse(AMT2);
  CHECK_OK(VBA(indeval_rules_info, rules, &bands, &orientation, &needs_target, &needs_cohort));
  CHECK(bands == 3 && orientation == INDEVAL_ORIENTATION_RISING && needs_target == 0 &&
        needs_cohort == 0);
  CHECK_OK(VBA(indeval_rules_evaluate, rules, 63.9, nan_, nan_, INDEVAL_NO_DECIMALS,
               INDEVAL_SCALE_POINTS, &status, &reason));
  CHECK(status == INDEVAL_STATUS_RED && reason == INDEVAL_REASON_RATED);
  CHECK_OK(VBA(indeval_rules_evaluate, rules, 0.9495, nan_, nan_, 1, INDEVAL_SCALE_FRACTION,
               &status, &reason));
  CHECK(status == INDEVAL_STATUS_GREEN); /* 94.95 at 1 dp of points is 95.0 */
  CHECK_OK(VBA(indeval_rules_evaluate, rules, nan_, nan_, nan_, INDEVAL_NO_DECIMALS, 0, &status,
               &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NO_DATA);
  CHECK_OK(VBA(indeval_rules_evaluate, 0, 50.0, nan_, nan_, -1, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_NONE && reason == INDEVAL_REASON_NOT_RATED);
  CHECK_RC(VBA(indeval_rules_evaluate, rules, 50.0, nan_, nan_, 16, 0, &status, &reason),
           INDEVAL_E_RANGE);
  CHECK_OK(VBA(indeval_rules_evaluate_detail, rules, 90.0, 95.0, nan_, -1, 0,
               INDEVAL_POLARITY_BIB, &status, &reason, &band, &rated_value, &rated_target,
               &distance));
  CHECK(status == INDEVAL_STATUS_AMBER && band == 1 && rated_value == 90.0 &&
        rated_target == 95.0 && distance == -5.0);

  /* text out: too small, then Needed + 1 */
  CHECK_RC(VBA(indeval_rules_explain_w, rules, 63.9, nan_, nan_, -1, 0, INDEVAL_UNIT_PERCENT,
               StrPtr(chars), 8, &needed),
           INDEVAL_E_BUFFER);
  CHECK(needed > 8 && wcslen(chars) == 7);
  CHECK_OK(VBA(indeval_rules_explain_w, rules, 63.9, nan_, nan_, -1, 0, INDEVAL_UNIT_PERCENT,
               StrPtr(chars), needed + 1, &needed));
  CHECK(wcscmp(chars, L"Red: 63.9% is below the Amber threshold of 85%") == 0);
  CHECK_OK(VBA(indeval_rules_explain, rules, 63.9, nan_, nan_, -1, 0, INDEVAL_UNIT_PERCENT,
               VarPtr(narrow[0]), (int32_t)sizeof narrow, &needed));
  CHECK(strcmp(narrow, "Red: 63.9% is below the Amber threshold of 85%") == 0);
  CHECK_OK(VBA(indeval_rules_print_w, rules, StrPtr(chars), 512, &needed));
  CHECK((int32_t)wcslen(chars) == needed && wcsstr(chars, L"Green") != NULL);
  CHECK_OK(VBA(indeval_rules_print, rules, VarPtr(narrow[0]), 512, &needed));
  CHECK((int32_t)strlen(narrow) == needed);
  CHECK_OK(VBA(indeval_rules_clone, rules, &copy));
  CHECK(copy != 0 && copy != rules);
  CHECK_OK(VBA(indeval_direction, 71.2, 63.9, INDEVAL_POLARITY_BIB, 0, -1, 0, &direction));
  CHECK(direction == INDEVAL_DIRECTION_DECLINED);
  CHECK_OK(VBA(indeval_direction, 71.2, 63.9, INDEVAL_POLARITY_NEUTRAL, copy, -1, 0, &direction));
  CHECK(direction == INDEVAL_DIRECTION_DECLINED); /* from the rising bands */
  CHECK_OK(VBA(indeval_direction, 1.0, nan_, 0, 0, -1, 0, &direction));
  CHECK(direction == INDEVAL_DIRECTION_NONE);

  /* a refused text: the position in UTF-16 units, and the message in UTF-16 */
  CHECK_RC(VBA(indeval_rules_parse_w, StrPtr(unknown), &bad, &position), INDEVAL_E_PARSE);
  CHECK(bad == 0 && position == 2);
  CHECK(wcsstr(last_error(), L"'\u00FC' at character 2") != NULL);
  CHECK_RC(VBA(indeval_rules_parse, VarPtr(narrow[0]), &bad, &position), INDEVAL_OK);
  VBA(indeval_rules_free, bad);
  /* StrPtr("") is 0 in VBA: NULL, refused. A real empty string is refused as empty text. */
  CHECK_RC(VBA(indeval_rules_parse_w, StrPtr(NULL), &bad, &position), INDEVAL_E_NULL);
  CHECK_RC(VBA(indeval_rules_parse_w, StrPtr(empty), &bad, &position), INDEVAL_E_PARSE);
  CHECK(position == 0 && wcslen(last_error()) > 0);
  {
    char ascii[512];
    int32_t n8 = -1;
    CHECK_OK(VBA(indeval_last_error, VarPtr(ascii[0]), 512, &n8));
    CHECK(n8 == (int32_t)strlen(ascii) && n8 > 0);
  }

  CHECK_OK(VBA(indeval_rules_free, copy));
  CHECK_OK(VBA(indeval_rules_free, rules));
  CHECK_OK(VBA(indeval_rules_free, 0));
}

static void indicator_series_lint(void) {
  intptr_t ind = 0, series = 0, findings = 0, w1 = parse(W1);
  int32_t status = -1, reason = -1, direction = -1, count = -1, severity = -1, needed = -1, i;
  int32_t band_gap = 0;
  double nan_ = no_figure();
  wchar_t chars[512];
  char narrow[512];
  /* the module's series: arrays of StrPtr values, a Double array */
  static const wchar_t* const periods[4] = {L"Aug-17", L"Sep-17", L"Oct-17", L"Nov-17"};
  static const wchar_t* const notes[4] = {L"", L"", L"6m+", L"6m+"};
  intptr_t period_pointers[4], note_pointers[4];
  double values[4] = {19, 21, 19, 18};

  CHECK_OK(VBA(indeval_indicator_create, &ind));
  CHECK_OK(VBA(indeval_indicator_set_text_w, ind, INDEVAL_FIELD_REF, StrPtr(L"W 1")));
  CHECK_OK(VBA(indeval_indicator_set_text_w, ind, INDEVAL_FIELD_RULE_TEXT, StrPtr(W1)));
  CHECK_OK(VBA(indeval_indicator_set_text, ind, INDEVAL_FIELD_TITLE, VarPtr("Workforce"[0])));
  CHECK_OK(VBA(indeval_indicator_set, ind, INDEVAL_POLARITY_SIB, INDEVAL_UNIT_COUNT, -1, 17.0));
  CHECK_OK(VBA(indeval_indicator_set_rules, ind, w1));
  CHECK_OK(VBA(indeval_indicator_evaluate, ind, 18.0, nan_, 0, &status, &reason));
  CHECK(status == INDEVAL_STATUS_AMBER);
  CHECK_OK(VBA(indeval_indicator_explain_w, ind, 18.0, nan_, 0, StrPtr(chars), 512, &needed));
  CHECK(wcsncmp(chars, L"Amber: 18", 9) == 0);
  CHECK_OK(VBA(indeval_indicator_explain, ind, 18.0, nan_, 0, VarPtr(narrow[0]), 512, &needed));
  CHECK(strncmp(narrow, "Amber: 18", 9) == 0);
  CHECK_OK(VBA(indeval_indicator_direction, ind, 19.0, 18.0, 0, &direction));
  CHECK(direction == INDEVAL_DIRECTION_IMPROVED);

  CHECK_OK(VBA(indeval_series_create, &series));
  for (i = 0; i < 4; ++i) {
    period_pointers[i] = StrPtr(periods[i]);
    note_pointers[i] = StrPtr(notes[i]);
  }
  CHECK_OK(VBA(indeval_series_add_many_w, series, 4, &period_pointers[0], &values[0],
               VarPtr(note_pointers[0]), 0));
  CHECK_OK(VBA(indeval_series_add_w, series, StrPtr(L"Dec-17"), 20.0, 0, StrPtr(L"Yellow")));
  CHECK_OK(VBA(indeval_series_add, series, VarPtr("Jan-18"[0]), 0.0, 0, 0));
  CHECK_OK(VBA(indeval_series_size, series, &count));
  CHECK(count == 6);
  CHECK_OK(VBA(indeval_series_direction, ind, series, 1, 2, 0, &direction));
  CHECK(direction == INDEVAL_DIRECTION_NONE); /* the note changed: a new definition */
  CHECK_OK(VBA(indeval_series_direction, ind, series, 0, 1, 0, &direction));
  CHECK(direction == INDEVAL_DIRECTION_DECLINED);
  {
    /* the UTF-8 bulk form, as a Private Declare of the module: LongPtr pointers to bytes */
    static const char* const p8[1] = {"Feb-18"};
    intptr_t p8_pointers[1];
    double v8[1] = {17};
    p8_pointers[0] = (intptr_t)p8[0];
    CHECK_OK(VBA(indeval_series_add_many, series, 1, &p8_pointers[0], &v8[0], 0, 0));
  }

  CHECK_OK(VBA(indeval_lint, ind, series, nan_, &findings));
  CHECK_OK(VBA(indeval_findings_count, findings, &count));
  CHECK(count >= 2);
  for (i = 0; i < count; ++i) {
    CHECK_OK(VBA(indeval_findings_severity, findings, i, &severity));
    CHECK(severity >= INDEVAL_SEVERITY_INFO && severity <= INDEVAL_SEVERITY_ERROR);
    CHECK_RC(VBA(indeval_findings_text_w, findings, i, INDEVAL_FINDING_MESSAGE, StrPtr(chars), 2,
                 &needed),
             INDEVAL_E_BUFFER);
    CHECK_OK(VBA(indeval_findings_text_w, findings, i, INDEVAL_FINDING_CODE, StrPtr(chars), 512,
                 &needed));
    if (wcscmp(chars, L"band-gap") == 0) ++band_gap;
    CHECK_OK(VBA(indeval_findings_text, findings, i, INDEVAL_FINDING_WHERE, VarPtr(narrow[0]),
                 512, &needed));
  }
  CHECK(band_gap == 1); /* W 1: 17 or below, then 18.1 */
  CHECK_RC(VBA(indeval_findings_severity, findings, count, &severity), INDEVAL_E_RANGE);
  CHECK(wcsstr(last_error(), L"indeval_findings_severity") != NULL);

  CHECK_OK(VBA(indeval_findings_free, findings));
  CHECK_OK(VBA(indeval_series_free, series));
  CHECK_OK(VBA(indeval_indicator_free, ind));
  CHECK_OK(VBA(indeval_rules_free, w1));
  CHECK_RC(VBA(indeval_rules_free, ind), INDEVAL_E_HANDLE); /* freed, and of another kind */
}

/* Bulk over VBA arrays: Double values, Byte codes, the optional ones as VarPtr or 0. */
static void bulk(void) {
  enum { N = 1000 };
  static double values[N], previous[N], targets[N];
  static int32_t entries[N];
  static uint8_t statuses[N], reasons[N], directions[N];
  intptr_t catalogue = 0, ind = 0, amt2 = parse(AMT2), w1 = parse(W1);
  int32_t entry = -1, size = -1, i, status = -1, reason = -1, direction = -1, kernel, threads;
  double nan_ = no_figure();

  CHECK_OK(VBA(indeval_catalogue_create, &catalogue));
  CHECK_OK(VBA(indeval_catalogue_add, catalogue, amt2, 1, INDEVAL_SCALE_POINTS,
               INDEVAL_POLARITY_BIB, nan_, &entry));
  CHECK(entry == 0);
  CHECK_OK(VBA(indeval_indicator_create, &ind));
  CHECK_OK(VBA(indeval_indicator_set, ind, INDEVAL_POLARITY_SIB, INDEVAL_UNIT_COUNT, -1, 17.0));
  CHECK_OK(VBA(indeval_indicator_set_rules, ind, w1));
  CHECK_OK(VBA(indeval_catalogue_add_indicator, catalogue, ind, INDEVAL_SCALE_POINTS, &entry));
  CHECK(entry == 1);
  CHECK_OK(VBA(indeval_catalogue_size, catalogue, &size));
  CHECK(size == 2);
  for (i = 0; i < N; ++i) {
    entries[i] = i % 2;
    values[i] = entries[i] == 0 ? 80.0 + (i % 200) * 0.1 : 15.0 + (i % 70) * 0.1;
    previous[i] = values[i] + ((i % 3) - 1) * 0.5;
    targets[i] = nan_;
  }
  values[3] = nan_;
  values[5] = HUGE_VAL;

  for (kernel = INDEVAL_KERNEL_AUTOMATIC; kernel <= INDEVAL_KERNEL_AVX512; ++kernel) {
    for (threads = 0; threads <= 2; ++threads) {
      int32_t rc;
      memset(statuses, 0xEE, sizeof statuses);
      memset(reasons, 0xEE, sizeof reasons);
      memset(directions, 0xEE, sizeof directions);
      rc = VBA(indeval_evaluate_bulk_kernel, catalogue, &values[0], VarPtr(previous[0]),
               VarPtr(entries[0]), VarPtr(targets[0]), 0, N, &statuses[0], VarPtr(reasons[0]),
               VarPtr(directions[0]), threads == 0 ? 1 : threads, kernel);
      if (rc == INDEVAL_E_UNSUPPORTED && kernel >= INDEVAL_KERNEL_AVX2) continue;
      CHECK(rc == INDEVAL_OK);
      for (i = 0; i < N; ++i) {
        const intptr_t rules = entries[i] == 0 ? amt2 : w1;
        const int32_t decimals = entries[i] == 0 ? 1 : -1;
        const int32_t polarity = entries[i] == 0 ? INDEVAL_POLARITY_BIB : INDEVAL_POLARITY_SIB;
        VBA(indeval_rules_evaluate, rules, values[i], targets[i], nan_, decimals, 0, &status,
            &reason);
        VBA(indeval_direction, previous[i], values[i], polarity, rules, decimals, 0, &direction);
        if (statuses[i] != status || reasons[i] != reason || directions[i] != direction) {
          char what[200];
          snprintf(what, sizeof what, "kernel %d, row %d: bulk %d/%d/%d, one by one %d/%d/%d",
                   (int)kernel, (int)i, statuses[i], reasons[i], directions[i], (int)status,
                   (int)reason, (int)direction);
          report(__LINE__, what);
          break;
        }
      }
    }
  }
  /* the simple form: no optional arrays, one thread per hardware thread */
  CHECK_OK(VBA(indeval_evaluate_bulk, catalogue, &values[0], 0, 0, 0, 0, N, &statuses[0], 0, 0,
               0));
  CHECK(statuses[0] == INDEVAL_STATUS_RED && statuses[3] == INDEVAL_STATUS_NONE);
  /* an entry outside the catalogue: nothing written */
  entries[7] = 2;
  statuses[0] = 0xEE;
  CHECK_RC(VBA(indeval_evaluate_bulk, catalogue, &values[0], 0, VarPtr(entries[0]), 0, 0, N,
               &statuses[0], 0, 0, 1),
           INDEVAL_E_RANGE);
  CHECK(statuses[0] == 0xEE);
  CHECK(wcslen(last_error()) > 0);

  CHECK_OK(VBA(indeval_catalogue_free, catalogue));
  CHECK_OK(VBA(indeval_indicator_free, ind));
  CHECK_OK(VBA(indeval_rules_free, amt2));
  CHECK_OK(VBA(indeval_rules_free, w1));
}

/* The worked example of bindings/excel/EXCEL.md, as its formulas call the library. */
static void excel_md_example(void) {
  static const struct {
    const wchar_t* rules;
    double previous, current, target;
    int32_t polarity, decimals, status, direction;
  } rows[4] = {
      {L"95% or above Green 85%-94% Amber 84% and below Red", 67.7, 63.9, 95, INDEVAL_POLARITY_BIB,
       1, INDEVAL_STATUS_RED, INDEVAL_DIRECTION_DECLINED},
      {L"17 or below Green 18.1-20 Amber 20.1 and above Red", 17, 18, 17, INDEVAL_POLARITY_SIB, 0,
       INDEVAL_STATUS_AMBER, INDEVAL_DIRECTION_DECLINED},
      {L"98% or above Green 90%-97% Amber 89% and below Red", 90, 90, 98, INDEVAL_POLARITY_BIB, 0,
       INDEVAL_STATUS_AMBER, INDEVAL_DIRECTION_SAME},
      {L"558 or below Green 559 to 608 Amber 609 and above Red", 413, 460, 558,
       INDEVAL_POLARITY_SIB, 0, INDEVAL_STATUS_GREEN, INDEVAL_DIRECTION_DECLINED},
  };
  double nan_ = no_figure();
  int i;
  for (i = 0; i < 4; ++i) {
    intptr_t rules = parse(rows[i].rules);
    int32_t status = -1, reason = -1, direction = -1;
    CHECK_OK(VBA(indeval_rules_evaluate, rules, rows[i].current, rows[i].target, nan_,
                 rows[i].decimals, INDEVAL_SCALE_POINTS, &status, &reason));
    CHECK(status == rows[i].status);
    CHECK_OK(VBA(indeval_direction, rows[i].previous, rows[i].current, rows[i].polarity, rules,
                 rows[i].decimals, INDEVAL_SCALE_POINTS, &direction));
    CHECK(direction == rows[i].direction);
    VBA(indeval_rules_free, rules);
  }
  {
    /* =IndevalLint(B3): W 1's band gap; =IndevalRate("Green 90 Purple 80", 1): refused */
    static const wchar_t purple[] = L"Green 90 Purple 80";
    intptr_t ind = 0, findings = 0, bad = 0;
    int32_t count = 0, needed = 0, position = -1, gap = 0;
    wchar_t chars[512];
    CHECK_OK(VBA(indeval_indicator_create, &ind));
    CHECK_OK(VBA(indeval_indicator_set_text_w, ind, INDEVAL_FIELD_RULE_TEXT, StrPtr(rows[1].rules)));
    CHECK_OK(VBA(indeval_lint, ind, 0, nan_, &findings));
    CHECK_OK(VBA(indeval_findings_count, findings, &count));
    for (i = 0; i < count; ++i) {
      CHECK_OK(VBA(indeval_findings_text_w, findings, i, INDEVAL_FINDING_CODE, StrPtr(chars), 512,
                   &needed));
      if (wcscmp(chars, L"band-gap") == 0) ++gap;
    }
    CHECK(gap == 1);
    VBA(indeval_findings_free, findings);
    VBA(indeval_indicator_free, ind);
    CHECK_RC(VBA(indeval_rules_parse_w, StrPtr(purple), &bad, &position), INDEVAL_E_PARSE);
    CHECK(wcsstr(last_error(), L"unknown status 'Purple' at character 9") != NULL);
  }
}

/* ---- loading ------------------------------------------------------------------------------ */

/* argv's path as a Windows path: Wine shows the Unix root as drive Z:. */
static void windows_path(const char* in, wchar_t* out, size_t cap) {
  size_t i = 0, o = 0;
  if (in[0] == '/') {
    out[o++] = L'Z';
    out[o++] = L':';
  }
  for (; in[i] != '\0' && o + 1 < cap; ++i) out[o++] = in[i] == '/' ? L'\\' : (wchar_t)in[i];
  out[o] = 0;
}

static HMODULE load(const char* path) {
  wchar_t wide[1024];
  HMODULE module;
  int i;
  windows_path(path, wide, 1024);
  module = LoadLibraryW(wide);
  if (module == NULL) {
    fprintf(stderr, "LoadLibraryW(%s) failed: error %lu\n", path, (unsigned long)GetLastError());
    return NULL;
  }
  for (i = 0; i < declared_count; ++i) {
    FARPROC plain = GetProcAddress(module, declared[i].name);
    ++checks;
    if (plain == NULL) {
      char what[200];
      snprintf(what, sizeof what, "indeval.bas declares %s; indeval.dll does not export it",
               declared[i].name);
      report(__LINE__, what);
    }
#if VBA_32BIT
    {
      char decorated[200];
      FARPROC sized;
      snprintf(decorated, sizeof decorated, "%s@%d", declared[i].name, declared[i].bytes);
      sized = GetProcAddress(module, decorated);
      ++checks;
      if (sized == NULL || sized != plain) {
        char what[300];
        snprintf(what, sizeof what,
                 "indeval.bas's %s passes %d bytes; the DLL has no %s for that entry point "
                 "(a Declare whose parameters differ from the function's: VBA error 49)",
                 declared[i].name, declared[i].bytes, decorated);
        report(__LINE__, what);
      }
    }
#endif
  }
#define VBA_RESOLVE(name, bytes, params) dll.name = (name##_fn)(void (*)(void))GetProcAddress(module, #name);
  VBA_DECLARES(VBA_RESOLVE)
  return module;
}

int main(int argc, char** argv) {
  HMODULE module;
  int i, not_called = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: vba_harness <path of indeval.dll>\n");
    return 2;
  }
  module = load(argv[1]);
  if (module == NULL || failures != 0) {
    fprintf(stderr, "%d of %d checks failed while loading\n", failures, checks);
    return 1;
  }
  versions();
  rules_and_text();
  indicator_series_lint();
  bulk();
  excel_md_example();
  CHECK(FreeLibrary(module));

  printf("%d functions declared by indeval.bas resolved in indeval.dll%s\n", declared_count,
         VBA_32BIT ? " (plain and name@N)" : "");
  for (i = 0; i < declared_count; ++i) {
    if (!called[i]) {
      printf("  declared, resolved but not called here: %s\n", declared[i].name);
      ++not_called;
    }
  }
  if (failures != 0) {
    fprintf(stderr, "%d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("all %d checks passed; %d of %d declared functions called as VBA calls them\n", checks,
         declared_count - not_called, declared_count);
  return 0;
}
