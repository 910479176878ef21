#include "clm/file_topic_files.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace clm {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(FileTopicFiles, FindsImagesTheDeckShowsAndModulesItImports) {
    std::string_view deck = "# %% [markdown]\n"
                            "# <img src=\"img/my_image.png\" width=\"50%\">\n"
                            "# <img  src=\"img/my_image.png\">\n"
                            "# %%\n"
                            "import include_me\n"
                            "from helpers.sub import thing\n"
                            "    import indented, other\n";
    EXPECT_THAT(file_topic_references(deck, ProgLang::python),
                ElementsAre("img/my_image.png", "include_me.py", "helpers.py", "indented.py"));
}

TEST(FileTopicFiles, LeavesOutPathsOutsideTheModuleUrlsAndLaterAttributes) {
    std::string_view deck = "<img src=\"../other/x.png\">\n<img src=\"/etc/passwd\">\n"
                            "<img src=\"https://example.org/x.png\">\n"
                            "<img width=\"3\" src=\"img/late.png\">\n"
                            "<img src=\"img/../img/ok.png\">\n";
    EXPECT_THAT(file_topic_references(deck, ProgLang::python), ElementsAre("img/ok.png"));
}

TEST(FileTopicFiles, OnlyPythonDecksImportModules) {
    EXPECT_THAT(file_topic_references("import java.util.List;\n", ProgLang::java), IsEmpty());
    EXPECT_THAT(file_topic_references("# import commented\n", ProgLang::python), IsEmpty());
}

} // namespace
} // namespace clm
