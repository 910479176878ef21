#include <algorithm>
#include <filesystem>
#include <unistd.h>

#include "clm/course_tree.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

constexpr std::string_view deck_text = "# %%\nprint(1)\n";

class CourseTreeTest : public ::testing::Test {
protected:
    fs::path root() const { return m_dir.path(); }
    void add(const std::string& relative, std::string_view text = deck_text) {
        write_file(root() / relative, text);
    }
    CourseTree scan() { return scan_course_tree(root(), warnings); }

    std::vector<Diagnostic> warnings;

private:
    TempDir m_dir;
};

std::vector<std::string> ids(const CourseTree& tree) {
    std::vector<std::string> result;
    for (const TopicSource& topic : tree.topics) {
        result.push_back(topic.module + ":" + topic.id);
    }
    return result;
}

std::vector<std::string> deck_names(const TopicSource& topic) {
    std::vector<std::string> result;
    for (const DeckFile& deck : topic.decks) {
        result.push_back(deck.relative);
    }
    return result;
}

bool has_warning(const std::vector<Diagnostic>& warnings, const std::string& file,
                 const std::string& message) {
    // Diagnostics name files below the root as it was given; the tests check the part below.
    return std::any_of(warnings.begin(), warnings.end(), [&](const Diagnostic& warning) {
        return warning.file.ends_with("/" + file) && warning.message.starts_with(message);
    });
}

TEST(TopicIdFromEntry, DropsExtensionAndFirstTwoParts) {
    EXPECT_EQ(topic_id_from_entry("topic_100_some_topic"), "some_topic");
    EXPECT_EQ(topic_id_from_entry("topic_110_x.py"), "x");
    EXPECT_EQ(topic_id_from_entry("topic_110_a.b.py"), "a.b");
    EXPECT_EQ(topic_id_from_entry("img"), "");
    EXPECT_EQ(topic_id_from_entry("include_me.py"), "");
    EXPECT_EQ(topic_id_from_entry("topic_100_"), "");
}

TEST(IsIgnoredDirectory, MatchesNamesAndPatterns) {
    for (std::string_view name :
         {"__pycache__", ".git", "build", "voiceover", "CMakeFiles", "foo.egg-info",
          "cmake-build-debug", "old.bkp", "old.bak", "chroma_test_db", "qdrant_storage"}) {
        EXPECT_TRUE(is_ignored_directory(name)) << name;
    }
    for (std::string_view name : {"slides", "builds", "img", "chroma", "data", ""}) {
        EXPECT_FALSE(is_ignored_directory(name)) << name;
    }
}

TEST_F(CourseTreeTest, MissingSlidesDirectoryIsConfigError) {
    try {
        scan();
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.diagnostics().size(), 1U);
        EXPECT_EQ(error.diagnostics()[0].file, (root() / "slides").string());
        EXPECT_EQ(error.diagnostics()[0].message,
                  "no slides/ directory; a course needs slides/<module>/<topic>");
    }
}

TEST_F(CourseTreeTest, ModulesAndTopicsAreInNameOrder) {
    add("slides/module_b/topic_200_y/slides_y.py");
    add("slides/module_a/topic_200_b/slides_b.py");
    add("slides/module_a/topic_100_c/slides_c.py");
    CourseTree tree = scan();
    EXPECT_EQ(tree.modules, (std::vector<std::string>{"module_a", "module_b"}));
    EXPECT_EQ(ids(tree), (std::vector<std::string>{"module_a:c", "module_a:b", "module_b:y"}));
    EXPECT_TRUE(warnings.empty());
}

TEST_F(CourseTreeTest, SkipsPrivateIgnoredAndIdlessEntries) {
    add("slides/README.md", "text");
    add("slides/_archive/topic_100_old/slides_old.py");
    add("slides/.hidden/topic_100_h/slides_h.py");
    add("slides/build/topic_100_b/slides_b.py");
    add("slides/m/_topic_100_draft/slides_d.py");
    add("slides/m/.topic_100_dot/slides_d.py");
    add("slides/m/img/x.png", "png");
    add("slides/m/topic_100_kept/slides_k.py");
    CourseTree tree = scan();
    EXPECT_EQ(tree.modules, (std::vector<std::string>{"m"}));
    EXPECT_EQ(ids(tree), (std::vector<std::string>{"m:kept"}));
}

TEST_F(CourseTreeTest, IgnoredNamesAboveTheRootDoNotMatter) {
    fs::path course = root() / "build" / "out" / "course";
    write_file(course / "slides/m/topic_100_t/slides_t.py", deck_text);
    write_file(course / "slides/m/topic_100_t/build/slides_hidden.py", deck_text);
    write_file(course / "slides/m/topic_100_t/.git/config", "x");
    CourseTree tree = scan_course_tree(course, warnings);
    ASSERT_EQ(tree.topics.size(), 1U);
    EXPECT_EQ(deck_names(tree.topics[0]),
              (std::vector<std::string>{"slides/m/topic_100_t/slides_t.py"}));
    EXPECT_TRUE(tree.topics[0].other_files.empty());
}

TEST_F(CourseTreeTest, FileTopicIsItsOwnOnlyDeck) {
    add("slides/m/topic_100_file.py");
    add("slides/m/topic_110_notes.txt", "notes");
    add("slides/m/topic_120_dir/slides_a.cpp");
    CourseTree tree = scan();
    ASSERT_EQ(ids(tree), (std::vector<std::string>{"m:file", "m:dir"}));
    const TopicSource& file_topic = tree.topics[0];
    EXPECT_TRUE(file_topic.is_file_topic);
    EXPECT_EQ(deck_names(file_topic), (std::vector<std::string>{"slides/m/topic_100_file.py"}));
    EXPECT_EQ(file_topic.decks[0].path, root() / "slides/m/topic_100_file.py");
    EXPECT_FALSE(tree.topics[1].is_file_topic);
    EXPECT_EQ(tree.topics[1].decks[0].prog_lang, ProgLang::cpp);
}

TEST_F(CourseTreeTest, NestedDecksFollowDirectOnesAndOtherFilesAreSorted) {
    std::string topic = "slides/m/topic_100_t/";
    add(topic + "slides_b.py");
    add(topic + "a_nested/slides_n2.py");
    add(topic + "a_nested/deeper/slides_n1.java");
    add(topic + "slides_a.py");
    add(topic + "project_c.ts");
    add(topic + "data.csv", "1,2");
    add(topic + "img/pic.png", "png");
    add(topic + ".clm-include", "x");
    add(topic + "model.keras", "x");
    add(topic + "old.bkp", "x");
    add(topic + "blob.bin", "x");
    add(topic + "__pycache__/helper.pyc", "x");
    add(topic + "helper.py", "def f(): pass\n");
    CourseTree tree = scan();
    ASSERT_EQ(tree.topics.size(), 1U);
    EXPECT_EQ(deck_names(tree.topics[0]),
              (std::vector<std::string>{
                  topic + "project_c.ts", topic + "slides_a.py", topic + "slides_b.py",
                  topic + "a_nested/deeper/slides_n1.java", topic + "a_nested/slides_n2.py"}));
    fs::path dir = root() / topic;
    EXPECT_EQ(tree.topics[0].other_files,
              (std::vector<fs::path>{dir / "data.csv", dir / "helper.py", dir / "img/pic.png"}));
}

TEST_F(CourseTreeTest, SplitPairSharesAFamily) {
    add("slides/m/topic_100_t/slides_x.de.py");
    add("slides/m/topic_100_t/slides_x.en.py");
    add("slides/m/topic_100_t/slides_y.py");
    CourseTree tree = scan();
    ASSERT_EQ(tree.topics.size(), 1U);
    const TopicSource& topic = tree.topics[0];
    EXPECT_TRUE(topic.routing_errors.empty());
    ASSERT_EQ(topic.decks.size(), 3U);
    EXPECT_EQ(topic.decks[0].language, Language::de);
    EXPECT_EQ(topic.decks[1].language, Language::en);
    EXPECT_FALSE(topic.decks[2].language.has_value());
    EXPECT_EQ(topic.decks[0].family, "slides/m/topic_100_t/slides_x.py");
    EXPECT_EQ(topic.decks[1].family, "slides/m/topic_100_t/slides_x.py");
    EXPECT_EQ(topic.decks[2].family, topic.decks[2].relative);
}

TEST_F(CourseTreeTest, BilingualFileBesideSplitHalfIsRoutingError) {
    add("slides/m/topic_100_t/slides_x.py");
    add("slides/m/topic_100_t/slides_x.en.py");
    CourseTree tree = scan();
    ASSERT_EQ(tree.topics.size(), 1U);
    ASSERT_EQ(tree.topics[0].routing_errors.size(), 1U);
    const Diagnostic& error = tree.topics[0].routing_errors[0];
    EXPECT_TRUE(error.file.ends_with("/slides/m/topic_100_t/slides_x.en.py")) << error.file;
    EXPECT_EQ(error.line, 0);
    EXPECT_EQ(error.message, "split deck has a bilingual file slides_x.py beside it; keep either "
                             "the bilingual file or the .de/.en pair");
}

TEST_F(CourseTreeTest, SplitHalfWithoutPartnerIsRoutingError) {
    add("slides/m/topic_100_t/slides_x.de.py");
    add("slides/m/topic_110_u/slides_y.en.cpp");
    CourseTree tree = scan();
    ASSERT_EQ(tree.topics.size(), 2U);
    ASSERT_EQ(tree.topics[0].routing_errors.size(), 1U);
    EXPECT_TRUE(
        tree.topics[0].routing_errors[0].file.ends_with("/slides/m/topic_100_t/slides_x.de.py"));
    EXPECT_EQ(tree.topics[0].routing_errors[0].message, "split deck half has no .en partner");
    ASSERT_EQ(tree.topics[1].routing_errors.size(), 1U);
    EXPECT_EQ(tree.topics[1].routing_errors[0].message, "split deck half has no .de partner");
}

TEST_F(CourseTreeTest, NestedSplitHalvesAreNotChecked) {
    add("slides/m/topic_100_t/slides_a.py");
    add("slides/m/topic_100_t/sub/slides_x.de.py");
    CourseTree tree = scan();
    ASSERT_EQ(tree.topics.size(), 1U);
    EXPECT_TRUE(tree.topics[0].routing_errors.empty());
    EXPECT_EQ(tree.topics[0].decks.size(), 2U);
}

TEST_F(CourseTreeTest, MarkdownAndRustDecksAreWarnedAndSkipped) {
    add("slides/m/topic_100_t/slides_a.md", "# A\n");
    add("slides/m/topic_100_t/slides_b.rs", "fn main() {}\n");
    add("slides/m/topic_100_t/slides_c.py");
    add("slides/m/topic_110_file.md", "# F\n");
    CourseTree tree = scan();
    ASSERT_EQ(ids(tree), (std::vector<std::string>{"m:t"}));
    EXPECT_EQ(deck_names(tree.topics[0]),
              (std::vector<std::string>{"slides/m/topic_100_t/slides_c.py"}));
    EXPECT_TRUE(tree.topics[0].other_files.empty());
    EXPECT_TRUE(
        has_warning(warnings, "slides/m/topic_100_t/slides_a.md", "deck format not supported yet"));
    EXPECT_TRUE(
        has_warning(warnings, "slides/m/topic_100_t/slides_b.rs", "deck format not supported yet"));
    EXPECT_TRUE(
        has_warning(warnings, "slides/m/topic_110_file.md", "deck format not supported yet"));
}

TEST_F(CourseTreeTest, SymbolicLinkLoopIsNotFollowed) {
    add("slides/m/topic_100_t/slides_a.py");
    fs::path topic = root() / "slides/m/topic_100_t";
    fs::create_directory_symlink(topic, topic / "loop");
    fs::create_directory_symlink(root() / "slides", root() / "slides/m/topic_110_up");
    CourseTree tree = scan();
    ASSERT_EQ(ids(tree), (std::vector<std::string>{"m:t"}));
    EXPECT_EQ(tree.topics[0].decks.size(), 1U);
    EXPECT_TRUE(
        has_warning(warnings, "slides/m/topic_100_t/loop", "symbolic link loop not followed"));
    EXPECT_TRUE(has_warning(warnings, "slides/m/topic_110_up", "symbolic link loop not followed"));
}

TEST_F(CourseTreeTest, SymbolicLinksAreFollowedAndDanglingOnesWarned) {
    add("shared/slides_shared.py");
    add("shared_topic/slides_s.py");
    add("slides/m/topic_100_t/slides_a.py");
    fs::path topic = root() / "slides/m/topic_100_t";
    fs::create_directory_symlink(root() / "shared", topic / "common");
    fs::create_directory_symlink(root() / "shared_topic", root() / "slides/m/topic_110_linked");
    fs::create_symlink(root() / "missing.py", topic / "slides_dangling.py");
    CourseTree tree = scan();
    ASSERT_EQ(ids(tree), (std::vector<std::string>{"m:t", "m:linked"}));
    EXPECT_EQ(deck_names(tree.topics[0]),
              (std::vector<std::string>{"slides/m/topic_100_t/slides_a.py",
                                        "slides/m/topic_100_t/common/slides_shared.py"}));
    EXPECT_EQ(deck_names(tree.topics[1]),
              (std::vector<std::string>{"slides/m/topic_110_linked/slides_s.py"}));
    EXPECT_TRUE(has_warning(warnings, "slides/m/topic_100_t/slides_dangling.py",
                            "symbolic link cannot be followed"));
}

TEST_F(CourseTreeTest, UnreadableDirectoryIsWarnedAndSkipped) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "permissions do not restrict root";
    }
    add("slides/m/topic_100_t/slides_a.py");
    add("slides/m/topic_100_t/locked/slides_b.py");
    fs::path locked = root() / "slides/m/topic_100_t/locked";
    fs::permissions(locked, fs::perms::none);
    CourseTree tree = scan();
    fs::permissions(locked, fs::perms::owner_all);
    ASSERT_EQ(tree.topics.size(), 1U);
    EXPECT_EQ(deck_names(tree.topics[0]),
              (std::vector<std::string>{"slides/m/topic_100_t/slides_a.py"}));
    EXPECT_TRUE(has_warning(warnings, "slides/m/topic_100_t/locked", "cannot read directory"));
}

TEST_F(CourseTreeTest, FindTopicHonoursModuleAndOtherwiseTakesTheFirst) {
    add("slides/b_module/topic_100_same/slides_b.py");
    add("slides/a_module/topic_100_same/slides_a.py");
    CourseTree tree = scan();
    const TopicSource* first = tree.find_topic("same");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->module, "a_module");
    const TopicSource* bound = tree.find_topic("same", "b_module");
    ASSERT_NE(bound, nullptr);
    EXPECT_EQ(bound->module, "b_module");
    EXPECT_EQ(tree.find_topic("same", "c_module"), nullptr);
    EXPECT_EQ(tree.find_topic("other"), nullptr);
}

} // namespace
} // namespace clm
