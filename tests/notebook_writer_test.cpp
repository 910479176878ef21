#include "clm/notebook_writer.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

using nlohmann::json;

OutputCell make_cell(CellType type, std::string id, std::string source, json metadata = {}) {
    OutputCell cell;
    cell.type = type;
    cell.id = std::move(id);
    cell.source = std::move(source);
    cell.metadata = metadata.is_null() ? json::object() : std::move(metadata);
    return cell;
}

std::vector<OutputCell> small_notebook() {
    return {
        make_cell(CellType::markdown, "aaaa", "# Gr\u00fc\u00dfe\n\nText \u201equoted\u201c",
                  {{"lang", "de"}, {"slideshow", {{"slide_type", "slide"}}}, {"tags", {"slide"}}}),
        make_cell(CellType::code, "bbbb", "s = \"a\\tb\"\t\x01\nprint(s)\n",
                  {{"tags", {"keep"}}, {"slide_id", "x"}}),
        make_cell(CellType::raw, "cccc", ""),
        make_cell(CellType::code, "dddd", ""),
    };
}

// Written by Python's json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n".
constexpr std::string_view expected_ipynb = R"json(
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "aaaa",
   "metadata": {
    "lang": "de",
    "slideshow": {
     "slide_type": "slide"
    },
    "tags": [
     "slide"
    ]
   },
   "source": [
    "# Grüße\n",
    "\n",
    "Text „quoted“"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "bbbb",
   "metadata": {
    "slide_id": "x",
    "tags": [
     "keep"
    ]
   },
   "outputs": [],
   "source": [
    "s = \"a\\tb\"\t\u0001\n",
    "print(s)\n"
   ]
  },
  {
   "cell_type": "raw",
   "id": "cccc",
   "metadata": {},
   "source": []
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "dddd",
   "metadata": {},
   "outputs": [],
   "source": []
  }
 ],
 "metadata": {
  "jupytext": {
   "cell_metadata_filter": "-all,lang,slide_id,tags",
   "main_language": "python",
   "notebook_metadata_filter": "-all"
  },
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "codemirror_mode": {
    "name": "ipython",
    "version": 3
   },
   "file_extension": ".py",
   "mimetype": "text/x-python",
   "name": "python",
   "nbconvert_exporter": "python",
   "pygments_lexer": "ipython3"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
)json";

TEST(NotebookWriter, WritesIpynbLikeNbformat) {
    EXPECT_EQ(write_ipynb(small_notebook(), ProgLang::python), expected_ipynb.substr(1));
}

TEST(NotebookWriter, SplitsSourcesAtPythonLineBreaks) {
    const std::vector<OutputCell> cells = {make_cell(CellType::code, "x",
                                                     "a\vb\fc\x1c"
                                                     "d\u0085e\u2028f\u2029g\r\nh\ri\n\nj")};
    const json notebook = json::parse(write_ipynb(cells, ProgLang::python));
    const json expected = {"a\v",   "b\f", "c\x1c", "d\u0085", "e\u2028", "f\u2029",
                           "g\r\n", "h\r", "i\n",   "\n",      "j"};
    EXPECT_EQ(notebook["cells"][0]["source"], expected);
}

TEST(NotebookWriter, WritesStructureThatNbformatValidates) {
    const json notebook = json::parse(write_ipynb(small_notebook(), ProgLang::python));
    EXPECT_EQ(notebook["nbformat"], 4);
    EXPECT_EQ(notebook["nbformat_minor"], 5);
    std::vector<std::string> code_keys;
    for (const auto& [key, value] : notebook["cells"][1].items()) {
        code_keys.push_back(key);
    }
    EXPECT_EQ(code_keys, (std::vector<std::string>{"cell_type", "execution_count", "id", "metadata",
                                                   "outputs", "source"}));
    std::vector<std::string> markdown_keys;
    for (const auto& [key, value] : notebook["cells"][0].items()) {
        markdown_keys.push_back(key);
    }
    EXPECT_EQ(markdown_keys, (std::vector<std::string>{"cell_type", "id", "metadata", "source"}));
    EXPECT_EQ(notebook["cells"][2]["cell_type"], "raw");
}

TEST(NotebookWriter, WritesMetadataOfOtherLanguages) {
    const json notebook =
        json::parse(write_ipynb({make_cell(CellType::code, "x", "int x;")}, ProgLang::cpp));
    const json expected = {
        {"jupytext",
         {{"cell_metadata_filter", "-all"},
          {"main_language", "cpp"},
          {"notebook_metadata_filter", "-all"}}},
        {"kernelspec", {{"display_name", "C++20"}, {"language", "c++"}, {"name", "xcpp20"}}},
        {"language_info",
         {{"file_extension", ".cpp"},
          {"mimetype", "text/x-c++src"},
          {"name", "c++"},
          {"pygments_lexer", "cpp"}}},
    };
    EXPECT_EQ(notebook["metadata"], expected);
}

TEST(NotebookWriter, ListsCellMetadataKeysInFilterExceptSlideshow) {
    const std::vector<OutputCell> cells = {
        make_cell(CellType::code, "a", "", {{"tags", json::array()}, {"slideshow", {}}}),
        make_cell(CellType::markdown, "b", "", {{"lang", "en"}, {"for_slide", "s"}}),
        make_cell(CellType::code, "c", "", {{"tags", {"keep"}}}),
    };
    const json notebook = json::parse(write_ipynb(cells, ProgLang::java));
    EXPECT_EQ(notebook["metadata"]["jupytext"]["cell_metadata_filter"], "-all,for_slide,lang,tags");
}

TEST(NotebookWriter, WritesEmptyNotebook) {
    const std::string text = write_ipynb({}, ProgLang::python);
    EXPECT_TRUE(text.starts_with("{\n \"cells\": [],\n \"metadata\": {\n  \"jupytext\": {\n"
                                 "   \"cell_metadata_filter\": \"-all\",\n"));
    EXPECT_TRUE(text.ends_with("\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"));
}

TEST(NotebookWriter, WritesPythonCodeFormat) {
    const std::vector<OutputCell> cells = {
        make_cell(CellType::markdown, "a", "# Title\n\nSome *text*", {{"lang", "en"}}),
        make_cell(CellType::code, "b", "def f():\n\n    return 1", {{"tags", {"keep"}}}),
        make_cell(CellType::code, "c", ""),
        make_cell(CellType::raw, "d", "raw text"),
        make_cell(CellType::markdown, "e", ""),
        make_cell(CellType::code, "f", "x = f()\n"),
    };
    EXPECT_EQ(write_code(cells, ProgLang::python), "# %% [markdown]\n"
                                                   "# # Title\n"
                                                   "#\n"
                                                   "# Some *text*\n"
                                                   "\n"
                                                   "# %%\n"
                                                   "def f():\n"
                                                   "\n"
                                                   "    return 1\n"
                                                   "\n"
                                                   "# %%\n"
                                                   "\n"
                                                   "# %% [raw]\n"
                                                   "# raw text\n"
                                                   "\n"
                                                   "# %% [markdown]\n"
                                                   "\n"
                                                   "# %%\n"
                                                   "x = f()\n");
}

TEST(NotebookWriter, WritesSlashSlashCodeFormat) {
    const std::vector<OutputCell> cells = {
        make_cell(CellType::markdown, "a", "## Klassen\n\n- \u00dcbung"),
        make_cell(CellType::code, "b", "// a comment\nint x = 1;"),
        make_cell(CellType::code, "c", ""),
    };
    EXPECT_EQ(write_code(cells, ProgLang::csharp), "// %% [markdown]\n"
                                                   "// ## Klassen\n"
                                                   "//\n"
                                                   "// - \u00dcbung\n"
                                                   "\n"
                                                   "// %%\n"
                                                   "// a comment\n"
                                                   "int x = 1;\n"
                                                   "\n"
                                                   "// %%\n");
}

TEST(NotebookWriter, WritesEmptyCodeFileAsSingleNewline) {
    EXPECT_EQ(write_code({}, ProgLang::python), "\n");
}

} // namespace
} // namespace clm

namespace clm {
namespace {

TEST(NotebookWriter, WritesOutputsExecutionCountsAndTitle) {
    OutputCell cell;
    cell.type = CellType::code;
    cell.id = "c1";
    cell.source = "1 + 2";
    cell.execution_count = 1;
    cell.outputs =
        nlohmann::json::array({{{"output_type", "execute_result"},
                                {"execution_count", 1},
                                {"metadata", {}},
                                {"data", {{"text/plain", nlohmann::json::array({"3"})}}}}});
    nlohmann::json notebook =
        nlohmann::json::parse(write_ipynb({cell}, ProgLang::python, "Einführung"));
    EXPECT_EQ(notebook["cells"][0]["execution_count"], 1);
    EXPECT_EQ(notebook["cells"][0]["outputs"][0]["data"]["text/plain"][0], "3");
    EXPECT_EQ(notebook["metadata"]["title"], "Einführung");
    EXPECT_FALSE(
        nlohmann::json::parse(write_ipynb({cell}, ProgLang::python))["metadata"].contains("title"));
}

} // namespace
} // namespace clm
