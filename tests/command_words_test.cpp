#include "clm/command_words.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

using Words = std::vector<std::string>;

Words split(std::string_view text) {
    Expected<Words> words = split_command_words(text);
    EXPECT_TRUE(words) << (words ? "" : words.error().message);
    return words ? *words : Words{};
}

TEST(CommandWords, SplitsOnBlanks) {
    EXPECT_EQ(split("  jupyter   nbconvert\t--to notebook "),
              (Words{"jupyter", "nbconvert", "--to", "notebook"}));
    EXPECT_EQ(split(""), Words{});
}

TEST(CommandWords, HonoursQuotesAndBackslashesLikeAShell) {
    EXPECT_EQ(split("'/opt/my env/bin/python' -m x"), (Words{"/opt/my env/bin/python", "-m", "x"}));
    EXPECT_EQ(split("\"a \\\"b\\\" $HOME\""), (Words{"a \"b\" $HOME"}));
    EXPECT_EQ(split("a\\ b c"), (Words{"a b", "c"}));
    EXPECT_EQ(split("pre'fix'\"ed\""), (Words{"prefixed"}));
    EXPECT_EQ(split("''"), (Words{""}));
}

TEST(CommandWords, ExpandsNothing) {
    EXPECT_EQ(split("echo $HOME *.py ~ `x` ;"), (Words{"echo", "$HOME", "*.py", "~", "`x`", ";"}));
}

TEST(CommandWords, RefusesUnterminatedQuotes) {
    EXPECT_FALSE(split_command_words("'abc"));
    EXPECT_FALSE(split_command_words("\"abc"));
    EXPECT_FALSE(split_command_words("abc\\"));
    EXPECT_EQ(split_command_words("x 'y").error().message, "unterminated single quote");
}

TEST(CommandWords, JoinsWordsSoThatSplittingGivesThemBack) {
    Words words = {"jupyter", "--flag=1", "my file", "it's", ""};
    std::string line = join_command_words(words);
    EXPECT_EQ(line, "jupyter --flag=1 'my file' 'it'\\''s' ''");
    EXPECT_EQ(split(line), words);
}

TEST(CommandWords, FindsProgramsInPath) {
    EXPECT_EQ(find_program("sh").value_or("").filename(), "sh");
    EXPECT_FALSE(find_program("clm-no-such-program-anywhere"));
    EXPECT_TRUE(find_program("/bin/sh"));
    EXPECT_FALSE(find_program("/nonexistent/sh"));
}

} // namespace
} // namespace clm
