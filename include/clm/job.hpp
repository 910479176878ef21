// The value types of one piece of external work: what to run and what came of it.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clm {

/// Identifies a job within one build; the scheduler and the runner use the same ids.
using JobId = std::size_t;

/// How to start one child process.
struct ProcessSpec {
    /// The program and its arguments. argv[0] is looked up in PATH the way execvp does; it
    /// is never run through a shell.
    std::vector<std::string> argv;
    /// The child's working directory; empty means clm's own.
    std::filesystem::path working_directory;
    /// Written to the child's standard input, which is then closed. May be large (a
    /// notebook); a child that exits without reading it all is not an error.
    std::string input;
    /// Added to (or replacing entries of) clm's environment.
    std::map<std::string, std::string> environment;
    /// The kind of work ("execute", "render", "plantuml", "drawio"): the scheduler may cap
    /// how many of a pool run at once, and reports count each pool's peak.
    std::string pool;
    /// Kills the whole process group when the job runs longer; none means no limit.
    std::optional<std::chrono::milliseconds> timeout;
};

/// Why clm killed a child, if it did.
enum class KillReason { none, timeout, interrupt, request };

/// Why a child could not be started: a libuv error code (negative) with its name and text.
struct SpawnError {
    int code = 0;
    std::string name;    // "ENOENT"
    std::string message; // "no such file or directory"
};

/// What came of one child process.
struct ProcessResult {
    /// Only the low 8 bits a parent can observe; meaningful when term_signal is 0.
    int exit_status = 0;
    /// The signal that ended the child, or 0.
    int term_signal = 0;
    KillReason killed = KillReason::none;
    /// Set when the child never started; the other fields then describe nothing.
    std::optional<SpawnError> spawn_error;
    /// Standard output, complete.
    std::string out;
    /// The last `err_limit` bytes of standard error; `err_dropped` counts those before.
    std::string err;
    std::size_t err_dropped = 0;

    std::chrono::steady_clock::time_point started;
    std::chrono::steady_clock::time_point ended;
    /// The same instants on the wall clock, for reports.
    std::chrono::system_clock::time_point started_wall;
    std::chrono::system_clock::time_point ended_wall;

    /// How much of standard error is kept.
    static constexpr std::size_t err_limit = 64 * 1024;

    /// True when the child started, was not killed by clm, and exited with status 0.
    bool succeeded() const {
        return !spawn_error && killed == KillReason::none && term_signal == 0 && exit_status == 0;
    }
};

} // namespace clm
