// Building the HTML outputs: executions and renders as child processes under one limit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "clm/build_recorder.hpp"
#include "clm/build_report.hpp"
#include "clm/command_runner.hpp"
#include "clm/html_plan.hpp"
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

/// Runs the executions and renders of `plan` through `runner`: executions first, in plan
/// order, each in a fresh directory below `scratch` that holds its topic's other files; each
/// deck's render once its executions have ended, with the variants whose executions
/// succeeded. Rendered pages are written to their targets only when their bytes change.
/// Progress and failures go to `printer` as they happen. With a `recorder`, an execution
/// that an earlier build ran is not run again: its stored notebook is used, or its stored
/// failure shown again; and every result is told to the recorder.
HtmlBuildResult build_html(const HtmlPlan& plan, const JupyterTools& tools,
                           const SchedulerOptions& options, CommandRunner& runner,
                           StatusPrinter& printer, const std::filesystem::path& scratch,
                           BuildRecorder* recorder = nullptr);

} // namespace clm
