// The child-process work of a build in groups (diagram conversions; executions and renders)
// that run in one schedule, under one limit.
#pragma once

#include <vector>

#include "clm/build_report.hpp"
#include "clm/command_runner.hpp"
#include "clm/scheduler.hpp"
#include "clm/status_printer.hpp"

namespace clm {

/// One group's jobs and the observer of them. A group's jobs may name jobs of groups
/// scheduled before it as prerequisites or as jobs to come after.
class JobGroup : public SchedulerObserver {
public:
    /// The group's jobs, numbered from `first` on. Called once, before the schedule runs,
    /// in the order of the groups.
    virtual std::vector<ScheduledJob> make_jobs(JobId first) = 0;
};

struct GroupsOutcome {
    ScheduleSummary summary;
    /// One record per job, in schedule order.
    std::vector<JobReport> jobs;
};

/// Runs the jobs of every group as one schedule, the groups' jobs in the order given, and
/// passes each job's events to the group that made it. Warnings go to `printer`.
GroupsOutcome run_job_groups(const std::vector<JobGroup*>& groups, CommandRunner& runner,
                             const SchedulerOptions& options, StatusPrinter& printer);

} // namespace clm
