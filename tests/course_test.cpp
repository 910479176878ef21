#include <filesystem>

#include "clm/course.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

constexpr std::string_view deck_text = "# %%\nprint(1)\n";

TopicSpec topic_spec(std::string id, int line = 0, std::string module = {}) {
    TopicSpec spec;
    spec.id = std::move(id);
    spec.line = line;
    spec.module = std::move(module);
    return spec;
}

SectionSpec section_spec(std::string name, std::vector<TopicSpec> topics) {
    SectionSpec spec;
    spec.name = Bilingual{name, name};
    spec.topics = std::move(topics);
    return spec;
}

class CourseTest : public ::testing::Test {
protected:
    fs::path root() const { return m_dir.path(); }
    void add(const std::string& relative, std::string_view text = deck_text) {
        write_file(root() / relative, text);
    }
    CourseSpec spec(std::vector<SectionSpec> sections) const {
        CourseSpec result;
        result.file = root() / "course.xml";
        result.sections = std::move(sections);
        return result;
    }
    Course load(std::vector<SectionSpec> sections) {
        std::vector<Diagnostic> warnings;
        CourseTree tree = scan_course_tree(root(), warnings);
        return load_course(spec(std::move(sections)), tree);
    }

private:
    TempDir m_dir;
};

TEST(FindDeckTitle, ReadsBothLanguagesFromHeader) {
    std::optional<Bilingual> title = find_deck_title(
        "# j2 from 'macros.j2' import header\n# {{ header(\"Titel\", 'Title') }}\n");
    ASSERT_TRUE(title.has_value());
    EXPECT_EQ(title->de, "Titel");
    EXPECT_EQ(title->en, "Title");
}

TEST(FindDeckTitle, AcceptsWhitespaceAroundArguments) {
    std::optional<Bilingual> title = find_deck_title("{{header (  \"A b\" ,\n 'C \"d\"'  ) }}");
    ASSERT_TRUE(title.has_value());
    EXPECT_EQ(title->de, "A b");
    EXPECT_EQ(title->en, "C \"d\"");
}

TEST(FindDeckTitle, OneLanguageHeaderFillsBothSlots) {
    std::optional<Bilingual> de_only = find_deck_title("# {{ header_de(\"Nur Deutsch\") }}\n");
    ASSERT_TRUE(de_only.has_value());
    EXPECT_EQ(de_only->de, "Nur Deutsch");
    EXPECT_EQ(de_only->en, "Nur Deutsch");
    std::optional<Bilingual> both =
        find_deck_title("# {{ header_en('English') }}\n# {{ header_de('Deutsch') }}\n");
    ASSERT_TRUE(both.has_value());
    EXPECT_EQ(both->de, "Deutsch");
    EXPECT_EQ(both->en, "English");
}

TEST(FindDeckTitle, PrefersTwoLanguageHeaderOverLaterOrEarlierOneLanguageCalls) {
    std::optional<Bilingual> title =
        find_deck_title("{{ header_de('Nein') }}\n{{ header('Ja', 'Yes') }}\n");
    ASSERT_TRUE(title.has_value());
    EXPECT_EQ(title->de, "Ja");
    EXPECT_EQ(title->en, "Yes");
}

TEST(FindDeckTitle, IgnoresCallsOutsideJinjaExpressionsAndMalformedCalls) {
    EXPECT_FALSE(find_deck_title("header('A', 'B')\n").has_value());
    EXPECT_FALSE(find_deck_title("{{ header('A') }}").has_value());
    EXPECT_FALSE(find_deck_title("{{ myheader('A', 'B') }}").has_value());
    EXPECT_FALSE(find_deck_title("{{ header('A', 'B') ").has_value());
    EXPECT_FALSE(find_deck_title("{{ header(title, 'B') }}").has_value());
}

TEST_F(CourseTest, MissingTopicIsErrorAtItsSpecLine) {
    add("slides/m/topic_100_here/slides_a.py");
    Course course = load({section_spec(
        "s", {topic_spec("gone", 7), topic_spec("here", 8, "other"), topic_spec("here", 9)})});
    ASSERT_EQ(course.errors.size(), 2U);
    std::string spec_file = (root() / "course.xml").string();
    EXPECT_EQ(course.errors[0].file, spec_file);
    EXPECT_EQ(course.errors[0].line, 7);
    EXPECT_EQ(course.errors[0].message, "topic \"gone\" not found in slides/");
    EXPECT_EQ(course.errors[1].line, 8);
    EXPECT_EQ(course.errors[1].message, "topic \"here\" not found in slides/other");
    ASSERT_EQ(course.sections.size(), 1U);
    ASSERT_EQ(course.sections[0].topics.size(), 1U);
    EXPECT_EQ(course.sections[0].topics[0].spec.line, 9);
}

TEST_F(CourseTest, InvalidUtf8DeckIsSkippedWithTheLineOfTheBadByte) {
    add("slides/m/topic_100_t/slides_a.py", "# %%\nprint('ok')\nx = '\xC3\x28'\n");
    add("slides/m/topic_100_t/slides_b.py");
    Course course = load({section_spec("s", {topic_spec("t")})});
    ASSERT_EQ(course.errors.size(), 1U);
    EXPECT_TRUE(course.errors[0].file.ends_with("/slides/m/topic_100_t/slides_a.py"))
        << course.errors[0].file;
    EXPECT_EQ(course.errors[0].line, 3);
    EXPECT_EQ(course.errors[0].message, "deck is not valid UTF-8");
    const Topic& topic = course.sections[0].topics[0];
    ASSERT_EQ(topic.decks.size(), 1U);
    EXPECT_EQ(topic.decks[0].sources[0].file.relative, "slides/m/topic_100_t/slides_b.py");
    EXPECT_EQ(topic.decks[0].number, 1);
}

TEST_F(CourseTest, WhitespaceOnlyDeckIsSkippedAsEmpty) {
    add("slides/m/topic_100_t/slides_a.py", " \n\t\r\n");
    add("slides/m/topic_100_t/slides_b.py", "");
    Course course = load({section_spec("s", {topic_spec("t")})});
    ASSERT_EQ(course.errors.size(), 2U);
    EXPECT_TRUE(course.errors[0].file.ends_with("/slides/m/topic_100_t/slides_a.py"))
        << course.errors[0].file;
    EXPECT_EQ(course.errors[0].line, 0);
    EXPECT_EQ(course.errors[0].message, "deck is empty");
    EXPECT_EQ(course.errors[1].message, "deck is empty");
    EXPECT_TRUE(course.sections[0].topics[0].decks.empty());
}

TEST_F(CourseTest, DeckTextIsKeptByteForByte) {
    std::string text = "# %%\r\nprint('\xC3\xA4')\r\n";
    add("slides/m/topic_100_t/slides_a.py", text);
    Course course = load({section_spec("s", {topic_spec("t")})});
    EXPECT_EQ(course.sections[0].topics[0].decks[0].sources[0].text, text);
}

TEST_F(CourseTest, TitlesComeFromHeaderCallsElseTheStem) {
    add("slides/m/topic_100_t/slides_a.py", "# {{ header('Eins', 'One') }}\n");
    add("slides/m/topic_100_t/slides_b.py", "# {{ header_en('Two') }}\n");
    add("slides/m/topic_100_t/slides_c.py", "# %%\nx = 1\n");
    Course course = load({section_spec("s", {topic_spec("t")})});
    const std::vector<Deck>& decks = course.sections[0].topics[0].decks;
    ASSERT_EQ(decks.size(), 3U);
    EXPECT_EQ(decks[0].title.de, "Eins");
    EXPECT_EQ(decks[0].title.en, "One");
    EXPECT_EQ(decks[1].title.de, "Two");
    EXPECT_EQ(decks[1].title.en, "Two");
    EXPECT_EQ(decks[2].title.de, "slides_c");
    EXPECT_EQ(decks[2].title.en, "slides_c");
}

TEST_F(CourseTest, SplitPairIsOneDeckWithATitlePerHalf) {
    add("slides/m/topic_100_t/slides_x.de.py", "# {{ header('Titel', 'Wrong') }}\n");
    add("slides/m/topic_100_t/slides_x.en.py", "# %%\nx = 1\n");
    Course course = load({section_spec("s", {topic_spec("t")})});
    const std::vector<Deck>& decks = course.sections[0].topics[0].decks;
    ASSERT_EQ(decks.size(), 1U);
    const Deck& deck = decks[0];
    ASSERT_EQ(deck.sources.size(), 2U);
    EXPECT_EQ(deck.title.de, "Titel");
    EXPECT_EQ(deck.title.en, "slides_x");
    ASSERT_NE(deck.source_for(Language::de), nullptr);
    ASSERT_NE(deck.source_for(Language::en), nullptr);
    EXPECT_EQ(deck.source_for(Language::de)->file.relative, "slides/m/topic_100_t/slides_x.de.py");
    EXPECT_EQ(deck.source_for(Language::en)->file.relative, "slides/m/topic_100_t/slides_x.en.py");
}

TEST_F(CourseTest, NumbersRestartPerSectionAndSplitPairSharesOne) {
    add("slides/m/topic_100_t/slides_a.py");
    add("slides/m/topic_100_t/slides_b.de.py");
    add("slides/m/topic_100_t/slides_b.en.py");
    add("slides/m/topic_100_t/slides_c.py");
    add("slides/m/topic_110_u.py");
    add("slides/m/topic_120_v/slides_v.py");
    Course course = load({section_spec("one", {topic_spec("u"), topic_spec("t")}),
                          section_spec("two", {topic_spec("v")})});
    ASSERT_EQ(course.sections.size(), 2U);
    const Section& one = course.sections[0];
    ASSERT_EQ(one.topics.size(), 2U);
    EXPECT_EQ(one.topics[0].decks[0].number, 1);
    const std::vector<Deck>& decks = one.topics[1].decks;
    ASSERT_EQ(decks.size(), 3U);
    EXPECT_EQ(decks[0].number, 2);
    EXPECT_EQ(decks[1].number, 3);
    EXPECT_EQ(decks[1].sources.size(), 2U);
    EXPECT_EQ(decks[2].number, 4);
    EXPECT_EQ(course.sections[1].topics[0].decks[0].number, 1);
}

TEST_F(CourseTest, ProgLangComesFromTopicSpecElseExtension) {
    add("slides/m/topic_100_t/slides_a.cpp");
    add("slides/m/topic_110_u/slides_b.cpp");
    TopicSpec java = topic_spec("u");
    java.prog_lang = "java";
    Course course = load({section_spec("s", {topic_spec("t"), java})});
    EXPECT_EQ(course.sections[0].topics[0].decks[0].prog_lang, ProgLang::cpp);
    EXPECT_EQ(course.sections[0].topics[1].decks[0].prog_lang, ProgLang::java);
}

TEST_F(CourseTest, RoutingErrorsOfBuiltTopicsThrowConfigErrorWithAllOfThem) {
    add("slides/m/topic_100_t/slides_x.de.py");
    add("slides/m/topic_110_u/slides_y.py");
    add("slides/m/topic_110_u/slides_y.en.py");
    add("slides/m/topic_120_unused/slides_z.de.py");
    try {
        load({section_spec("s", {topic_spec("t"), topic_spec("u"), topic_spec("t")})});
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.diagnostics().size(), 2U);
        EXPECT_TRUE(error.diagnostics()[0].file.ends_with("/slides/m/topic_100_t/slides_x.de.py"))
            << error.diagnostics()[0].file;
        EXPECT_TRUE(error.diagnostics()[1].file.ends_with("/slides/m/topic_110_u/slides_y.en.py"))
            << error.diagnostics()[1].file;
    }
}

TEST_F(CourseTest, LoadKeepsSpecAndRoot) {
    add("slides/m/topic_100_t/slides_a.py");
    Course course = load({section_spec("s", {topic_spec("t")})});
    EXPECT_EQ(course.root, root());
    EXPECT_EQ(course.spec.file, root() / "course.xml");
    ASSERT_EQ(course.sections[0].topics.size(), 1U);
    EXPECT_EQ(course.sections[0].topics[0].source.id, "t");
    EXPECT_TRUE(course.errors.empty());
}

TEST_F(CourseTest, SpecFromTreeMakesASectionPerModule) {
    add("slides/b/topic_100_y/slides_y.py");
    add("slides/a/topic_200_x/slides_x.py");
    add("slides/a/topic_100_w.py");
    std::vector<Diagnostic> warnings;
    CourseTree tree = scan_course_tree(root(), warnings);
    CourseSpec spec = spec_from_tree(tree);
    std::string name = root().filename().string();
    EXPECT_EQ(spec.name.de, name);
    EXPECT_EQ(spec.name.en, name);
    ASSERT_EQ(spec.sections.size(), 2U);
    EXPECT_EQ(spec.sections[0].name.de, "a");
    EXPECT_EQ(spec.sections[0].name.en, "a");
    ASSERT_EQ(spec.sections[0].topics.size(), 2U);
    EXPECT_EQ(spec.sections[0].topics[0].id, "w");
    EXPECT_EQ(spec.sections[0].topics[0].module, "a");
    EXPECT_EQ(spec.sections[0].topics[1].id, "x");
    EXPECT_EQ(spec.sections[1].name.en, "b");
    ASSERT_EQ(spec.sections[1].topics.size(), 1U);
    EXPECT_EQ(spec.sections[1].topics[0].module, "b");
    ASSERT_EQ(spec.targets.size(), 3U);
    EXPECT_EQ(spec.targets[0].name, "shared");
}

TEST(SpecFromTree, NamesTheCourseAfterARootWithTrailingSeparator) {
    CourseTree tree;
    tree.root = "/courses/python-basics/";
    EXPECT_EQ(spec_from_tree(tree).name.en, "python-basics");
}

} // namespace
} // namespace clm
