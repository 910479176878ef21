// End-to-end tests of what a build ships besides decks: images, data files, directory
// groups and the renders of diagrams, with fake converters (the test binary itself) and once
// with Debian's PlantUML.
#include "clm/command_words.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fake_converter.hpp"
#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::FakeConverters;
using testing::read_file;
using testing::run_clm;
using testing::RunResult;
using testing::TempDir;
using testing::write_file;

const char* const deck = "# %%\nx = 1\n";

// One target with only completed notebooks, so each section has one deck directory per
// language.
const char* const one_target =
    "<output-targets><output-target name=\"t\"><path>out</path>"
    "<kinds><kind>completed</kind></kinds><formats><format>notebook</format></formats>"
    "</output-target></output-targets>";

fs::path topic_dir(const fs::path& root, const std::string& id, std::size_t index) {
    return root / "slides" / "module_100_m" / ("topic_" + std::to_string(100 + index) + "_" + id);
}

/// Writes a course with the topics `ids` (each a directory topic with one deck) in one
/// section, and `extra` inside <course>.
fs::path make_course(const fs::path& root, const std::vector<std::string>& ids,
                     const std::string& extra = "") {
    std::string topics;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        write_file(topic_dir(root, ids[i], i) / ("slides_" + ids[i] + ".py"), deck);
        topics += "<topic>" + ids[i] + "</topic>";
    }
    write_file(root / "course-specs" / "c.xml",
               "<course><name>Kurs</name><sections><section><name>S</name><topics>" + topics +
                   "</topics></section></sections>" + extra + one_target + "</course>\n");
    return root;
}

fs::path deck_dir(const fs::path& root, const char* language = "de") {
    return std::string(language) == "de" ? root / "out/Kurs-de/Folien/Notebooks/Completed/S"
                                         : root / "out/Kurs-en/Slides/Notebooks/Completed/S";
}

nlohmann::json report_of(const fs::path& file) {
    return nlohmann::json::parse(read_file(file));
}

std::vector<std::string> build_args(const fs::path& course, const fs::path& report) {
    return {"build", course.string(), "--no-html", "--report", report.string()};
}

TEST(AssetBuild, ShipsTheTopicFilesBesideEveryDeckAndLeavesOutWhatIsNeverShipped) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {"a"});
    fs::path topic = topic_dir(course, "a", 0);
    write_file(topic / "img/logo.png", "logo bytes");
    write_file(topic / "data/test.data", "1,2,3\n");
    write_file(topic / "pu/flow.pu", "@startuml\nA -> B\n@enduml\n");
    write_file(topic / "voiceover_slides_a.py", "narration");
    write_file(topic / "cassettes/call.yaml", "recorded");
    write_file(topic / "slides_a.http-cassette.yaml", "recorded");
    write_file(topic / "build/product.o", "ignored directory");
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const char* language : {"de", "en"}) {
        fs::path out = deck_dir(course, language);
        EXPECT_EQ(read_file(out / "img/logo.png"), "logo bytes");
        EXPECT_EQ(read_file(out / "data/test.data"), "1,2,3\n");
        EXPECT_TRUE(read_file(out / "img/flow.png").starts_with("\x89PNG\r\n\x1a\n"))
            << "img-generated/ ships as img/";
        for (const char* absent : {"pu", "img-generated", "voiceover_slides_a.py", "cassettes",
                                   "slides_a.http-cassette.yaml", "build"}) {
            EXPECT_FALSE(fs::exists(out / absent)) << absent;
        }
    }
    EXPECT_TRUE(fs::exists(topic / "img-generated/flow.png")) << "renders go into the topic";
}

TEST(AssetBuild, ATopicWithoutDecksShipsBesideTheDecksOfItsSection) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {"a"});
    write_file(course / "slides/module_100_m/topic_150_pictures/pu/overview.pu", "@startuml\n");
    std::string spec = read_file(course / "course-specs/c.xml");
    spec.replace(spec.find("</topics>"), 0, "<topic>pictures</topic>");
    write_file(course / "course-specs/c.xml", spec);
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(fs::exists(deck_dir(course, "de") / "img/overview.png"));
    EXPECT_TRUE(fs::exists(deck_dir(course, "en") / "img/overview.png"));
}

TEST(AssetBuild, AFileTopicShipsTheModuleFilesItsDeckShowsOrImports) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {"a"});
    fs::path module = course / "slides/module_100_m";
    write_file(module / "topic_120_single.py",
               "# %% [markdown]\n# <img src=\"img/pic.png\">\n\n# %%\nimport helper\n");
    write_file(module / "img/pic.png", "picture");
    write_file(module / "helper.py", "VALUE = 1\n");
    write_file(module / "unrelated.txt", "not named by the deck");
    std::string spec = read_file(course / "course-specs/c.xml");
    spec.replace(spec.find("</topics>"), 0, "<topic>single</topic>");
    write_file(course / "course-specs/c.xml", spec);
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_file(deck_dir(course) / "img/pic.png"), "picture");
    EXPECT_EQ(read_file(deck_dir(course, "en") / "helper.py"), "VALUE = 1\n");
    EXPECT_FALSE(fs::exists(deck_dir(course) / "unrelated.txt"));
    EXPECT_FALSE(fs::exists(deck_dir(course) / "topic_120_single.py"));
}

TEST(AssetBuild, CopiesAreSkippedWhenTheDestinationHoldsTheSameBytes) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {"a"});
    write_file(topic_dir(course, "a", 0) / "img/logo.png", "logo bytes");
    fs::path report = dir.path() / "report.json";
    ASSERT_EQ(run_clm(build_args(course, report), converters.environment()).exit_code, 0);
    EXPECT_EQ(report_of(report)["outputs"]["written"], 4) << "two notebooks and two images";
    fs::path copy = deck_dir(course) / "img/logo.png";
    auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
    fs::last_write_time(copy, old_time);
    ASSERT_EQ(run_clm(build_args(course, report), converters.environment()).exit_code, 0);
    EXPECT_EQ(report_of(report)["outputs"]["written"], 0);
    EXPECT_EQ(report_of(report)["outputs"]["unchanged"], 2) << "the images, compared";
    EXPECT_EQ(report_of(report)["outputs"]["skipped"], 2) << "the notebooks, by the build state";
    EXPECT_EQ(fs::last_write_time(copy), old_time) << "an identical copy is not rewritten";
}

// A course of one topic, "a", its fake converters and where its report goes.
struct OneTopic {
    TempDir dir;
    FakeConverters converters{dir.path()};
    fs::path course = make_course(dir.path() / "c", {"a"});
    fs::path topic = topic_dir(course, "a", 0);
    fs::path report = dir.path() / "report.json";
};

TEST(AssetBuild, ADeletedImageLosesItsCopiesAndAFilePutByHandStays) {
    OneTopic one;
    auto& [dir, converters, course, topic, report] = one;
    fs::path image = topic / "img/logo.png";
    write_file(image, "logo bytes");
    write_file(topic / "data.csv", "1,2\n");
    ASSERT_EQ(run_clm(build_args(course, report), converters.environment()).exit_code, 0);
    fs::path by_hand = deck_dir(course) / "img/mine.png";
    write_file(by_hand, "mine");
    ASSERT_TRUE(fs::exists(deck_dir(course, "en") / "img/logo.png"));

    // A build of one language answers only for the copies of that language.
    fs::remove(image);
    ASSERT_EQ(run_clm({"build", course.string(), "--no-html", "-L", "de"}, converters.environment())
                  .exit_code,
              0);
    EXPECT_FALSE(fs::exists(deck_dir(course) / "img/logo.png"));
    EXPECT_TRUE(fs::exists(deck_dir(course, "en") / "img/logo.png"));

    ASSERT_EQ(run_clm(build_args(course, report), converters.environment()).exit_code, 0);
    EXPECT_EQ(report_of(report)["outputs"]["deleted"], 1) << "the English copy";
    EXPECT_FALSE(fs::exists(deck_dir(course, "en") / "img"))
        << "the directory the deletion left empty goes too";
    EXPECT_EQ(read_file(by_hand), "mine") << "clm never wrote it";
    EXPECT_EQ(read_file(deck_dir(course) / "data.csv"), "1,2\n");
}

TEST(AssetBuild, AnUnchangedCopyIsSkippedByItsStampWithoutReadingTheSource) {
    OneTopic one;
    auto& [dir, converters, course, topic, report] = one;
    fs::path data = topic / "data.csv";
    write_file(data, "1,2\n");
    // Older than a second, so that the build state may trust the source's stamp.
    fs::last_write_time(data, fs::file_time_type::clock::now() - std::chrono::hours(1));
    ASSERT_EQ(run_clm(build_args(course, report), converters.environment()).exit_code, 0);
    // An unreadable source whose stamp is unchanged is not read: its copy is current.
    fs::permissions(data, fs::perms::none);
    RunResult result = run_clm(build_args(course, report), converters.environment());
    fs::permissions(data, fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(report_of(report)["outputs"]["written"], 0);
    EXPECT_EQ(read_file(deck_dir(course) / "data.csv"), "1,2\n");
}

TEST(AssetBuild, ARemovedDirGroupLosesItsCopies) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = dir.path() / "c";
    write_file(course / "div/workshops/w.txt", "w");
    make_course(course, {"a"},
                "<dir-groups><dir-group><name>Bonus</name><path>div/workshops</path>"
                "</dir-group></dir-groups>");
    ASSERT_EQ(run_clm({"build", course.string(), "--no-html"}, converters.environment()).exit_code,
              0);
    ASSERT_TRUE(fs::exists(course / "out/Kurs-de/Bonus/w.txt"));
    make_course(course, {"a"});
    ASSERT_EQ(run_clm({"build", course.string(), "--no-html"}, converters.environment()).exit_code,
              0);
    EXPECT_FALSE(fs::exists(course / "out/Kurs-de/Bonus"));
    EXPECT_FALSE(fs::exists(course / "out/Kurs-en/Bonus/w.txt"));
    EXPECT_TRUE(fs::exists(course / "div/workshops/w.txt")) << "the source is never touched";
}

TEST(AssetBuild, TwoTopicsPuttingDifferentBytesAtOnePathAreAConflictNamingBoth) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {"a", "b", "c"});
    write_file(topic_dir(course, "a", 0) / "img/x.png", "from a");
    write_file(topic_dir(course, "b", 1) / "img/x.png", "from b");
    write_file(topic_dir(course, "c", 2) / "img/x.png", "from a"); // equal bytes: no conflict
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::string a = (topic_dir(course, "a", 0) / "img/x.png").generic_string();
    std::string b = (topic_dir(course, "b", 1) / "img/x.png").generic_string();
    EXPECT_NE(result.err.find("clm: error: " + b + ": conflicts with " + a), std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("topic_102_c/img/x.png: conflicts"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(deck_dir(course) / "img/x.png"), "from a") << "the first source wins";
}

TEST(AssetBuild, DirGroupsAreCopiedOncePerTargetAndLanguage) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = dir.path() / "c";
    write_file(course / "div/workshops/toplevel.txt", "top");
    write_file(course / "div/workshops/Workshop-1/w1.txt", "w1");
    write_file(course / "code/solutions/Example_1/e1.txt", "e1");
    write_file(course / "code/solutions/Example_2/e2.txt", "e2");
    write_file(course / "code/solutions/root.txt", "root");
    write_file(course / "root-files/root-file-1.txt", "r1");
    write_file(course / "root-files/nested/n.txt", "nested");
    make_course(course, {"a"},
                "<dir-groups>"
                "<dir-group><name><de>Bonus/Extra</de><en>Bonus</en></name>"
                "<path>div/workshops</path></dir-group>"
                "<dir-group><name/><path>root-files</path></dir-group>"
                "<dir-group include-root-files=\"true\"><name>Code/Solutions</name>"
                "<path>code/solutions</path><subdirs><subdir>Example_1</subdir></subdirs>"
                "</dir-group>"
                "<dir-group recursive=\"false\" include-root-files=\"true\"><name>Flat</name>"
                "<path>root-files</path></dir-group>"
                "</dir-groups>");
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    fs::path de = course / "out/Kurs-de";
    fs::path en = course / "out/Kurs-en";
    EXPECT_EQ(read_file(de / "Bonus/Extra/toplevel.txt"), "top");
    EXPECT_EQ(read_file(de / "Bonus/Extra/Workshop-1/w1.txt"), "w1");
    EXPECT_EQ(read_file(en / "Bonus/Workshop-1/w1.txt"), "w1");
    EXPECT_EQ(read_file(de / "root-file-1.txt"), "r1") << "an empty name is the course dir";
    EXPECT_EQ(read_file(en / "nested/n.txt"), "nested");
    EXPECT_EQ(read_file(de / "Code/Solutions/Example_1/e1.txt"), "e1");
    EXPECT_EQ(read_file(de / "Code/Solutions/root.txt"), "root");
    EXPECT_FALSE(fs::exists(de / "Code/Solutions/Example_2"));
    EXPECT_EQ(read_file(en / "Flat/root-file-1.txt"), "r1");
    EXPECT_FALSE(fs::exists(en / "Flat/nested"));
}

TEST(AssetBuild, ADirGroupLeavingTheCourseIsASpecErrorAndAMissingOneAWarning) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {"a"},
                                  "<dir-groups><dir-group><name>X</name><path>../elsewhere</path>"
                                  "</dir-group><dir-group><name>Y</name><path>/etc</path>"
                                  "</dir-group></dir-groups>");
    RunResult bad = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("c.xml:1: dir-group path \"../elsewhere\" leaves the course root"),
              std::string::npos)
        << bad.err;
    EXPECT_NE(bad.err.find("dir-group path \"/etc\" is absolute"), std::string::npos) << bad.err;
    EXPECT_FALSE(fs::exists(course / "out"));

    make_course(course, {"a"},
                "<dir-groups><dir-group><name>X</name><path>not/there</path></dir-group>"
                "</dir-groups>");
    RunResult missing = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    EXPECT_EQ(missing.exit_code, 0) << missing.err;
    EXPECT_NE(missing.err.find("warning: " + (course / "course-specs/c.xml").string() +
                               ":1: dir-group directory \"not/there\" does not exist"),
              std::string::npos)
        << missing.err;
}

} // namespace
} // namespace clm
