// The build loop: starts jobs through a CommandRunner, never more at once than the limit,
// and records what became of each. Reporting is left to a SchedulerObserver.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/command_runner.hpp"
#include "clm/concurrency_limit.hpp"
#include "clm/job.hpp"

namespace clm {

/// One piece of work for the scheduler.
struct ScheduledJob {
    JobId id = 0;
    /// For messages: "execute slides_010_intro.py (de)".
    std::string name;
    ProcessSpec spec;
    /// Jobs earlier in the list that must succeed before this one starts.
    std::vector<JobId> prerequisites;
    /// Jobs earlier in the list that must have ended, whatever their outcome, before this
    /// one starts. The job itself decides (in SchedulerObserver::prepare) what to do with
    /// what they left.
    std::vector<JobId> after;
};

enum class JobOutcome {
    succeeded,
    failed,       // ran and exited non-zero or by a signal, or the observer rejected it
    timed_out,    // killed after running longer than the job timeout
    cannot_start, // the program is missing or not executable: a configuration error
    blocked,      // not started because a prerequisite did not succeed
    not_started,  // not started because of --fail-fast or an interrupt
    interrupted,  // killed because clm was interrupted
    skipped,      // not started because prepare() found nothing for it to do
};

/// The outcome as reports name it: "succeeded", "timed_out", "cannot_start", ...
std::string_view outcome_name(JobOutcome outcome);

/// What became of one job. Times are set for jobs that were started.
struct JobRecord {
    JobId id = 0;
    JobOutcome outcome = JobOutcome::not_started;
    int exit_status = 0;
    int term_signal = 0;
    /// Why the job failed, for outcomes other than succeeded; empty otherwise.
    std::string message;
    std::optional<std::chrono::steady_clock::time_point> started;
    std::optional<std::chrono::steady_clock::time_point> ended;
    std::optional<std::chrono::system_clock::time_point> started_wall;
    std::optional<std::chrono::system_clock::time_point> ended_wall;
};

struct SchedulerOptions {
    /// At most this many jobs in flight; unlimited_concurrency for no limit. 0 acts as 1.
    std::size_t max_in_flight = default_concurrency;
    /// At most this many jobs of a pool (ProcessSpec::pool) in flight, within max_in_flight.
    /// A pool not named here is bounded by max_in_flight alone. 0 acts as 1.
    std::map<std::string, std::size_t> pool_limits;
    /// Start nothing new after the first failure; running jobs still finish.
    bool fail_fast = false;
    /// Given to every job whose spec sets no timeout of its own.
    std::optional<std::chrono::milliseconds> job_timeout;
    /// A warning names the running jobs when none has finished for this long.
    std::chrono::milliseconds stall_warning_after = std::chrono::minutes(5);
    /// When a start fails for lack of resources while nothing runs, it is retried after
    /// this delay, doubling each time, at most `resource_retries` times before the job
    /// fails. (While jobs run, the retry waits for one of them to end instead.)
    std::chrono::milliseconds resource_retry_delay{50};
    int resource_retries = 8;
};

/// What SchedulerObserver::prepare decided for a job that is about to start.
struct Preparation {
    enum class Verdict { start, skip, fail };
    Verdict verdict = Verdict::start;
    std::string message; // why, for fail
};

/// Receives the scheduler's events; every callback is optional.
class SchedulerObserver {
public:
    virtual ~SchedulerObserver() = default;
    /// Called once for each job, just before it would start, when its prerequisites have
    /// succeeded and the jobs it comes after have ended. The observer may complete the job's
    /// spec here (write its input files, say), skip it, or fail it without starting it.
    virtual Preparation prepare(ScheduledJob& /*job*/) { return {}; }
    virtual void job_started(const ScheduledJob& /*job*/) {}
    /// A started job has ended, or could not start at all (then result.spawn_error is set).
    /// The observer may move the output out of `result`. It returns a message when it finds
    /// the job failed although the process succeeded (its product is unusable); the job
    /// then counts as failed and that message is recorded.
    virtual std::optional<std::string> job_finished(const ScheduledJob& /*job*/,
                                                    const JobRecord& /*record*/,
                                                    ProcessResult& /*result*/) {
        return std::nullopt;
    }
    /// A problem that does not fail a job, e.g. `cannot start more processes (EAGAIN);
    /// limiting to 7 in flight`.
    virtual void warning(const std::string& /*message*/) {}
};

struct ScheduleSummary {
    /// One record per job, in the order of the job list.
    std::vector<JobRecord> records;
    std::size_t peak_in_flight = 0;
    /// The most jobs of each pool that ran at once, for every pool the job list names.
    std::map<std::string, std::size_t> pool_peaks;
    /// The limit at the end: the configured one, or lower after resource exhaustion.
    std::size_t effective_limit = 0;
    /// The signal that interrupted the build, or 0.
    int interrupt_signal = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0; // failed, timed out or could not start
    std::size_t blocked = 0;
    std::size_t not_started = 0;
    std::size_t interrupted = 0;
    std::size_t skipped = 0;

    bool was_interrupted() const { return interrupt_signal != 0; }
    bool all_succeeded() const { return succeeded + skipped == records.size(); }
};

/// Runs `jobs` through `runner`. Ready jobs start in list order while fewer than the limit
/// are in flight; a prerequisite (or a job to come after) must come earlier in the list than
/// the job naming it (std::invalid_argument otherwise, as for duplicate ids). A skipped job
/// counts as succeeded for the jobs that need it. On an interrupt nothing new
/// starts, the runner stops every running job, and the summary says so. Returns when no
/// job is running and none can start.
ScheduleSummary run_schedule(std::vector<ScheduledJob> jobs, CommandRunner& runner,
                             const SchedulerOptions& options, SchedulerObserver& observer);

} // namespace clm
