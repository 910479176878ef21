#include "clm/scheduler.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "ready_queue.hpp"

namespace clm {
namespace {

using Clock = std::chrono::steady_clock;

bool is_failure(JobOutcome outcome) {
    return outcome == JobOutcome::failed || outcome == JobOutcome::timed_out ||
           outcome == JobOutcome::cannot_start || outcome == JobOutcome::blocked;
}

std::string duration_text(std::chrono::milliseconds duration) {
    if (duration.count() % 1000 == 0) {
        return std::to_string(duration.count() / 1000) + " s";
    }
    return std::to_string(duration.count()) + " ms";
}

std::string program_of(const ScheduledJob& job) {
    return job.spec.argv.empty() ? std::string() : job.spec.argv.front();
}

/// The outcome of a job the runner reports as finished, and why it is not a success.
std::pair<JobOutcome, std::string> judge(const ScheduledJob& job, const ProcessResult& result) {
    switch (result.killed) {
    case KillReason::timeout:
        return {JobOutcome::timed_out,
                "timed out after " +
                    duration_text(job.spec.timeout.value_or(std::chrono::milliseconds::zero()))};
    case KillReason::interrupt:
        return {JobOutcome::interrupted, "stopped because clm was interrupted"};
    case KillReason::request:
        return {JobOutcome::failed, "stopped on request"};
    case KillReason::none:
        break;
    }
    if (result.term_signal != 0) {
        return {JobOutcome::failed, "killed by signal " + std::to_string(result.term_signal)};
    }
    if (result.exit_status != 0) {
        return {JobOutcome::failed, "exited with status " + std::to_string(result.exit_status)};
    }
    return {JobOutcome::succeeded, ""};
}

/// The state of one run_schedule() call. Jobs are referred to by their index in the list.
class Schedule {
public:
    Schedule(std::vector<ScheduledJob> jobs, CommandRunner& runner, const SchedulerOptions& options,
             SchedulerObserver& observer);
    ScheduleSummary run();

private:
    void index_jobs();
    bool start_ready_jobs();
    bool pool_has_room(const std::string& pool) const;
    void started(std::size_t index);
    void fail_to_start(std::size_t index, JobOutcome outcome, const std::string& message,
                       ProcessResult result);
    void lower_limit(const std::string& cause);
    void finished(JobFinished& event);
    bool prepare(std::size_t index);
    void settle(std::size_t index, JobOutcome outcome, std::string message);
    void release(const std::vector<std::size_t>& waiting);
    void block_dependents(std::size_t index);
    void warn_if_stalled();
    ScheduleSummary summarize() const;

    std::vector<ScheduledJob> m_jobs;
    CommandRunner& m_runner;
    const SchedulerOptions& m_options;
    SchedulerObserver& m_observer;

    std::vector<JobRecord> m_records;
    std::unordered_map<JobId, std::size_t> m_index;
    std::vector<std::vector<std::size_t>> m_dependents; // need the job to succeed
    std::vector<std::vector<std::size_t>> m_followers;  // need the job to have ended
    std::vector<std::size_t> m_unfinished_prerequisites;
    std::vector<bool> m_prepared;
    ReadyQueue m_ready;
    std::set<std::size_t> m_running; // ordered, so stall warnings list them in order
    std::map<std::string, std::size_t> m_running_per_pool;
    std::map<std::string, std::size_t> m_pool_peaks;
    /// The job whose start failed for lack of resources, which starts first once it can.
    std::optional<std::size_t> m_waiting_for_resources;

    std::size_t m_limit;
    std::size_t m_peak = 0;
    bool m_stopping = false; // after a failure with fail_fast, or an interrupt
    int m_interrupt_signal = 0;
    bool m_warned_about_resources = false;
    int m_idle_retries = 0;
    Clock::time_point m_last_progress = Clock::now();
};

Schedule::Schedule(std::vector<ScheduledJob> jobs, CommandRunner& runner,
                   const SchedulerOptions& options, SchedulerObserver& observer)
    : m_jobs(std::move(jobs))
    , m_runner(runner)
    , m_options(options)
    , m_observer(observer)
    , m_limit(std::max<std::size_t>(1, options.max_in_flight)) {
    index_jobs();
}

void Schedule::index_jobs() {
    m_records.resize(m_jobs.size());
    m_dependents.resize(m_jobs.size());
    m_followers.resize(m_jobs.size());
    m_unfinished_prerequisites.resize(m_jobs.size());
    m_prepared.resize(m_jobs.size());
    auto link = [&](std::vector<std::vector<std::size_t>>& lists, JobId earlier,
                    std::size_t index) {
        auto found = m_index.find(earlier);
        if (found == m_index.end()) {
            throw std::invalid_argument("a prerequisite must come earlier in the job list");
        }
        lists[found->second].push_back(index);
        ++m_unfinished_prerequisites[index];
    };
    for (std::size_t index = 0; index < m_jobs.size(); ++index) {
        ScheduledJob& job = m_jobs[index];
        for (JobId prerequisite : job.prerequisites) {
            link(m_dependents, prerequisite, index);
        }
        for (JobId earlier : job.after) {
            link(m_followers, earlier, index);
        }
        if (!m_index.emplace(job.id, index).second) {
            throw std::invalid_argument("job ids must be unique");
        }
        if (!job.spec.timeout) {
            job.spec.timeout = m_options.job_timeout;
        }
        m_records[index].id = job.id;
        m_pool_peaks.emplace(job.spec.pool, 0);
        if (m_unfinished_prerequisites[index] == 0) {
            m_ready.insert(index, job.spec.pool);
        }
    }
}

/// The build loop. Each turn starts what the limit allows, then reacts to one event.
ScheduleSummary Schedule::run() {
    for (;;) {
        bool starved = !m_stopping && !start_ready_jobs();
        std::optional<std::chrono::milliseconds> timeout;
        if (m_running.empty()) {
            if (!starved) {
                break; // nothing runs and nothing more can start
            }
            // No running job will end and free resources, so back off and try again; a
            // system that stays exhausted fails the job rather than hanging the build.
            if (m_idle_retries == m_options.resource_retries) {
                std::size_t index = *m_waiting_for_resources;
                m_waiting_for_resources.reset();
                m_ready.erase(index, m_jobs[index].spec.pool);
                fail_to_start(index, JobOutcome::failed,
                              "cannot start \"" + program_of(m_jobs[index]) +
                                  "\": the system is out of processes or descriptors",
                              ProcessResult{});
                m_idle_retries = 0;
                continue;
            }
            timeout = m_options.resource_retry_delay * (1 << m_idle_retries++);
        } else {
            auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                                               m_last_progress);
            timeout =
                std::max(std::chrono::milliseconds::zero(), m_options.stall_warning_after - quiet);
        }

        RunnerEvent event = m_runner.wait(timeout);
        if (auto* done = std::get_if<JobFinished>(&event)) {
            m_idle_retries = 0;
            finished(*done);
        } else if (auto* interrupt = std::get_if<Interrupted>(&event)) {
            if (m_interrupt_signal == 0) {
                m_interrupt_signal = interrupt->signal;
                m_stopping = true;
                m_runner.interrupt_all(); // the killed jobs' events follow
            }
        } else if (!m_running.empty()) {
            warn_if_stalled();
        }
    }
    return summarize();
}

/// Starts ready jobs in list order while the limit and their pools' limits allow. Returns
/// false when a start failed for lack of resources; that job then starts first once it can.
bool Schedule::start_ready_jobs() {
    auto has_room = [this](const std::string& pool) { return pool_has_room(pool); };
    while (!m_stopping && m_running.size() < m_limit) {
        std::optional<std::size_t> next =
            m_waiting_for_resources ? m_waiting_for_resources : m_ready.first_startable(has_room);
        if (!next) {
            break;
        }
        std::size_t index = *next;
        if (!prepare(index)) {
            continue;
        }
        const ScheduledJob& job = m_jobs[index];
        StartOutcome outcome = m_runner.start(job.id, job.spec);
        if (auto* exhausted = std::get_if<ResourcesExhausted>(&outcome)) {
            m_waiting_for_resources = index;
            lower_limit(exhausted->cause);
            return false;
        }
        m_waiting_for_resources.reset();
        m_ready.erase(index, job.spec.pool);
        if (auto* failure = std::get_if<StartFailed>(&outcome)) {
            ProcessResult result;
            result.spawn_error = failure->error;
            fail_to_start(index, JobOutcome::cannot_start,
                          "cannot run \"" + program_of(job) + "\": " + failure->error.message +
                              " (" + failure->error.name + ")",
                          std::move(result));
        } else {
            started(index);
        }
    }
    return true;
}

bool Schedule::pool_has_room(const std::string& pool) const {
    auto cap = m_options.pool_limits.find(pool);
    if (cap == m_options.pool_limits.end()) {
        return true;
    }
    auto running = m_running_per_pool.find(pool);
    return running == m_running_per_pool.end() ||
           running->second < std::max<std::size_t>(1, cap->second);
}

/// Lets the observer prepare a ready job, once. Returns false when
/// the job was skipped or failed instead of being started.
bool Schedule::prepare(std::size_t index) {
    if (m_prepared[index]) {
        return true; // prepared before a start that had to wait for resources
    }
    m_prepared[index] = true;
    Preparation preparation = m_observer.prepare(m_jobs[index]);
    if (preparation.verdict == Preparation::Verdict::start) {
        return true;
    }
    m_ready.erase(index, m_jobs[index].spec.pool);
    if (preparation.verdict == Preparation::Verdict::skip) {
        settle(index, JobOutcome::skipped, "");
    } else {
        fail_to_start(index, JobOutcome::failed, preparation.message, ProcessResult{});
    }
    return false;
}

void Schedule::started(std::size_t index) {
    JobRecord& record = m_records[index];
    record.started = Clock::now();
    record.started_wall = std::chrono::system_clock::now();
    m_running.insert(index);
    m_peak = std::max(m_peak, m_running.size());
    const std::string& pool = m_jobs[index].spec.pool;
    std::size_t& in_pool = m_running_per_pool[pool];
    m_pool_peaks[pool] = std::max(m_pool_peaks[pool], ++in_pool);
    m_idle_retries = 0;
    m_observer.job_started(m_jobs[index]);
}

void Schedule::fail_to_start(std::size_t index, JobOutcome outcome, const std::string& message,
                             ProcessResult result) {
    JobRecord& record = m_records[index];
    record.outcome = outcome;
    record.message = message;
    m_observer.job_finished(m_jobs[index], record, result);
    settle(index, outcome, message);
}

/// After a start failed for lack of resources, the limit becomes what the system showed it
/// can bear: the jobs running now (at least one). It is never raised again.
void Schedule::lower_limit(const std::string& cause) {
    m_limit = std::max<std::size_t>(1, std::min(m_limit, m_running.size()));
    if (!m_warned_about_resources) {
        m_warned_about_resources = true;
        m_observer.warning("cannot start more processes (" + cause + "); limiting to " +
                           std::to_string(m_limit) + " in flight");
    }
}

void Schedule::finished(JobFinished& event) {
    auto found = m_index.find(event.id);
    if (found == m_index.end() || m_running.erase(found->second) == 0) {
        throw std::logic_error("the runner reported a job that was not running");
    }
    std::size_t index = found->second;
    --m_running_per_pool[m_jobs[index].spec.pool];
    ProcessResult& result = event.result;
    JobRecord& record = m_records[index];
    record.exit_status = result.exit_status;
    record.term_signal = result.term_signal;
    if (result.started != Clock::time_point{}) {
        record.started = result.started;
        record.started_wall = result.started_wall;
    }
    bool timed = result.ended != Clock::time_point{};
    record.ended = timed ? result.ended : Clock::now();
    record.ended_wall = timed ? result.ended_wall : std::chrono::system_clock::now();
    auto [outcome, message] = judge(m_jobs[index], result);
    record.outcome = outcome;
    record.message = message;
    std::optional<std::string> rejection = m_observer.job_finished(m_jobs[index], record, result);
    if (outcome == JobOutcome::succeeded && rejection) {
        outcome = JobOutcome::failed;
        message = *rejection;
    }
    m_last_progress = Clock::now();
    settle(index, outcome, message);
}

void Schedule::settle(std::size_t index, JobOutcome outcome, std::string message) {
    m_records[index].outcome = outcome;
    m_records[index].message = std::move(message);
    if (outcome == JobOutcome::succeeded || outcome == JobOutcome::skipped) {
        release(m_dependents[index]);
    } else if (is_failure(outcome)) {
        m_stopping = m_stopping || m_options.fail_fast;
        block_dependents(index);
    }
    release(m_followers[index]);
}

/// One job the `waiting` jobs wait for has ended; those waiting for nothing else are ready.
void Schedule::release(const std::vector<std::size_t>& waiting) {
    for (std::size_t job : waiting) {
        if (--m_unfinished_prerequisites[job] == 0 &&
            m_records[job].outcome == JobOutcome::not_started) {
            m_ready.insert(job, m_jobs[job].spec.pool);
        }
    }
}

/// Marks every job that needs `index`, directly or through others, as blocked. The jobs
/// that only come after a blocked job may then start.
void Schedule::block_dependents(std::size_t index) {
    std::vector<std::size_t> pending = {index};
    while (!pending.empty()) {
        std::size_t failed = pending.back();
        pending.pop_back();
        for (std::size_t dependent : m_dependents[failed]) {
            JobRecord& record = m_records[dependent];
            if (record.outcome == JobOutcome::not_started) {
                record.outcome = JobOutcome::blocked;
                record.message = "needs " + m_jobs[failed].name + ", which did not succeed";
                pending.push_back(dependent);
                release(m_followers[dependent]);
            }
        }
    }
}

void Schedule::warn_if_stalled() {
    auto quiet = Clock::now() - m_last_progress;
    if (quiet < m_options.stall_warning_after) {
        return;
    }
    std::string names;
    for (std::size_t index : m_running) {
        names += (names.empty() ? "" : ", ") + m_jobs[index].name;
    }
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(quiet).count();
    m_observer.warning("no job has finished for " + std::to_string(minutes) +
                       " min; still running: " + names);
    m_last_progress = Clock::now();
}

ScheduleSummary Schedule::summarize() const {
    ScheduleSummary summary;
    summary.records = m_records;
    summary.peak_in_flight = m_peak;
    summary.pool_peaks = m_pool_peaks;
    summary.effective_limit = m_limit;
    summary.interrupt_signal = m_interrupt_signal;
    for (const JobRecord& record : m_records) {
        switch (record.outcome) {
        case JobOutcome::succeeded:
            ++summary.succeeded;
            break;
        case JobOutcome::failed:
        case JobOutcome::timed_out:
        case JobOutcome::cannot_start:
            ++summary.failed;
            break;
        case JobOutcome::blocked:
            ++summary.blocked;
            break;
        case JobOutcome::not_started:
            ++summary.not_started;
            break;
        case JobOutcome::interrupted:
            ++summary.interrupted;
            break;
        case JobOutcome::skipped:
            ++summary.skipped;
            break;
        }
    }
    return summary;
}

} // namespace

std::string_view outcome_name(JobOutcome outcome) {
    switch (outcome) {
    case JobOutcome::succeeded:
        return "succeeded";
    case JobOutcome::failed:
        return "failed";
    case JobOutcome::timed_out:
        return "timed_out";
    case JobOutcome::cannot_start:
        return "cannot_start";
    case JobOutcome::blocked:
        return "blocked";
    case JobOutcome::not_started:
        return "not_started";
    case JobOutcome::interrupted:
        return "interrupted";
    case JobOutcome::skipped:
        return "skipped";
    }
    return "unknown";
}

ScheduleSummary run_schedule(std::vector<ScheduledJob> jobs, CommandRunner& runner,
                             const SchedulerOptions& options, SchedulerObserver& observer) {
    return Schedule(std::move(jobs), runner, options, observer).run();
}

} // namespace clm
