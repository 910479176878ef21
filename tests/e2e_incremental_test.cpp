// End-to-end tests of incremental builds: the built clm, twice or more, on one course, with
// the fake executor counting its runs (the test binary itself, see fake_jupyter.hpp).
#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "clm/command_words.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

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

// Each deck's code differs, so that each needs an execution of its own; German and English
// share it.
std::string deck_text(int n, const std::string& extra = "") {
    return "# j2 from 'macros.j2' import header\n"
           "# {{ header(\"Thema " +
           std::to_string(n) + "\", \"Topic " + std::to_string(n) +
           "\") }}\n\n"
           "# %%\nvalue = " +
           std::to_string(n) + "\n" + extra;
}

fs::path deck_file(const fs::path& course, int n) {
    std::string id = "t" + std::to_string(n);
    return course / "slides" / "module_100_m" / ("topic_" + std::to_string(100 + n) + "_" + id) /
           ("slides_" + id + ".py");
}

// Named for its deck: the data files of a section's topics are shipped into the same output
// directories, where equal names would clash.
fs::path data_file(const fs::path& course, int n) {
    return deck_file(course, n).parent_path() / ("data" + std::to_string(n) + ".csv");
}

/// Writes the spec of a course of the decks `numbers`, with `targets` (an <output-targets>
/// element, or nothing for the default tiers).
void write_spec(const fs::path& course, const std::vector<int>& numbers,
                const std::string& targets = "") {
    std::string topics;
    for (int n : numbers) {
        topics += "<topic>t" + std::to_string(n) + "</topic>";
    }
    write_file(course / "course-specs" / "c.xml",
               "<course><name>Kurs</name><sections><section><name>S</name><topics>" + topics +
                   "</topics></section></sections>" + targets + "</course>\n");
}

fs::path make_course(const fs::path& course, int decks, const std::string& targets = "") {
    std::vector<int> numbers;
    for (int n = 0; n < decks; ++n) {
        write_file(deck_file(course, n), deck_text(n));
        numbers.push_back(n);
    }
    write_spec(course, numbers, targets);
    return course;
}

struct FakeJupyter {
    fs::path dir;
    std::map<std::string, std::string> env;

    explicit FakeJupyter(const fs::path& scratch, const std::string& pause_ms = "0")
        : dir(scratch / "fake") {
        fs::create_directories(dir);
        std::string binary = testing::test_binary().string();
        env = {{"CLM_EXECUTOR",
                join_command_words({binary, "--helper", "fake-executor", dir.string()})},
               {"CLM_RENDERER", join_command_words({binary, "--helper", "fake-renderer"})},
               {"FAKE_EXECUTOR_MS", pause_ms},
               {"CLM_MAX_CONCURRENCY", ""}};
    }
    std::vector<pid_t> pids() const {
        std::ifstream in(dir / "pids");
        std::vector<pid_t> pids;
        for (pid_t pid = 0; in >> pid;) {
            pids.push_back(pid);
        }
        return pids;
    }
    std::size_t runs() const { return pids().size(); }
};

/// A build with a report; the report's JSON is in `report`.
struct Build {
    RunResult result;
    nlohmann::json report;
};

Build build(const fs::path& course, const FakeJupyter& fake, std::vector<std::string> flags = {}) {
    fs::path report = course.parent_path() / "report.json";
    fs::remove(report);
    std::vector<std::string> args = {"build", course.string(), "--report", report.string()};
    args.insert(args.end(), flags.begin(), flags.end());
    Build done{run_clm(args, fake.env), {}};
    if (fs::exists(report)) {
        done.report = nlohmann::json::parse(read_file(report));
    }
    return done;
}

/// Every file below `root` (relative path) with its contents.
std::map<std::string, std::string> tree_of(const fs::path& root) {
    std::map<std::string, std::string> files;
    if (!fs::exists(root)) {
        return files;
    }
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            files[entry.path().lexically_relative(root).generic_string()] = read_file(entry.path());
        }
    }
    return files;
}

/// Every file below `root` with its modification time.
std::map<std::string, fs::file_time_type> times_of(const fs::path& root) {
    std::map<std::string, fs::file_time_type> times;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            times[entry.path().lexically_relative(root).generic_string()] = entry.last_write_time();
        }
    }
    return times;
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

// 36 outputs per deck: three formats, two languages, and the default tiers' six kinds.
constexpr int outputs_per_deck = 36;

TEST(IncrementalBuild, ASecondBuildRunsNoExecutorAndWritesNoFile) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 3);
    FakeJupyter fake(dir.path());
    Build first = build(course, fake);
    ASSERT_EQ(first.result.exit_code, 0) << first.result.err;
    ASSERT_EQ(first.report["outputs"]["written"], 3 * outputs_per_deck);
    ASSERT_EQ(fake.runs(), 3u);
    auto times = times_of(course / "output");

    Build second = build(course, fake);
    ASSERT_EQ(second.result.exit_code, 0) << second.result.err;
    EXPECT_EQ(fake.runs(), 3u) << "no executor ran";
    EXPECT_EQ(second.report["outputs"]["written"], 0);
    EXPECT_EQ(second.report["outputs"]["unchanged"], 0) << "nothing was even compared";
    EXPECT_EQ(second.report["outputs"]["skipped"], 3 * outputs_per_deck);
    EXPECT_EQ(second.report["executions"]["run"], 0);
    EXPECT_TRUE(second.report["jobs"].empty());
    EXPECT_EQ(times_of(course / "output"), times) << "no file was written";
    EXPECT_NE(second.result.out.find("108 skipped"), std::string::npos) << second.result.out;
}

TEST(IncrementalBuild, ADeckWhoseSizeAndTimeAreUnchangedIsNotReadAgain) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2);
    fs::path deck = deck_file(course, 1);
    // Old enough that its stamp is trusted (a file written within a second is read again).
    fs::last_write_time(deck, fs::file_time_type::clock::now() - std::chrono::minutes(5));
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    auto time = fs::last_write_time(deck);
    std::string text = read_file(deck);
    write_file(deck, std::string(text.size(), '\xff')); // not UTF-8, were it read
    fs::last_write_time(deck, time);

    Build again = build(course, fake);
    EXPECT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(again.report["outputs"]["skipped"], 2 * outputs_per_deck);
    fs::last_write_time(deck, time + std::chrono::seconds(1));
    Build touched = build(course, fake);
    EXPECT_EQ(touched.result.exit_code, 1) << "now it is read, and refused";
    EXPECT_NE(touched.result.err.find("not valid UTF-8"), std::string::npos) << touched.result.err;
}

TEST(IncrementalBuild, EditingOneDeckRebuildsExactlyItsOutputsAndExecution) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 3);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    auto before = times_of(course / "output");
    write_file(deck_file(course, 1), deck_text(1, "\n# %%\nvalue += 10\n"));

    Build again = build(course, fake, {"--explain"});
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(fake.runs(), 4u) << "one more execution";
    EXPECT_EQ(again.report["executions"]["run"], 1);
    ASSERT_EQ(again.report["jobs"].size(), 2u);
    EXPECT_NE(again.report["jobs"][0]["name"].get<std::string>().find("slides_t1.py"),
              std::string::npos);
    EXPECT_EQ(again.report["outputs"]["skipped"], 2 * outputs_per_deck);
    EXPECT_EQ(again.report["outputs"]["written"].get<int>() +
                  again.report["outputs"]["unchanged"].get<int>(),
              outputs_per_deck);
    EXPECT_EQ(count_of(again.result.out, ": the deck changed\n"),
              static_cast<std::size_t>(outputs_per_deck))
        << again.result.out;
    for (const auto& [file, time] : times_of(course / "output")) {
        bool of_deck_1 = file.find("/02 ") != std::string::npos;
        EXPECT_EQ(time != before[file], of_deck_1) << file;
    }
}

TEST(IncrementalBuild, EditingADataFileReexecutesOnlyThatTopicsDeck) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 3);
    for (int n = 0; n < 3; ++n) {
        write_file(data_file(course, n), "a,b\n1," + std::to_string(n));
    }
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    write_file(data_file(course, 2), "a,b\n1,changed\n");

    Build again = build(course, fake, {"--explain"});
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(fake.runs(), 4u);
    EXPECT_EQ(again.report["executions"]["run"], 1);
    EXPECT_NE(again.report["jobs"][0]["name"].get<std::string>().find("slides_t2.py"),
              std::string::npos);
    EXPECT_EQ(again.report["outputs"]["skipped"], 2 * outputs_per_deck);
    EXPECT_NE(again.result.out.find("a file of its topic changed"), std::string::npos);
}

const char* const completed_html = R"(<output-targets><output-target name="web">
  <path>output/web</path><kinds><kind>completed</kind></kinds>
  <formats><format>html</format></formats></output-target></output-targets>)";
const char* const completed_and_trainer_html = R"(<output-targets><output-target name="web">
  <path>output/web</path><kinds><kind>completed</kind><kind>trainer</kind></kinds>
  <formats><format>html</format></formats></output-target></output-targets>)";

TEST(IncrementalBuild, ChangingATargetsKindsRendersHtmlWithoutAnExecutor) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2, completed_html);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    ASSERT_EQ(fake.runs(), 2u);
    write_spec(course, {0, 1}, completed_and_trainer_html);

    Build again = build(course, fake);
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(fake.runs(), 2u) << "no executor ran";
    EXPECT_EQ(again.report["executions"]["run"], 0);
    EXPECT_EQ(again.report["executions"]["reused"], 2);
    EXPECT_EQ(again.report["outputs"]["written"], 4) << "trainer pages, two decks, two languages";
    EXPECT_EQ(again.report["outputs"]["skipped"], 4);
    std::string page =
        read_file(course / "output/web/Kurs-en/Slides/Html/Trainer/S/02 Topic 1.html");
    EXPECT_NE(page.find("ran: value = 1"), std::string::npos) << "it shows the stored outputs";
}

TEST(IncrementalBuild, DeletingADeckRemovesItsOutputsButNothingClmDidNotWrite) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 3);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    fs::path git_file = course / "output/shared/.git/Kurs-en/S/03 Topic 2.py";
    fs::path own_file = course / "output/shared/Kurs-en/Slides/Python/Completed/S/notes.txt";
    write_file(git_file, "a repository's file");
    write_file(own_file, "the trainer's own file");
    fs::remove_all(deck_file(course, 2).parent_path());
    write_spec(course, {0, 1});

    Build again = build(course, fake);
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(again.report["outputs"]["deleted"], outputs_per_deck);
    EXPECT_TRUE(fs::exists(git_file));
    EXPECT_TRUE(fs::exists(own_file));
    fs::remove(git_file);
    fs::remove(own_file);
    TempDir clean_dir;
    fs::path clean = make_course(clean_dir.path() / "course", 2);
    ASSERT_EQ(build(clean, fake).result.exit_code, 0);
    EXPECT_EQ(tree_of(course / "output"), tree_of(clean / "output"));
    EXPECT_FALSE(
        fs::exists(course / "output/shared/Kurs-en/Slides/Html/Completed/S/03 Topic 2.html"));
}

TEST(IncrementalBuild, TheFilesKeptBesideStaleOutputsSurvive) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    fs::path git_file = course / "output/shared/Kurs-en/.git/HEAD";
    fs::path own_file = course / "output/shared/Kurs-en/Slides/Python/Completed/S/notes.txt";
    fs::path edited = course / "output/shared/Kurs-en/Slides/Python/Completed/S/02 Topic 1.py";
    write_file(git_file, "ref: refs/heads/main\n");
    write_file(own_file, "the trainer's own file");
    write_file(edited, "edited by hand\n");
    write_spec(course, {0});

    Build again = build(course, fake);
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(read_file(git_file), "ref: refs/heads/main\n");
    EXPECT_EQ(read_file(own_file), "the trainer's own file");
    EXPECT_EQ(read_file(edited), "edited by hand\n") << "changed after clm wrote it";
    EXPECT_NE(again.result.err.find("changed after clm wrote it"), std::string::npos);
    EXPECT_FALSE(
        fs::exists(course / "output/shared/Kurs-en/Slides/Python/Code-Along/S/02 Topic 1.py"));
}

TEST(IncrementalBuild, AnOutputEditedByHandOrDeletedIsBuiltAgain) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    fs::path edited = course / "output/shared/Kurs-de/Folien/Python/Completed/S/01 Thema 0.py";
    fs::path deleted = course / "output/speaker/Kurs-en/Slides/Html/Recording/S/01 Topic 0.html";
    std::string original = read_file(edited);
    write_file(edited, "edited by hand\n");
    fs::remove(deleted);

    Build again = build(course, fake, {"--explain"});
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(read_file(edited), original);
    EXPECT_TRUE(fs::exists(deleted));
    EXPECT_EQ(again.report["outputs"]["written"], 2);
    EXPECT_EQ(again.report["executions"]["run"], 0) << "the stored execution served the page";
    EXPECT_NE(again.result.out.find("01 Thema 0.py: the file was changed since clm wrote it"),
              std::string::npos)
        << again.result.out;
    EXPECT_NE(again.result.out.find("01 Topic 0.html: the file is missing"), std::string::npos);
}

TEST(IncrementalBuild, ForceBuildsAndExecutesEverythingAgain) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    Build again = build(course, fake, {"--force"});
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(fake.runs(), 4u);
    EXPECT_EQ(again.report["outputs"]["unchanged"], 2 * outputs_per_deck);
    EXPECT_EQ(again.report["outputs"]["skipped"], 0);
}

TEST(IncrementalBuild, AFailedDeckStaysFailedUntilItChanges) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2);
    write_file(deck_file(course, 1), deck_text(1, "\n# %%\nraise_error()\n"));
    write_file(deck_file(course, 0), deck_text(0, "\n# {% for i in range(3) %}\n"));
    FakeJupyter fake(dir.path());
    Build first = build(course, fake);
    ASSERT_EQ(first.result.exit_code, 1);
    ASSERT_EQ(fake.runs(), 1u);

    Build second = build(course, fake);
    EXPECT_EQ(second.result.exit_code, 1);
    EXPECT_EQ(fake.runs(), 1u) << "the failing execution did not run again";
    EXPECT_EQ(second.report["outputs"]["failed"], first.report["outputs"]["failed"]);
    EXPECT_EQ(second.report["outputs"]["written"], 0);
    EXPECT_EQ(count_of(second.result.err, "(from an earlier build"), 2u) << second.result.err;
    EXPECT_NE(second.result.err.find("raised ValueError: bad value"), std::string::npos);
    EXPECT_NE(second.result.err.find("slides_t0.py:"), std::string::npos);

    write_file(deck_file(course, 1), deck_text(1));
    write_file(deck_file(course, 0), deck_text(0));
    Build fixed = build(course, fake);
    EXPECT_EQ(fixed.result.exit_code, 0) << fixed.result.err;
    EXPECT_EQ(fake.runs(), 3u) << "both decks' executions ran";
}

/// Polls `done` every 20 ms, for at most a minute; whether it came true.
bool eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 3000; ++i) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

TEST(IncrementalBuild, ABuildKilledMidwayIsCompletedByTheNextToACleanBuildsTree) {
    TempDir dir;
    TempDir clean_dir;
    fs::path course = make_course(dir.path() / "course", 12);
    fs::path clean = make_course(clean_dir.path() / "course", 12);
    FakeJupyter slow(dir.path(), "300");
    fs::path report = dir.path() / "killed.json";
    pid_t clm = start_clm({"build", course.string(), "--max-concurrency", "2"}, slow.env,
                          dir.path() / "err.txt");
    ASSERT_TRUE(eventually([&] { return slow.runs() >= 4; })) << "the executors never started";
    kill(clm, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(clm, &status, 0), clm);
    ASSERT_TRUE(WIFSIGNALED(status));
    for (pid_t pid : slow.pids()) {
        kill(pid, SIGKILL); // the executors run in sessions of their own and outlive clm
    }

    FakeJupyter fake = slow; // the same executor command, or its executions would not count
    fake.env["FAKE_EXECUTOR_MS"] = "0";
    Build resumed = build(course, fake);
    ASSERT_EQ(resumed.result.exit_code, 0) << resumed.result.err;
    EXPECT_GE(resumed.report["executions"]["reused"].get<int>(), 2)
        << "the executions that ended before the kill were kept";
    EXPECT_EQ(resumed.report["executions"]["run"].get<int>() +
                  resumed.report["executions"]["reused"].get<int>(),
              12);
    ASSERT_EQ(build(clean, fake).result.exit_code, 0);
    EXPECT_EQ(tree_of(course / "output"), tree_of(clean / "output"));
}

TEST(IncrementalBuild, AfterAKilledBuildTheTemporaryFilesItLeftAreRemoved) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    fs::path folder = course / "output/shared/Kurs-en/Slides/Python/Completed/S";
    write_file(folder / ".01 Topic 0.py.Ab3xYz", "half a fi");
    write_file(folder / ".hidden.Ab3xYz", "not a temporary file of an output");
    // What a build killed with SIGKILL leaves in the state: the mark that it was running.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((course / ".clm/state.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db, "INSERT INTO meta VALUES ('running', '1')", nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);

    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    EXPECT_FALSE(fs::exists(folder / ".01 Topic 0.py.Ab3xYz"));
    EXPECT_TRUE(fs::exists(folder / ".hidden.Ab3xYz"));
}

TEST(IncrementalBuild, ACorruptStateGivesOneWarningAndAFullBuild) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 2);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    write_file(course / ".clm/state.db", std::string(8192, 'x'));

    Build again = build(course, fake);
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_EQ(count_of(again.result.err, "clm: warning:"), 1u) << again.result.err;
    EXPECT_NE(again.result.err.find("state.db.corrupt-1"), std::string::npos) << again.result.err;
    EXPECT_TRUE(fs::exists(course / ".clm/state.db.corrupt-1"));
    EXPECT_EQ(fake.runs(), 4u) << "everything ran again";
    EXPECT_EQ(again.report["outputs"]["skipped"], 0);

    Build third = build(course, fake);
    EXPECT_EQ(third.report["outputs"]["skipped"], 2 * outputs_per_deck) << "the new state works";
    EXPECT_TRUE(third.result.err.empty()) << third.result.err;
}

TEST(IncrementalBuild, AStateOfAnotherVersionIsSetAside) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1);
    FakeJupyter fake(dir.path());
    ASSERT_EQ(build(course, fake).result.exit_code, 0);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((course / ".clm/state.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    Build again = build(course, fake);
    ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
    EXPECT_NE(again.result.err.find("schema version 99"), std::string::npos) << again.result.err;
    EXPECT_EQ(fake.runs(), 2u);
}

TEST(IncrementalBuild, ASecondBuildWaitsForTheFirstOrWithNoWaitFails) {
    TempDir dir;
    fs::path course = make_course(dir.path() / "course", 1);
    FakeJupyter fake(dir.path());
    fs::create_directories(course / ".clm");
    int lock = open((course / ".clm/state.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_EQ(flock(lock, LOCK_EX), 0) << "the test plays the first build";

    Build refused = build(course, fake, {"--no-wait"});
    EXPECT_EQ(refused.result.exit_code, 2);
    EXPECT_NE(refused.result.err.find("state.lock: another clm build of this course is running"),
              std::string::npos)
        << refused.result.err;
    EXPECT_FALSE(fs::exists(course / "output"));

    fs::path err = dir.path() / "err.txt";
    pid_t waiting = start_clm({"build", course.string()}, fake.env, err);
    EXPECT_TRUE(eventually([&] { return read_file(err).find("waiting") != std::string::npos; }))
        << read_file(err);
    EXPECT_FALSE(fs::exists(course / "output")) << "it waits before building";
    close(lock);
    int status = 0;
    ASSERT_EQ(waitpid(waiting, &status, 0), waiting);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(err);
    EXPECT_TRUE(fs::exists(course / "output"));
}

} // namespace
} // namespace clm
