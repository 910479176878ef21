#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "clm/deck_template.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

/// Expands decks in a context the test can adjust, with includes from an in-memory map.
class DeckTemplate : public ::testing::Test {
protected:
    DeckTemplate() {
        context.lang = Language::de;
        context.author = "A. Autor";
        context.organization = "Org";
    }

    Expected<ExpandedDeck> run(std::string_view text) {
        IncludeLoader loader = [this](std::string_view name) -> std::optional<IncludedFile> {
            auto found = files.find(std::string(name));
            if (found == files.end()) {
                return std::nullopt;
            }
            return IncludedFile{"topic/" + found->first, found->second};
        };
        return expand_deck_template(text, "topic/slides.py", context, loader);
    }

    std::string expand(std::string_view text) {
        Expected<ExpandedDeck> deck = run(text);
        EXPECT_TRUE(deck.ok()) << (deck.ok() ? "" : deck.error().message);
        return deck.ok() ? deck->text : std::string("<error>");
    }

    std::vector<int> lines_of(std::string_view text) {
        Expected<ExpandedDeck> deck = run(text);
        EXPECT_TRUE(deck.ok()) << (deck.ok() ? "" : deck.error().message);
        return deck.ok() ? deck->source_lines : std::vector<int>{};
    }

    Diagnostic failure(std::string_view text) {
        Expected<ExpandedDeck> deck = run(text);
        EXPECT_FALSE(deck.ok()) << "expanded to: " << (deck.ok() ? deck->text : "");
        return deck.ok() ? Diagnostic{} : deck.error();
    }

    TemplateContext context;
    std::map<std::string, std::string> files;
};

std::vector<int> one_to(int n) {
    std::vector<int> lines(static_cast<std::size_t>(n));
    std::iota(lines.begin(), lines.end(), 1);
    return lines;
}

std::string decode_base64(std::string_view text) {
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=') {
            break;
        }
        bits = (bits << 6) | static_cast<unsigned>(alphabet.find(c));
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// The logo is the same in every header; tests compare the rest of the text exactly.
std::string logo_of(std::string_view text) {
    const std::string_view marker = "base64,";
    const std::size_t start = text.find(marker);
    if (start == std::string_view::npos) {
        return {};
    }
    const std::size_t end = text.find('"', start);
    return std::string(text.substr(start + marker.size(), end - start - marker.size()));
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// --- Plain text -------------------------------------------------------------------------

TEST_F(DeckTemplate, PassesPlainTextThroughByteIdentically) {
    const std::string text = "# %% [markdown]\r\n# Text with { and } and # j2x\r\n\r\nx = 1";
    Expected<ExpandedDeck> deck = run(text);
    ASSERT_TRUE(deck.ok());
    EXPECT_EQ(deck->text, text);
    EXPECT_EQ(deck->source_lines, one_to(4));
}

TEST_F(DeckTemplate, KeepsTheTrailingNewline) {
    EXPECT_EQ(expand("a\n{{ lang }}\n"), "a\nde\n");
    EXPECT_EQ(lines_of("a\n\n"), one_to(2));
}

TEST_F(DeckTemplate, EmptyTextHasNoLines) {
    Expected<ExpandedDeck> deck = run("");
    ASSERT_TRUE(deck.ok());
    EXPECT_EQ(deck->text, "");
    EXPECT_TRUE(deck->source_lines.empty());
}

// --- Line statements --------------------------------------------------------------------

TEST_F(DeckTemplate, LineStatementIsConsumedWithItsNewline) {
    EXPECT_EQ(expand("a\n# j2 if true\nb\n# j2 endif\nc\n"), "a\nb\nc\n");
    EXPECT_EQ(expand("  # j2 if lang == 'de'  \r\nb\r\n# j2 endif"), "b\r\n");
}

TEST_F(DeckTemplate, LineStatementSwallowsTheBlankLinesAfterIt) {
    // Jinja ends a line statement with \s*(\n|$), which takes blank lines along.
    EXPECT_EQ(expand("# j2 if true\n\n  \n  b\n# j2 endif\n\nc\n"), "  b\nc\n");
}

TEST_F(DeckTemplate, LineStatementUsesTheDeckComment) {
    context.comment = "//";
    EXPECT_EQ(expand("// j2 if lang == \"de\"\nint x;\n// j2 endif\n# j2 if\n"),
              "int x;\n# j2 if\n");
}

TEST_F(DeckTemplate, LineStatementPrefixInsideALineIsText) {
    EXPECT_EQ(expand("x = 1 # j2 if\n"), "x = 1 # j2 if\n");
}

TEST_F(DeckTemplate, LineStatementMayContinueInsideParentheses) {
    EXPECT_EQ(expand("# j2 if (lang == 'de'\n     and not is_html)\nb\n# j2 endif\n"), "b\n");
}

// --- Conditions -------------------------------------------------------------------------

TEST_F(DeckTemplate, IfElifElseSelectsByLanguage) {
    const std::string text = "# j2 if lang == 'de'\nDeutsch\n# j2 elif lang == \"en\"\n"
                             "English\n# j2 else\nOther\n# j2 endif\n";
    EXPECT_EQ(expand(text), "Deutsch\n");
    context.lang = Language::en;
    EXPECT_EQ(expand(text), "English\n");
    EXPECT_EQ(expand("{% if lang != 'de' %}a{% else %}b{% endif %}"), "a");
}

TEST_F(DeckTemplate, IfSelectsByOutputFormat) {
    const std::string text = "{% if is_notebook %}nb{% elif is_html %}html{% else %}code"
                             "{% endif %}";
    EXPECT_EQ(expand(text), "code");
    context.is_html = true;
    EXPECT_EQ(expand(text), "html");
    context.is_notebook = true;
    EXPECT_EQ(expand(text), "nb");
}

TEST_F(DeckTemplate, NestedIfsTakeOnlyBranchesInsideTakenOnes) {
    const std::string text = "# j2 if lang == 'de'\n"
                             "# j2 if is_notebook\nde-nb\n# j2 else\nde-code\n# j2 endif\n"
                             "# j2 else\n"
                             "# j2 if is_notebook\nen-nb\n# j2 else\nen-code\n# j2 endif\n"
                             "# j2 endif\n";
    EXPECT_EQ(expand(text), "de-code\n");
    context.lang = Language::en;
    context.is_notebook = true;
    EXPECT_EQ(expand(text), "en-nb\n");
}

TEST_F(DeckTemplate, TruthinessFollowsJinja) {
    context.organization = "";
    EXPECT_EQ(expand("{% if organization %}a{% else %}b{% endif %}"), "b");
    EXPECT_EQ(expand("{% if author and not organization %}a{% endif %}"), "a");
    EXPECT_EQ(expand("{% if '' or False or (true and 'x') %}a{% endif %}"), "a");
}

// --- Tags, expressions and whitespace ---------------------------------------------------

TEST_F(DeckTemplate, TagsLeaveTheTextAroundThemUntouched) {
    EXPECT_EQ(expand("a  \n{% if true %}\n  b\n{% endif %}\n"), "a  \n\n  b\n\n");
    EXPECT_EQ(expand("x {# a comment\nover lines #} y\n"), "x  y\n");
}

TEST_F(DeckTemplate, MinusSignsStripWhitespaceLikeJinja) {
    EXPECT_EQ(expand("a  \n  {%- if true -%}  \n\n b {{- ' c ' -}} \n d{% endif %}\n"), "ab c d\n");
    EXPECT_EQ(expand("a \n {#- gone -#} \n b"), "ab");
    EXPECT_EQ(expand("a  {%+ if true +%}  \nb{% endif %}"), "a    \nb");
    EXPECT_EQ(expand("x  \n# j2- if true\ny\n# j2 endif\n"), "xy\n");
}

TEST_F(DeckTemplate, ExpressionsRenderStringsAndBooleans) {
    EXPECT_EQ(expand("{{ lang }}|{{ author }}|{{ organization }}|{{ is_notebook }}|{{ True }}"),
              "de|A. Autor|Org|False|True");
    EXPECT_EQ(expand("{{ 'a' and 'b' }}{{ '' or 'c' }}{{ not '' }}{{ 'a' == 'a' != 'b' }}"),
              "bcTrueTrue");
    EXPECT_EQ(expand(R"({{ "q\"\n" }}{{ 'it\'s \\ \d' }}{{ "}}" }})"), "q\"\nit's \\ \\d}}");
    EXPECT_EQ(expand("{{ 'True' == true }}"), "False");
}

TEST_F(DeckTemplate, UndefinedNamesAreFineWhereNotEvaluated) {
    EXPECT_EQ(expand("{% if false %}{{ nothing }}{% endif %}{{ false and nothing }}"), "False");
    EXPECT_EQ(expand("{% if true %}a{% elif nothing %}b{% endif %}"), "a");
}

// --- Header macros ----------------------------------------------------------------------

constexpr std::string_view python_notebook_header =
    R"(# %% [markdown] lang="de" tags=["slide"]
#
# <img src="data:image/svg+xml;base64,LOGO" style="display:block; margin:auto; width:10%"/>
# <div style="text-align:center; font-size:200%;"><b>Titel</b></div><br/>
# <div style="text-align:center;">A. Autor</div>
# <div style="text-align:center;">Org</div>

# %% [markdown] lang="en" tags=["slide"]
#
# <img src="data:image/svg+xml;base64,LOGO" style="display:block; margin:auto; width:10%"/>
# <div style="text-align:center; font-size:200%;"><b>Title</b></div><br/>
# <div style="text-align:center;">A. Autor</div>
# <div style="text-align:center;">Org</div>
x = 1
)";

TEST_F(DeckTemplate, HeaderExpandsToTwoTitleCellsWithLogoInNotebooks) {
    context.is_notebook = true;
    const std::string text = expand("# j2 from 'macros.j2' import header\n"
                                    "# {{ header(\"Titel\", \"Title\") }}\nx = 1\n");
    const std::string logo = logo_of(text);
    EXPECT_EQ(text, replace_all(std::string(python_notebook_header), "LOGO", logo));
    const std::string svg = decode_base64(logo);
    EXPECT_TRUE(svg.starts_with("<svg")) << svg;
    EXPECT_TRUE(svg.ends_with("</svg>")) << svg;
    EXPECT_LT(svg.size(), 400U);
}

TEST_F(DeckTemplate, HeaderInHtmlShowsTheLogoAndInCodeDoesNot) {
    const std::string deck = "# j2 from 'macros.j2' import header\n# {{ header('T', 'T') }}\n";
    context.is_html = true;
    EXPECT_NE(expand(deck).find("<img src=\"data:image/svg+xml;base64,"), std::string::npos);
    context.is_html = false;
    const std::string code = expand(deck);
    EXPECT_EQ(code.find("<img"), std::string::npos);
    EXPECT_TRUE(code.starts_with("# %% [markdown] lang=\"de\" tags=[\"slide\"]\n#\n"
                                 "# <div style=\"text-align:center; font-size:200%;\">"))
        << code;
}

TEST_F(DeckTemplate, HeaderForCLikeDecksUsesNarrowLogoAndLargerAuthor) {
    context.comment = "//";
    context.is_notebook = true;
    context.organization = "";
    const std::string text = expand("// j2 from 'macros.j2' import header\n"
                                    "// {{ header(\"Titel\", author) }}\n");
    const std::string expected =
        R"(// %% [markdown] lang="de" tags=["slide"]
//
// <img src="data:image/svg+xml;base64,LOGO" style="display:block; margin:auto; width:5%"/>
// <div style="text-align:center; font-size:200%;"><b>Titel</b></div><br/>
// <div style="text-align:center; font-size:120%;">A. Autor</div>

// %% [markdown] lang="en" tags=["slide"]
//
// <img src="data:image/svg+xml;base64,LOGO" style="display:block; margin:auto; width:5%"/>
// <div style="text-align:center; font-size:200%;"><b>A. Autor</b></div><br/>
// <div style="text-align:center; font-size:120%;">A. Autor</div>
)";
    EXPECT_EQ(text, replace_all(expected, "LOGO", logo_of(text)));
}

TEST_F(DeckTemplate, HeaderDeAndHeaderEnEmitOneCell) {
    context.lang = Language::en;
    context.organization = "";
    const std::string text = expand("# j2 from 'macros.j2' import header_de, header_en\n"
                                    "# {{ header_de(\"Über <b>\") }}\n"
                                    "# {{ header_en('About') }}\n");
    EXPECT_EQ(text, R"(# %% [markdown] lang="de" tags=["slide"]
#
# <div style="text-align:center; font-size:200%;"><b>Über <b></b></div><br/>
# <div style="text-align:center;">A. Autor</div>
# %% [markdown] lang="en" tags=["slide"]
#
# <div style="text-align:center; font-size:200%;"><b>About</b></div><br/>
# <div style="text-align:center;">A. Autor</div>
)");
}

TEST_F(DeckTemplate, HeaderLinesMapToTheCallLine) {
    const std::string deck = "# j2 from 'macros.j2' import header\n"
                             "# {{ header('T', 'T') }}\n\n# %%\nx = 1\n";
    // Five lines per cell without logo, a blank line between them, then deck lines 3 to 5.
    std::vector<int> expected(11, 2);
    expected.insert(expected.end(), {3, 4, 5});
    EXPECT_EQ(lines_of(deck), expected);
}

// --- Includes ---------------------------------------------------------------------------

TEST_F(DeckTemplate, IncludeExpandsFilesInTheSameContext) {
    files["outer.txt"] = "outer {{ lang }}\n{% include 'inner.txt' %}";
    files["inner.txt"] = "# j2 if lang == 'de'\ninner de\n# j2 endif\nend\n";
    const std::string deck = "a\n# j2 include \"outer.txt\"\nb\n";
    EXPECT_EQ(expand(deck), "a\nouter de\ninner de\nend\nb\n");
    EXPECT_EQ(lines_of(deck), (std::vector<int>{1, 2, 2, 2, 3}));
}

TEST_F(DeckTemplate, IncludedFileSeesImportsMadeBeforeTheInclude) {
    files["title.txt"] = "# {{ header_en('T') }}";
    EXPECT_EQ(
        expand("# j2 from 'macros.j2' import header_en\n{% include 'title.txt' %}\n").substr(0, 15),
        "# %% [markdown]");
}

TEST_F(DeckTemplate, IncludeCycleIsAnError) {
    files["a.txt"] = "x\n{% include 'b.txt' %}";
    files["b.txt"] = "# j2 include 'a.txt'\n";
    const Diagnostic error = failure("# j2 include 'a.txt'\n");
    // The deck includes a.txt at depth 1, so the seventeenth include is b.txt's.
    EXPECT_EQ(error.file, "topic/b.txt");
    EXPECT_EQ(error.line, 1);
    EXPECT_NE(error.message.find("nested deeper than 16 levels"), std::string::npos)
        << error.message;
}

TEST_F(DeckTemplate, SixteenNestedIncludesAreAllowed) {
    for (int i = 1; i < 16; ++i) {
        files["f" + std::to_string(i)] = "{% include 'f" + std::to_string(i + 1) + "' %}";
    }
    files["f16"] = "deep";
    EXPECT_EQ(expand("{% include 'f1' %}"), "deep");
}

// --- Errors -----------------------------------------------------------------------------

TEST_F(DeckTemplate, UndefinedNameIsAnErrorAtItsLine) {
    const Diagnostic error = failure("a\nb {{ lang }}\n{% if lang == langauge %}{% endif %}");
    EXPECT_EQ(error.file, "topic/slides.py");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.message, R"(undefined name "langauge")");
}

TEST_F(DeckTemplate, UnimportedHeaderIsUndefined) {
    const Diagnostic error = failure("\n# {{ header('a', 'b') }}\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_TRUE(error.message.starts_with(R"(undefined name "header")")) << error.message;
}

TEST_F(DeckTemplate, UnsupportedConstructsAreErrorsEvenInUntakenBranches) {
    Diagnostic error = failure("a\n{% if false %}\n{% for x in y %}\n{% endfor %}{% endif %}");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.message, R"(unsupported template construct: "for")");
    error = failure("\n\n{{ author | upper }}");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.message, R"(unsupported template construct: "|")");
    EXPECT_EQ(failure("{{ 1 }}").message, R"(unsupported template construct: "1")");
    EXPECT_EQ(failure("{{ lang.upper }}").message, R"(unsupported template construct: ".")");
    EXPECT_EQ(failure("# j2 set x = 1\n").message, R"(unsupported template construct: "set")");
    EXPECT_EQ(failure("{{ 'a' if true }}").message, R"(unsupported template construct: "if")");
}

TEST_F(DeckTemplate, UnbalancedIfsAreErrorsAtTheOffendingOrOpeningLine) {
    Diagnostic error = failure("a\n# j2 if true\n# j2 endif\n# j2 endif\n");
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, R"("endif" without a matching "if")");
    error = failure("a\n# j2 if true\n{% if false %}{% endif %}\nb\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.message, R"(unclosed "if"; expected "endif")");
    EXPECT_EQ(failure("\n{% else %}").line, 2);
    EXPECT_EQ(failure("{% if true %}{% else %}\n{% elif true %}{% endif %}").message,
              R"("elif" after "else")");
}

TEST_F(DeckTemplate, UnknownIncludeIsAnErrorAtTheIncludeLine) {
    const Diagnostic error = failure("a\n\n  # j2 include 'missing.txt'\n");
    EXPECT_EQ(error.file, "topic/slides.py");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.message, R"(cannot include "missing.txt": no such text file)");
}

TEST_F(DeckTemplate, ErrorInIncludedFileNamesThatFileAndLine) {
    files["part.txt"] = "ok\n\n{{ nope }}\n";
    const Diagnostic error = failure("# j2 include 'part.txt'\n");
    EXPECT_EQ(error.file, "topic/part.txt");
    EXPECT_EQ(error.line, 3);
}

TEST_F(DeckTemplate, ImportOnlyFromMacrosOfKnownNames) {
    EXPECT_EQ(failure("# j2 from 'other.j2' import header\n").message,
              R"(unknown template "'other.j2'"; only 'macros.j2' can be imported)");
    const Diagnostic error = failure("\n# j2 from 'macros.j2' import header, eval\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.message,
              R"('macros.j2' has no macro "eval"; expected header, header_de or header_en)");
}

TEST_F(DeckTemplate, MalformedTagsAreErrorsAtTheirOpeningLine) {
    Diagnostic error = failure("a\n{{ lang\n\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.message, R"(unclosed "{{"; expected "}}")");
    error = failure("\n{# open comment");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(failure("{{ 'open }}").message, "unterminated string literal");
    EXPECT_EQ(failure("{{ }}").message, "expected an expression");
    EXPECT_EQ(failure("# j2\n").message, "expected a statement");
    EXPECT_EQ(failure("{{ header_de('a', 'b') }}").line, 1);
}

TEST_F(DeckTemplate, WrongNumberOfTitlesIsAnError) {
    EXPECT_EQ(failure("# j2 from 'macros.j2' import header\n{{ header('a') }}").message,
              R"("header" takes 2 titles, got 1)");
}

// --- Source lines -----------------------------------------------------------------------

TEST_F(DeckTemplate, SourceLinesFollowTheDeckAcrossConsumedAndJoinedLines) {
    const std::string deck = "l1\n# j2 if true\nl3\n# j2 endif\nl5 {{- '\\nX' }}\n"
                             "{%- if true %}\nl7{% endif %}\n";
    EXPECT_EQ(expand(deck), "l1\nl3\nl5\nX\nl7\n");
    EXPECT_EQ(lines_of(deck), (std::vector<int>{1, 3, 5, 5, 7}));
}

} // namespace
} // namespace clm
