// End-to-end tests of diagram rendering: fake converters (the test binary itself) for most
// cases, and one render by Debian's PlantUML.
#include <fstream>

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

const std::string png_signature = "\x89PNG\r\n\x1a\n";

/// A course of one topic with one deck and the given diagram files (relative to the topic),
/// building only German completed notebooks into out/.
fs::path make_course(const fs::path& root, const std::map<std::string, std::string>& files,
                     const std::string& extra = "",
                     const std::string& formats = "<format>notebook</format>") {
    fs::path topic = root / "slides/module_100_m/topic_100_a";
    write_file(topic / "slides_a.py", "# %%\nx = 1\n");
    for (const auto& [name, text] : files) {
        write_file(topic / name, text);
    }
    write_file(root / "course-specs/c.xml",
               "<course><name>Kurs</name><sections><section><name>S</name><topics>"
               "<topic>a</topic></topics></section></sections>" +
                   extra +
                   "<output-targets><output-target name=\"t\"><path>out</path>"
                   "<kinds><kind>completed</kind></kinds><formats>" +
                   formats +
                   "</formats><languages><language>de</language></languages>"
                   "</output-target></output-targets></course>\n");
    return root;
}

fs::path topic_of(const fs::path& course) {
    return course / "slides/module_100_m/topic_100_a";
}

fs::path shipped(const fs::path& course, const std::string& name) {
    return course / "out/Kurs-de/Folien/Notebooks/Completed/S/img" / name;
}

const char* const good = "@startuml\nA -> B\n@enduml\n";

nlohmann::json report_of(const fs::path& file) {
    return nlohmann::json::parse(read_file(file));
}

// The error the fake converter's syntax error in line 2 of `source` gives.
std::string syntax_error_of(const std::string& source) {
    return "clm: error: " + source +
           ":2: PlantUML could not render the diagram (exited with status 200): Syntax Error?";
}

/// The fake converters' environment with the fake executor (counting in `fake`) and renderer.
std::map<std::string, std::string> html_environment(const FakeConverters& converters,
                                                    const fs::path& fake) {
    fs::create_directories(fake);
    std::string binary = testing::test_binary().string();
    std::map<std::string, std::string> env = converters.environment();
    env["CLM_EXECUTOR"] = join_command_words({binary, "--helper", "fake-executor", fake.string()});
    env["CLM_RENDERER"] = join_command_words({binary, "--helper", "fake-renderer"});
    return env;
}

TEST(DiagramBuild, ASyntaxErrorFailsOnlyThatDiagramWithTheConvertersMessage) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {{"pu/good.pu", good},
                                                     {"pu/bad.pu", "@startuml\nsyntax_error\n"},
                                                     {"drawio/sketch.drawio", "<mxfile/>"}});
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::string bad = (topic_of(course) / "pu/bad.pu").generic_string();
    EXPECT_NE(result.err.find(syntax_error_of(bad)), std::string::npos) << result.err;
    EXPECT_TRUE(read_file(shipped(course, "good.png")).starts_with(png_signature));
    EXPECT_TRUE(read_file(shipped(course, "sketch.png")).starts_with(png_signature));
    EXPECT_FALSE(fs::exists(shipped(course, "bad.png")));
    EXPECT_TRUE(fs::exists(course / "out/Kurs-de/Folien/Notebooks/Completed/S/01 slides_a.ipynb"));
}

TEST(DiagramBuild, AMissingDrawioProgramIsOneErrorAndTheRestIsBuilt) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {{"pu/good.pu", good},
                                                     {"drawio/one.drawio", "<mxfile/>"},
                                                     {"drawio/two.drawio", "<mxfile/>"},
                                                     {"img/two.png", "committed"}});
    fs::last_write_time(topic_of(course) / "img/two.png",
                        fs::last_write_time(topic_of(course) / "drawio/two.drawio") -
                            std::chrono::hours(1));
    RunResult result =
        run_clm({"build", course.string(), "--no-html"}, converters.environment(false));
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::string message = "clm: error: cannot render Draw.io diagrams: \"drawio\" was not found";
    std::size_t first = result.err.find(message);
    EXPECT_NE(first, std::string::npos) << result.err;
    EXPECT_EQ(result.err.find(message, first + 1), std::string::npos) << "said once";
    EXPECT_NE(result.err.find("DRAWIO_EXECUTABLE"), std::string::npos);
    EXPECT_TRUE(read_file(shipped(course, "good.png")).starts_with(png_signature));
    EXPECT_FALSE(fs::exists(shipped(course, "one.png")));
    EXPECT_EQ(read_file(shipped(course, "two.png")), "committed") << "the render it has ships";
    EXPECT_TRUE(fs::exists(course / "out/Kurs-de/Folien/Notebooks/Completed/S/01 slides_a.ipynb"));
}

TEST(DiagramBuild, TwoDiagramsRenderingToOneImageAreAnError) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course =
        make_course(dir.path() / "c", {{"drawio/x.drawio", "<mxfile/>"}, {"pu/x.pu", good}});
    RunResult result = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::string second = (topic_of(course) / "pu/x.pu").generic_string();
    EXPECT_NE(result.err.find("clm: error: " + second + ": renders to "), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("like " + (topic_of(course) / "drawio/x.drawio").generic_string()),
              std::string::npos);
    EXPECT_EQ(converters.calls().size(), 1u);
    EXPECT_TRUE(read_file(shipped(course, "x.png")).find("<mxfile/>") != std::string::npos);
}

TEST(DiagramBuild, APlantumlJarThatIsNotAFileIsOneErrorNamingTheVariable) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {{"pu/a.pu", good}, {"pu/b.pu", good}});
    std::map<std::string, std::string> env = converters.environment();
    env["PLANTUML_JAR"] = (dir.path() / "missing.jar").string();
    RunResult result = run_clm({"build", course.string(), "--no-html"}, env);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.err.find("clm: error: cannot render PlantUML diagrams: PLANTUML_JAR=\"" +
                              (dir.path() / "missing.jar").string() + "\" is not a file"),
              std::string::npos)
        << result.err;
    EXPECT_TRUE(converters.calls().empty());
    EXPECT_TRUE(fs::exists(course / "out/Kurs-de/Folien/Notebooks/Completed/S/01 slides_a.ipynb"));
}

// A pool limit of two PlantUML converters, well below the global limit.
const std::vector<std::string> plantuml_limit_of_two = {"--max-concurrency", "50", "--pool",
                                                        "plantuml=2"};

TEST(DiagramBuild, PlantumlLimitOfTwoNeverHasMoreThanTwoConvertersInFlight) {
    TempDir dir;
    FakeConverters converters(dir.path());
    std::map<std::string, std::string> files;
    for (int i = 0; i < 8; ++i) {
        files["pu/d" + std::to_string(i) + ".pu"] = good;
    }
    fs::path course = make_course(dir.path() / "c", files);
    std::vector<std::string> args = {"build", course.string(), "--no-html"};
    args.insert(args.end(), plantuml_limit_of_two.begin(), plantuml_limit_of_two.end());
    fs::path report = dir.path() / "report.json";
    args.insert(args.end(), {"--report", report.string()});
    RunResult result = run_clm(args, converters.environment(true, "200"));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(converters.calls().size(), 8u);
    EXPECT_LE(converters.peak(), 2) << "counted by the converters themselves";
    EXPECT_GE(converters.peak(), 1);
    nlohmann::json plantuml = report_of(report)["pools"]["plantuml"];
    EXPECT_EQ(plantuml["limit"], 2);
    EXPECT_EQ(plantuml["peak"], converters.peak()) << "the report agrees with the converters";
}

TEST(DiagramBuild, AnEditedDiagramIsRenderedAgainAndNothingElseIs) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(
        dir.path() / "c",
        {{"pu/one.pu", good}, {"pu/two.pu", good}, {"drawio/three.drawio", "<mxfile/>"}});
    fs::path report = dir.path() / "report.json";
    std::vector<std::string> args = {"build", course.string(), "--no-html", "--report",
                                     report.string()};
    ASSERT_EQ(run_clm(args, converters.environment()).exit_code, 0);
    EXPECT_EQ(converters.calls().size(), 3u);
    ASSERT_EQ(run_clm(args, converters.environment()).exit_code, 0);
    EXPECT_EQ(converters.calls().size(), 3u) << "current renders are not made again";
    EXPECT_EQ(report_of(report)["outputs"]["written"], 0);

    fs::path edited = topic_of(course) / "pu/two.pu";
    write_file(edited, "@startuml\nA -> C\n@enduml\n");
    // Older than its render: the bytes decide, not the times.
    fs::last_write_time(edited, fs::last_write_time(topic_of(course) / "img-generated/two.png") -
                                    std::chrono::hours(1));
    ASSERT_EQ(run_clm(args, converters.environment()).exit_code, 0);
    std::vector<std::string> calls = converters.calls();
    ASSERT_EQ(calls.size(), 4u);
    EXPECT_EQ(fs::path(calls.back()).filename(), "two.pu");
    nlohmann::json json = report_of(report);
    EXPECT_EQ(json["outputs"]["written"], 1) << "only the copy of the new render";
    ASSERT_EQ(json["jobs"].size(), 1u);
    EXPECT_EQ(json["jobs"][0]["pool"], "plantuml");
    EXPECT_NE(read_file(shipped(course, "two.png")).find("A -> C"), std::string::npos);
}

TEST(DiagramBuild, TouchingADiagramRendersNothingAndWritesNoFileButForceRendersIt) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(dir.path() / "c", {{"pu/one.pu", good}});
    fs::path report = dir.path() / "report.json";
    std::vector<std::string> args = {"build", course.string(), "--no-html", "--report",
                                     report.string()};
    ASSERT_EQ(run_clm(args, converters.environment()).exit_code, 0);
    ASSERT_EQ(converters.calls().size(), 1u);
    fs::path source = topic_of(course) / "pu/one.pu";
    fs::path render = topic_of(course) / "img-generated/one.png";
    auto rendered_at = fs::last_write_time(render);
    auto shipped_at = fs::last_write_time(shipped(course, "one.png"));
    fs::last_write_time(source, rendered_at + std::chrono::hours(1)); // newer, same bytes

    RunResult touched =
        run_clm({"build", course.string(), "--no-html", "--report", report.string(), "--explain"},
                converters.environment());
    ASSERT_EQ(touched.exit_code, 0) << touched.err;
    EXPECT_EQ(converters.calls().size(), 1u) << "the same bytes are not rendered again";
    EXPECT_EQ(report_of(report)["outputs"]["written"], 0);
    EXPECT_TRUE(report_of(report)["jobs"].empty());
    EXPECT_EQ(fs::last_write_time(render), rendered_at) << "no file is written";
    EXPECT_EQ(fs::last_write_time(shipped(course, "one.png")), shipped_at);
    EXPECT_EQ(touched.out.find("one.pu"), std::string::npos) << touched.out;

    RunResult forced = run_clm({"build", course.string(), "--no-html", "--force", "--explain"},
                               converters.environment());
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(converters.calls().size(), 2u);
    EXPECT_NE(forced.out.find("clm: explain: " + source.generic_string() + ": --force"),
              std::string::npos)
        << forced.out;
}

TEST(DiagramBuild, AFailedDiagramIsReplayedWithoutTheConverterUntilItIsFixed) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(
        dir.path() / "c", {{"pu/good.pu", good}, {"pu/bad.pu", "@startuml\nsyntax_error\n"}});
    std::vector<std::string> args = {"build", course.string(), "--no-html"};
    RunResult failed = run_clm(args, converters.environment());
    ASSERT_EQ(failed.exit_code, 1) << failed.err;
    ASSERT_EQ(converters.calls().size(), 2u);

    RunResult replayed = run_clm(args, converters.environment());
    EXPECT_EQ(replayed.exit_code, 1);
    EXPECT_EQ(converters.calls().size(), 2u) << "the failure is not converted again";
    std::string bad = (topic_of(course) / "pu/bad.pu").generic_string();
    EXPECT_NE(replayed.err.find(syntax_error_of(bad) + " (from an earlier build"),
              std::string::npos)
        << replayed.err;
    EXPECT_FALSE(fs::exists(shipped(course, "bad.png")));

    write_file(topic_of(course) / "pu/bad.pu", good);
    RunResult fixed =
        run_clm({"build", course.string(), "--no-html", "--explain"}, converters.environment());
    EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
    std::vector<std::string> calls = converters.calls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(fs::path(calls.back()).filename(), "bad.pu");
    EXPECT_NE(fixed.out.find(bad + ": the diagram or its converter changed"), std::string::npos)
        << fixed.out;
    EXPECT_TRUE(read_file(shipped(course, "bad.png")).starts_with(png_signature));
}

TEST(DiagramBuild, NoDiagramsShipsCommittedRendersAndAnExistingImgRenderIsReplaced) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course = make_course(
        dir.path() / "c",
        {{"pu/legacy.pu", good}, {"img/legacy.png", "committed"}, {"pu/fresh.pu", good}});
    RunResult skipped =
        run_clm({"build", course.string(), "--no-html", "--no-diagrams"}, converters.environment());
    ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
    EXPECT_TRUE(converters.calls().empty());
    EXPECT_EQ(read_file(shipped(course, "legacy.png")), "committed");
    EXPECT_FALSE(fs::exists(shipped(course, "fresh.png")));

    // The committed render is older than its source, so it is rendered again in its place.
    fs::last_write_time(topic_of(course) / "img/legacy.png",
                        fs::last_write_time(topic_of(course) / "pu/legacy.pu") -
                            std::chrono::hours(1));
    RunResult built = run_clm({"build", course.string(), "--no-html"}, converters.environment());
    ASSERT_EQ(built.exit_code, 0) << built.err;
    EXPECT_TRUE(read_file(topic_of(course) / "img/legacy.png").starts_with(png_signature));
    EXPECT_FALSE(fs::exists(topic_of(course) / "img-generated/legacy.png"));
    EXPECT_TRUE(read_file(shipped(course, "legacy.png")).starts_with(png_signature));
    EXPECT_TRUE(fs::exists(topic_of(course) / "img-generated/fresh.png"));
}

TEST(DiagramBuild, TheImageFormatComesFromTheFlagElseTheSpec) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course =
        make_course(dir.path() / "c",
                    {{"pu/d.pu", good}, {"slides_a.py", "# %% [markdown]\n# ![](img/d.png)\n"}},
                    "<image-options><format>svg</format></image-options>");
    fs::path notebook = course / "out/Kurs-de/Folien/Notebooks/Completed/S/01 slides_a.ipynb";
    ASSERT_EQ(run_clm({"build", course.string(), "--no-html"}, converters.environment()).exit_code,
              0);
    EXPECT_TRUE(read_file(shipped(course, "d.svg")).starts_with("<svg>"));
    EXPECT_FALSE(fs::exists(shipped(course, "d.png")));
    EXPECT_NE(read_file(notebook).find("img/d.svg"), std::string::npos) << "the deck links it";
    ASSERT_EQ(run_clm({"build", course.string(), "--no-html", "--image-format", "png"},
                      converters.environment())
                  .exit_code,
              0);
    EXPECT_TRUE(read_file(shipped(course, "d.png")).starts_with(png_signature));
    EXPECT_NE(read_file(notebook).find("img/d.png"), std::string::npos);
    RunResult bad = run_clm({"build", course.string(), "--image-format", "gif"});
    EXPECT_EQ(bad.exit_code, 2);
}

TEST(DiagramBuild, ExecutionsOfATopicStartAfterItsDiagramsAreRendered) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course =
        make_course(dir.path() / "c", {{"pu/d.pu", good}}, "", "<format>html</format>");
    std::map<std::string, std::string> env = html_environment(converters, dir.path() / "fake");
    fs::path report = dir.path() / "report.json";
    // Two in flight would let the execution start beside the conversion if it did not wait.
    RunResult result = run_clm({"build", course.string(), "--max-concurrency", "2", "--report",
                                report.string(), "--targets", "t"},
                               env);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json jobs = report_of(report)["jobs"];
    ASSERT_EQ(jobs.size(), 3u);
    EXPECT_EQ(jobs[0]["pool"], "plantuml");
    EXPECT_EQ(jobs[1]["pool"], "execute");
    EXPECT_GE(jobs[1]["start"].get<std::string>(), jobs[0]["end"].get<std::string>());
}

TEST(DiagramBuild, ARenderMadeByOneBuildDoesNotMakeTheNextRunAnExecutor) {
    TempDir dir;
    FakeConverters converters(dir.path());
    fs::path course =
        make_course(dir.path() / "c", {{"pu/d.pu", good}}, "", "<format>html</format>");
    std::map<std::string, std::string> env = html_environment(converters, dir.path() / "fake");
    fs::path report = dir.path() / "report.json";
    auto build = [&] {
        RunResult result = run_clm({"build", course.string(), "--report", report.string()}, env);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return report_of(report);
    };

    EXPECT_EQ(build()["executions"]["run"], 1);
    ASSERT_TRUE(fs::exists(topic_of(course) / "img-generated/d.png"));
    nlohmann::json second = build();
    EXPECT_EQ(second["executions"]["run"], 0) << "the new render is not a changed topic file";
    EXPECT_EQ(second["outputs"]["written"], 0);
    EXPECT_TRUE(second["jobs"].empty());
}

TEST(DiagramBuild, DebiansPlantumlRendersAPng) {
    if (!find_program("plantuml")) {
        GTEST_SKIP() << "the Debian package plantuml is not installed (scripts/install-deps)";
    }
    TempDir dir;
    fs::path course = make_course(dir.path() / "c", {{"pu/flow.pu", good}});
    RunResult result = run_clm({"build", course.string(), "--no-html"},
                               {{"PLANTUML_JAR", ""}, {"CLM_MAX_CONCURRENCY", ""}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(read_file(shipped(course, "flow.png")).starts_with(png_signature));
    EXPECT_TRUE(read_file(topic_of(course) / "img-generated/flow.png").starts_with(png_signature));
}

} // namespace
} // namespace clm
