/* Reading and printing through the C ABI (1.1): cells, periods, names and figures, with their
 * error paths (NULL pointers, bad codes, small buffers, malformed text and its position). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"


/* ASCII to UTF-16, for the _w functions. */
static const uint16_t* w(const char* s, uint16_t* out) {
  size_t i = 0;
  for (; s[i] != '\0'; ++i) out[i] = (uint16_t)(unsigned char)s[i];
  out[i] = 0;
  return out;
}
static int wide_equals(const uint16_t* a, const char* b) {
  size_t i = 0;
  for (; b[i] != '\0'; ++i)
    if (a[i] != (uint16_t)(unsigned char)b[i]) return 0;
  return a[i] == 0;
}

static void test_cells(void) {
  double figure = 0;
  int32_t unit = 0, reason = 0, qualifier = 0, needed = 0, position = 0;
  char note[32];
  uint16_t wide[64], wnote[32];

  CHECK_OK(indeval_cell_read("79% (6m+)", INDEVAL_READ_EXACT, &figure, &unit, &reason, &qualifier,
                             note, (int32_t)sizeof note, &needed, &position));
  CHECK(figure == 79 && unit == INDEVAL_UNIT_PERCENT && reason == INDEVAL_CELL_FIGURE);
  CHECK(qualifier == INDEVAL_QUALIFIER_NONE && strcmp(note, "6m+") == 0 && needed == 3);
  CHECK(position == -1);
  CHECK_OK(indeval_cell_read("1,234", 0, &figure, &unit, NULL, NULL, NULL, 0, NULL, NULL));
  CHECK(figure == 1234 && unit == INDEVAL_UNIT_NONE);
  CHECK_OK(indeval_cell_read("460 days", 0, &figure, &unit, NULL, NULL, NULL, 0, NULL, NULL));
  CHECK(figure == 460 && unit == INDEVAL_UNIT_DAYS);
  CHECK_OK(indeval_cell_read("est 90", 0, &figure, NULL, &reason, &qualifier, NULL, 0, NULL, NULL));
  CHECK(figure == 90 && reason == INDEVAL_CELL_FIGURE && qualifier == INDEVAL_QUALIFIER_ESTIMATE);
  CHECK_OK(indeval_cell_read("#DIV/0!", 0, &figure, NULL, &reason, NULL, note, 32, NULL, NULL));
  CHECK(isnan(figure) && reason == INDEVAL_CELL_SPREADSHEET_ERROR && strcmp(note, "#DIV/0!") == 0);
  CHECK_OK(indeval_cell_read("<5", 0, &figure, NULL, &reason, &qualifier, NULL, 0, NULL, NULL));
  CHECK(isnan(figure) && reason == INDEVAL_CELL_SUPPRESSED && qualifier == INDEVAL_QUALIFIER_SUPPRESSED);
  CHECK_OK(indeval_cell_read("", 0, &figure, NULL, &reason, NULL, NULL, 0, NULL, NULL));
  CHECK(isnan(figure) && reason == INDEVAL_CELL_BLANK);
  CHECK_OK(indeval_cell_read("95.399999999999991", INDEVAL_READ_SIGNIFICANT_15, &figure, NULL,
                             NULL, NULL, NULL, 0, NULL, NULL));
  CHECK(figure == 95.4);

  /* malformed: a parse error with its position */
  CHECK_RC(indeval_cell_read(" 8x%", 0, &figure, NULL, &reason, NULL, NULL, 0, NULL, &position),
           INDEVAL_E_PARSE);
  CHECK(position == 2 && isnan(figure) && reason == INDEVAL_CELL_MALFORMED);
  CHECK_RC(indeval_cell_read_w(w(" 8x%", wide), 0, &figure, NULL, NULL, NULL, NULL, 0, NULL,
                               &position), INDEVAL_E_PARSE);
  CHECK(position == 2);

  /* small buffer: the figure is still read */
  CHECK_RC(indeval_cell_read("79% (6m+)", 0, &figure, NULL, NULL, NULL, note, 2, &needed, NULL),
           INDEVAL_E_BUFFER);
  CHECK(needed == 3 && strcmp(note, "6") == 0);
  CHECK_OK(indeval_cell_read_w(w("79% (6M+)", wide), 0, &figure, NULL, NULL, NULL, wnote, 32,
                               &needed, NULL));
  CHECK(figure == 79 && wide_equals(wnote, "6M+"));

  /* NULLs and bad options */
  CHECK_RC(indeval_cell_read(NULL, 0, &figure, NULL, NULL, NULL, NULL, 0, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_cell_read("1", 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_cell_read_w(NULL, 0, &figure, NULL, NULL, NULL, NULL, 0, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_cell_read("1", 7, &figure, NULL, NULL, NULL, NULL, 0, NULL, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_cell_read("1", 0, &figure, NULL, NULL, NULL, NULL, 4, NULL, NULL), INDEVAL_E_NULL);
}

static void test_series_cells(void) {
  indeval_series* series = NULL;
  int32_t count = 0;
  uint16_t p[16], t[16];
  CHECK_OK(indeval_series_create(&series));
  CHECK_OK(indeval_series_add_cell(series, "Oct-17", "79% (6m+)", NULL, 0));
  CHECK_OK(indeval_series_add_cell(series, "Nov-17", "approx 63.9", "Red", 0));
  CHECK_OK(indeval_series_add_cell_w(series, w("Dec-17", p), w("n/a", t), NULL, 0));
  CHECK_RC(indeval_series_add_cell(series, "Jan-18", "8x%", NULL, 0), INDEVAL_E_PARSE);
  CHECK_RC(indeval_series_add_cell(series, NULL, "1", NULL, 0), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_cell(series, "Jan-18", NULL, NULL, 0), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_cell(NULL, "Jan-18", "1", NULL, 0), INDEVAL_E_NULL);
  CHECK_RC(indeval_series_add_cell(series, "Jan-18", "1", NULL, 9), INDEVAL_E_RANGE);
  CHECK_OK(indeval_series_size(series, &count));
  CHECK(count == 3);

  /* lint sees the qualifier and the change of definition */
  {
    indeval_indicator* ind = NULL;
    indeval_findings* findings = NULL;
    int32_t n = 0, i = 0, qualified = 0, change = 0;
    char code[64];
    CHECK_OK(indeval_indicator_create(&ind));
    CHECK_OK(indeval_lint(ind, series, NAN, &findings));
    CHECK_OK(indeval_findings_count(findings, &n));
    for (i = 0; i < n; ++i) {
      CHECK_OK(indeval_findings_text(findings, i, INDEVAL_FINDING_CODE, code, 64, NULL));
      qualified += strcmp(code, "qualified-figure") == 0;
      change += strcmp(code, "definition-change") == 0;
    }
    CHECK(qualified == 1 && change == 1);
    indeval_findings_free(findings);
    indeval_indicator_free(ind);
  }
  indeval_series_free(series);
}

static void test_periods(void) {
  int32_t kind = -1, first = 0, months = 0, position = 0, order = 9, needed = 0;
  char label[32];
  uint16_t a[32], b[32], out[32];

  CHECK_OK(indeval_period_parse("Nov-17", INDEVAL_YEAR_FINANCIAL, &kind, &first, &months, &position));
  CHECK(kind == INDEVAL_PERIOD_MONTH && first == 2017 * 12 + 10 && months == 1 && position == -1);
  CHECK_OK(indeval_period_parse("2017-18", INDEVAL_YEAR_FINANCIAL, &kind, &first, &months, NULL));
  CHECK(kind == INDEVAL_PERIOD_FINANCIAL_YEAR && first == 2017 * 12 + 3 && months == 12);
  CHECK_OK(indeval_period_parse_w(w("2017 Q1", a), INDEVAL_YEAR_CALENDAR, &kind, NULL, NULL, NULL));
  CHECK(kind == INDEVAL_PERIOD_QUARTER);
  CHECK_RC(indeval_period_parse("Foo-17", 1, &kind, NULL, NULL, &position), INDEVAL_E_PARSE);
  CHECK(position == 0);
  CHECK_RC(indeval_period_parse(NULL, 1, NULL, NULL, NULL, NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_period_parse("Nov-17", 3, NULL, NULL, NULL, NULL), INDEVAL_E_RANGE);

  CHECK_OK(indeval_period_compare("Oct-17", "Nov-17", INDEVAL_YEAR_FINANCIAL, &order));
  CHECK(order == -1);
  CHECK_OK(indeval_period_compare("November 2017", "Nov-17", INDEVAL_YEAR_FINANCIAL, &order));
  CHECK(order == 0);
  CHECK_OK(indeval_period_compare_w(w("Apr-18", a), w("Mar-18", b), 1, &order));
  CHECK(order == 1);
  CHECK_RC(indeval_period_compare("Oct-17", "junk", 1, &order), INDEVAL_E_PARSE);
  CHECK_RC(indeval_period_compare("Oct-17", "Nov-17", 1, NULL), INDEVAL_E_NULL);

  CHECK_OK(indeval_period_label("November 2017", 1, label, 32, &needed));
  CHECK(strcmp(label, "Nov-17") == 0 && needed == 6);
  CHECK_OK(indeval_period_next("Dec-17", 1, label, 32, NULL));
  CHECK(strcmp(label, "Jan-18") == 0);
  CHECK_OK(indeval_period_previous("Apr-17", 1, label, 32, NULL));
  CHECK(strcmp(label, "Mar-17") == 0);
  CHECK_OK(indeval_period_next("2017-18", 1, label, 32, NULL));
  CHECK(strcmp(label, "2018-19") == 0);
  CHECK_OK(indeval_period_previous_w(w("Nov-17", a), 1, out, 32, NULL));
  CHECK(wide_equals(out, "Oct-17"));
  CHECK_OK(indeval_period_next_w(w("Nov-17", a), 1, out, 32, NULL));
  CHECK(wide_equals(out, "Dec-17"));
  CHECK_OK(indeval_period_label_w(w("nov-2017", a), 1, out, 32, NULL));
  CHECK(wide_equals(out, "Nov-17"));
  CHECK_RC(indeval_period_label("Nov-17", 1, label, 3, &needed), INDEVAL_E_BUFFER);
  CHECK(needed == 6 && strcmp(label, "No") == 0);
  CHECK_RC(indeval_period_next("Dec-9999", 1, label, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_period_next(NULL, 1, label, 32, NULL), INDEVAL_E_NULL);
}

static void test_names(void) {
  char name[32];
  uint16_t wname[32], in[32];
  int32_t code = -1, needed = 0;
  CHECK_OK(indeval_name(INDEVAL_NAMES_STATUS, INDEVAL_STATUS_AMBER, name, 32, &needed));
  CHECK(strcmp(name, "Amber") == 0 && needed == 5);
  CHECK_OK(indeval_name(INDEVAL_NAMES_DIRECTION, INDEVAL_DIRECTION_NONE, name, 32, NULL));
  CHECK(strcmp(name, "-") == 0);
  CHECK_OK(indeval_name(INDEVAL_NAMES_LINT_CODE, 1, name, 32, NULL));
  CHECK(strcmp(name, "band-gap") == 0);
  CHECK_OK(indeval_name(INDEVAL_NAMES_REASON, INDEVAL_REASON_NO_DATA, name, 32, NULL));
  CHECK(strcmp(name, "no data") == 0);
  CHECK_OK(indeval_name_w(INDEVAL_NAMES_POLARITY, INDEVAL_POLARITY_SIB, wname, 32, NULL));
  CHECK(wide_equals(wname, "SIB"));
  CHECK_RC(indeval_name(INDEVAL_NAMES_STATUS, 5, name, 32, NULL), INDEVAL_E_RANGE);
  CHECK_OK(indeval_name(INDEVAL_NAMES_COMPARATOR, INDEVAL_COMPARATOR_NEIGHBOURS, name, 32, NULL));
  CHECK(strcmp(name, "statistical neighbours") == 0);
  CHECK_OK(indeval_name(INDEVAL_NAMES_REASON, INDEVAL_REASON_NEEDS_COMPARATOR, name, 32, NULL));
  CHECK(strcmp(name, "needs comparator") == 0);
  CHECK_RC(indeval_name(INDEVAL_NAMES_COMPARATOR, INDEVAL_COMPARATORS, name, 32, NULL),
           INDEVAL_E_RANGE);
  CHECK_RC(indeval_name(12, 0, name, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_name(INDEVAL_NAMES_STATUS, 2, name, 3, &needed), INDEVAL_E_BUFFER);
  CHECK(needed == 5);
  CHECK_RC(indeval_name(INDEVAL_NAMES_STATUS, 2, NULL, 0, &needed), INDEVAL_E_BUFFER);

  CHECK_OK(indeval_code(INDEVAL_NAMES_STATUS, " amber ", &code));
  CHECK(code == INDEVAL_STATUS_AMBER);
  CHECK_OK(indeval_code(INDEVAL_NAMES_POLARITY, "High", &code));
  CHECK(code == INDEVAL_POLARITY_BIB);
  CHECK_OK(indeval_code(INDEVAL_NAMES_UNIT, "%", &code));
  CHECK(code == INDEVAL_UNIT_PERCENT);
  CHECK_OK(indeval_code(INDEVAL_NAMES_REASON, "No-Data", &code));
  CHECK(code == INDEVAL_REASON_NO_DATA);
  CHECK_OK(indeval_code(INDEVAL_NAMES_LINT_CODE, "scale-mismatch", &code));
  CHECK(code == 15);
  CHECK_OK(indeval_code_w(INDEVAL_NAMES_DIRECTION, w("Improved", in), &code));
  CHECK(code == INDEVAL_DIRECTION_IMPROVED);
  CHECK_RC(indeval_code(INDEVAL_NAMES_STATUS, "Yellow", &code), INDEVAL_E_RANGE);
  CHECK_RC(indeval_code(INDEVAL_NAMES_STATUS, NULL, &code), INDEVAL_E_NULL);
  CHECK_RC(indeval_code(INDEVAL_NAMES_STATUS, "Red", NULL), INDEVAL_E_NULL);
  CHECK_RC(indeval_code(-1, "Red", &code), INDEVAL_E_RANGE);
}

static void test_format(void) {
  char text[32];
  uint16_t wtext[32];
  int32_t needed = 0;
  CHECK_OK(indeval_value_format(94.25, INDEVAL_UNIT_PERCENT, 1, INDEVAL_SCALE_POINTS, text, 32, &needed));
  CHECK(strcmp(text, "94.3%") == 0 && needed == 5);
  CHECK_OK(indeval_value_format(2.675, INDEVAL_UNIT_COUNT, 2, 0, text, 32, NULL));
  CHECK(strcmp(text, "2.68") == 0);
  CHECK_OK(indeval_value_format(2.5, INDEVAL_UNIT_COUNT, 0, 0, text, 32, NULL));
  CHECK(strcmp(text, "3") == 0);
  CHECK_OK(indeval_value_format(18.99 / 20 * 100, INDEVAL_UNIT_COUNT, 1, 0, text, 32, NULL));
  CHECK(strcmp(text, "94.9") == 0);
  CHECK_OK(indeval_value_format(-0.04, INDEVAL_UNIT_COUNT, 1, 0, text, 32, NULL));
  CHECK(strcmp(text, "0.0") == 0);
  CHECK_OK(indeval_value_format(-0.0, INDEVAL_UNIT_COUNT, INDEVAL_NO_DECIMALS, 0, text, 32, NULL));
  CHECK(strcmp(text, "0") == 0);
  CHECK_OK(indeval_value_format(0.9425, INDEVAL_UNIT_PERCENT, 1, INDEVAL_SCALE_FRACTION, text, 32, NULL));
  CHECK(strcmp(text, "94.3%") == 0);
  CHECK_OK(indeval_value_format(460, INDEVAL_UNIT_DAYS, INDEVAL_NO_DECIMALS, 0, text, 32, NULL));
  CHECK(strcmp(text, "460 days") == 0);
  CHECK_OK(indeval_value_format(NAN, INDEVAL_UNIT_PERCENT, 1, 0, text, 32, NULL));
  CHECK(strcmp(text, "no value") == 0);
  CHECK_OK(indeval_value_format(-INFINITY, INDEVAL_UNIT_COUNT, 1, 0, text, 32, NULL));
  CHECK(strcmp(text, "-inf") == 0);
  CHECK_OK(indeval_value_format_w(94.25, INDEVAL_UNIT_PERCENT, 1, 0, wtext, 32, NULL));
  CHECK(wide_equals(wtext, "94.3%"));
  CHECK_RC(indeval_value_format(94.25, INDEVAL_UNIT_PERCENT, 1, 0, text, 3, &needed), INDEVAL_E_BUFFER);
  CHECK(needed == 5);
  CHECK_RC(indeval_value_format(1, 9, 1, 0, text, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_value_format(1, 0, 16, 0, text, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_value_format(1, 0, 1, 2, text, 32, NULL), INDEVAL_E_RANGE);
  CHECK_RC(indeval_value_format(1, 0, 1, 0, NULL, 32, NULL), INDEVAL_E_NULL);
}

int main(void) {
  int32_t major = 0, minor = 0;
  indeval_abi_version(&major, &minor);
  CHECK(major == 1 && minor >= 1);
  test_cells();
  test_series_cells();
  test_periods();
  test_names();
  test_format();
  return summary("test_reading");
}
