#include <chrono>

#include "clm/build_report.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

using namespace std::chrono;

BuildReport finished_report() {
    BuildReport report;
    report.course = "Python Programming";
    report.outputs_planned = 435;
    report.outputs_written = 420;
    report.outputs_unchanged = 12;
    report.outputs_failed = 3;
    report.executions_run = 110;
    report.executions_shared = 108;
    report.limit = {50, LimitSource::flag};
    report.peak_in_flight = 50;
    report.pool_limits = resolve_pool_limits({"execute=40"}, std::nullopt);
    report.pool_peaks = {{"execute", 40}, {"render", 12}};
    report.wall_seconds = 12.34;
    return report;
}

system_clock::time_point instant(sys_days day, milliseconds time_of_day) {
    return system_clock::time_point(day) + time_of_day;
}

TEST(BuildReport, SummaryOfAFailedBuildCountsOutputsExecutionsAndProcesses) {
    EXPECT_EQ(summary_text(finished_report()),
              "outputs: 420 written, 12 unchanged, 3 failed (435 planned)\n"
              "executions: 110 run, 108 shared\n"
              "processes: limit 50 (flag), peak 50\n"
              "pools: execute limit 40 (flag) peak 40, render peak 12\n"
              "clm: build failed: 3 outputs failed (12.3 s)\n");
}

TEST(BuildReport, SummaryOfASuccessfulBuildGivesItsTime) {
    BuildReport report = finished_report();
    report.outputs_written = 423;
    report.outputs_failed = 0;
    report.limit = {unlimited_concurrency, LimitSource::environment};
    EXPECT_EQ(summary_text(report), "outputs: 423 written, 12 unchanged, 0 failed (435 planned)\n"
                                    "executions: 110 run, 108 shared\n"
                                    "processes: limit unlimited (environment), peak 50\n"
                                    "pools: execute limit 40 (flag) peak 40, render peak 12\n"
                                    "clm: build succeeded in 12.3 s\n");
}

TEST(BuildReport, SummaryOfAnInterruptedBuildSaysSo) {
    BuildReport report = finished_report();
    report.interrupted = true;
    report.wall_seconds = 4.06;
    std::string text = summary_text(report);
    EXPECT_TRUE(text.ends_with("\nclm: build interrupted (4.1 s)\n")) << text;
}

TEST(BuildReport, SummaryCountsASingleFailedOutputInTheSingular) {
    BuildReport report = finished_report();
    report.outputs_failed = 1;
    EXPECT_TRUE(summary_text(report).ends_with("\nclm: build failed: 1 output failed (12.3 s)\n"));
}

TEST(BuildReport, ErrorsWithoutFailedOutputsFailTheBuild) {
    BuildReport report = finished_report();
    report.outputs_failed = 0;
    report.errors = {{"", 0, "jupyter is not installed"}, {"a.py", 3, "bad"}};
    EXPECT_TRUE(summary_text(report).ends_with("\nclm: build failed: 2 errors (12.3 s)\n"));
}

TEST(BuildReport, SummaryLeavesOutProcessesWhenNoneRan) {
    BuildReport report;
    report.outputs_planned = 8;
    report.outputs_unchanged = 8;
    report.wall_seconds = 0.04;
    EXPECT_EQ(summary_text(report), "outputs: 0 written, 8 unchanged, 0 failed (8 planned)\n"
                                    "clm: build succeeded in 0.0 s\n");
}

TEST(BuildReport, JsonHoldsEveryField) {
    BuildReport report = finished_report();
    report.errors = {{"slides/a.py", 12, "cell 3 raised ValueError: bad"}};
    JobReport job;
    job.name = "execute slides/a.py (de)";
    job.pool = "execute";
    job.outcome = "failed";
    job.started = instant(2026y / December / 3, 19h + 40min + 1s + 123ms);
    job.ended = instant(2026y / December / 3, 19h + 40min + 5s + 7ms);
    job.exit_status = 1;
    job.message = "cell 3 raised ValueError: bad";
    JobReport never;
    never.name = "render slides/b.py";
    never.pool = "render";
    never.outcome = "not_started";
    report.jobs = {job, never};

    nlohmann::json expected = nlohmann::json::parse(R"json({
        "version": 1,
        "course": "Python Programming",
        "outputs": {"planned": 435, "written": 420, "unchanged": 12, "failed": 3},
        "executions": {"run": 110, "shared": 108},
        "concurrency": {"limit": 50, "source": "flag", "peak": 50},
        "pools": {
            "execute": {"limit": 40, "source": "flag", "peak": 40},
            "render": {"limit": "unlimited", "source": "default", "peak": 12},
            "plantuml": {"limit": "unlimited", "source": "default", "peak": 0},
            "drawio": {"limit": 2, "source": "default", "peak": 0}
        },
        "wall_seconds": 12.34,
        "interrupted": false,
        "errors": [{"file": "slides/a.py", "line": 12,
                    "message": "cell 3 raised ValueError: bad"}],
        "jobs": [
            {"name": "execute slides/a.py (de)", "pool": "execute", "outcome": "failed",
             "start": "2026-12-03T19:40:01.123Z", "end": "2026-12-03T19:40:05.007Z",
             "exit_status": 1, "term_signal": 0,
             "message": "cell 3 raised ValueError: bad"},
            {"name": "render slides/b.py", "pool": "render", "outcome": "not_started",
             "start": null, "end": null, "exit_status": 0, "term_signal": 0, "message": ""}
        ]
    })json");
    EXPECT_EQ(report_json(report), expected) << report_json(report).dump(2);
}

TEST(BuildReport, JsonTimestampsAreUtcAndCutToMilliseconds) {
    BuildReport report;
    JobReport job;
    job.started = instant(2000y / January / 1, 0ms) - microseconds(1);
    job.ended = system_clock::time_point(sys_days(2031y / February / 28)) + 23h + 59min + 59s +
                microseconds(999999);
    report.jobs = {job};
    nlohmann::json json = report_json(report);
    EXPECT_EQ(json["jobs"][0]["start"], "1999-12-31T23:59:59.999Z");
    EXPECT_EQ(json["jobs"][0]["end"], "2031-02-28T23:59:59.999Z");
}

TEST(BuildReport, JsonWritesAnUnlimitedLimitAsAString) {
    BuildReport report;
    report.limit = {unlimited_concurrency, LimitSource::default_value};
    nlohmann::json json = report_json(report);
    EXPECT_EQ(json["concurrency"]["limit"], "unlimited");
    EXPECT_EQ(json["concurrency"]["source"], "default");
}

TEST(BuildReport, JsonErrorWithoutFileOrLineHasNulls) {
    BuildReport report;
    report.interrupted = true;
    report.wall_seconds = 4.0004;
    report.errors = {{"", 0, "jupyter is not installed"}};
    nlohmann::json json = report_json(report);
    EXPECT_EQ(json["errors"][0],
              nlohmann::json::parse(
                  R"({"file": null, "line": null, "message": "jupyter is not installed"})"));
    EXPECT_EQ(json["interrupted"], true);
    EXPECT_EQ(json["wall_seconds"], 4.0);
}

} // namespace
} // namespace clm
