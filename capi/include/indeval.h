/*
 * indeval.h: the C ABI of indeval: RAG ratings for performance scorecards.
 *
 * This header is self-contained C99 and is the only header the bindings (Python, Excel/VBA) read.
 *
 * STABILITY PROMISE
 *   Within one ABI major version (INDEVAL_ABI_MAJOR, which is also the shared library's SONAME
 *   number: libindeval.so.1, indeval.dll):
 *   - no function is removed or renamed, and no function's parameters or return type change;
 *   - no return code, status, reason, direction or other numeric code changes its meaning, and a
 *     name is never reused for another value (new codes get new numbers);
 *   - handles stay opaque: their layout is not part of the ABI;
 *   - new functions and new codes may be added, raising INDEVAL_ABI_MINOR. A program built against
 *     ABI x.y runs with any library x.z, z >= y. Callers should treat an unknown status/reason/
 *     direction code as "None" and an unknown negative return as a failure.
 *   An incompatible change raises INDEVAL_ABI_MAJOR (and the SONAME). The committed baseline
 *   capi/abi/libindeval.abi is checked against every build; see docs/abi-stability.md.
 *
 * CONVENTIONS
 *   - Every function returns an int32_t: INDEVAL_OK (0) or a negative INDEVAL_E_* code. Results
 *     come back through out-parameters. Nothing aborts and no exception crosses this boundary.
 *   - A failing call stores a message for the calling thread; read it with indeval_last_error.
 *     Successful calls leave it unchanged.
 *   - Only int32_t, int8_t arrays, double, pointers and NUL-terminated strings cross the boundary:
 *     no struct is passed by value and there is no bool (flags are int32_t 0/1). Strings are UTF-8
 *     (char*), or UTF-16 (uint16_t*, functions ending in _w: a VBA String's StrPtr).
 *   - Arrays are a pointer and an int32_t count. A negative count is INDEVAL_E_RANGE. When a count
 *     is 0 the arrays are not read and may be NULL.
 *   - Strings out go to a caller buffer: (buf, cap, needed). cap is the buffer's size in code units
 *     (bytes for char, 16-bit units for uint16_t) including room for the terminating NUL. *needed
 *     (needed may be NULL) receives the text's length in code units NOT counting the NUL. When
 *     cap <= length the call returns INDEVAL_E_BUFFER after writing as much as fits plus a NUL
 *     (when cap > 0); buf may be NULL only when cap is 0, which is how to ask for the length.
 *   - Handles (indeval_rules, indeval_catalogue, indeval_indicator, indeval_series,
 *     indeval_findings) come from a _parse or _create function or indeval_lint, and go back with
 *     the matching _free, which accepts NULL. A handle of the wrong kind, one already freed, or a
 *     pointer that is not a handle gives INDEVAL_E_HANDLE, and the check never reads freed memory
 *     (a handle points into a registry the library never frees). A freed handle's place is reused
 *     only after thousands of other handles have been freed; until then it stays refused. On
 *     failure a handle out-parameter is set to NULL.
 *   - Decimals: 0..15, or INDEVAL_NO_DECIMALS (-1) for "do not round". A missing figure (target,
 *     cohort, value) is NaN; indeval_no_figure gives one to callers, such as VBA, that cannot write
 *     a NaN literal.
 *   - Thread safety: functions may be called from any thread. A handle may be read (evaluated,
 *     printed, linted) by several threads at once; changing it (_add, _set) needs exclusive access.
 *
 * EXCEL / VBA
 *   INDEVAL_CALL is __stdcall on 32-bit Windows (cdecl elsewhere) and the DLL exports undecorated
 *   names (indeval.def). Map int32_t to Long, double to Double, pointers and handles to LongPtr
 *   (ByRef h As LongPtr for a handle out-parameter), UTF-16 strings to ByVal StrPtr(s). The bulk
 *   outputs are int8_t arrays: every code they hold is in 0..5, so a VBA Byte array (unsigned
 *   8-bit) receives them unchanged: pass its first element ByRef. There is deliberately no int32
 *   variant.
 */
#ifndef INDEVAL_H
#define INDEVAL_H

#include <stdint.h>

/* ---- versions -------------------------------------------------------------------------------- */

/* The ABI this header describes. CMake reads these lines: keep each macro on its own line. */
#define INDEVAL_ABI_MAJOR 1
#define INDEVAL_ABI_MINOR 2

/* ---- calling convention and export ----------------------------------------------------------- */

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(_M_IX86) || defined(__i386__)
#    define INDEVAL_CALL __stdcall
#  else
#    define INDEVAL_CALL
#  endif
#  if defined(INDEVAL_BUILDING)
#    define INDEVAL_API __declspec(dllexport)
#  elif defined(INDEVAL_STATIC)
#    define INDEVAL_API
#  else
#    define INDEVAL_API __declspec(dllimport)
#  endif
#else
#  define INDEVAL_CALL
#  if defined(INDEVAL_BUILDING) && (defined(__GNUC__) || defined(__clang__))
#    define INDEVAL_API __attribute__((visibility("default")))
#  else
#    define INDEVAL_API
#  endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- return codes (never renumbered, names never reused) ------------------------------------- */

#define INDEVAL_OK 0
#define INDEVAL_E_NULL (-1)        /* a required pointer argument is NULL */
#define INDEVAL_E_RANGE (-2)       /* a count, code, index or size is out of its range */
#define INDEVAL_E_PARSE (-3)       /* rule text could not be read (see the error position) */
#define INDEVAL_E_HANDLE (-4)      /* a handle is of the wrong kind or has been freed */
#define INDEVAL_E_BUFFER (-5)      /* an output buffer is too small (see *needed) */
#define INDEVAL_E_NOMEM (-6)       /* out of memory */
#define INDEVAL_E_INTERNAL (-7)    /* an unexpected failure inside the library (a bug) */
#define INDEVAL_E_ENCODING (-8)    /* a UTF-16 input is not well-formed (an unpaired surrogate) */
#define INDEVAL_E_UNSUPPORTED (-9) /* not available here, e.g. a SIMD kernel this CPU lacks */

/* ---- codes shared with the C++ core (static_assert-ed to match it) --------------------------- */

/* status: the colour a value is rated */
#define INDEVAL_STATUS_NONE 0
#define INDEVAL_STATUS_RED 1
#define INDEVAL_STATUS_AMBER 2
#define INDEVAL_STATUS_GREEN 3
#define INDEVAL_STATUS_BLUE 4

/* reason: why a value got its status */
#define INDEVAL_REASON_RATED 0
#define INDEVAL_REASON_NO_DATA 1      /* the value is NaN */
#define INDEVAL_REASON_NOT_RATED 2    /* no rule set */
#define INDEVAL_REASON_NEEDS_TARGET 3 /* the rules are relative to a target and there is none */
#define INDEVAL_REASON_NEEDS_COHORT 4 /* the rules are relative to a cohort and there is none */
#define INDEVAL_REASON_NOT_FINITE 5   /* the value is +inf or -inf */
#define INDEVAL_REASON_NEEDS_COMPARATOR 6 /* relative to a comparator and there is none */

/* direction of travel from the previous value */
#define INDEVAL_DIRECTION_NONE 0
#define INDEVAL_DIRECTION_IMPROVED 1
#define INDEVAL_DIRECTION_DECLINED 2
#define INDEVAL_DIRECTION_SAME 3
#define INDEVAL_DIRECTION_UP 4   /* moved up, and which way is good is unknown */
#define INDEVAL_DIRECTION_DOWN 5

/* polarity: which way is good */
#define INDEVAL_POLARITY_NEUTRAL 0
#define INDEVAL_POLARITY_BIB 1 /* bigger is better */
#define INDEVAL_POLARITY_SIB 2 /* smaller is better */

/* scale: how percentage values arrive (rule text is always in points) */
#define INDEVAL_SCALE_POINTS 0   /* 63.9 means 63.9% */
#define INDEVAL_SCALE_FRACTION 1 /* 0.639 means 63.9% */

/* unit of an indicator's numbers */
#define INDEVAL_UNIT_COUNT 0
#define INDEVAL_UNIT_PERCENT 1
#define INDEVAL_UNIT_DAYS 2
#define INDEVAL_UNIT_AVERAGE 3
#define INDEVAL_UNIT_RATE 4

/* orientation of a rule set's bands */
#define INDEVAL_ORIENTATION_NONE 0
#define INDEVAL_ORIENTATION_RISING 1  /* better bands sit higher */
#define INDEVAL_ORIENTATION_FALLING 2 /* better bands sit lower */

/* bulk kernels */
#define INDEVAL_KERNEL_AUTOMATIC 0
#define INDEVAL_KERNEL_SCALAR 1
#define INDEVAL_KERNEL_AVX2 2
#define INDEVAL_KERNEL_AVX512 3

/* severity of a lint finding */
#define INDEVAL_SEVERITY_INFO 0
#define INDEVAL_SEVERITY_WARNING 1
#define INDEVAL_SEVERITY_ERROR 2

/* decimals: do not round */
#define INDEVAL_NO_DECIMALS (-1)

/* text fields of an indicator (indeval_indicator_set_text) */
#define INDEVAL_FIELD_REF 0       /* "AMT 2" */
#define INDEVAL_FIELD_TITLE 1
#define INDEVAL_FIELD_SECTION 2
#define INDEVAL_FIELD_RULE_TEXT 3 /* the RAG methodology as written, for lint */

/* text fields of a lint finding (indeval_findings_text) */
#define INDEVAL_FINDING_CODE 0    /* a stable identifier of the kind of finding */
#define INDEVAL_FINDING_MESSAGE 1 /* a sentence for a person */
#define INDEVAL_FINDING_WHERE 2   /* what it is about: a period label, "rules", "target" ... */

/* ---- handles (opaque) ------------------------------------------------------------------------ */

typedef struct indeval_rules indeval_rules;         /* a parsed rule set (immutable) */
typedef struct indeval_catalogue indeval_catalogue; /* numbered rating entries, for bulk */
typedef struct indeval_indicator indeval_indicator; /* one scorecard indicator */
typedef struct indeval_series indeval_series;       /* an indicator's observations, for lint */
typedef struct indeval_findings indeval_findings;   /* the result of a lint */

/* ---- library --------------------------------------------------------------------------------- */

/* The library's version (e.g. 0.1.0). Any out-parameter may be NULL. */
INDEVAL_API int32_t INDEVAL_CALL indeval_version(int32_t* major, int32_t* minor, int32_t* patch);
/* The library's version as text, "0.1.0". */
INDEVAL_API int32_t INDEVAL_CALL indeval_version_string(char* buf, int32_t cap, int32_t* needed);
/* The ABI the library implements; compare major with INDEVAL_ABI_MAJOR. Either may be NULL. */
INDEVAL_API int32_t INDEVAL_CALL indeval_abi_version(int32_t* major, int32_t* minor);

/* The message of the calling thread's last failure ("" if none). Never changes the message, even
 * when it fails itself (INDEVAL_E_BUFFER, INDEVAL_E_NULL, INDEVAL_E_RANGE). */
INDEVAL_API int32_t INDEVAL_CALL indeval_last_error(char* buf, int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_last_error_w(uint16_t* buf, int32_t cap, int32_t* needed);

/* Stores a quiet NaN, the "no figure" value, in *out. */
INDEVAL_API int32_t INDEVAL_CALL indeval_no_figure(double* out);

/* ---- rule sets ------------------------------------------------------------------------------- */

/* Parses a RAG methodology ("95% or above Green 85%-94% Amber 84% and below Red"). On success *out
 * is a new handle. On INDEVAL_E_PARSE, *error_position receives the 0-based offset of the problem
 * (in bytes for UTF-8 text, in UTF-16 units for _w; 0 when the problem is the text as a whole,
 * such as an empty text) and the last error says what it is; *error_position is -1 on success and
 * on every other failure. error_position may be NULL. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse(const char* text, indeval_rules** out,
                                                     int32_t* error_position);
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse_w(const uint16_t* text, indeval_rules** out,
                                                       int32_t* error_position);
/* Releases a rule set. NULL is fine. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_free(indeval_rules* rules);
/* A new handle holding a copy of the rule set. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_clone(const indeval_rules* rules,
                                                     indeval_rules** out);
/* The canonical text of the rule set: parsing it gives an equal rule set. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_print(const indeval_rules* rules, char* buf,
                                                     int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_print_w(const indeval_rules* rules, uint16_t* buf,
                                                       int32_t cap, int32_t* needed);
/* Facts about a rule set: number of bands, INDEVAL_ORIENTATION_*, and 0/1 flags for whether it
 * needs a target / a cohort size to rate. Any out-parameter may be NULL. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_info(const indeval_rules* rules, int32_t* bands,
                                                    int32_t* orientation, int32_t* needs_target,
                                                    int32_t* needs_cohort);

/* Comparators: published figures a rule can be measured against ("at or above the England
 * average", "within 5% of statistical neighbours", "improved on the previous period"). The previous
 * period's and last year's figures are the indicator's own and are compared as rated (rounded to
 * the decimals); the others as given. A rule needing one that is missing (NaN) rates None with
 * INDEVAL_REASON_NEEDS_COMPARATOR. */
#define INDEVAL_COMPARATOR_ENGLAND 0
#define INDEVAL_COMPARATOR_REGION 1
#define INDEVAL_COMPARATOR_NEIGHBOURS 2
#define INDEVAL_COMPARATOR_PREVIOUS 3
#define INDEVAL_COMPARATOR_PREVIOUS_YEAR 4
#define INDEVAL_COMPARATORS 5

/* As indeval_rules_parse, knowing which way is better (INDEVAL_POLARITY_*) for rule text that says
 * "better than", "or better", "improved on", "no worse than": BIB reads "better than X" as above X,
 * SIB as below. Without a polarity (NEUTRAL) such words need "higher is better" / "lower is
 * better" in the text, or other bounds that show which way the bands run; else INDEVAL_E_PARSE at
 * their position. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse_for(const char* text, int32_t polarity,
                                                         indeval_rules** out,
                                                         int32_t* error_position);
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_parse_for_w(const uint16_t* text, int32_t polarity,
                                                           indeval_rules** out,
                                                           int32_t* error_position);
/* Which comparators the rule set is measured against: bit INDEVAL_COMPARATOR_* set for each. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_comparators(const indeval_rules* rules,
                                                           int32_t* mask);

/* Rates one value. rules may be NULL: the value is then not rated (None, NOT_RATED). target and
 * cohort are NaN when there are none; decimals is 0..15 or INDEVAL_NO_DECIMALS; scale is
 * INDEVAL_SCALE_*. *status receives INDEVAL_STATUS_*, and *reason (reason may be NULL)
 * INDEVAL_REASON_*.
 * NaN and infinite values are not errors: they rate None (NO_DATA, NOT_FINITE). */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_evaluate(const indeval_rules* rules, double value,
                                                        double target, double cohort,
                                                        int32_t decimals, int32_t scale,
                                                        int32_t* status, int32_t* reason);
/* As indeval_rules_evaluate, with everything the rating knows. polarity (INDEVAL_POLARITY_*)
 * only signs the distance. *band: index of the band, best first, or -1 when None; *rated_value:
 * the value as compared (points, rounded); *rated_target: the target in points (NaN if none);
 * *distance: to the target, positive = better (NaN when unknown). Every out-parameter but status
 * may be NULL. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_evaluate_detail(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t polarity, int32_t* status, int32_t* reason, int32_t* band,
    double* rated_value, double* rated_target, double* distance);
/* As indeval_rules_evaluate_detail's status and reason, with comparators: comparators[c] is the
 * figure of INDEVAL_COMPARATOR_c (NaN = none) for c < count (0..INDEVAL_COMPARATORS); the rest
 * are missing. comparators may be NULL when count is 0. */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_evaluate_against(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t polarity, const double* comparators, int32_t count, int32_t* status,
    int32_t* reason);
/* indeval_rules_explain with comparators (as indeval_rules_evaluate_against). */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain_against(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t unit, const double* comparators, int32_t count, char* buf, int32_t cap,
    int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain_against_w(
    const indeval_rules* rules, double value, double target, double cohort, int32_t decimals,
    int32_t scale, int32_t unit, const double* comparators, int32_t count, uint16_t* buf,
    int32_t cap, int32_t* needed);
/* One line for a person: "Red: 63.9% is below the Amber threshold of 85%". unit is
 * INDEVAL_UNIT_*; the other arguments are as for indeval_rules_evaluate (rules may be NULL). */
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain(const indeval_rules* rules, double value,
                                                       double target, double cohort,
                                                       int32_t decimals, int32_t scale,
                                                       int32_t unit, char* buf, int32_t cap,
                                                       int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_rules_explain_w(const indeval_rules* rules, double value,
                                                         double target, double cohort,
                                                         int32_t decimals, int32_t scale,
                                                         int32_t unit, uint16_t* buf, int32_t cap,
                                                         int32_t* needed);

/* Direction of travel from previous to current: improved/declined when which way is good is known
 * (the polarity, else the orientation of rules, which may be NULL), up/down when it is not, same
 * when equal as rated (after rounding to decimals), none when either is NaN or infinite. */
INDEVAL_API int32_t INDEVAL_CALL indeval_direction(double previous, double current,
                                                   int32_t polarity, const indeval_rules* rules,
                                                   int32_t decimals, int32_t scale,
                                                   int32_t* direction);

/* ---- indicators ------------------------------------------------------------------------------ */

/* A new indicator: empty text fields, neutral polarity, unit count, no decimals, no target, no
 * rules (not rated). */
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_create(indeval_indicator** out);
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_free(indeval_indicator* indicator);
/* Sets the numeric fields: INDEVAL_POLARITY_*, INDEVAL_UNIT_*, decimals (0..15 or
 * INDEVAL_NO_DECIMALS), target (NaN = none; must not be infinite). */
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set(indeval_indicator* indicator,
                                                       int32_t polarity, int32_t unit,
                                                       int32_t decimals, double target);
/* Sets the rule set (copied; the handle may be freed afterwards). NULL: not rated. */
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set_rules(indeval_indicator* indicator,
                                                             const indeval_rules* rules);
/* Sets a text field (INDEVAL_FIELD_*). */
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set_text(indeval_indicator* indicator,
                                                            int32_t field, const char* text);
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_set_text_w(indeval_indicator* indicator,
                                                              int32_t field, const uint16_t* text);
/* Rates one value of the indicator with its own rules, target, decimals and polarity. */
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_evaluate(const indeval_indicator* indicator,
                                                            double value, double cohort,
                                                            int32_t scale, int32_t* status,
                                                            int32_t* reason);
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_explain(const indeval_indicator* indicator,
                                                           double value, double cohort,
                                                           int32_t scale, char* buf, int32_t cap,
                                                           int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_explain_w(const indeval_indicator* indicator,
                                                             double value, double cohort,
                                                             int32_t scale, uint16_t* buf,
                                                             int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_indicator_direction(const indeval_indicator* indicator,
                                                             double previous, double current,
                                                             int32_t scale, int32_t* direction);

/* ---- series (an indicator's observations, for lint) ------------------------------------------ */

INDEVAL_API int32_t INDEVAL_CALL indeval_series_create(indeval_series** out);
INDEVAL_API int32_t INDEVAL_CALL indeval_series_free(indeval_series* series);
/* Appends one observation: the period label as written ("Nov-17"), the value (NaN = blank), a
 * note ("6m+"; NULL = none) and the published status text ("Amber", "Yellow", ""; NULL = none). */
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add(indeval_series* series, const char* period,
                                                    double value, const char* note,
                                                    const char* published);
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_w(indeval_series* series,
                                                      const uint16_t* period, double value,
                                                      const uint16_t* note,
                                                      const uint16_t* published);
/* Appends count observations from parallel arrays. notes and published may be NULL (none), and so
 * may any of their elements; periods and its elements may not. */
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_many(indeval_series* series, int32_t count,
                                                         const char* const* periods,
                                                         const double* values,
                                                         const char* const* notes,
                                                         const char* const* published);
INDEVAL_API int32_t INDEVAL_CALL indeval_series_size(const indeval_series* series, int32_t* count);
/* Direction of travel of the indicator from observation `previous` to observation `current` of
 * the series (0-based positions): as indeval_indicator_direction, but NONE when the two carry
 * different notes (the definition changed between them: "79% (6m+)" then "53%"). */
INDEVAL_API int32_t INDEVAL_CALL indeval_series_direction(const indeval_indicator* indicator,
                                                          const indeval_series* series,
                                                          int32_t previous, int32_t current,
                                                          int32_t scale, int32_t* direction);

/* ---- catalogue and bulk evaluation ----------------------------------------------------------- */

INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_create(indeval_catalogue** out);
INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_free(indeval_catalogue* catalogue);
/* Appends an entry: a rule set (copied; NULL = not rated), decimals (0..15 or
 * INDEVAL_NO_DECIMALS), INDEVAL_SCALE_* of the values, INDEVAL_POLARITY_*, and a default target
 * (NaN = none). *index (may be NULL) receives the entry's number: 0, 1, 2 ... */
INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_add(indeval_catalogue* catalogue,
                                                       const indeval_rules* rules,
                                                       int32_t decimals, int32_t scale,
                                                       int32_t polarity, double target,
                                                       int32_t* index);
/* Appends an entry made from an indicator (its rules, decimals, polarity and target). */
INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_add_indicator(indeval_catalogue* catalogue,
                                                                 const indeval_indicator* indicator,
                                                                 int32_t scale, int32_t* index);
INDEVAL_API int32_t INDEVAL_CALL indeval_catalogue_size(const indeval_catalogue* catalogue,
                                                        int32_t* size);

/* Rates count rows. Row i is values[i] rated by entry index[i] (index NULL: every row uses entry
 * 0). Optional inputs (NULL = none): previous[i] for the direction of travel; target[i], the row's
 * target (NaN = none), in place of the entries' targets; cohort[i], the row's cohort size (NaN =
 * none). Each row gets exactly what indeval_rules_evaluate and indeval_direction give it, whatever
 * the kernel and the number of threads. Outputs: status[i] (INDEVAL_STATUS_*), and when not
 * NULL reason[i] (INDEVAL_REASON_*) and direction[i] (INDEVAL_DIRECTION_*; NONE for every row when
 * previous is NULL). All codes fit 0..5, so the outputs may be unsigned bytes (VBA Byte arrays).
 * threads: 1 = the calling thread only, n > 1 = up to n threads, 0 = one per hardware thread.
 * An index outside the catalogue, or an empty catalogue, is INDEVAL_E_RANGE and nothing is
 * written. */
INDEVAL_API int32_t INDEVAL_CALL indeval_evaluate_bulk(
    const indeval_catalogue* catalogue, const double* values, const double* previous,
    const int32_t* index, const double* target, const double* cohort, int32_t count,
    int8_t* status, int8_t* reason, int8_t* direction, int32_t threads);
/* As indeval_evaluate_bulk with a chosen kernel (INDEVAL_KERNEL_*). Every kernel gives the same
 * results; one this CPU or build lacks is INDEVAL_E_UNSUPPORTED. */
INDEVAL_API int32_t INDEVAL_CALL indeval_evaluate_bulk_kernel(
    const indeval_catalogue* catalogue, const double* values, const double* previous,
    const int32_t* index, const double* target, const double* cohort, int32_t count,
    int8_t* status, int8_t* reason, int8_t* direction, int32_t threads, int32_t kernel);

/* ---- lint ------------------------------------------------------------------------------------ */

/* Checks an indicator and its observations (series may be NULL: none; earliest period first) for
 * what a performance team should know: rules that contradict the polarity, gaps and overlaps
 * between bands, a target its own rules rate worse than Green, published statuses that disagree
 * with the rules or are not statuses at all, zeros that look like missing figures, and so on.
 * The rule text is the indicator's INDEVAL_FIELD_RULE_TEXT, if set: findings then point into it,
 * and an indicator without rules has it parsed and checked instead. cohort is the cohort size for
 * rules written as a percentage of one (NaN: unknown). The findings' codes ("band-gap",
 * "published-mismatch" ...) are stable: new ones may be added, none is renamed or reused. */
INDEVAL_API int32_t INDEVAL_CALL indeval_lint(const indeval_indicator* indicator,
                                              const indeval_series* series, double cohort,
                                              indeval_findings** out);
INDEVAL_API int32_t INDEVAL_CALL indeval_findings_free(indeval_findings* findings);
INDEVAL_API int32_t INDEVAL_CALL indeval_findings_count(const indeval_findings* findings,
                                                        int32_t* count);
/* The severity (INDEVAL_SEVERITY_*) of finding i, 0 <= i < count. */
INDEVAL_API int32_t INDEVAL_CALL indeval_findings_severity(const indeval_findings* findings,
                                                           int32_t i, int32_t* severity);
/* A text field (INDEVAL_FINDING_*) of finding i. */
INDEVAL_API int32_t INDEVAL_CALL indeval_findings_text(const indeval_findings* findings, int32_t i,
                                                       int32_t field, char* buf, int32_t cap,
                                                       int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_findings_text_w(const indeval_findings* findings,
                                                         int32_t i, int32_t field, uint16_t* buf,
                                                         int32_t cap, int32_t* needed);

/* ---- engine: contexts and bulk requests ------------------------------------------------------
 * A context owns worker threads (started when first needed, asleep when idle, joined by
 * indeval_context_free); NULL in indeval_request_run means the library's default context, which
 * also serves indeval_evaluate_bulk. Several threads may run requests on one context at once: each
 * gets its own helpers. A forked child never uses its parent's threads: its contexts start afresh.
 *
 * A request is one bulk job: its kind (INDEVAL_JOB_*), input arrays, outputs and options, set by
 * id, then indeval_request_run. New inputs and options are new ids, never new functions. The
 * request keeps the caller's pointers (it copies no array): they must stay valid until the run
 * returns. Setting an id the job does not use is INDEVAL_E_RANGE naming the id and the job.
 * A request may be run many times, and changed between runs; one request must not be changed or
 * run by two threads at once. */
typedef struct indeval_context indeval_context;   /* owns worker threads */
typedef struct indeval_request indeval_request;   /* one bulk job: inputs, options, outputs */

/* jobs */
#define INDEVAL_JOB_RATE 1       /* rate rows against catalogue entries (as indeval_evaluate_bulk) */
#define INDEVAL_JOB_COMPARE 2    /* ranks and quartile bands within groups */
#define INDEVAL_JOB_NEIGHBOURS 3 /* statistical-neighbour means */
#define INDEVAL_JOB_SPC 4        /* XmR analysis per series */

/* element types */
#define INDEVAL_TYPE_INT8 1
#define INDEVAL_TYPE_UINT8 2
#define INDEVAL_TYPE_INT16 3
#define INDEVAL_TYPE_INT32 4
#define INDEVAL_TYPE_DOUBLE 5

/* input arrays: rating 1-19, comparisons 20-39, SPC 40-59 */
#define INDEVAL_ARRAY_VALUE 1    /* DOUBLE, required */
#define INDEVAL_ARRAY_PREVIOUS 2 /* DOUBLE: the values before, for the direction of travel */
#define INDEVAL_ARRAY_INDEX 3    /* per-row catalogue entry: INT8/UINT8/INT16/INT32 */
#define INDEVAL_ARRAY_TARGET 4   /* DOUBLE: per-row targets (NaN = none) in place of the entries' */
#define INDEVAL_ARRAY_COHORT 5   /* DOUBLE: per-row cohort sizes (NaN = none) */
/* DOUBLE: per-row comparators (NaN = none) for rules measured against them: INDEVAL_ARRAY_ENGLAND +
 * INDEVAL_COMPARATOR_*. The previous period's figures are INDEVAL_ARRAY_PREVIOUS unless
 * INDEVAL_ARRAY_PREVIOUS_PERIOD is set. */
#define INDEVAL_ARRAY_ENGLAND 6
#define INDEVAL_ARRAY_REGION 7
#define INDEVAL_ARRAY_NEIGHBOUR_MEAN 8
#define INDEVAL_ARRAY_PREVIOUS_PERIOD 9
#define INDEVAL_ARRAY_PREVIOUS_YEAR 10
/* outputs: rating 101-119, comparisons 120-139, SPC 140-169 */
#define INDEVAL_OUTPUT_STATUS 101    /* INT8 or UINT8, required for RATE */
#define INDEVAL_OUTPUT_REASON 102    /* INT8 or UINT8 */
#define INDEVAL_OUTPUT_DIRECTION 103 /* INT8 or UINT8; NONE in every row without PREVIOUS */
/* options (integer or double): common 201-219, rating 220-229, comparisons 230-239, SPC 240-259 */
#define INDEVAL_OPTION_THREADS 201 /* integer: 1 (default) = the calling thread only, n > 1, 0 = one
                                      per hardware thread */
#define INDEVAL_OPTION_KERNEL 202  /* integer: INDEVAL_KERNEL_* (default AUTOMATIC) */
#define INDEVAL_OPTION_SCALE 220   /* integer: INDEVAL_SCALE_* of every row's value and target, in
                                      place of each catalogue entry's own */

INDEVAL_API int32_t INDEVAL_CALL indeval_context_create(indeval_context** out);
/* Joins the context's threads. No request may be running on it. NULL is fine. */
INDEVAL_API int32_t INDEVAL_CALL indeval_context_free(indeval_context* context);
INDEVAL_API int32_t INDEVAL_CALL indeval_request_create(int32_t job, indeval_request** out);
INDEVAL_API int32_t INDEVAL_CALL indeval_request_free(indeval_request* request); /* NULL ok */
/* The catalogue a RATE request rates with (kept by pointer, like the arrays). */
INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_catalogue(indeval_request* request,
                                                               const indeval_catalogue* catalogue);
/* An input array: id INDEVAL_ARRAY_*, element type INDEVAL_TYPE_*, count elements at data (data
 * may be NULL only when count is 0). Setting an id again replaces it. */
INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_array(indeval_request* request, int32_t array,
                                                           int32_t type, const void* data,
                                                           int32_t count);
/* An output array: id INDEVAL_OUTPUT_*, element type INDEVAL_TYPE_*, room for count elements. */
INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_output(indeval_request* request,
                                                            int32_t output, int32_t type,
                                                            void* data, int32_t count);
INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_int(indeval_request* request, int32_t option,
                                                         int32_t value);
INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_double(indeval_request* request,
                                                            int32_t option, double value);
/* Runs of rows: segment k is rows first[k] .. first[k]+count[k]-1 with entry[k] (a catalogue entry
 * for RATE, a group's entry for COMPARE, a series' settings row for SPC). The one segments form of
 * every job. Segments may come in any order but must together cover every row exactly once. For
 * RATE they take the place of INDEVAL_ARRAY_INDEX (setting both is an error at run). The request
 * keeps the pointers. segments = 0 clears them (the arrays may then be NULL). */
INDEVAL_API int32_t INDEVAL_CALL indeval_request_set_segments(indeval_request* request,
                                                              const int32_t* first,
                                                              const int32_t* count,
                                                              const int32_t* entry,
                                                              int32_t segments);
/* Runs the job on a context (NULL = the library's default context). Validates everything first:
 * a missing required array, a count mismatch, a wrong type or an option out of range is an error
 * naming the array/option, and nothing is written. */
INDEVAL_API int32_t INDEVAL_CALL indeval_request_run(indeval_request* request,
                                                     indeval_context* context);

/* ---- comparisons: ranks, quartile bands, statistical-neighbour means ---------------------------
 * INDEVAL_JOB_COMPARE: every value's rank and quartile band among the rows of its group (one
 * segment: one measure in one period), by the segment's entry into the per-group arrays POLARITY
 * and QUARTILES. No segments set = every row in one group with entry 0. Only finite values take
 * part (NaN is missing, +-inf is no figure): they, and every row of a group without polarity,
 * get rank 0 and band NONE. Rank: 1 + the number of values better by polarity (ties share the
 * lowest rank: 1, 2, 2, 4). Band: the cut points are R's default (type 7) quartiles of the group's
 * values, computed as R computes them; a value equal to a cut point falls in the lower-valued band;
 * A is the best quarter by polarity. Values are compared as read at INDEVAL_OPTION_DIGITS
 * significant digits (default 15: 95.399999999999991 ties 95.4).
 * Arrays: VALUE (DOUBLE, rows), POLARITY (INT8, one per entry, required), QUARTILES (INT8 or
 * UINT8, one per entry: 0 = no bands; default bands for all). Outputs: RANK (INT32), BAND (INT8 or
 * UINT8); at least one.
 * INDEVAL_JOB_NEIGHBOURS: for every row, the mean of the values of its area's neighbours in the
 * same segment (neighbours without a finite value left out; NaN when none has one), computed as
 * R's mean() does. Arrays: VALUE (DOUBLE, rows), AREA (INT32 per row: an index into the rows of
 * NEIGHBOURS; each area at most once per segment), NEIGHBOURS (INT32, areas x
 * NEIGHBOURS_PER_AREA: each area's neighbours, closest first, as area indices; -1 = none).
 * Output: NEIGHBOUR_MEAN (DOUBLE, required). Segment entries are not used (give 0). */
#define INDEVAL_ARRAY_AREA 20       /* INT32 per row: the row's area (NEIGHBOURS) */
#define INDEVAL_ARRAY_POLARITY 21   /* INT8 per group entry: INDEVAL_POLARITY_* (COMPARE) */
#define INDEVAL_ARRAY_QUARTILES 22  /* INT8 or UINT8 per group entry: 1 = bands, 0 = none */
#define INDEVAL_ARRAY_NEIGHBOURS 23 /* INT32, areas x NEIGHBOURS_PER_AREA area indices, -1 none */
#define INDEVAL_OUTPUT_RANK 120           /* INT32 per row: 1 = best, 0 = no rank */
#define INDEVAL_OUTPUT_BAND 121           /* INT8 or UINT8 per row: INDEVAL_QUARTILE_* */
#define INDEVAL_OUTPUT_NEIGHBOUR_MEAN 122 /* DOUBLE per row: NaN = none */
#define INDEVAL_OPTION_DIGITS 230 /* integer 0..17 (default 15): significant digits values are
                                     read at before comparing; 0 = the doubles as given */
#define INDEVAL_OPTION_NEIGHBOURS_PER_AREA 231 /* integer >= 1 (default 10) */

/* quartile bands: A is the best quarter by polarity */
#define INDEVAL_QUARTILE_NONE 0
#define INDEVAL_QUARTILE_A 1
#define INDEVAL_QUARTILE_B 2
#define INDEVAL_QUARTILE_C 3
#define INDEVAL_QUARTILE_D 4

/* ---- statistical process control: XmR charts (the INDEVAL_JOB_SPC job) -------------------------
 * Per series (a segment; its entry is the series' settings row), points in date order, split into
 * phases at each rebase: NHS "Making Data Count" / NHSRplotthedots 0.2.2 limits, special-cause
 * rules, variation and assurance, exactly as indeval/spc.hpp and the README describe them.
 * Without segments all rows are one series with settings row 0. Settings rows are as many as the
 * settings arrays given have elements (all must agree); a setting without an array takes its
 * option (or the default); with no settings array there is one settings row. */
#define INDEVAL_ARRAY_SPC_VALUE 40       /* DOUBLE, required: the values (NaN or +-inf = missing) */
#define INDEVAL_ARRAY_SPC_DATE 41        /* INT32: a sortable date per point (indeval_spc_date);
                                            not set = each series' rows are in date order. Two
                                            points of a series on one date are an error. */
#define INDEVAL_ARRAY_SPC_REBASE 42      /* INT8/UINT8/INT32: non-zero = a new phase starts here */
#define INDEVAL_ARRAY_SPC_IMPROVEMENT 43 /* INT8/UINT8/INT32 per settings row: INDEVAL_POLARITY_*
                                            (BIB = increase, SIB = decrease, NEUTRAL) */
#define INDEVAL_ARRAY_SPC_TARGET 44      /* DOUBLE per settings row (NaN = no target) */
#define INDEVAL_ARRAY_SPC_FIX_AFTER 45   /* INT32 per settings row: 0 = none, else >= 12 */
#define INDEVAL_ARRAY_SPC_SCREEN 46      /* INT8/UINT8/INT32 per settings row: 0 = no screening */
#define INDEVAL_OUTPUT_SPC_MEAN 140           /* DOUBLE per point: the phase's mean */
#define INDEVAL_OUTPUT_SPC_LOWER 141          /* DOUBLE per point: lower limit (NaN = undefined) */
#define INDEVAL_OUTPUT_SPC_UPPER 142          /* DOUBLE per point: upper limit (NaN = undefined) */
#define INDEVAL_OUTPUT_SPC_VARIATION 143      /* INT8/UINT8 per point: INDEVAL_SPC_VARIATION_* */
#define INDEVAL_OUTPUT_SPC_RULE 144           /* INT8/UINT8 per point: INDEVAL_SPC_RULE_* */
#define INDEVAL_OUTPUT_SPC_ASSURANCE 145      /* INT8/UINT8 per segment: INDEVAL_SPC_ASSURANCE_* */
#define INDEVAL_OUTPUT_SPC_WARNINGS 146       /* INT8/UINT8 per segment: INDEVAL_SPC_WARNING_* bits */
#define INDEVAL_OUTPUT_SPC_LAST_VARIATION 147 /* INT8/UINT8 per segment: the last point's variation */
#define INDEVAL_OPTION_SPC_IMPROVEMENT 240 /* integer: improvement where no array gives it (NEUTRAL) */
#define INDEVAL_OPTION_SPC_TARGET 241      /* double: target where no array gives it (NaN) */
#define INDEVAL_OPTION_SPC_FIX_AFTER 242   /* integer: fix_after where no array gives it (0) */
#define INDEVAL_OPTION_SPC_SCREEN 243      /* integer: screening where no array gives it (1) */

#define INDEVAL_SPC_VARIATION_COMMON_CAUSE 0
#define INDEVAL_SPC_VARIATION_IMPROVEMENT 1
#define INDEVAL_SPC_VARIATION_CONCERN 2
#define INDEVAL_SPC_VARIATION_NEUTRAL_HIGH 3
#define INDEVAL_SPC_VARIATION_NEUTRAL_LOW 4
#define INDEVAL_SPC_RULE_NONE 0
#define INDEVAL_SPC_RULE_ABOVE_UPPER 1
#define INDEVAL_SPC_RULE_BELOW_LOWER 2
#define INDEVAL_SPC_RULE_TREND_UP 3
#define INDEVAL_SPC_RULE_TREND_DOWN 4
#define INDEVAL_SPC_RULE_TWO_OF_THREE_HIGH 5
#define INDEVAL_SPC_RULE_TWO_OF_THREE_LOW 6
#define INDEVAL_SPC_RULE_SHIFT_HIGH 7
#define INDEVAL_SPC_RULE_SHIFT_LOW 8
#define INDEVAL_SPC_ASSURANCE_NONE 0
#define INDEVAL_SPC_ASSURANCE_PASS 1
#define INDEVAL_SPC_ASSURANCE_FAIL 2
#define INDEVAL_SPC_ASSURANCE_INCONSISTENT 3
#define INDEVAL_SPC_WARNING_SHORT_PHASE 1      /* a phase has fewer than 13 points (missing counted) */
#define INDEVAL_SPC_WARNING_MISSING_VALUES 2
#define INDEVAL_SPC_WARNING_UNDEFINED_LIMITS 4 /* a phase has no limits (no moving range left) */

/* What indeval_spc_name and indeval_spc_code name. */
#define INDEVAL_SPC_NAME_VARIATION 1   /* "common_cause", "improvement", "concern", "neutral_high" ... */
#define INDEVAL_SPC_NAME_RULE 2        /* "" (none), "above_upper", "below_lower", "trend_up" ... */
#define INDEVAL_SPC_NAME_ASSURANCE 3   /* "" (none), "pass", "fail", "inconsistent" */
#define INDEVAL_SPC_NAME_IMPROVEMENT 4 /* INDEVAL_POLARITY_*: "neutral", "increase", "decrease" */

/* Which year a bare year label means (indeval_spc_date). */
#define INDEVAL_YEAR_CALENDAR 0
#define INDEVAL_YEAR_FINANCIAL 1
#define INDEVAL_YEAR_ACADEMIC 2

/* The name of a code (INDEVAL_E_RANGE for an unknown kind or code). */
INDEVAL_API int32_t INDEVAL_CALL indeval_spc_name(int32_t kind, int32_t code, char* buf, int32_t cap,
                                                  int32_t* needed);
/* The code of a name, in any case; for INDEVAL_SPC_NAME_IMPROVEMENT also BIB/High, SIB/Low and
 * blank, - or NA (neutral). INDEVAL_E_RANGE when the text names nothing (*code untouched). */
INDEVAL_API int32_t INDEVAL_CALL indeval_spc_code(int32_t kind, const char* name, int32_t* code);
/* A date for INDEVAL_ARRAY_SPC_DATE: an ISO date YYYY-MM-DD, or a period label (Apr-17, 2016-17,
 * 2017 Q1 ...; a bare year by year_kind, INDEVAL_YEAR_*) at its first day; days since 1970-01-01.
 * INDEVAL_E_PARSE when the text is neither. */
INDEVAL_API int32_t INDEVAL_CALL indeval_spc_date(const char* text, int32_t year_kind, int32_t* day);

/* ---- reading and printing: cells, periods, names, figures (ABI 1.1) ---------------------------- */
/* Everything a person writes or reads, decided once in the core: the CLI, a VBA macro and a C
 * program get the same figure from the same cell and print the same text for the same figure. */

/* what a cell's text says its unit is, when it says none (INDEVAL_UNIT_* otherwise) */
#define INDEVAL_UNIT_NONE (-1)

/* why a cell has no figure (INDEVAL_CELL_FIGURE when it has one) */
#define INDEVAL_CELL_FIGURE 0
#define INDEVAL_CELL_BLANK 1
#define INDEVAL_CELL_NOT_AVAILABLE 2     /* a marker: "-", "n/a", ".." */
#define INDEVAL_CELL_SPREADSHEET_ERROR 3 /* "#DIV/0!", "#N/A", "#VALUE!" ... */
#define INDEVAL_CELL_NO_FIGURE_TEXT 4    /* an explanation: "Data - In progress" */
#define INDEVAL_CELL_SUPPRESSED 5        /* "<5" */
#define INDEVAL_CELL_MALFORMED 6         /* text that is no figure: "8x%" */

/* how a figure is qualified */
#define INDEVAL_QUALIFIER_NONE 0
#define INDEVAL_QUALIFIER_APPROXIMATE 1 /* approx, ~, c., circa */
#define INDEVAL_QUALIFIER_ESTIMATE 2    /* est, estimated */
#define INDEVAL_QUALIFIER_PROVISIONAL 3
#define INDEVAL_QUALIFIER_ROUNDED 4
#define INDEVAL_QUALIFIER_SUPPRESSED 5  /* <5 */

/* how figures are read */
#define INDEVAL_READ_EXACT 0          /* the decimal as written */
#define INDEVAL_READ_SIGNIFICANT_15 1 /* rounded to 15 significant digits (binary noise, as LAIT) */

/* (which year a bare year label names: INDEVAL_YEAR_*, defined above) */

/* kinds of period */
#define INDEVAL_PERIOD_MONTH 0
#define INDEVAL_PERIOD_QUARTER 1
#define INDEVAL_PERIOD_CALENDAR_YEAR 2
#define INDEVAL_PERIOD_FINANCIAL_YEAR 3
#define INDEVAL_PERIOD_ACADEMIC_YEAR 4

/* tables of names (indeval_name, indeval_code) */
#define INDEVAL_NAMES_STATUS 0
#define INDEVAL_NAMES_POLARITY 1
#define INDEVAL_NAMES_UNIT 2
#define INDEVAL_NAMES_REASON 3
#define INDEVAL_NAMES_DIRECTION 4
#define INDEVAL_NAMES_LINT_CODE 5
#define INDEVAL_NAMES_SEVERITY 6
#define INDEVAL_NAMES_CELL 7
#define INDEVAL_NAMES_QUALIFIER 8
#define INDEVAL_NAMES_PERIOD_KIND 9
#define INDEVAL_NAMES_YEAR_KIND 10
#define INDEVAL_NAMES_COMPARATOR 11

/* Reads one scorecard cell as councils write it: "63.9%", "79% (6m+)", "1,234", "460 days",
 * "approx 63.9", "est 90", "<5", "-", "n/a", "#DIV/0!", "Data - In progress", "". options is
 * INDEVAL_READ_*. *figure: the figure, NaN when there is none; *unit: the unit the text says
 * (INDEVAL_UNIT_PERCENT for "%", INDEVAL_UNIT_DAYS for "days") or INDEVAL_UNIT_NONE; *reason:
 * INDEVAL_CELL_*; *qualifier: INDEVAL_QUALIFIER_* (a qualified figure is still the figure); note:
 * the bracketed note ("6m+"), or the text of a cell with no figure. unit, reason, qualifier,
 * needed and error_position may be NULL, and note too when cap is 0. Text that is no figure
 * ("8x%") is INDEVAL_E_PARSE, with the problem in the last error and its 0-based position in
 * *error_position (bytes; UTF-16 units for _w; -1 otherwise); *figure is then NaN. */
INDEVAL_API int32_t INDEVAL_CALL indeval_cell_read(const char* text, int32_t options,
                                                   double* figure, int32_t* unit, int32_t* reason,
                                                   int32_t* qualifier, char* note, int32_t cap,
                                                   int32_t* needed, int32_t* error_position);
INDEVAL_API int32_t INDEVAL_CALL indeval_cell_read_w(const uint16_t* text, int32_t options,
                                                     double* figure, int32_t* unit,
                                                     int32_t* reason, int32_t* qualifier,
                                                     uint16_t* note, int32_t cap, int32_t* needed,
                                                     int32_t* error_position);

/* Appends one observation to a series from the cell as written: the core reads it as
 * indeval_cell_read does (figure, bracketed note and qualifier, which lint reports). published
 * may be NULL. A malformed cell is INDEVAL_E_PARSE and nothing is appended. */
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_cell(indeval_series* series,
                                                         const char* period, const char* text,
                                                         const char* published, int32_t options);
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_cell_w(indeval_series* series,
                                                           const uint16_t* period,
                                                           const uint16_t* text,
                                                           const uint16_t* published,
                                                           int32_t options);

/* Parses a period label ("Nov-17", "2017-18", "2017 Q1", "2013/14-15/16"); year_kind
 * (INDEVAL_YEAR_*) says what a bare year names. *kind: INDEVAL_PERIOD_*; *first_month: its first
 * month as year * 12 + month - 1 (January = 0), which orders periods; *months: its length. Any
 * out-parameter may be NULL. A label that is no period is INDEVAL_E_PARSE with *error_position. */
INDEVAL_API int32_t INDEVAL_CALL indeval_period_parse(const char* label, int32_t year_kind,
                                                      int32_t* kind, int32_t* first_month,
                                                      int32_t* months, int32_t* error_position);
INDEVAL_API int32_t INDEVAL_CALL indeval_period_parse_w(const uint16_t* label, int32_t year_kind,
                                                        int32_t* kind, int32_t* first_month,
                                                        int32_t* months, int32_t* error_position);
/* Orders two period labels: *order is -1, 0 or 1 (by first month, then length, then kind). */
INDEVAL_API int32_t INDEVAL_CALL indeval_period_compare(const char* a, const char* b,
                                                        int32_t year_kind, int32_t* order);
INDEVAL_API int32_t INDEVAL_CALL indeval_period_compare_w(const uint16_t* a, const uint16_t* b,
                                                          int32_t year_kind, int32_t* order);
/* The canonical label of a period ("November 2017" -> "Nov-17"). */
INDEVAL_API int32_t INDEVAL_CALL indeval_period_label(const char* label, int32_t year_kind,
                                                      char* buf, int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_period_label_w(const uint16_t* label, int32_t year_kind,
                                                        uint16_t* buf, int32_t cap,
                                                        int32_t* needed);
/* The label of the period after / before (same kind and length): "Nov-17" -> "Dec-17" / "Oct-17".
 * INDEVAL_E_RANGE when that period is outside the years a label can name. */
INDEVAL_API int32_t INDEVAL_CALL indeval_period_next(const char* label, int32_t year_kind,
                                                     char* buf, int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_period_next_w(const uint16_t* label, int32_t year_kind,
                                                       uint16_t* buf, int32_t cap,
                                                       int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_period_previous(const char* label, int32_t year_kind,
                                                         char* buf, int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_period_previous_w(const uint16_t* label,
                                                           int32_t year_kind, uint16_t* buf,
                                                           int32_t cap, int32_t* needed);

/* The name of a code (kind INDEVAL_NAMES_*): status 2 -> "Amber", direction 0 -> "-", lint code
 * 1 -> "band-gap". A code outside the kind is INDEVAL_E_RANGE. */
INDEVAL_API int32_t INDEVAL_CALL indeval_name(int32_t kind, int32_t code, char* buf, int32_t cap,
                                              int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_name_w(int32_t kind, int32_t code, uint16_t* buf,
                                                int32_t cap, int32_t* needed);
/* The code of a name as scorecards write it (any case; "High" polarity, "%" unit, "no-data"
 * reason). An unknown name is INDEVAL_E_RANGE. */
INDEVAL_API int32_t INDEVAL_CALL indeval_code(int32_t kind, const char* name, int32_t* code);
INDEVAL_API int32_t INDEVAL_CALL indeval_code_w(int32_t kind, const uint16_t* name,
                                                int32_t* code);

/* A figure as printed, and as rated: with decimals (0..15), the value in points (scale
 * INDEVAL_SCALE_*) rounded half away from zero on the decimal as written, at that many places
 * (94.25 at 1 -> "94.3", 2.675 at 2 -> "2.68", 2.5 at 0 -> "3"); with INDEVAL_NO_DECIMALS, the
 * shortest text that reads back as the same double. unit (INDEVAL_UNIT_*) adds "%" or " days".
 * Never "-0"; NaN is "no value", infinities "+inf" / "-inf". */
INDEVAL_API int32_t INDEVAL_CALL indeval_value_format(double value, int32_t unit,
                                                      int32_t decimals, int32_t scale, char* buf,
                                                      int32_t cap, int32_t* needed);
INDEVAL_API int32_t INDEVAL_CALL indeval_value_format_w(double value, int32_t unit,
                                                        int32_t decimals, int32_t scale,
                                                        uint16_t* buf, int32_t cap,
                                                        int32_t* needed);

/* ---- float32 input (ABI 1.1) ---------------------------------------------------------------- */

/* Widens count floats to doubles, each the double of the float's shortest round-trip decimal (the
 * figure a person reads: the float 94.95f becomes 94.95, not 94.9499969482421875), so a float32
 * figure is rated as written. NaN and infinities stay as they are. in and out may not overlap;
 * both may be NULL when count is 0. INDEVAL_E_RANGE for a negative count. */
INDEVAL_API int32_t INDEVAL_CALL indeval_widen_float32(const float* in, double* out, int32_t count);

/* ---- series from UTF-16 (ABI 1.1) ------------------------------------------------------------ */

/* As indeval_series_add_many, with UTF-16 texts (from VBA: Periods is the first element of a
 * LongPtr array of StrPtr values; Notes and Published are VarPtr of such an array, or 0). */
INDEVAL_API int32_t INDEVAL_CALL indeval_series_add_many_w(indeval_series* series, int32_t count,
                                                           const uint16_t* const* periods,
                                                           const double* values,
                                                           const uint16_t* const* notes,
                                                           const uint16_t* const* published);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INDEVAL_H */
