// Building the HTML outputs: executions and renders as child processes under one limit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "clm/asset_plan.hpp"
#include "clm/build_recorder.hpp"
#include "clm/build_report.hpp"
#include "clm/command_runner.hpp"
#include "clm/html_plan.hpp"
#include "clm/job_group.hpp"
#include "clm/jupyter_tools.hpp"
#include "clm/scheduler.hpp"
#include "clm/status_printer.hpp"

namespace clm {

struct HtmlBuildResult {
    std::size_t written = 0;
    std::size_t unchanged = 0;
    std::size_t failed = 0;
    std::size_t executions_run = 0;
    /// Variants served by another variant's execution instead of a run of their own.
    std::size_t executions_shared = 0;
    /// Executions not run because an earlier build ran them with an equal key.
    std::size_t executions_reused = 0;
    std::size_t peak_in_flight = 0;
    std::map<std::string, std::size_t> pool_peaks;
    bool interrupted = false;
    std::vector<Diagnostic> errors;
    std::vector<JobReport> jobs;
};

/// What the HTML jobs share a schedule with: the jobs of `before` (diagram conversions) run
/// in the same schedule, ahead of them, and each execution comes after the jobs that
/// `jobs_of_topic` names for its topic. An execution finds the files that `assets` ships
/// beside its topic's decks (generated images too) in its directory; without `assets` it
/// finds the topic's other files. With a `recorder`, an execution that an earlier build ran
/// is not run again: its stored notebook is used, or its stored failure shown again; and
/// every result is told to the recorder.
struct HtmlDependencies {
    JobGroup* before = nullptr;
    std::function<std::vector<JobId>(const Topic*)> jobs_of_topic;
    const AssetPlan* assets = nullptr;
    BuildRecorder* recorder = nullptr;
};

/// Runs the executions and renders of `plan` through `runner`: executions first, in plan
/// order, each in a fresh directory below `scratch` that holds its topic's files; each
/// deck's render once its executions have ended, with the variants whose executions
/// succeeded. Rendered pages are written to their targets only when their bytes change.
/// Progress and failures go to `printer` as they happen. The result's jobs and peak cover
/// the jobs of `dependencies.before` too.
HtmlBuildResult build_html(const HtmlPlan& plan, const JupyterTools& tools,
                           const SchedulerOptions& options, CommandRunner& runner,
                           StatusPrinter& printer, const std::filesystem::path& scratch,
                           const HtmlDependencies& dependencies = {});

} // namespace clm
