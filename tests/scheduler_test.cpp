// The scheduler against a fake runner: no processes, and the test decides what each start
// returns and which running job finishes next.
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <signal.h>

#include "clm/scheduler.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

using std::chrono::milliseconds;

class FakeCommandRunner : public CommandRunner {
public:
    // What the test arranges.
    std::map<JobId, ProcessResult> results;  // a job not listed exits 0
    std::set<JobId> missing_programs;        // start fails with ENOENT
    std::size_t resource_ceiling = SIZE_MAX; // start fails with EAGAIN at this many running
    std::map<JobId, int> exhausted_attempts; // start fails with EAGAIN this many times
    /// Chooses the running job that finishes next; first started first by default.
    std::function<JobId(const std::deque<JobId>&)> pick = [](const auto& running) {
        return running.front();
    };
    /// After this many jobs have finished, the next wait() reports SIGINT.
    std::optional<std::size_t> interrupt_after;
    int timeouts_to_report = 0; // wait() reports WaitTimedOut this often first

    // What the test observes.
    std::vector<JobId> started;
    std::vector<std::string> log; // "start 3", "finish 3"
    std::map<JobId, ProcessSpec> specs;
    std::size_t max_running = 0;
    std::vector<std::optional<milliseconds>> idle_waits; // timeouts of waits with none running
    bool interrupt_all_called = false;

    StartOutcome start(JobId id, const ProcessSpec& spec) override {
        if (missing_programs.count(id) != 0) {
            return StartFailed{SpawnError{-2, "ENOENT", "no such file or directory"}};
        }
        if (m_running.size() >= resource_ceiling || exhausted_attempts[id]-- > 0) {
            return ResourcesExhausted{"EAGAIN"};
        }
        m_running.push_back(id);
        started.push_back(id);
        specs[id] = spec;
        log.push_back("start " + std::to_string(id));
        max_running = std::max(max_running, m_running.size());
        return Started{};
    }

    RunnerEvent wait(std::optional<milliseconds> timeout) override {
        if (interrupt_after && m_finished == *interrupt_after) {
            interrupt_after.reset();
            return Interrupted{SIGINT};
        }
        if (m_running.empty() || timeouts_to_report > 0) {
            --timeouts_to_report;
            if (m_running.empty()) {
                idle_waits.push_back(timeout);
            }
            EXPECT_TRUE(timeout.has_value()) << "the scheduler would block forever";
            return WaitTimedOut{};
        }
        JobId id = pick(m_running);
        m_running.erase(std::find(m_running.begin(), m_running.end(), id));
        ++m_finished;
        log.push_back("finish " + std::to_string(id));
        ProcessResult result = results.count(id) ? results[id] : ProcessResult{};
        if (m_killed.count(id) != 0) {
            result.killed = KillReason::interrupt;
            result.term_signal = SIGTERM;
        }
        return JobFinished{id, result};
    }

    std::size_t running_count() const override { return m_running.size(); }

    void interrupt_all() override {
        interrupt_all_called = true;
        m_killed.insert(m_running.begin(), m_running.end());
    }

    void kill(JobId) override {}

private:
    std::deque<JobId> m_running;
    std::set<JobId> m_killed;
    std::size_t m_finished = 0;
};

class RecordingObserver : public SchedulerObserver {
public:
    std::vector<std::string> warnings;
    std::vector<JobId> finished;
    std::map<JobId, ProcessResult> results;
    std::set<JobId> reject;
    std::map<JobId, Preparation> preparations; // a job not listed starts
    std::vector<JobId> prepared;

    Preparation prepare(ScheduledJob& job) override {
        prepared.push_back(job.id);
        job.spec.input = "prepared";
        auto found = preparations.find(job.id);
        return found == preparations.end() ? Preparation{} : found->second;
    }

    void warning(const std::string& message) override { warnings.push_back(message); }

    std::optional<std::string> job_finished(const ScheduledJob& job, const JobRecord&,
                                            ProcessResult& result) override {
        finished.push_back(job.id);
        results[job.id] = result;
        if (reject.count(job.id) != 0) {
            return "the notebook is not valid JSON";
        }
        return std::nullopt;
    }
};

std::vector<ScheduledJob> make_jobs(std::vector<JobId> ids) {
    std::vector<ScheduledJob> jobs;
    for (JobId id : ids) {
        ScheduledJob job;
        job.id = id;
        job.name = "job " + std::to_string(id);
        job.spec.argv = {"tool"};
        jobs.push_back(std::move(job));
    }
    return jobs;
}

std::vector<ScheduledJob> make_jobs(std::size_t count) {
    std::vector<JobId> ids;
    for (JobId id = 0; id < count; ++id) {
        ids.push_back(id);
    }
    return make_jobs(ids);
}

ProcessResult exited(int status) {
    ProcessResult result;
    result.exit_status = status;
    return result;
}

SchedulerOptions limit(std::size_t max_in_flight) {
    SchedulerOptions options;
    options.max_in_flight = max_in_flight;
    return options;
}

class SchedulerTest : public ::testing::Test {
protected:
    ScheduleSummary run(std::vector<ScheduledJob> jobs, const SchedulerOptions& options) {
        return run_schedule(std::move(jobs), runner, options, observer);
    }

    FakeCommandRunner runner;
    RecordingObserver observer;
};

TEST_F(SchedulerTest, NeverRunsMoreJobsThanTheLimit) {
    ScheduleSummary summary = run(make_jobs(20), limit(3));

    EXPECT_EQ(runner.max_running, 3u);
    EXPECT_EQ(summary.peak_in_flight, 3u);
    EXPECT_EQ(summary.effective_limit, 3u);
    EXPECT_EQ(summary.succeeded, 20u);
    EXPECT_TRUE(summary.all_succeeded());
}

/// Jobs 0..count-1 whose pools are `pools[id % pools.size()]`.
std::vector<ScheduledJob> jobs_in_pools(std::size_t count, std::vector<std::string> pools) {
    std::vector<ScheduledJob> jobs = make_jobs(count);
    for (ScheduledJob& job : jobs) {
        job.spec.pool = pools[job.id % pools.size()];
    }
    return jobs;
}

/// Counts how many jobs of each pool the fake runner has running, from its log.
std::map<std::string, std::size_t> pool_peaks_in(const FakeCommandRunner& runner,
                                                 const std::vector<ScheduledJob>& jobs) {
    std::map<std::string, std::size_t> running;
    std::map<std::string, std::size_t> peaks;
    for (const std::string& entry : runner.log) {
        std::size_t space = entry.find(' ');
        const std::string& pool = jobs[std::stoul(entry.substr(space + 1))].spec.pool;
        if (entry.compare(0, space, "start") == 0) {
            peaks[pool] = std::max(peaks[pool], ++running[pool]);
        } else {
            --running[pool];
        }
    }
    return peaks;
}

TEST_F(SchedulerTest, APoolNeverRunsMoreThanItsLimitAndTheSumStaysCapped) {
    std::vector<ScheduledJob> jobs = jobs_in_pools(40, {"execute", "render", "drawio"});
    SchedulerOptions options = limit(5);
    options.pool_limits = {{"drawio", 1}, {"execute", 2}};

    ScheduleSummary summary = run(jobs, options);

    EXPECT_EQ(summary.succeeded, 40u);
    EXPECT_EQ(runner.max_running, 5u);
    std::map<std::string, std::size_t> peaks = pool_peaks_in(runner, jobs);
    EXPECT_EQ(peaks["drawio"], 1u);
    EXPECT_EQ(peaks["execute"], 2u);
    EXPECT_EQ(peaks["render"], 2u) << "the limit's rest, while the capped pools are full";
    EXPECT_EQ(summary.pool_peaks, peaks);
}

TEST_F(SchedulerTest, AFullPoolDoesNotHoldBackTheJobsOfOtherPools) {
    std::vector<ScheduledJob> jobs = make_jobs(6);
    for (JobId id : {0, 1, 2, 3}) {
        jobs[id].spec.pool = "drawio";
    }
    jobs[4].spec.pool = jobs[5].spec.pool = "execute";
    SchedulerOptions options = limit(3);
    options.pool_limits = {{"drawio", 1}};

    run(jobs, options);

    // Job 0 fills drawio; 4 and 5 start past the waiting drawio jobs; 1 follows 0.
    EXPECT_EQ(runner.log[0], "start 0");
    EXPECT_EQ(runner.log[1], "start 4");
    EXPECT_EQ(runner.log[2], "start 5");
    EXPECT_EQ(runner.log[3], "finish 0");
    EXPECT_EQ(runner.log[4], "start 1");
    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 4, 5, 1, 2, 3}));
}

TEST_F(SchedulerTest, StartsJobsInListOrderWhateverOrderTheyFinishIn) {
    runner.pick = [](const auto& running) { return running.back(); };

    run(make_jobs({5, 3, 9, 1, 7, 2}), limit(2));

    EXPECT_EQ(runner.started, (std::vector<JobId>{5, 3, 9, 1, 7, 2}));
    EXPECT_EQ(runner.log[0], "start 5");
    EXPECT_EQ(runner.log[1], "start 3");
    EXPECT_EQ(runner.log[2], "finish 3");
    EXPECT_EQ(runner.log[3], "start 9");
}

TEST_F(SchedulerTest, KeepsGoingAfterAFailureByDefault) {
    runner.results[1] = exited(1);

    ScheduleSummary summary = run(make_jobs(5), limit(2));

    EXPECT_EQ(runner.started.size(), 5u);
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::failed);
    EXPECT_EQ(summary.records[1].exit_status, 1);
    EXPECT_EQ(summary.records[1].message, "exited with status 1");
    EXPECT_EQ(summary.succeeded, 4u);
    EXPECT_EQ(summary.failed, 1u);
}

TEST_F(SchedulerTest, FailFastStartsNothingNewButLetsRunningJobsFinish) {
    runner.results[0] = exited(2);
    SchedulerOptions options = limit(2);
    options.fail_fast = true;

    ScheduleSummary summary = run(make_jobs(6), options);

    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 1}));
    EXPECT_FALSE(runner.interrupt_all_called);
    EXPECT_EQ(summary.records[0].outcome, JobOutcome::failed);
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::succeeded);
    for (std::size_t i = 2; i < 6; ++i) {
        EXPECT_EQ(summary.records[i].outcome, JobOutcome::not_started) << i;
    }
    EXPECT_EQ(summary.not_started, 4u);
}

TEST_F(SchedulerTest, RetriesAStartThatRanOutOfResourcesAndLowersTheLimitOnce) {
    runner.resource_ceiling = 2;

    ScheduleSummary summary = run(make_jobs(10), limit(4));

    EXPECT_EQ(summary.succeeded, 10u);
    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    EXPECT_EQ(runner.max_running, 2u);
    EXPECT_EQ(summary.effective_limit, 2u);
    ASSERT_EQ(observer.warnings.size(), 1u);
    EXPECT_EQ(observer.warnings[0],
              "cannot start more processes (EAGAIN); limiting to 2 in flight");
    // The retried job started as soon as a running one ended.
    EXPECT_EQ(runner.log[2], "finish 0");
    EXPECT_EQ(runner.log[3], "start 2");
}

TEST_F(SchedulerTest, RetriesAfterADelayWhenNothingRunsToFreeResources) {
    runner.exhausted_attempts[0] = 2;
    SchedulerOptions options = limit(1);
    options.resource_retry_delay = milliseconds(10);

    ScheduleSummary summary = run(make_jobs(2), options);

    EXPECT_EQ(summary.records[0].outcome, JobOutcome::succeeded);
    EXPECT_EQ(summary.succeeded, 2u);
    EXPECT_EQ(runner.idle_waits,
              (std::vector<std::optional<milliseconds>>{milliseconds(10), milliseconds(20)}));
    EXPECT_EQ(observer.warnings.size(), 1u);
}

TEST_F(SchedulerTest, FailsAJobThatCannotStartForResourcesAfterBoundedRetries) {
    runner.exhausted_attempts[0] = 1000;
    SchedulerOptions options = limit(1);
    options.resource_retries = 3;

    ScheduleSummary summary = run(make_jobs(2), options);

    EXPECT_EQ(runner.idle_waits.size(), 3u);
    EXPECT_EQ(summary.records[0].outcome, JobOutcome::failed);
    EXPECT_EQ(summary.records[0].message,
              "cannot start \"tool\": the system is out of processes or descriptors");
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::succeeded);
}

TEST_F(SchedulerTest, AMissingProgramFailsOnlyItsJobAsAConfigurationError) {
    runner.missing_programs = {1};
    std::vector<ScheduledJob> jobs = make_jobs(3);
    jobs[1].spec.argv = {"jupyter", "nbconvert"};

    ScheduleSummary summary = run(std::move(jobs), limit(2));

    EXPECT_EQ(summary.records[1].outcome, JobOutcome::cannot_start);
    EXPECT_EQ(summary.records[1].message,
              "cannot run \"jupyter\": no such file or directory (ENOENT)");
    EXPECT_EQ(summary.records[0].outcome, JobOutcome::succeeded);
    EXPECT_EQ(summary.records[2].outcome, JobOutcome::succeeded);
    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 2}));
    ASSERT_TRUE(observer.results[1].spawn_error.has_value());
    EXPECT_EQ(observer.results[1].spawn_error->name, "ENOENT");
}

TEST_F(SchedulerTest, BlocksJobsWhosePrerequisiteFailed) {
    std::vector<ScheduledJob> jobs = make_jobs(5);
    jobs[1].prerequisites = {0}; // render after a failing execution
    jobs[3].prerequisites = {2};
    jobs[4].prerequisites = {1}; // blocked through job 1
    runner.results[0] = exited(1);

    ScheduleSummary summary = run(std::move(jobs), limit(4));

    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 2, 3}));
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::blocked);
    EXPECT_EQ(summary.records[1].message, "needs job 0, which did not succeed");
    EXPECT_EQ(summary.records[4].outcome, JobOutcome::blocked);
    EXPECT_EQ(summary.records[3].outcome, JobOutcome::succeeded);
    EXPECT_EQ(summary.blocked, 2u);
}

TEST_F(SchedulerTest, StartsAJobOnlyAfterItsPrerequisiteSucceeded) {
    std::vector<ScheduledJob> jobs = make_jobs(4);
    jobs[1].prerequisites = {0};

    ScheduleSummary summary = run(std::move(jobs), limit(4));

    EXPECT_EQ(runner.log,
              (std::vector<std::string>{"start 0", "start 2", "start 3", "finish 0", "start 1",
                                        "finish 2", "finish 3", "finish 1"}));
    EXPECT_EQ(summary.succeeded, 4u);
}

TEST_F(SchedulerTest, AJobAfterOthersStartsWhenTheyEndWhateverTheirOutcome) {
    std::vector<ScheduledJob> jobs = make_jobs(4);
    jobs[2].after = {0, 1}; // a render after two executions, one of which fails
    jobs[3].prerequisites = {1};
    runner.results[1] = exited(1);

    ScheduleSummary summary = run(std::move(jobs), limit(4));

    EXPECT_EQ(runner.log, (std::vector<std::string>{"start 0", "start 1", "finish 0", "finish 1",
                                                    "start 2", "finish 2"}));
    EXPECT_EQ(summary.records[2].outcome, JobOutcome::succeeded);
    EXPECT_EQ(summary.records[3].outcome, JobOutcome::blocked);
}

TEST_F(SchedulerTest, AJobAfterABlockedJobStillStarts) {
    std::vector<ScheduledJob> jobs = make_jobs(3);
    jobs[1].prerequisites = {0};
    jobs[2].after = {1};
    runner.results[0] = exited(1);

    ScheduleSummary summary = run(std::move(jobs), limit(2));

    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 2}));
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::blocked);
}

TEST_F(SchedulerTest, PreparesEachJobOnceJustBeforeItStarts) {
    std::vector<ScheduledJob> jobs = make_jobs(3);
    jobs[1].prerequisites = {0};
    runner.exhausted_attempts[2] = 1;

    run(std::move(jobs), limit(3));

    EXPECT_EQ(observer.prepared, (std::vector<JobId>{0, 2, 1}));
    EXPECT_EQ(runner.specs[1].input, "prepared");
}

TEST_F(SchedulerTest, PreparationCanSkipOrFailAJobWithoutStartingIt) {
    std::vector<ScheduledJob> jobs = make_jobs(4);
    jobs[2].prerequisites = {0};
    jobs[3].prerequisites = {1};
    observer.preparations[0] = {Preparation::Verdict::skip, ""};
    observer.preparations[1] = {Preparation::Verdict::fail, "cannot write the input"};

    ScheduleSummary summary = run(std::move(jobs), limit(4));

    EXPECT_EQ(runner.started, (std::vector<JobId>{2}));
    EXPECT_EQ(summary.records[0].outcome, JobOutcome::skipped);
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::failed);
    EXPECT_EQ(summary.records[1].message, "cannot write the input");
    EXPECT_EQ(summary.records[3].outcome, JobOutcome::blocked);
    EXPECT_EQ(summary.skipped, 1u);
    EXPECT_FALSE(summary.all_succeeded());
}

TEST_F(SchedulerTest, AJobTheObserverRejectsCountsAsFailedAndBlocksItsDependents) {
    std::vector<ScheduledJob> jobs = make_jobs(2);
    jobs[1].prerequisites = {0};
    observer.reject = {0};

    ScheduleSummary summary = run(std::move(jobs), limit(2));

    EXPECT_EQ(summary.records[0].outcome, JobOutcome::failed);
    EXPECT_EQ(summary.records[0].message, "the notebook is not valid JSON");
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::blocked);
}

TEST_F(SchedulerTest, AnInterruptStopsStartingAndStopsTheRunningJobs) {
    runner.interrupt_after = 1;

    ScheduleSummary summary = run(make_jobs(6), limit(2));

    EXPECT_TRUE(runner.interrupt_all_called);
    EXPECT_EQ(runner.started, (std::vector<JobId>{0, 1, 2}));
    EXPECT_TRUE(summary.was_interrupted());
    EXPECT_EQ(summary.interrupt_signal, SIGINT);
    EXPECT_EQ(summary.records[0].outcome, JobOutcome::succeeded);
    EXPECT_EQ(summary.records[1].outcome, JobOutcome::interrupted);
    EXPECT_EQ(summary.records[2].outcome, JobOutcome::interrupted);
    EXPECT_EQ(summary.interrupted, 2u);
    EXPECT_EQ(summary.not_started, 3u);
}

TEST_F(SchedulerTest, UnlimitedStartsEveryJobAtOnce) {
    ScheduleSummary summary = run(make_jobs(100), limit(unlimited_concurrency));

    EXPECT_EQ(runner.max_running, 100u);
    EXPECT_EQ(summary.peak_in_flight, 100u);
    EXPECT_EQ(summary.succeeded, 100u);
}

TEST_F(SchedulerTest, GivesTheJobTimeoutToJobsWithoutTheirOwn) {
    std::vector<ScheduledJob> jobs = make_jobs(2);
    jobs[1].spec.timeout = milliseconds(500);
    SchedulerOptions options = limit(2);
    options.job_timeout = milliseconds(30000);

    run(std::move(jobs), options);

    EXPECT_EQ(runner.specs[0].timeout, milliseconds(30000));
    EXPECT_EQ(runner.specs[1].timeout, milliseconds(500));
}

TEST_F(SchedulerTest, ReportsATimedOutJob) {
    ProcessResult result;
    result.killed = KillReason::timeout;
    result.term_signal = SIGTERM;
    runner.results[0] = result;
    SchedulerOptions options = limit(1);
    options.job_timeout = milliseconds(30000);

    ScheduleSummary summary = run(make_jobs(1), options);

    EXPECT_EQ(summary.records[0].outcome, JobOutcome::timed_out);
    EXPECT_EQ(summary.records[0].message, "timed out after 30 s");
    EXPECT_EQ(summary.failed, 1u);
}

TEST_F(SchedulerTest, WarnsWithTheRunningJobsWhenNothingFinishesForLong) {
    runner.timeouts_to_report = 1;
    SchedulerOptions options = limit(2);
    options.stall_warning_after = milliseconds(0);

    run(make_jobs(3), options);

    ASSERT_EQ(observer.warnings.size(), 1u);
    EXPECT_EQ(observer.warnings[0], "no job has finished for 0 min; still running: job 0, job 1");
}

TEST_F(SchedulerTest, RefusesAPrerequisiteThatIsNotEarlierInTheList) {
    std::vector<ScheduledJob> jobs = make_jobs(2);
    jobs[0].prerequisites = {1};

    EXPECT_THROW(run(std::move(jobs), limit(2)), std::invalid_argument);
}

} // namespace
} // namespace clm
