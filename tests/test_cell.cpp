// Reading scorecard cells: every form real council spreadsheets hold.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "indeval/cell.hpp"

using namespace indeval;

namespace {
void expect_figure(std::string_view text, double figure, std::optional<unit> u = std::nullopt,
                   qualifier q = qualifier::none, std::string_view note = "") {
  const cell c = read_cell(text);
  EXPECT_EQ(c.reason, cell_reason::figure) << text << ": " << c.problem;
  EXPECT_EQ(c.figure, figure) << text;
  EXPECT_EQ(c.unit, u) << text;
  EXPECT_EQ(c.qualifier, q) << text;
  EXPECT_EQ(c.note, note) << text;
}
void expect_none(std::string_view text, cell_reason why, std::string_view note) {
  const cell c = read_cell(text);
  EXPECT_EQ(c.reason, why) << text;
  EXPECT_TRUE(std::isnan(c.figure)) << text;
  EXPECT_EQ(c.note, note) << text;
}
}  // namespace

TEST(Cell, Figures) {
  expect_figure("63.9", 63.9);
  expect_figure("63.9%", 63.9, unit::percent);
  expect_figure(" 12.5 % ", 12.5, unit::percent);
  expect_figure("1,234", 1234);
  expect_figure("1,234,567.5", 1234567.5);
  expect_figure("460 days", 460, unit::days);
  expect_figure("1 Day", 1, unit::days);
  expect_figure("79% (6m+)", 79, unit::percent, qualifier::none, "6m+");
  expect_figure("-3.5", -3.5);
  expect_figure("+2", 2);
  expect_figure(".5", 0.5);
  expect_figure("5.", 5);
  expect_figure("-0", 0);
  EXPECT_FALSE(std::signbit(read_cell("-0").figure));
  EXPECT_EQ(read_cell("1.5E-3").reason, cell_reason::malformed);  // no exponents
  expect_figure("0.57", 0.57);
}

TEST(Cell, QualifiedFiguresKeepTheirQualifier) {
  expect_figure("approx 63.9", 63.9, std::nullopt, qualifier::approximate);
  expect_figure("Approx. 63.9%", 63.9, unit::percent, qualifier::approximate);
  expect_figure("~63.9", 63.9, std::nullopt, qualifier::approximate);
  expect_figure("c. 95%", 95, unit::percent, qualifier::approximate);
  expect_figure("c.95%", 95, unit::percent, qualifier::approximate);
  expect_figure("circa 95", 95, std::nullopt, qualifier::approximate);
  expect_figure("est 90", 90, std::nullopt, qualifier::estimate);
  expect_figure("Est: 90", 90, std::nullopt, qualifier::estimate);
  expect_figure("90 (est)", 90, std::nullopt, qualifier::estimate);
  expect_figure("Provisional 96%", 96, unit::percent, qualifier::provisional);
  expect_figure("96% (provisional)", 96, unit::percent, qualifier::provisional);
  expect_figure("Rounded 94.95", 94.95, std::nullopt, qualifier::rounded);
}

TEST(Cell, NoFigureSaysWhy) {
  expect_none("", cell_reason::blank, "");
  expect_none(" \t\r\n", cell_reason::blank, "");
  for (auto m : {"-", "n/a", "N/A", "NA", "..", "x", "c", "*", ":", "tbc", "No data"})
    expect_none(m, cell_reason::not_available, m);
  for (auto e : {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#div/0!"})
    expect_none(e, cell_reason::spreadsheet_error, e);
  expect_none("Data - In progress", cell_reason::no_figure_text, "Data - In progress");
  expect_none("Awaiting data from health", cell_reason::no_figure_text, "Awaiting data from health");
  const cell s = read_cell("<5");
  EXPECT_EQ(s.reason, cell_reason::suppressed);
  EXPECT_EQ(s.qualifier, qualifier::suppressed);
  EXPECT_EQ(s.note, "<5");
  EXPECT_TRUE(std::isnan(s.figure));
  EXPECT_EQ(read_cell("< 10%").reason, cell_reason::suppressed);
}

TEST(Cell, MalformedTextNamesThePosition) {
  const cell a = read_cell("8x%");
  EXPECT_EQ(a.reason, cell_reason::malformed);
  EXPECT_EQ(a.position, 1u);
  EXPECT_NE(a.problem.find("'x'"), std::string::npos) << a.problem;
  EXPECT_NE(a.problem.find("at character 1"), std::string::npos) << a.problem;
  EXPECT_TRUE(std::isnan(a.figure));
  EXPECT_EQ(read_cell("  8x%").position, 3u);
  EXPECT_EQ(read_cell("Yellow").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("1,23").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("12,3456").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("79% (6m+").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("79% (6m+").position, 4u);
  EXPECT_EQ(read_cell("1" + std::string(400, '0')).reason, cell_reason::malformed);  // beyond double
  EXPECT_EQ(read_cell("<").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("approx").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("#DIV/1!").reason, cell_reason::malformed);
  EXPECT_EQ(read_cell("5 5").reason, cell_reason::malformed);
  const cell bad = read_cell("9\xff");
  EXPECT_EQ(bad.reason, cell_reason::malformed);
  EXPECT_NE(bad.problem.find("byte 0xff"), std::string::npos);
}

TEST(Cell, FifteenSignificantDigitsOnRequest) {
  EXPECT_EQ(read_cell("95.399999999999991").figure, 95.399999999999991);
  EXPECT_EQ(read_cell("95.399999999999991", read_options::significant_15).figure, 95.4);
  EXPECT_EQ(read_cell("63.9", read_options::significant_15).figure, 63.9);
  EXPECT_EQ(read_as_published(0.1 + 0.2, 15), 0.3);
  EXPECT_EQ(read_as_published(9.9999999999999999e20, 15), 1e21);
  EXPECT_EQ(read_as_published(-2.675, 3), -2.67);  // the double is -2.67499999...
  EXPECT_TRUE(std::isnan(read_as_published(NAN, 15)));
}

TEST(Cell, QualifierNamesBothWays) {
  for (int q = 0; q < qualifier_count; ++q)
    EXPECT_EQ(parse_qualifier(to_string(static_cast<qualifier>(q))), static_cast<qualifier>(q));
  EXPECT_EQ(parse_qualifier("Circa"), qualifier::approximate);
  EXPECT_EQ(parse_qualifier("purple"), std::nullopt);
}

// The table every layer reads the same way (tests/data/cells.tsv; Python checks it through the C
// ABI in test_cells_everywhere.py).
TEST(Cell, TheSharedTable) {
  std::ifstream in(std::string(INDEVAL_TEST_DATA) + "/cells.tsv");
  ASSERT_TRUE(in) << "tests/data/cells.tsv";
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.rfind('#', 0) == 0) continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      f.push_back(line.substr(start, tab - start));
    f.push_back(line.substr(start));
    ASSERT_EQ(f.size(), 7u) << line;
    const cell c = read_cell(f[0]);
    const double figure = f[1] == "nan" ? NAN : std::stod(f[1]);
    if (std::isnan(figure))
      EXPECT_TRUE(std::isnan(c.figure)) << f[0];
    else
      EXPECT_EQ(c.figure, figure) << f[0];
    EXPECT_EQ(c.unit ? std::string(to_string(*c.unit)) : "-", f[2]) << f[0];
    EXPECT_EQ(to_string(c.qualifier), f[3]) << f[0];
    EXPECT_EQ(c.note, f[4]) << f[0];
    EXPECT_EQ(to_string(c.reason), f[5]) << f[0];
    EXPECT_EQ(format_value(c.figure, unit::percent, 1), f[6]) << f[0];
    ++rows;
  }
  EXPECT_GE(rows, 20);
}

TEST(Cell, AProblemIsShortValidUtf8WithTheCharacterColumn) {
  const indeval::cell bad = indeval::read_cell("\xF4\xF4\xF4" "80");
  EXPECT_EQ(bad.reason, indeval::cell_reason::malformed);
  EXPECT_NE(bad.problem.find("'\\xF4\\xF4\\xF4"), std::string::npos) << bad.problem;
  for (const unsigned char c : bad.problem) EXPECT_LT(c, 0x80u) << bad.problem;
  const indeval::cell long_text = indeval::read_cell("12" + std::string(5000, 'x'));
  EXPECT_EQ(long_text.reason, indeval::cell_reason::malformed);
  EXPECT_LT(long_text.problem.size(), 300u) << long_text.problem;
  EXPECT_EQ(long_text.position, 2u);
  EXPECT_NE(long_text.problem.find("at character 2"), std::string::npos) << long_text.problem;
}
