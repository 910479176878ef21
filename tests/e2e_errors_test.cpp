// End-to-end tests: the built clm on broken courses and bad command lines.
#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::run_clm;
using testing::RunResult;
using testing::TempDir;
using testing::write_file;

fs::path copy_test_course(const TempDir& dir, const std::string& name) {
    fs::path course = dir.path() / name;
    fs::copy(fs::path(CLM_SOURCE_DIR) / "tests" / "courses" / name, course,
             fs::copy_options::recursive);
    return course;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos;
         start = end + 1, end = text.find('\n', start)) {
        lines.push_back(text.substr(start, end - start));
    }
    return lines;
}

bool has_line(const std::string& text, const std::string& line) {
    std::vector<std::string> lines = lines_of(text);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST(BrokenCourse, ReportsEachBrokenDeckBuildsTheRestAndExitsOne) {
    TempDir dir;
    fs::path course = copy_test_course(dir, "broken-decks");
    fs::path module = course / "slides" / "module_100_m";
    write_file(module / "topic_150_not_utf8" / "slides_not_utf8.py",
               "# %%\nx = 1\nbad = \"\xff\"\n");
    fs::create_directory_symlink("..", module / "topic_100_good" / "loop");
    RunResult result = run_clm({"build", course.string(), "--no-html"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::string spec = (course / "course-specs" / "broken.xml").string();
    std::string slides = (course / "slides" / "module_100_m").string();
    EXPECT_TRUE(has_line(result.err, "clm: error: " + spec +
                                         ":9: topic \"missing_topic\" not found in slides/"))
        << result.err;
    EXPECT_NE(result.err.find(slides + "/topic_110_bad_header/slides_bad_header.py:4: "),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(slides + "/topic_120_bad_template/slides_bad_template.py:4: "),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(slides + "/topic_130_undefined/slides_undefined.py:3: "),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(slides + "/topic_140_empty/slides_empty.py: deck is empty"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(slides + "/topic_150_not_utf8/slides_not_utf8.py:3: "),
              std::string::npos)
        << result.err;
    for (const std::string& line : lines_of(result.err)) {
        EXPECT_TRUE(line.starts_with("clm: error: ") || line.starts_with("clm: warning: ")) << line;
    }
    EXPECT_TRUE(fs::exists(course / "output" / "shared" / "Broken-en" / "Slides" / "Notebooks" /
                           "Completed" / "Only" / "01 Good.ipynb"));
}

TEST(BrokenCourse, SplitDeckRoutingErrorStopsBeforeBuilding) {
    TempDir dir;
    fs::path course = copy_test_course(dir, "split-routing");
    RunResult result = run_clm({"build", course.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("clm: error: "), std::string::npos);
    EXPECT_NE(result.err.find("slides_pair.de.py"), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(course / "output"));
}

struct BadSpec {
    const char* name;
    const char* spec;
    const char* message;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BadSpec& spec, std::ostream* out) {
    *out << spec.name;
}

class BadSpecs : public ::testing::TestWithParam<BadSpec> {};

const char* const spec_head = "<course><name>X</name><sections><section><name>S</name>"
                              "<topics><topic>t</topic></topics></section></sections>\n";

TEST_P(BadSpecs, StopBeforeAnythingIsBuiltWithExitTwo) {
    TempDir dir;
    write_file(dir.path() / "slides" / "module_1_m" / "topic_1_t" / "slides_t.py", "# %%\nx\n");
    fs::path spec = dir.path() / "course-specs" / "bad.xml";
    write_file(spec, GetParam().spec);
    RunResult result = run_clm({"build", spec.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(result.err.starts_with("clm: error: " + spec.string() + ":")) << result.err;
    EXPECT_NE(result.err.find(GetParam().message), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(dir.path() / "output"));
    EXPECT_FALSE(fs::exists(dir.path().parent_path() / "escaped"));
}

INSTANTIATE_TEST_SUITE_P(
    E2e, BadSpecs,
    ::testing::Values(
        BadSpec{"MalformedXml", "<course><name>X</name>\n<sections>\n</course>", "malformed XML"},
        BadSpec{"UnknownKind",
                "<course><output-targets><output-target name=\"a\"><path>out</path>\n"
                "<kinds><kind>solutions</kind></kinds></output-target></output-targets>"
                "</course>",
                "unknown kind \"solutions\""},
        BadSpec{"UnknownFormat",
                "<course><output-targets><output-target name=\"a\"><path>out</path>\n"
                "<formats><format>pdf</format></formats></output-target></output-targets>"
                "</course>",
                "\"pdf\""},
        BadSpec{"UnknownLanguage",
                "<course><output-targets><output-target name=\"a\"><path>out</path>\n"
                "<languages><language>fr</language></languages></output-target>"
                "</output-targets></course>",
                "\"fr\""},
        BadSpec{"DuplicateTargetName",
                "<course><output-targets>\n<output-target name=\"a\"><path>x</path>"
                "</output-target>\n<output-target name=\"a\"><path>y</path></output-target>"
                "</output-targets></course>",
                "duplicate output target name \"a\""},
        BadSpec{"DuplicateTargetPath",
                "<course><output-targets>\n<output-target name=\"a\"><path>x</path>"
                "</output-target>\n<output-target name=\"b\"><path>x/</path></output-target>"
                "</output-targets></course>",
                "duplicate output target path \"x\""},
        BadSpec{"AbsoluteTargetPath",
                "<course><output-targets>\n<output-target name=\"a\"><path>/tmp/x</path>"
                "</output-target></output-targets></course>",
                "\"/tmp/x\""},
        BadSpec{"TargetPathLeavingTheRoot",
                "<course><output-targets>\n<output-target name=\"a\"><path>../escaped</path>"
                "</output-target></output-targets></course>",
                "leaves the course root"}),
    [](const ::testing::TestParamInfo<BadSpec>& info) { return info.param.name; });

TEST(CommandLine, MissingSpecIsAUsageError) {
    RunResult result = run_clm({"build", "/nonexistent/spec.xml"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "clm: error: /nonexistent/spec.xml: no such file or directory\n");
}

TEST(CommandLine, UnknownOptionIsAUsageError) {
    RunResult result = run_clm({"build", "--frobnicate", "x"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(result.err.starts_with("clm: error: ")) << result.err;
}

TEST(CommandLine, HelpSucceeds) {
    RunResult result = run_clm({"build", "--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("--output-dir"), std::string::npos);
}

TEST(CourseWithoutSpec, BuildsEveryModuleAsASection) {
    TempDir dir;
    fs::path course = dir.path() / "bare";
    write_file(course / "slides" / "module_200_b" / "topic_100_y" / "slides_y.py", "# %%\ny\n");
    write_file(course / "slides" / "module_100_a" / "topic_100_x" / "slides_x.py", "# %%\nx\n");
    RunResult result = run_clm({"build", course.string(), "--list", "--targets", "shared",
                                "--language", "en", "--no-html"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> lines = lines_of(result.out);
    ASSERT_EQ(lines.size(), 8u) << result.out;
    EXPECT_NE(
        lines.front().find("/bare-en/Slides/Notebooks/Code-Along/module_100_a/01 slides_x.ipynb"),
        std::string::npos)
        << lines.front();
    EXPECT_NE(lines.back().find("/module_200_b/01 slides_y.py"), std::string::npos) << lines.back();
}

} // namespace
} // namespace clm
