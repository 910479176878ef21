// Everything clm writes about the progress of its child processes.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clm/build_report.hpp"
#include "clm/diagnostic.hpp"

namespace clm {

enum class StatusMode {
    /// A terminal: one status line rewritten in place (\r, \x1b[K), elided to the width.
    smart_terminal,
    /// Not a terminal (CI, a pipe): no carriage returns; a line per finished job and a
    /// progress line at most every ten seconds.
    plain,
    /// --quiet: only errors and the summary.
    quiet,
};

struct StatusOptions {
    StatusMode mode = StatusMode::plain;
    bool color = false;   // ANSI colour in failure headers; off under NO_COLOR
    bool verbose = false; // -v: also print each command when it starts
    std::size_t width = 80;
};

/// Owns every byte written about jobs, so that the output of two jobs never interleaves and
/// an error never lands in the middle of the status line. `out` receives the status and
/// summary (standard output); `err` receives failures, errors and warnings (standard
/// error). `now` is the clock, so that tests can drive time.
class StatusPrinter {
public:
    using Sink = std::function<void(std::string_view)>;
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    StatusPrinter(StatusOptions options, Sink out, Sink err, Clock now);
    ~StatusPrinter();
    StatusPrinter(StatusPrinter&&) noexcept;
    StatusPrinter& operator=(StatusPrinter&&) noexcept;

    /// The number of jobs the build will run.
    void set_total(std::size_t jobs);
    void job_started(const std::string& name, const std::vector<std::string>& argv);
    void job_succeeded(const std::string& name);
    /// Prints one block: `FAILED: <name>`, the diagnostic, the command (with -v), and the
    /// tail of the child's output (at most the last 40 lines).
    void job_failed(const std::string& name, const Diagnostic& what,
                    const std::vector<std::string>& argv, std::string_view output_tail);
    void error(const Diagnostic& diagnostic);
    void warning(const Diagnostic& diagnostic);
    /// Called now and then while jobs run: in plain mode prints a progress line when ten
    /// seconds have passed since the last one; in a terminal refreshes the estimate.
    void tick();
    /// Clears the status line and prints the summary.
    void finish(const BuildReport& report);

private:
    // The counts, the running jobs and what is on the screen; see status_printer.cpp.
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace clm
