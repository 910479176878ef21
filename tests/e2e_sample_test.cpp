// End-to-end tests: the built clm on a copy of courses-sample.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "fake_converter.hpp"
#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_clm;
using testing::RunResult;
using testing::TempDir;

fs::path copy_sample(const TempDir& dir) {
    fs::path course = dir.path() / "courses-sample";
    fs::create_directories(course);
    for (const char* part : {"course-specs", "slides", "examples"}) {
        fs::copy(fs::path(CLM_SOURCE_DIR) / "courses-sample" / part, course / part,
                 fs::copy_options::recursive);
    }
    return course;
}

std::vector<fs::path> files_below(const fs::path& root) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            files.push_back(fs::relative(entry.path(), root));
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

class SampleCourse : public ::testing::Test {
protected:
    TempDir dir;
    fs::path course = copy_sample(dir);
    fs::path output = course / "output";
    // The sample's diagram is rendered by a fake PlantUML: a JVM per test would be slow.
    testing::FakeConverters converters{dir.path()};

    RunResult build(std::vector<std::string> args) {
        args.insert(args.begin(), {"build", course.string()});
        return run_clm(args, converters.environment());
    }
};

TEST_F(SampleCourse, BuildsEveryNotebookAndCodeOutputOfTheDefaultTiers) {
    RunResult result = build({"--no-html"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    // 7 decks x 2 languages x (shared 4 + trainer 6 + speaker 2) notebook and code outputs;
    // beside the decks of each of those 12 directories per language two images in week 1
    // and one data file in week 2; and the 2 files of the examples group per target and
    // language.
    EXPECT_EQ(files_below(output).size(), 7u * 2u * 12u + 2u * 12u * 3u + 3u * 2u * 2u);
    for (const char* path : {
             "shared/python-beginners-de/Folien/Notebooks/Code-Along/"
             "Woche 1 Grundlagen/01 Einführung.ipynb",
             "shared/python-beginners-en/Slides/Python/Completed/"
             "Week 1 Basics/03 Strings.py",
             "trainer/python-beginners-de/Folien/Python/Trainer/"
             "Woche 2 Funktionen und Daten/03 Was können Schleifen.py",
             "trainer/python-beginners-en/Slides/Notebooks/Trainer/"
             "Week 2 Functions and Data/03 What can loops do.ipynb",
             "speaker/python-beginners-de/Folien/Notebooks/Recording/"
             "Woche 2 Funktionen und Daten/04 Grüße.ipynb",
             "speaker/python-beginners-en/Slides/Python/Recording/"
             "Week 2 Functions and Data/04 Greetings.py",
             "shared/python-beginners-de/Folien/Notebooks/Completed/"
             "Woche 1 Grundlagen/img/python-colours.png",
             "trainer/python-beginners-en/Slides/Python/Trainer/Week 1 Basics/img/assignment.png",
             "speaker/python-beginners-de/Folien/Notebooks/Recording/"
             "Woche 2 Funktionen und Daten/data/prices.csv",
             "shared/python-beginners-de/Beispiele/exercises/countdown.py",
             "speaker/python-beginners-en/Examples/README.md",
         }) {
        EXPECT_TRUE(fs::is_regular_file(output / path)) << path;
    }
}

TEST_F(SampleCourse, SecondBuildRewritesNothingAndIsByteIdentical) {
    ASSERT_EQ(build({"--no-html"}).exit_code, 0);
    std::map<fs::path, std::pair<std::string, timespec>> first;
    for (const fs::path& file : files_below(output)) {
        struct stat info {};
        stat((output / file).c_str(), &info);
        first[file] = {read_file(output / file), info.st_mtim};
    }
    RunResult second = build({"--no-html"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find(" 0 written"), std::string::npos) << second.out;
    ASSERT_EQ(files_below(output).size(), first.size());
    for (const auto& [file, before] : first) {
        struct stat info {};
        stat((output / file).c_str(), &info);
        EXPECT_EQ(read_file(output / file), before.first) << file;
        EXPECT_EQ(info.st_mtim.tv_sec, before.second.tv_sec) << file;
        EXPECT_EQ(info.st_mtim.tv_nsec, before.second.tv_nsec) << file;
    }
}

TEST_F(SampleCourse, KindsShowWhatTheirAudienceShouldSee) {
    ASSERT_EQ(build({"--no-html"}).exit_code, 0);
    fs::path section = "python-beginners-en/Slides/Python";
    std::string code_along =
        read_file(output / "shared" / section / "Code-Along/Week 1 Basics/02 Variables.py");
    std::string completed =
        read_file(output / "shared" / section / "Completed/Week 1 Basics/02 Variables.py");
    EXPECT_NE(code_along.find("greeting = ..."), std::string::npos);
    EXPECT_EQ(code_along.find("greeting = \"Hello\""), std::string::npos);
    EXPECT_NE(completed.find("greeting = \"Hello\""), std::string::npos);
    EXPECT_EQ(completed.find("greeting = ..."), std::string::npos);
    EXPECT_EQ(completed.find("Hallo"), std::string::npos) << "German cells stay out";
    std::string trainer =
        read_file(output / "trainer" / section / "Trainer/Week 1 Basics/01 Introduction.py");
    EXPECT_NE(trainer.find("Ask who has programmed before."), std::string::npos);
    EXPECT_EQ(completed.find("assert 1 + 2 == 3"), std::string::npos);
}

TEST_F(SampleCourse, ListPrintsEveryPlannedOutputAndWritesNothing) {
    RunResult result = run_clm({"build", course.string(), "--list"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_FALSE(fs::exists(output));
    std::size_t lines =
        static_cast<std::size_t>(std::count(result.out.begin(), result.out.end(), '\n'));
    // Notebook and code outputs plus the HTML ones: shared 2, trainer 3, speaker 1 per language.
    EXPECT_EQ(lines, 7u * 2u * 18u);
    EXPECT_NE(
        result.out.find("speaker\tde\trecording\thtml\tslides/module_200_data/topic_130_greetings/"
                        "slides_greetings.de.py\t"),
        std::string::npos)
        << result.out.substr(0, 2000);
}

TEST_F(SampleCourse, OptionsNarrowAndReRootTheOutputs) {
    fs::path elsewhere = dir.path() / "elsewhere";
    RunResult result = build({"--output-dir", elsewhere.string(), "--targets", "speaker",
                              "--language", "en", "--no-html"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_FALSE(fs::exists(output));
    EXPECT_EQ(result.err.find("HTML"), std::string::npos) << result.err;
    std::vector<fs::path> files = files_below(elsewhere);
    // 7 decks in 2 formats; 2 images in both formats of week 1, a data file in both of
    // week 2; the 2 files of the examples group.
    EXPECT_EQ(files.size(), 7u * 2u + 2u * 2u + 2u + 2u);
    for (const fs::path& file : files) {
        EXPECT_EQ(file.begin()->string(), "speaker");
        EXPECT_NE(file.string().find("python-beginners-en/"), std::string::npos);
    }
    RunResult speaker_only = run_clm({"build", course.string(), "--speaker-only", "--list"});
    EXPECT_EQ(speaker_only.out.find("\tcompleted\t"), std::string::npos);
    EXPECT_NE(speaker_only.out.find("\ttrainer\t"), std::string::npos);
}

TEST_F(SampleCourse, UnknownTargetIsAUsageError) {
    RunResult result = run_clm({"build", course.string(), "--targets", "nope"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "clm: error: --targets: unknown output target \"nope\"; the course "
                          "defines shared, trainer, speaker\n");
}

TEST_F(SampleCourse, WrittenNotebooksAreValidNbformat) {
    ASSERT_EQ(build({"--no-html"}).exit_code, 0);
    RunResult check = testing::run_program(
        "/usr/bin/python3",
        {fs::path(CLM_SOURCE_DIR) / "tests" / "validate_notebooks.py", output.string()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("84 notebooks valid"), std::string::npos) << check.out;
}

} // namespace
} // namespace clm
