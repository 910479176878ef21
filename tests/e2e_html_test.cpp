// End-to-end tests of HTML builds: the built clm with fake executors and renderers (the test
// binary itself), and once with real Jupyter.
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "clm/command_words.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_clm;
using testing::RunResult;
using testing::start_clm;
using testing::TempDir;
using testing::write_file;

// "{n}" stands for the deck's number, so that decks differ in their code and each needs
// its own execution (equal code in equal topics would share one).
const char* const one_code_cell = "# j2 from 'macros.j2' import header\n"
                                  "# {{ header(\"Thema\", \"Topic\") }}\n\n"
                                  "# %%\nvalue = {n}\n";

std::string numbered(std::string text, int n) {
    for (std::size_t at = text.find("{n}"); at != std::string::npos; at = text.find("{n}")) {
        text.replace(at, 3, std::to_string(n));
    }
    return text;
}

/// A course of `decks` decks in one section, each with the given text.
fs::path make_course(const fs::path& root, int decks, const std::string& text,
                     const std::string& targets = "") {
    std::string topics;
    for (int i = 0; i < decks; ++i) {
        std::string id = "t" + std::to_string(i);
        write_file(root / "slides" / "module_100_m" /
                       ("topic_" + std::to_string(100 + i) + "_" + id) / ("slides_" + id + ".py"),
                   numbered(text, i));
        topics += "<topic>" + id + "</topic>";
    }
    write_file(root / "course-specs" / "c.xml",
               "<course><name>Kurs</name><sections><section><name>S</name><topics>" + topics +
                   "</topics></section></sections>" + targets + "</course>\n");
    return root;
}

/// The command lines that make clm use the fake executor and renderer.
struct FakeJupyter {
    fs::path dir;
    std::string executor;
    std::string renderer;

    explicit FakeJupyter(const fs::path& scratch)
        : dir(scratch / "fake") {
        fs::create_directories(dir);
        std::string binary = testing::test_binary().string();
        executor = join_command_words({binary, "--helper", "fake-executor", dir.string()});
        renderer = join_command_words({binary, "--helper", "fake-renderer"});
    }

    std::map<std::string, std::string> environment(const std::string& pause_ms = "100") const {
        return {{"CLM_EXECUTOR", executor},
                {"CLM_RENDERER", renderer},
                {"FAKE_EXECUTOR_MS", pause_ms},
                {"CLM_MAX_CONCURRENCY", ""}};
    }
    /// The environment for executors that wait until `peak` of them run at once.
    std::map<std::string, std::string> holding_until_peak(int peak) const {
        std::map<std::string, std::string> held = environment("0");
        held["FAKE_EXECUTOR_HOLD_FOR_PEAK"] = std::to_string(peak);
        return held;
    }
    long peak() const { return std::stol("0" + read_file(dir / "peak")); }
};

nlohmann::json report_of(const fs::path& file) {
    return nlohmann::json::parse(read_file(file));
}

TEST(HtmlBuild, NeverRunsMoreExecutorsThanTheLimitAndReachesIt) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 448, one_code_cell);
    FakeJupyter fake(dir.path());
    fs::path report = dir.path() / "report.json";
    std::map<std::string, std::string> environment = fake.holding_until_peak(50);
    RunResult result = run_clm({"build", course.string(), "--max-concurrency", "50", "--report",
                                report.string(), "--targets", "speaker"},
                               environment);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(fake.peak(), 50) << "measured by the executors themselves";
    nlohmann::json json = report_of(report);
    EXPECT_EQ(json["executions"]["run"], 448) << "German and English share each execution";
    EXPECT_EQ(json["executions"]["shared"], 448);
    EXPECT_EQ(json["concurrency"]["limit"], 50);
    EXPECT_EQ(json["concurrency"]["source"], "flag");
    EXPECT_LE(json["concurrency"]["peak"].get<int>(), 50);
    EXPECT_TRUE(
        fs::exists(course / "output/speaker/Kurs-en/Slides/Html/Recording/S/448 Topic.html"));
}

TEST(HtmlBuild, TheFlagBeatsTheEnvironmentWhichBeatsTheDefault) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 6, one_code_cell);
    FakeJupyter fake(dir.path());
    fs::path report = dir.path() / "report.json";
    auto limit_of = [&](std::vector<std::string> flags, std::string env) {
        std::vector<std::string> args = {"build", course.string(), "--report", report.string()};
        args.insert(args.end(), flags.begin(), flags.end());
        std::map<std::string, std::string> environment = fake.environment("0");
        environment["CLM_MAX_CONCURRENCY"] = env;
        RunResult result = run_clm(args, environment);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return report_of(report)["concurrency"];
    };
    nlohmann::json flag = limit_of({"--max-concurrency", "3"}, "2");
    EXPECT_EQ(flag["limit"], 3);
    EXPECT_EQ(flag["source"], "flag");
    nlohmann::json env = limit_of({}, "2");
    EXPECT_EQ(env["limit"], 2);
    EXPECT_EQ(env["source"], "environment");
    EXPECT_LE(env["peak"].get<int>(), 2);
    nlohmann::json fallback = limit_of({}, "");
    EXPECT_EQ(fallback["limit"], 50);
    EXPECT_EQ(fallback["source"], "default");
    nlohmann::json unlimited = limit_of({"--max-concurrency", "unlimited"}, "");
    EXPECT_EQ(unlimited["limit"], "unlimited");
}

TEST(HtmlBuild, BadLimitsAreRefusedBeforeAnythingRuns) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1, one_code_cell);
    for (std::string value : {"abc", "0", "-3", "1.5", "", "99999999999999999999999", " 4"}) {
        RunResult from_flag = run_clm({"build", course.string(), "--max-concurrency", value});
        EXPECT_EQ(from_flag.exit_code, 2) << value;
        EXPECT_EQ(from_flag.err, "clm: error: --max-concurrency=\"" + value +
                                     "\": expected a positive integer or \"unlimited\"\n");
        if (value.empty()) {
            continue; // the test harness cannot set a variable to the empty string
        }
        RunResult from_env = run_clm({"build", course.string()}, {{"CLM_MAX_CONCURRENCY", value}});
        EXPECT_EQ(from_env.exit_code, 2) << value;
        EXPECT_EQ(from_env.err, "clm: error: CLM_MAX_CONCURRENCY=\"" + value +
                                    "\": expected a positive integer or \"unlimited\"\n");
    }
    EXPECT_FALSE(fs::exists(course / "output"));
}

TEST(HtmlBuild, APoolLimitCapsItsProcessesWithinTheGlobalLimit) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 12, one_code_cell);
    FakeJupyter fake(dir.path());
    fs::path report = dir.path() / "report.json";
    std::map<std::string, std::string> environment = fake.holding_until_peak(3);
    environment["CLM_POOLS"] = "execute=5,render=1";
    RunResult result = run_clm({"build", course.string(), "--max-concurrency", "8", "--pool",
                                "execute=3", "--report", report.string()},
                               environment);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(fake.peak(), 3) << "measured by the executors themselves";
    nlohmann::json pools = report_of(report)["pools"];
    EXPECT_EQ(pools["execute"]["limit"], 3);
    EXPECT_EQ(pools["execute"]["source"], "flag");
    EXPECT_EQ(pools["execute"]["peak"], 3);
    EXPECT_EQ(pools["render"]["limit"], 1);
    EXPECT_EQ(pools["render"]["source"], "environment");
    EXPECT_EQ(pools["render"]["peak"], 1);
    EXPECT_EQ(pools["drawio"]["limit"], 2);
    EXPECT_NE(result.out.find("pools: execute limit 3 (flag) peak 3, render limit 1 "
                              "(environment) peak 1"),
              std::string::npos)
        << result.out;
}

TEST(HtmlBuild, BadPoolsAreRefusedWithThePoolsThereAre) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1, one_code_cell);
    RunResult from_flag = run_clm({"build", course.string(), "--pool", "kernel=2"});
    EXPECT_EQ(from_flag.exit_code, 2);
    EXPECT_EQ(from_flag.err, "clm: error: --pool=\"kernel=2\": unknown pool \"kernel\"; the "
                             "pools are execute, render, plantuml, drawio\n");
    RunResult from_env = run_clm({"build", course.string()}, {{"CLM_POOLS", "drawio=0"}});
    EXPECT_EQ(from_env.exit_code, 2);
    EXPECT_EQ(from_env.err, "clm: error: CLM_POOLS=\"drawio=0\": the limit of drawio must be a "
                            "positive integer or \"unlimited\"; the pools are execute, render, "
                            "plantuml, drawio\n");
    EXPECT_FALSE(fs::exists(course / "output"));
}

TEST(HtmlBuild, AFailingCellFailsOnlyTheOutputsThatNeedItsExecution) {
    TempDir dir;
    fs::path course =
        make_course(dir.path() / "course", 1,
                    "# %% [markdown]\n# Title\n\n# %%\nok = 1\n\n# %%\nraise_error()\n");
    FakeJupyter fake(dir.path());
    RunResult result =
        run_clm({"build", course.string(), "--targets", "shared"}, fake.environment("0"));
    EXPECT_EQ(result.exit_code, 1);
    std::string deck = (course / "slides/module_100_m/topic_100_t0/slides_t0.py").string();
    EXPECT_NE(result.err.find("clm: error: " + deck + ":7: cell 3 raised ValueError: bad value"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.out.find('\r'), std::string::npos) << "not a terminal: no status line";
    EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << "not a terminal: no colour";
    EXPECT_NE(result.err.find("FAILED: execute "), std::string::npos) << result.err;
    fs::path en = course / "output/shared/Kurs-en/Slides";
    EXPECT_TRUE(fs::exists(en / "Html/Code-Along/S/01 slides_t0.html")) << "needs no kernel";
    EXPECT_FALSE(fs::exists(en / "Html/Completed/S/01 slides_t0.html"));
    EXPECT_TRUE(fs::exists(en / "Notebooks/Completed/S/01 slides_t0.ipynb"));
}

TEST(HtmlBuild, TopicOptionsSkipErrorsAvoidExecutionOrSkipHtml) {
    TempDir dir;
    fs::path course = dir.path() / "course";
    for (const char* id : {"tolerant", "unevaluated", "nohtml"}) {
        write_file(course / "slides/module_100_m" / (std::string("topic_100_") + id) /
                       (std::string("slides_") + id + ".py"),
                   "# %%\nfirst = 1\n\n# %%\nraise_error()\n");
    }
    write_file(course / "course-specs/c.xml",
               "<course><name>K</name><sections><section><name>S</name><topics>"
               "<topic skip-errors=\"true\">tolerant</topic><topic evaluate=\"no\">unevaluated"
               "</topic><topic html=\"no\">nohtml</topic></topics></section></sections>"
               "</course>");
    FakeJupyter fake(dir.path());
    RunResult result =
        run_clm({"build", course.string(), "--targets", "shared", "--language", "en", "-v"},
                fake.environment("0"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("--helper fake-executor"), std::string::npos) << "-v shows commands";
    fs::path html = course / "output/shared/K-en/Slides/Html/Completed/S";
    std::string tolerant = read_file(html / "01 slides_tolerant.html");
    EXPECT_NE(tolerant.find("ran: first = 1"), std::string::npos);
    EXPECT_EQ(tolerant.find("ValueError"), std::string::npos) << "error outputs are cleared";
    EXPECT_EQ(read_file(html / "02 slides_unevaluated.html").find("<output>"), std::string::npos);
    EXPECT_FALSE(fs::exists(html / "03 slides_nohtml.html"));
    EXPECT_EQ(read_file(dir.path() / "fake/pids").size() > 0, true);
}

TEST(HtmlBuild, WithoutJupyterOneErrorAndEverythingElseIsBuilt) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2, one_code_cell);
    RunResult result =
        run_clm({"build", course.string()},
                {{"PATH", "/nonexistent"}, {"CLM_EXECUTOR", ""}, {"CLM_RENDERER", ""}});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_NE(result.err.find("install the Debian packages jupyter-nbconvert and "
                              "python3-ipykernel"),
              std::string::npos)
        << result.err;
    EXPECT_TRUE(
        fs::exists(course / "output/shared/Kurs-de/Folien/Notebooks/Completed/S/01 Thema.ipynb"));
}

TEST(HtmlBuild, AJobTimeoutKillsAnExecutorThatRunsTooLong) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1, "# %%\nsleep_forever({n})\n");
    FakeJupyter fake(dir.path());
    RunResult result =
        run_clm({"build", course.string(), "--job-timeout", "1"}, fake.environment("0"));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("timed out after 1 s"), std::string::npos) << result.err;
}

TEST(HtmlBuild, FailFastStartsNothingAfterTheFirstFailure) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 5, "# %%\nraise_error({n})\n");
    FakeJupyter fake(dir.path());
    RunResult result = run_clm({"build", course.string(), "--fail-fast", "--max-concurrency", "1"},
                               fake.environment("0"));
    EXPECT_EQ(result.exit_code, 1);
    std::string pids = read_file(fake.dir / "pids");
    EXPECT_EQ(std::count(pids.begin(), pids.end(), '\n'), 1) << "one executor ran";
}

bool is_gone(pid_t pid) {
    if (kill(pid, 0) != 0) {
        return errno == ESRCH;
    }
    // A zombie whose parent is init here may wait for a reaper that never comes.
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    std::size_t close = line.rfind(')');
    return close != std::string::npos && line.substr(close + 2, 1) == "Z";
}

TEST(HtmlBuild, SigintStopsTheBuildKillsEveryChildAndLeavesNoPartialFile) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 20, "# %%\nsleep_forever({n})\n");
    FakeJupyter fake(dir.path());
    pid_t clm =
        start_clm({"build", course.string(), "--max-concurrency", "4"}, fake.environment("0"));
    for (int i = 0; i < 600 && read_file(fake.dir / "running") != "4"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(read_file(fake.dir / "running"), "4") << "the executors never all started";
    kill(clm, SIGINT);
    int status = 0;
    ASSERT_EQ(waitpid(clm, &status, 0), clm);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    std::ifstream pids(fake.dir / "pids");
    int count = 0;
    for (pid_t pid = 0; pids >> pid; ++count) {
        EXPECT_TRUE(is_gone(pid)) << "executor " << pid << " outlived clm";
    }
    EXPECT_EQ(count, 4);
    for (const auto& entry : fs::recursive_directory_iterator(course / "output")) {
        EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
        EXPECT_NE(entry.path().extension(), ".html") << entry.path();
    }
}

TEST(HtmlBuild, RealJupyterExecutesTheSampleCourse) {
    TempDir dir;
    fs::path course = dir.path() / "courses-sample";
    fs::create_directories(course);
    for (const char* part : {"course-specs", "slides", "examples"}) {
        fs::copy(fs::path(CLM_SOURCE_DIR) / "courses-sample" / part, course / part,
                 fs::copy_options::recursive);
    }
    RunResult result = run_clm({"build", course.string(), "--targets", "shared"},
                               {{"CLM_EXECUTOR", ""}, {"CLM_RENDERER", ""}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    fs::path completed = course / "output/shared/python-beginners-en/Slides/Html/Completed";
    std::string reading = read_file(completed / "Week 2 Functions and Data/02 Reading Files.html");
    EXPECT_NE(reading.find("3 items, total 7.50"), std::string::npos)
        << "the deck read its data file and the output was rendered";
    std::string variables = read_file(completed / "Week 1 Basics/02 Variables.html");
    EXPECT_NE(variables.find("data:image/png;base64"), std::string::npos)
        << "the deck showed the diagram rendered before its execution";
    EXPECT_TRUE(read_file(course / "output/shared/python-beginners-en/Slides/Html/Completed/"
                                   "Week 1 Basics/img/assignment.png")
                    .starts_with("\x89PNG\r\n\x1a\n"));
    std::string intro = read_file(completed / "Week 1 Basics/01 Introduction.html");
    EXPECT_NE(intro.find("<title>Introduction</title>"), std::string::npos);
    std::string code_along =
        read_file(course / "output/shared/python-beginners-en/Slides/Html/Code-Along/"
                           "Week 1 Basics/01 Introduction.html");
    EXPECT_EQ(code_along.find("3 items"), std::string::npos);
}

} // namespace
} // namespace clm
