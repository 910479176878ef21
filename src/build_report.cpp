#include "clm/build_report.hpp"

#include <cmath>
#include <cstdio>

namespace clm {
namespace {

using SystemTime = std::chrono::system_clock::time_point;

/// "12.3 s": one decimal is enough to compare builds and keeps the verdict short.
std::string seconds_text(double seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
    return buffer;
}

/// "1 output" or "3 outputs".
std::string counted(std::size_t count, const std::string& noun) {
    return std::to_string(count) + ' ' + noun + (count == 1 ? "" : "s");
}

std::string verdict(const BuildReport& report) {
    std::string time = seconds_text(report.wall_seconds);
    if (report.interrupted) {
        return "clm: build interrupted (" + time + ")";
    }
    if (report.outputs_failed > 0) {
        return "clm: build failed: " + counted(report.outputs_failed, "output") + " failed (" +
               time + ")";
    }
    // Errors that failed no output (a configuration problem, say) still fail the build.
    if (!report.errors.empty()) {
        return "clm: build failed: " + counted(report.errors.size(), "error") + " (" + time + ")";
    }
    return "clm: build succeeded in " + time;
}

/// ISO 8601 in UTC with milliseconds: "2026-12-03T19:40:01.123Z".
std::string iso8601_utc(SystemTime instant) {
    using namespace std::chrono;
    auto millis = floor<milliseconds>(instant);
    auto day = floor<days>(millis);
    year_month_day date{day};
    hh_mm_ss time{millis - day};
    char buffer[40];
    std::snprintf(
        buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
        static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
    return buffer;
}

nlohmann::json instant_json(const std::optional<SystemTime>& instant) {
    return instant ? nlohmann::json(iso8601_utc(*instant)) : nlohmann::json(nullptr);
}

nlohmann::json error_json(const Diagnostic& diagnostic) {
    nlohmann::json file =
        diagnostic.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(diagnostic.file);
    nlohmann::json line =
        diagnostic.line > 0 ? nlohmann::json(diagnostic.line) : nlohmann::json(nullptr);
    return {{"file", file}, {"line", line}, {"message", diagnostic.message}};
}

nlohmann::json job_json(const JobReport& job) {
    return {{"name", job.name},
            {"pool", job.pool},
            {"outcome", job.outcome},
            {"start", instant_json(job.started)},
            {"end", instant_json(job.ended)},
            {"exit_status", job.exit_status},
            {"term_signal", job.term_signal},
            {"message", job.message}};
}

nlohmann::json limit_json(const ConcurrencyLimit& limit, std::size_t peak) {
    nlohmann::json number = limit.limit == unlimited_concurrency ? nlohmann::json("unlimited")
                                                                 : nlohmann::json(limit.limit);
    return {{"limit", number},
            {"source", std::string(limit_source_name(limit.source))},
            {"peak", peak}};
}

std::size_t pool_peak(const BuildReport& report, std::string_view pool) {
    auto found = report.pool_peaks.find(std::string(pool));
    return found == report.pool_peaks.end() ? 0 : found->second;
}

nlohmann::json pools_json(const BuildReport& report) {
    nlohmann::json pools = nlohmann::json::object();
    for (const auto& [pool, limit] : report.pool_limits) {
        pools[pool] = limit_json(limit, pool_peak(report, pool));
    }
    return pools;
}

/// "pools: execute peak 50, drawio limit 2 (default) peak 2": the pools that ran anything.
std::string pools_text(const BuildReport& report) {
    std::string text;
    for (std::string_view pool : pool_names) {
        std::size_t peak = pool_peak(report, pool);
        if (peak == 0) {
            continue;
        }
        text += (text.empty() ? "pools: " : ", ") + std::string(pool);
        auto limit = report.pool_limits.find(pool);
        if (limit != report.pool_limits.end() && limit->second.limit != unlimited_concurrency) {
            text += " limit " + limit_text(limit->second.limit) + " (" +
                    std::string(limit_source_name(limit->second.source)) + ")";
        }
        text += " peak " + std::to_string(peak);
    }
    return text.empty() ? text : text + "\n";
}

} // namespace

std::string summary_text(const BuildReport& report) {
    std::string text = "outputs: " + std::to_string(report.outputs_written) + " written, " +
                       std::to_string(report.outputs_unchanged) + " unchanged, " +
                       std::to_string(report.outputs_failed) + " failed (" +
                       std::to_string(report.outputs_planned) + " planned)\n";
    // A build that started no process has nothing to say about executions or the limit.
    if (report.peak_in_flight > 0) {
        text += "executions: " + std::to_string(report.executions_run) + " run, " +
                std::to_string(report.executions_shared) + " shared\n";
        text += "processes: limit " + limit_text(report.limit.limit) + " (" +
                std::string(limit_source_name(report.limit.source)) + "), peak " +
                std::to_string(report.peak_in_flight) + "\n";
        text += pools_text(report);
    }
    return text + verdict(report) + "\n";
}

nlohmann::json report_json(const BuildReport& report) {
    nlohmann::json errors = nlohmann::json::array();
    for (const Diagnostic& diagnostic : report.errors) {
        errors.push_back(error_json(diagnostic));
    }
    nlohmann::json jobs = nlohmann::json::array();
    for (const JobReport& job : report.jobs) {
        jobs.push_back(job_json(job));
    }
    return {{"version", 1},
            {"course", report.course},
            {"outputs",
             {{"planned", report.outputs_planned},
              {"written", report.outputs_written},
              {"unchanged", report.outputs_unchanged},
              {"failed", report.outputs_failed}}},
            {"executions", {{"run", report.executions_run}, {"shared", report.executions_shared}}},
            {"concurrency", limit_json(report.limit, report.peak_in_flight)},
            {"pools", pools_json(report)},
            // Milliseconds are the precision of the job times; more digits would be noise.
            {"wall_seconds", std::round(report.wall_seconds * 1000) / 1000},
            {"interrupted", report.interrupted},
            {"errors", errors},
            {"jobs", jobs}};
}

} // namespace clm
