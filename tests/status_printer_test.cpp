#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "clm/status_printer.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

using namespace std::chrono_literals;

/// Drives a StatusPrinter with string sinks and a clock that moves only when told to.
class StatusPrinterTest : public ::testing::Test {
protected:
    std::string out;
    std::string err;
    /// Every write in order, tagged 'o' (out) or 'e' (err), to check what comes before what.
    std::vector<std::pair<char, std::string>> writes;
    std::chrono::steady_clock::time_point clock{};

    StatusPrinter make(StatusMode mode, bool verbose = false, bool color = false,
                       std::size_t width = 80) {
        StatusOptions options;
        options.mode = mode;
        options.verbose = verbose;
        options.color = color;
        options.width = width;
        return StatusPrinter(
            options,
            [this](std::string_view text) {
                out += text;
                writes.emplace_back('o', std::string(text));
            },
            [this](std::string_view text) {
                err += text;
                writes.emplace_back('e', std::string(text));
            },
            [this] { return clock; });
    }

    std::string last_out() const {
        for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
            if (it->first == 'o') {
                return it->second;
            }
        }
        return "<none>";
    }
};

const Diagnostic cell_error{"slides/a.py", 12, "cell 3 raised ValueError: bad"};

BuildReport small_report() {
    BuildReport report;
    report.outputs_planned = 4;
    report.outputs_written = 4;
    report.wall_seconds = 1.25;
    return report;
}

std::string numbered_lines(int first, int last) {
    std::string text;
    for (int i = first; i <= last; ++i) {
        text += "line " + std::to_string(i) + "\n";
    }
    return text;
}

TEST_F(StatusPrinterTest, SmartLineShowsCountsAndNewestRunningJob) {
    StatusPrinter printer = make(StatusMode::smart_terminal);
    printer.set_total(3);
    printer.job_started("execute a.py (de)", {"jupyter"});
    printer.job_started("execute b.py (en)", {"jupyter"});
    EXPECT_EQ(out, "\r[0/3] running 1: execute a.py (de)\x1b[K"
                   "\r[0/3] running 2: execute b.py (en)\x1b[K");
    EXPECT_EQ(err, "");
}

TEST_F(StatusPrinterTest, SmartLineShowsFailuresAndEstimateOnceAJobFinished) {
    StatusPrinter printer = make(StatusMode::smart_terminal);
    printer.set_total(4);
    printer.job_started("a", {});
    printer.job_started("b", {});
    clock += 20s;
    printer.job_succeeded("a");
    EXPECT_EQ(last_out(), "\r[1/4] running 1, ETA 1m00s: b\x1b[K");
    printer.job_started("c", {});
    clock += 10s;
    printer.job_failed("b", cell_error, {}, "");
    EXPECT_EQ(last_out(), "\r[2/4] running 1, failed 1, ETA 30s: c\x1b[K");
    printer.job_succeeded("c");
    EXPECT_EQ(last_out(), "\r[3/4] running 0, failed 1, ETA 10s\x1b[K");
}

TEST_F(StatusPrinterTest, EstimateIsFormattedInSecondsMinutesOrHours) {
    auto estimate_after = [this](std::chrono::seconds elapsed) {
        writes.clear();
        StatusPrinter printer = make(StatusMode::smart_terminal);
        printer.set_total(2);
        std::chrono::steady_clock::time_point start = clock;
        printer.job_started("a", {});
        clock = start + elapsed;
        printer.job_succeeded("a");
        return last_out();
    };
    EXPECT_EQ(estimate_after(45s), "\r[1/2] running 0, ETA 45s\x1b[K");
    EXPECT_EQ(estimate_after(185s), "\r[1/2] running 0, ETA 3m05s\x1b[K");
    EXPECT_EQ(estimate_after(3745s), "\r[1/2] running 0, ETA 1h02m\x1b[K");
}

TEST_F(StatusPrinterTest, SmartLineIsElidedInTheMiddleByCodePoints) {
    StatusPrinter printer = make(StatusMode::smart_terminal, false, false, 30);
    printer.set_total(1);
    // 59 code points, 63 bytes; 30 columns keep the first 14 and the last 13 code points.
    printer.job_started("execute slides/grüße/topic_ünïcode.py (de)", {});
    EXPECT_EQ(out, "\r[0/1] running ...ïcode.py (de)\x1b[K");
}

TEST_F(StatusPrinterTest, SmartLineThatFitsInCodePointsIsNotElided) {
    // 30 code points but 43 bytes: a count of bytes would elide it.
    StatusPrinter printer = make(StatusMode::smart_terminal, false, false, 30);
    printer.set_total(1);
    printer.job_started("üüüüüüüüüüüüü", {});
    EXPECT_EQ(out, "\r[0/1] running 1: üüüüüüüüüüüüü\x1b[K");
}

TEST_F(StatusPrinterTest, SmartLineIsClearedBeforeAFailureBlockAndRedrawnAfter) {
    StatusPrinter printer = make(StatusMode::smart_terminal);
    printer.set_total(2);
    printer.job_started("execute a", {});
    printer.job_started("execute b", {});
    clock += 4s;
    writes.clear();
    printer.job_failed("execute a", cell_error, {"jupyter"}, "Traceback\nValueError: bad\n");
    std::vector<std::pair<char, std::string>> expected{
        {'o', "\r\x1b[K"},
        {'e', "FAILED: execute a\n"
              "clm: error: slides/a.py:12: cell 3 raised ValueError: bad\n"
              "  Traceback\n"
              "  ValueError: bad\n"},
        {'o', "\r[1/2] running 1, failed 1, ETA 4s: execute b\x1b[K"},
    };
    EXPECT_EQ(writes, expected);
}

TEST_F(StatusPrinterTest, SmartLineIsClearedAroundWarningsAndErrors) {
    StatusPrinter printer = make(StatusMode::smart_terminal);
    printer.set_total(1);
    printer.warning({"", 0, "nothing before the first job"});
    printer.job_started("a", {});
    writes.clear();
    printer.error({"course.xml", 0, "no output targets"});
    std::vector<std::pair<char, std::string>> expected{
        {'o', "\r\x1b[K"},
        {'e', "clm: error: course.xml: no output targets\n"},
        {'o', "\r[0/1] running 1: a\x1b[K"},
    };
    EXPECT_EQ(writes, expected);
    EXPECT_EQ(err, "clm: warning: nothing before the first job\n"
                   "clm: error: course.xml: no output targets\n");
}

TEST_F(StatusPrinterTest, SmartTickRedrawsOnlyWhenTheEstimateChanged) {
    StatusPrinter printer = make(StatusMode::smart_terminal);
    printer.set_total(3);
    printer.job_started("a", {});
    printer.job_started("b", {});
    clock += 10s;
    printer.job_succeeded("a");
    std::size_t count = writes.size();
    printer.tick();
    EXPECT_EQ(writes.size(), count);
    clock += 5s;
    printer.tick();
    EXPECT_EQ(last_out(), "\r[1/3] running 1, ETA 30s: b\x1b[K");
}

TEST_F(StatusPrinterTest, SmartFinishClearsTheLineThenPrintsTheSummary) {
    StatusPrinter printer = make(StatusMode::smart_terminal);
    printer.set_total(1);
    printer.job_started("a", {});
    printer.job_succeeded("a");
    printer.finish(small_report());
    EXPECT_EQ(last_out(), "\r\x1b[K" + summary_text(small_report()));
}

TEST_F(StatusPrinterTest, SmartVerbosePrintsTheCommandAboveTheStatusLine) {
    StatusPrinter printer = make(StatusMode::smart_terminal, true);
    printer.set_total(2);
    printer.job_started("a", {"jupyter", "nbconvert", "--to", "notebook", "it's", "a b", ""});
    printer.job_started("b", {"python3", "-c", "print(1)"});
    EXPECT_EQ(out, "jupyter nbconvert --to notebook 'it'\\''s' 'a b' ''\n"
                   "\r[0/2] running 1: a\x1b[K"
                   "\r\x1b[Kpython3 -c 'print(1)'\n"
                   "\r[0/2] running 2: b\x1b[K");
}

TEST_F(StatusPrinterTest, PlainPrintsALinePerFinishedJobWithoutControlCodes) {
    StatusPrinter printer = make(StatusMode::plain);
    printer.set_total(2);
    printer.job_started("execute a", {"jupyter"});
    printer.job_started("execute b", {"jupyter"});
    EXPECT_EQ(out, "");
    printer.job_succeeded("execute a");
    printer.warning({"", 0, "slow"});
    printer.job_failed("execute b", cell_error, {"jupyter"},
                       "\x1b[31mValueError\x1b[0m: bad\r\n10%\r100%\n");
    clock += 10s;
    printer.tick();
    printer.finish(small_report());
    EXPECT_EQ(out, "[1/2] execute a\n"
                   "[2/2] execute b\n"
                   "clm: 2/2 finished, 0 running, 1 failed\n" +
                       summary_text(small_report()));
    EXPECT_EQ(err, "clm: warning: slow\n"
                   "FAILED: execute b\n"
                   "clm: error: slides/a.py:12: cell 3 raised ValueError: bad\n"
                   "  ValueError: bad\n"
                   "  100%\n");
    EXPECT_EQ(out.find_first_of("\r\x1b"), std::string::npos);
    EXPECT_EQ(err.find_first_of("\r\x1b"), std::string::npos);
}

TEST_F(StatusPrinterTest, PlainProgressLineComesOnlyAfterTenSeconds) {
    StatusPrinter printer = make(StatusMode::plain);
    printer.set_total(3);
    printer.job_started("a", {});
    clock += 9999ms;
    printer.tick();
    EXPECT_EQ(out, "");
    clock += 1ms;
    printer.tick();
    EXPECT_EQ(out, "clm: 0/3 finished, 1 running, 0 failed\n");
    clock += 9s;
    printer.tick();
    EXPECT_EQ(out, "clm: 0/3 finished, 1 running, 0 failed\n");
    clock += 1s;
    printer.tick();
    EXPECT_EQ(out, "clm: 0/3 finished, 1 running, 0 failed\n"
                   "clm: 0/3 finished, 1 running, 0 failed\n");
}

TEST_F(StatusPrinterTest, PlainVerbosePrintsTheCommandWhenAJobStarts) {
    StatusPrinter printer = make(StatusMode::plain, true);
    printer.set_total(1);
    printer.job_started("a", {"jupyter", "nbconvert", "--execute"});
    EXPECT_EQ(out, "jupyter nbconvert --execute\n");
}

TEST_F(StatusPrinterTest, QuietPrintsOnlyFailuresDiagnosticsAndTheSummary) {
    StatusPrinter printer = make(StatusMode::quiet, true);
    printer.set_total(2);
    printer.job_started("a", {"run", "a"});
    printer.job_succeeded("a");
    printer.job_started("b", {"run", "b"});
    clock += 30s;
    printer.tick();
    printer.job_failed("b", cell_error, {"run", "b"}, "boom\n");
    printer.warning({"", 0, "slow"});
    printer.finish(small_report());
    EXPECT_EQ(out, summary_text(small_report()));
    EXPECT_EQ(err, "FAILED: b\n"
                   "clm: error: slides/a.py:12: cell 3 raised ValueError: bad\n"
                   "run b\n"
                   "  boom\n"
                   "clm: warning: slow\n");
}

TEST_F(StatusPrinterTest, FailureBlockKeepsTheLastFortyLinesOfOutput) {
    StatusPrinter printer = make(StatusMode::plain);
    printer.set_total(1);
    printer.job_started("x", {});
    printer.job_failed("x", {"", 0, "exited with status 1"}, {}, numbered_lines(1, 45));
    std::string tail;
    for (int i = 6; i <= 45; ++i) {
        tail += "  line " + std::to_string(i) + "\n";
    }
    EXPECT_EQ(err, "FAILED: x\nclm: error: exited with status 1\n  ...\n" + tail);
    ASSERT_EQ(writes.back().first, 'e'); // the block is a single write
}

TEST_F(StatusPrinterTest, FailureBlockWithFortyLinesLeavesNothingOut) {
    StatusPrinter printer = make(StatusMode::plain);
    printer.set_total(1);
    printer.job_started("x", {});
    printer.job_failed("x", {"", 0, "exited with status 1"}, {}, numbered_lines(1, 40));
    EXPECT_EQ(err.find("  ...\n"), std::string::npos);
    EXPECT_NE(err.find("  line 1\n"), std::string::npos);
    EXPECT_NE(err.find("  line 40\n"), std::string::npos);
}

TEST_F(StatusPrinterTest, FailureHeaderIsRedOnlyWithColour) {
    StatusPrinter coloured = make(StatusMode::plain, false, true);
    coloured.set_total(1);
    coloured.job_failed("x", {"", 0, "killed by SIGKILL"}, {}, "\x1b[1mbold\x1b[0m\n");
    EXPECT_EQ(err, "\x1b[31mFAILED\x1b[0m: x\nclm: error: killed by SIGKILL\n"
                   "  \x1b[1mbold\x1b[0m\n");
    err.clear();
    StatusPrinter plain = make(StatusMode::plain, false, false);
    plain.set_total(1);
    plain.job_failed("x", {"", 0, "killed by SIGKILL"}, {}, "\x1b[1mbold\x1b[0m\n");
    EXPECT_EQ(err, "FAILED: x\nclm: error: killed by SIGKILL\n  bold\n");
}

} // namespace
} // namespace clm
