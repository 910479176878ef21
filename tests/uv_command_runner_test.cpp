// The libuv runner with real children: the test binary re-run as a helper program
// (see helper_programs.cpp).
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <thread>
#include <unistd.h>

#include "clm/scheduler.hpp"
#include "clm/uv_command_runner.hpp"

#include <gtest/gtest.h>
#include <uv.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using testing::TempDir;

/// Bounds every wait, so that a broken runner fails a test instead of hanging it.
constexpr milliseconds patience{60000};

ProcessSpec helper(std::vector<std::string> args) {
    ProcessSpec spec;
    spec.argv = {testing::test_binary().string(), "--helper"};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    return spec;
}

ProcessSpec program(std::string path) {
    ProcessSpec spec;
    spec.argv = {std::move(path)};
    return spec;
}

std::string pattern(std::size_t size) {
    std::string text(size, ' ');
    for (std::size_t i = 0; i < size; ++i) {
        text[i] = static_cast<char>('a' + i % 26);
    }
    return text;
}

/// Polls for a file the helper publishes once it is ready, and returns its content.
std::string await_file(const fs::path& path) {
    for (int attempt = 0; attempt < 3000 && !fs::exists(path); ++attempt) {
        std::this_thread::sleep_for(milliseconds(10));
    }
    return testing::read_file(path);
}

/// True once `pid` has ended: gone, or a zombie its new parent has not reaped yet.
bool process_gone(int pid) {
    if (::kill(pid, 0) != 0 && errno == ESRCH) {
        return true;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pid_field, name, state;
    stat >> pid_field >> name >> state;
    return state == "Z";
}

bool eventually_gone(int pid) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
        if (process_gone(pid)) {
            return true;
        }
        std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
}

class UvCommandRunnerTest : public ::testing::Test {
protected:
    UvCommandRunnerOptions short_grace() {
        UvCommandRunnerOptions options;
        options.grace_period = milliseconds(200);
        return options;
    }

    /// Waits for the next event, which must be a job's end.
    ProcessResult next_result(UvCommandRunner& runner, JobId expected) {
        RunnerEvent event = runner.wait(patience);
        auto* finished = std::get_if<JobFinished>(&event);
        if (finished == nullptr) {
            ADD_FAILURE() << "expected a finished job, got event " << event.index();
            return {};
        }
        EXPECT_EQ(finished->id, expected);
        return std::move(finished->result);
    }

    ProcessResult run(ProcessSpec spec, UvCommandRunnerOptions options = {}) {
        UvCommandRunner runner(options);
        StartOutcome outcome = runner.start(1, spec);
        EXPECT_TRUE(std::holds_alternative<Started>(outcome));
        EXPECT_EQ(runner.running_count(), 1u);
        ProcessResult result = next_result(runner, 1);
        EXPECT_EQ(runner.running_count(), 0u);
        return result;
    }
};

TEST_F(UvCommandRunnerTest, ReportsTheExitStatus) {
    ProcessResult failed = run(helper({"exit", "3"}));
    EXPECT_EQ(failed.exit_status, 3);
    EXPECT_EQ(failed.term_signal, 0);
    EXPECT_FALSE(failed.succeeded());

    ProcessResult ok = run(helper({"exit", "0"}));
    EXPECT_TRUE(ok.succeeded());
    EXPECT_LE(ok.started, ok.ended);
}

TEST_F(UvCommandRunnerTest, ReportsDeathBySignal) {
    ProcessResult result = run(helper({"raise", std::to_string(SIGUSR1)}));
    EXPECT_EQ(result.term_signal, SIGUSR1);
    EXPECT_EQ(result.killed, KillReason::none);
    EXPECT_FALSE(result.succeeded());
}

TEST_F(UvCommandRunnerTest, CapturesAMegabyteOfOutputAndTheTailOfStandardError) {
    constexpr std::size_t out_size = 1024 * 1024;
    constexpr std::size_t err_size = 100000;

    ProcessResult result =
        run(helper({"flood", std::to_string(out_size), std::to_string(err_size)}));

    EXPECT_TRUE(result.succeeded());
    EXPECT_EQ(result.out.size(), out_size);
    EXPECT_TRUE(result.out == pattern(out_size));
    EXPECT_EQ(result.err.size(), ProcessResult::err_limit);
    EXPECT_EQ(result.err_dropped, err_size - ProcessResult::err_limit);
    EXPECT_TRUE(result.err == pattern(err_size).substr(err_size - ProcessResult::err_limit));
}

TEST_F(UvCommandRunnerTest, WaitsForOutputThatArrivesAfterTheChildExited) {
    ProcessResult result = run(helper({"write-after-exit", "written late"}));
    EXPECT_TRUE(result.succeeded());
    EXPECT_EQ(result.out, "written late");
}

TEST_F(UvCommandRunnerTest, DeliversStandardInput) {
    ProcessSpec spec = helper({"echo-stdin"});
    spec.input = pattern(3 * 1024 * 1024 + 7); // more than any pipe buffer

    ProcessResult result = run(spec);

    EXPECT_TRUE(result.succeeded());
    EXPECT_EQ(result.out.size(), spec.input.size());
    EXPECT_TRUE(result.out == spec.input);
}

TEST_F(UvCommandRunnerTest, GivesEmptyInputAsEndOfFile) {
    ProcessResult result = run(helper({"echo-stdin"}));
    EXPECT_TRUE(result.succeeded());
    EXPECT_EQ(result.out, "");
}

TEST_F(UvCommandRunnerTest, ToleratesAChildThatExitsWithoutReadingItsInput) {
    ProcessSpec spec = helper({"read-one-byte"});
    spec.input = pattern(4 * 1024 * 1024);

    ProcessResult result = run(spec);

    EXPECT_TRUE(result.succeeded()) << result.exit_status << " " << result.term_signal;
}

TEST_F(UvCommandRunnerTest, RunsInTheWorkingDirectory) {
    TempDir dir;
    ProcessSpec spec = helper({"pwd"});
    spec.working_directory = dir.path();

    EXPECT_EQ(run(spec).out, fs::canonical(dir.path()).string());
}

TEST_F(UvCommandRunnerTest, AddsToTheInheritedEnvironment) {
    ProcessSpec added = helper({"getenv", "CLM_TEST_ADDED"});
    added.environment = {{"CLM_TEST_ADDED", "forty two"}};
    EXPECT_EQ(run(added).out, "forty two");

    ProcessSpec inherited = helper({"getenv", "PATH"});
    inherited.environment = {{"CLM_TEST_ADDED", "forty two"}};
    EXPECT_EQ(run(inherited).out, std::getenv("PATH"));
}

TEST_F(UvCommandRunnerTest, LooksUpAProgramNameInThePathOfTheChildsEnvironment) {
    TempDir dir;
    fs::create_symlink(testing::test_binary(), dir.path() / "clm-test-probe");
    ProcessSpec spec;
    spec.argv = {"clm-test-probe", "--helper", "getenv", "PATH"};
    spec.environment = {{"PATH", "/nonexistent:" + dir.path().string()}};

    ProcessResult result = run(spec);

    EXPECT_TRUE(result.succeeded());
    EXPECT_EQ(result.out, "/nonexistent:" + dir.path().string());
}

TEST_F(UvCommandRunnerTest, LeavesTheChildsBrokenPipeSignalAtItsDefault) {
    EXPECT_EQ(run(helper({"sigpipe-ignored"})).out, "no");
}

TEST_F(UvCommandRunnerTest, PassesNoDescriptorButTheStandardStreams) {
    int stray = ::open("/dev/null", O_RDONLY); // deliberately without O_CLOEXEC
    ASSERT_GE(stray, 3);

    std::string fds = run(helper({"list-fds"})).out;
    ::close(stray);

    EXPECT_EQ(fds.find(std::to_string(stray) + "\n"), std::string::npos) << fds;
    EXPECT_EQ(fds.substr(0, 6), "0\n1\n2\n");
}

TEST_F(UvCommandRunnerTest, KillsAChildThatIgnoresSigtermAfterTheGracePeriod) {
    TempDir dir;
    UvCommandRunner runner(short_grace());
    ASSERT_TRUE(std::holds_alternative<Started>(
        runner.start(1, helper({"ignore-term", (dir.path() / "ready").string()}))));
    await_file(dir.path() / "ready");

    runner.kill(1);
    ProcessResult result = next_result(runner, 1);

    EXPECT_EQ(result.term_signal, SIGKILL);
    EXPECT_EQ(result.killed, KillReason::request);
}

TEST_F(UvCommandRunnerTest, KillsAChildThatRunsLongerThanItsTimeout) {
    ProcessSpec spec = helper({"sleep-forever"});
    spec.timeout = milliseconds(100);

    ProcessResult result = run(spec, short_grace());

    EXPECT_EQ(result.killed, KillReason::timeout);
    EXPECT_EQ(result.term_signal, SIGTERM);
    EXPECT_FALSE(result.succeeded());
}

TEST_F(UvCommandRunnerTest, InterruptAllKillsTheChildAndItsGrandchild) {
    TempDir dir;
    UvCommandRunner runner(short_grace());
    ASSERT_TRUE(std::holds_alternative<Started>(
        runner.start(7, helper({"grandchild", (dir.path() / "pid").string()}))));
    int grandchild = std::stoi(await_file(dir.path() / "pid"));
    int child = runner.pid(7);
    ASSERT_GT(child, 0);

    runner.interrupt_all();

    ProcessResult result = next_result(runner, 7);
    EXPECT_EQ(result.killed, KillReason::interrupt);
    EXPECT_NE(result.term_signal, 0);
    EXPECT_EQ(runner.running_count(), 0u);
    EXPECT_TRUE(process_gone(child));
    EXPECT_TRUE(eventually_gone(grandchild));
}

TEST_F(UvCommandRunnerTest, TurnsASignalToClmIntoAnInterruptedEvent) {
    UvCommandRunner runner(short_grace());
    ASSERT_TRUE(std::holds_alternative<Started>(runner.start(1, helper({"sleep-forever"}))));

    ::raise(SIGTERM);
    RunnerEvent event = runner.wait(patience);

    ASSERT_TRUE(std::holds_alternative<Interrupted>(event));
    EXPECT_EQ(std::get<Interrupted>(event).signal, SIGTERM);
    runner.interrupt_all();
    EXPECT_EQ(next_result(runner, 1).killed, KillReason::interrupt);
}

TEST_F(UvCommandRunnerTest, AZeroTimeoutOnlyPollsForAnInterrupt) {
    UvCommandRunner runner(short_grace());
    // Run the loop once so that its cached time is old when the zero wait starts.
    EXPECT_TRUE(std::holds_alternative<WaitTimedOut>(runner.wait(std::chrono::milliseconds(1))));
    EXPECT_TRUE(std::holds_alternative<WaitTimedOut>(runner.wait(std::chrono::milliseconds(0))));

    ::raise(SIGINT);
    RunnerEvent event = runner.wait(std::chrono::milliseconds(0));
    for (int polls = 0; polls < 1000 && std::holds_alternative<WaitTimedOut>(event); ++polls) {
        event = runner.wait(std::chrono::milliseconds(0)); // the signal pipe may lag a poll
    }
    ASSERT_TRUE(std::holds_alternative<Interrupted>(event));
    EXPECT_EQ(std::get<Interrupted>(event).signal, SIGINT);
}

TEST_F(UvCommandRunnerTest, ATimeoutStartedWithAStaleLoopClockStillEndsTheWait) {
    UvCommandRunner runner(short_grace());
    EXPECT_TRUE(std::holds_alternative<WaitTimedOut>(runner.wait(std::chrono::milliseconds(1))));
    std::this_thread::sleep_for(std::chrono::milliseconds(30)); // the loop's clock goes stale
    EXPECT_TRUE(std::holds_alternative<WaitTimedOut>(runner.wait(std::chrono::milliseconds(10))));
}

TEST_F(UvCommandRunnerTest, ASecondSignalKillsAtOnce) {
    TempDir dir;
    UvCommandRunnerOptions options;
    options.grace_period = std::chrono::hours(1); // only the second signal can end it soon
    UvCommandRunner runner(options);
    ASSERT_TRUE(std::holds_alternative<Started>(
        runner.start(1, helper({"ignore-term", (dir.path() / "ready").string()}))));
    await_file(dir.path() / "ready");
    int child = runner.pid(1);

    ::raise(SIGINT);
    ASSERT_TRUE(std::holds_alternative<Interrupted>(runner.wait(patience)));
    // The thread sends the second signal while interrupt_all() waits; should that not end
    // the child, it kills the child itself after a while so that the test fails, not hangs.
    std::atomic<bool> done = false;
    std::atomic<bool> rescued = false;
    std::thread second_interrupt([&] {
        std::this_thread::sleep_for(milliseconds(100));
        ::kill(::getpid(), SIGINT);
        for (int i = 0; i < 3000 && !done; ++i) {
            std::this_thread::sleep_for(milliseconds(10));
        }
        if (!done) {
            rescued = true;
            ::kill(-child, SIGKILL);
        }
    });
    runner.interrupt_all();
    done = true;
    second_interrupt.join();

    EXPECT_FALSE(rescued);
    EXPECT_EQ(next_result(runner, 1).term_signal, SIGKILL);
}

TEST_F(UvCommandRunnerTest, AMissingProgramIsAPermanentSpawnFailure) {
    UvCommandRunner runner;
    StartOutcome outcome = runner.start(1, program("clm-no-such-program"));

    ASSERT_TRUE(std::holds_alternative<StartFailed>(outcome));
    EXPECT_EQ(std::get<StartFailed>(outcome).error.code, UV_ENOENT);
    EXPECT_EQ(std::get<StartFailed>(outcome).error.name, "ENOENT");
    EXPECT_EQ(runner.running_count(), 0u);
}

TEST_F(UvCommandRunnerTest, AMissingWorkingDirectoryIsAPermanentSpawnFailure) {
    TempDir dir;
    ProcessSpec spec = helper({"pwd"});
    spec.working_directory = dir.path() / "missing";
    UvCommandRunner runner;

    StartOutcome outcome = runner.start(1, spec);

    ASSERT_TRUE(std::holds_alternative<StartFailed>(outcome));
    EXPECT_EQ(std::get<StartFailed>(outcome).error.name, "ENOENT");
    EXPECT_EQ(runner.running_count(), 0u);
}

TEST_F(UvCommandRunnerTest, ANonExecutableProgramIsAPermanentSpawnFailure) {
    TempDir dir;
    testing::write_file(dir.path() / "script", "not a program");
    UvCommandRunner runner;

    StartOutcome outcome = runner.start(1, program((dir.path() / "script").string()));

    ASSERT_TRUE(std::holds_alternative<StartFailed>(outcome));
    EXPECT_EQ(std::get<StartFailed>(outcome).error.name, "EACCES");
}

class CollectingObserver : public SchedulerObserver {
public:
    std::map<JobId, std::string> outputs;

    std::optional<std::string> job_finished(const ScheduledJob& job, const JobRecord&,
                                            ProcessResult& result) override {
        outputs[job.id] = std::move(result.out);
        return std::nullopt;
    }
};

TEST_F(UvCommandRunnerTest, RunsManyChildrenUnderTheLimitWithTheirOwnOutput) {
    std::vector<ScheduledJob> jobs;
    for (JobId id = 0; id < 200; ++id) {
        ProcessSpec spec = helper({"echo-stdin"});
        spec.input = "output of job " + std::to_string(id);
        jobs.push_back(ScheduledJob{id, "echo " + std::to_string(id), spec, {}, {}});
    }
    UvCommandRunner runner;
    CollectingObserver observer;
    SchedulerOptions options;
    options.max_in_flight = 20;

    ScheduleSummary summary = run_schedule(jobs, runner, options, observer);

    EXPECT_EQ(summary.succeeded, 200u);
    EXPECT_LE(summary.peak_in_flight, 20u);
    ASSERT_EQ(observer.outputs.size(), 200u);
    for (const auto& [id, output] : observer.outputs) {
        EXPECT_EQ(output, "output of job " + std::to_string(id));
    }
}

} // namespace
} // namespace clm
