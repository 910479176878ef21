#include "clm/job_group.hpp"

#include <utility>

namespace clm {
namespace {

/// Passes each job's events to its group; a group owns the ids from its first one up to
/// the next group's first.
class GroupDispatcher final : public SchedulerObserver {
public:
    explicit GroupDispatcher(StatusPrinter& printer)
        : m_printer(printer) {}

    void add(JobGroup* group, JobId first) { m_groups.emplace_back(first, group); }

    Preparation prepare(ScheduledJob& job) override { return owner(job.id).prepare(job); }
    void job_started(const ScheduledJob& job) override { owner(job.id).job_started(job); }
    std::optional<std::string> job_finished(const ScheduledJob& job, const JobRecord& record,
                                            ProcessResult& result) override {
        return owner(job.id).job_finished(job, record, result);
    }
    void warning(const std::string& message) override { m_printer.warning({"", 0, message}); }

private:
    JobGroup& owner(JobId id) {
        JobGroup* found = m_groups.front().second;
        for (const auto& [first, group] : m_groups) {
            if (id >= first) {
                found = group;
            }
        }
        return *found;
    }

    StatusPrinter& m_printer;
    std::vector<std::pair<JobId, JobGroup*>> m_groups;
};

} // namespace

GroupsOutcome run_job_groups(const std::vector<JobGroup*>& groups, CommandRunner& runner,
                             const SchedulerOptions& options, StatusPrinter& printer) {
    GroupDispatcher dispatcher(printer);
    std::vector<ScheduledJob> jobs;
    for (JobGroup* group : groups) {
        dispatcher.add(group, jobs.size());
        for (ScheduledJob& job : group->make_jobs(jobs.size())) {
            jobs.push_back(std::move(job));
        }
    }
    printer.set_total(jobs.size());
    std::vector<std::pair<std::string, std::string>> names;
    for (const ScheduledJob& job : jobs) {
        names.emplace_back(job.name, job.spec.pool);
    }
    GroupsOutcome outcome{run_schedule(std::move(jobs), runner, options, dispatcher), {}};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const JobRecord& record = outcome.summary.records[i];
        outcome.jobs.push_back({names[i].first, names[i].second,
                                std::string(outcome_name(record.outcome)), record.started_wall,
                                record.ended_wall, record.exit_status, record.term_signal,
                                record.message});
    }
    return outcome;
}

} // namespace clm
