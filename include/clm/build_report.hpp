// What a build did, for the summary that ends every build and for `--report FILE`.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clm/concurrency_limit.hpp"
#include "clm/diagnostic.hpp"
#include "clm/pool_limits.hpp"

#include <nlohmann/json.hpp>

namespace clm {

/// One child process of the build.
struct JobReport {
    std::string name;    // "execute slides/m/t/slides_x.py (de)"
    std::string pool;    // "execute" or "render"
    std::string outcome; // outcome_name(JobOutcome): "succeeded", "failed", ...
    std::optional<std::chrono::system_clock::time_point> started;
    std::optional<std::chrono::system_clock::time_point> ended;
    int exit_status = 0;
    int term_signal = 0;
    std::string message; // why it failed; empty when it succeeded
};

struct BuildReport {
    std::string course; // the course's English name
    std::size_t outputs_planned = 0;
    std::size_t outputs_written = 0;
    std::size_t outputs_unchanged = 0;
    std::size_t outputs_failed = 0;
    std::size_t executions_run = 0;
    /// Executions that were not run because an equal one (same kernel, code and files)
    /// served them: for example the English variant of a deck whose code has no language.
    std::size_t executions_shared = 0;
    ConcurrencyLimit limit;
    std::size_t peak_in_flight = 0;
    PoolLimits pool_limits;
    /// The most processes of each pool that ran at once; a pool not named ran none.
    std::map<std::string, std::size_t> pool_peaks;
    double wall_seconds = 0;
    bool interrupted = false;
    std::vector<Diagnostic> errors;
    std::vector<JobReport> jobs;
};

/// The human summary: a few lines, the last one the verdict. Ends with a newline.
std::string summary_text(const BuildReport& report);

/// The --report document. Its schema is documented in README.md ("Build report").
nlohmann::json report_json(const BuildReport& report);

} // namespace clm
