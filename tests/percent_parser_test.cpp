#include <algorithm>

#include "clm/percent_parser.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

/// A deck whose line i maps to deck line 100 + i, so that tests see the mapping being used.
ExpandedDeck mapped_deck(std::string text) {
    ExpandedDeck deck;
    const auto line_count = std::count(text.begin(), text.end(), '\n') + 1;
    for (int i = 1; i <= line_count; ++i) {
        deck.source_lines.push_back(100 + i);
    }
    deck.text = std::move(text);
    return deck;
}

std::vector<Cell> parse_ok(const std::string& text, std::string_view comment = "#") {
    Expected<std::vector<Cell>> cells = parse_percent(mapped_deck(text), comment, "deck.py");
    EXPECT_TRUE(cells.ok()) << (cells.ok() ? "" : cells.error().message);
    return cells.ok() ? *cells : std::vector<Cell>{};
}

Diagnostic parse_error(const std::string& text) {
    Expected<std::vector<Cell>> cells = parse_percent(mapped_deck(text), "#", "deck.py");
    EXPECT_FALSE(cells.ok());
    return cells.ok() ? Diagnostic{} : cells.error();
}

TEST(PercentParser, SplitsCodeCellsAtHeaders) {
    const std::vector<Cell> cells = parse_ok("# %%\nx = 1\n# %%\ny = 2\nz = 3\n");
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].type, CellType::code);
    EXPECT_EQ(cells[0].source, "x = 1");
    EXPECT_EQ(cells[0].line, 101);
    EXPECT_EQ(cells[1].source, "y = 2\nz = 3");
    EXPECT_EQ(cells[1].line, 103);
}

TEST(PercentParser, AcceptsHeaderWithoutSpaceAfterComment) {
    const std::vector<Cell> cells = parse_ok("#%% [markdown]\n# Title\n");
    ASSERT_EQ(cells.size(), 1U);
    EXPECT_EQ(cells[0].type, CellType::markdown);
    EXPECT_EQ(cells[0].source, "Title");
}

TEST(PercentParser, RequiresWhitespaceOrEndAfterMarker) {
    const std::vector<Cell> cells = parse_ok("# %%\n# %%%\n#%%x\n# %%\t\ny\n");
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].source, "# %%%\n#%%x");
    EXPECT_EQ(cells[1].source, "y");
}

TEST(PercentParser, ReadsCellTypes) {
    const std::vector<Cell> cells =
        parse_ok("# %% [markdown]\n# a\n# %% [md]\n# b\n# %% [raw]\n# c\n# %%\n# d\n");
    ASSERT_EQ(cells.size(), 4U);
    EXPECT_EQ(cells[0].type, CellType::markdown);
    EXPECT_EQ(cells[1].type, CellType::markdown);
    EXPECT_EQ(cells[2].type, CellType::raw);
    EXPECT_EQ(cells[2].source, "c");
    EXPECT_EQ(cells[3].type, CellType::code);
    EXPECT_EQ(cells[3].source, "# d");
}

TEST(PercentParser, ReadsTagsLangAndMetadata) {
    const std::vector<Cell> cells =
        parse_ok("# %% [markdown] lang=\"de\" tags=[\"slide\", \"keep\"] slide_id=\"intro\" n=3 "
                 "flag=true none=null obj={\"a\": [1, {\"b\": \"}\"}]} s=\"x \\\" y\"\n# Text\n");
    ASSERT_EQ(cells.size(), 1U);
    const Cell& cell = cells[0];
    EXPECT_EQ(cell.lang, "de");
    EXPECT_EQ(cell.tags, (std::vector<std::string>{"slide", "keep"}));
    EXPECT_TRUE(cell.has_tag("keep"));
    EXPECT_FALSE(cell.has_tag("del"));
    const nlohmann::json expected = {
        {"slide_id", "intro"},
        {"n", 3},
        {"flag", true},
        {"none", nullptr},
        {"obj", {{"a", {1, {{"b", "}"}}}}}},
        {"s", "x \" y"},
    };
    EXPECT_EQ(cell.metadata, expected);
}

TEST(PercentParser, ReadsAttributesOfCodeCells) {
    const std::vector<Cell> cells = parse_ok("# %% tags=[] lang=\"en\"  \nprint(1)\n");
    ASSERT_EQ(cells.size(), 1U);
    EXPECT_EQ(cells[0].type, CellType::code);
    EXPECT_EQ(cells[0].lang, "en");
    EXPECT_TRUE(cells[0].tags.empty());
    EXPECT_TRUE(cells[0].metadata.empty());
}

TEST(PercentParser, RejectsUnknownCellType) {
    const Diagnostic error = parse_error("# %%\nx\n# %% [python]\n");
    EXPECT_EQ(error.file, "deck.py");
    EXPECT_EQ(error.line, 103);
    EXPECT_EQ(error.message, "unknown cell type \"[python]\"; expected [markdown], [md] or [raw]");
}

TEST(PercentParser, RejectsCellTypeAfterAttributes) {
    const Diagnostic error = parse_error("# %% lang=\"de\" [markdown]\n");
    EXPECT_EQ(error.line, 101);
    EXPECT_EQ(error.message, "expected key=value in cell header, found \"[markdown]\"");
}

TEST(PercentParser, RejectsTokenThatIsNotKeyValue) {
    EXPECT_EQ(parse_error("# %% Title\n").message,
              "expected key=value in cell header, found \"Title\"");
    EXPECT_EQ(parse_error("# %% =\"x\"\n").message,
              "expected key=value in cell header, found \"=\"x\"\"");
}

TEST(PercentParser, RejectsBadJsonValues) {
    EXPECT_EQ(parse_error("# %% slide_id=intro\n").message,
              "invalid JSON value for \"slide_id\": intro");
    EXPECT_EQ(parse_error("# %% slide_id=\"intro\n").message,
              "invalid JSON value for \"slide_id\": \"intro");
    EXPECT_EQ(parse_error("# %% tags=[\"a\"\n").message, "invalid JSON value for \"tags\": [\"a\"");
    EXPECT_EQ(parse_error("# %% tags=[\"a\",]\n").message,
              "invalid JSON value for \"tags\": [\"a\",]");
    EXPECT_EQ(parse_error("# %% a=\"x\"y\n").message, "invalid JSON value for \"a\": \"x\"y");
    EXPECT_EQ(parse_error("# %% a=\n").message, "invalid JSON value for \"a\": ");
}

TEST(PercentParser, RejectsTagsThatAreNotStrings) {
    EXPECT_EQ(parse_error("# %% tags=\"slide\"\n").message,
              "tags must be an array of strings, found \"slide\"");
    EXPECT_EQ(parse_error("# %% tags=[\"slide\", 1]\n").message,
              "tags must be an array of strings, found [\"slide\",1]");
}

TEST(PercentParser, RejectsUnknownLang) {
    EXPECT_EQ(parse_error("# %% lang=\"fr\"\n").message,
              "invalid lang \"fr\"; expected \"de\" or \"en\"");
    EXPECT_EQ(parse_error("# %% lang=1\n").message, "invalid lang 1; expected \"de\" or \"en\"");
}

TEST(PercentParser, ReportsTheDeckLineOfTheMalformedHeader) {
    ExpandedDeck deck;
    deck.text = "# %%\nx\n# %% lang=\"xx\"\n";
    deck.source_lines = {1, 7, 7};
    Expected<std::vector<Cell>> cells = parse_percent(deck, "#", "topic/slides.py");
    ASSERT_FALSE(cells.ok());
    EXPECT_EQ(cells.error().file, "topic/slides.py");
    EXPECT_EQ(cells.error().line, 7);
}

TEST(PercentParser, MakesLeadingCodeCellFromLinesBeforeFirstHeader) {
    const std::vector<Cell> cells = parse_ok("\nimport os\n\nx = 1\n\n# %% [markdown]\n# T\n");
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].type, CellType::code);
    EXPECT_EQ(cells[0].source, "import os\n\nx = 1");
    EXPECT_EQ(cells[0].line, 102);
    EXPECT_EQ(cells[1].type, CellType::markdown);
}

TEST(PercentParser, DropsBlankLinesBeforeFirstHeader) {
    const std::vector<Cell> cells = parse_ok("\n  \n\n# %%\nx\n");
    ASSERT_EQ(cells.size(), 1U);
    EXPECT_EQ(cells[0].source, "x");
    EXPECT_EQ(cells[0].line, 104);
}

TEST(PercentParser, ConsumesEncodingLine) {
    const std::vector<Cell> cells = parse_ok("// -*- coding: utf-8 -*-\n// %%\nint x;\n", "//");
    ASSERT_EQ(cells.size(), 1U);
    EXPECT_EQ(cells[0].source, "int x;");
}

TEST(PercentParser, UncommentsMarkdownLines) {
    const std::vector<Cell> cells =
        parse_ok("# %% [markdown]\n# # Title\n#\n#text\n#  indented\nverbatim line\n  # x\n");
    ASSERT_EQ(cells.size(), 1U);
    EXPECT_EQ(cells[0].source, "# Title\n\ntext\n indented\nverbatim line\n  # x");
}

TEST(PercentParser, KeepsCodeLinesVerbatim) {
    const std::vector<Cell> cells = parse_ok("# %%\n# comment\n    indented\n#x\n");
    ASSERT_EQ(cells.size(), 1U);
    EXPECT_EQ(cells[0].source, "# comment\n    indented\n#x");
}

TEST(PercentParser, DropsTrailingBlankLines) {
    const std::vector<Cell> cells = parse_ok("# %% [markdown]\n# a\n\n# b\n\n \n\t\n# %%\nx\n\n\n");
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].source, "a\n\nb");
    EXPECT_EQ(cells[1].source, "x");
}

TEST(PercentParser, KeepsEmptyCells) {
    const std::vector<Cell> cells = parse_ok("# %%\n\n# %% [markdown]\n# %%");
    ASSERT_EQ(cells.size(), 3U);
    for (const Cell& cell : cells) {
        EXPECT_EQ(cell.source, "");
    }
    EXPECT_EQ(cells[2].line, 104);
}

TEST(PercentParser, AcceptsCrlfLineEnds) {
    const std::vector<Cell> cells =
        parse_ok("# %% [markdown] lang=\"en\"\r\n# a\r\n#\r\n# b\r\n\r\n# %%\r\nx = 1\r\ny\r\n");
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].lang, "en");
    EXPECT_EQ(cells[0].source, "a\n\nb");
    EXPECT_EQ(cells[1].source, "x = 1\ny");
    EXPECT_EQ(cells[1].line, 106);
}

TEST(PercentParser, ReadsSlashSlashLanguages) {
    const std::vector<Cell> cells = parse_ok("//%% [markdown] tags=[\"slide\"]\n// # Title\n//\n"
                                             "//x\n# not a comment\n\n// %%\n// code comment\n"
                                             "int main() {}\n# %%\n",
                                             "//");
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].type, CellType::markdown);
    EXPECT_EQ(cells[0].tags, std::vector<std::string>{"slide"});
    EXPECT_EQ(cells[0].source, "# Title\n\nx\n# not a comment");
    EXPECT_EQ(cells[1].type, CellType::code);
    EXPECT_EQ(cells[1].source, "// code comment\nint main() {}\n# %%");
}

TEST(PercentParser, ReturnsNoCellsForBlankText) {
    EXPECT_TRUE(parse_ok("").empty());
    EXPECT_TRUE(parse_ok("\n\n  \n").empty());
}

} // namespace
} // namespace clm
