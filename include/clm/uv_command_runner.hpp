// The real CommandRunner: children started with posix_spawn and watched by libuv, each in its
// own session and process group, with stdin fed from memory and stdout/stderr captured
// through pipes.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "clm/command_runner.hpp"

namespace clm {

struct UvCommandRunnerOptions {
    /// How long a stopped group may take to exit after SIGTERM before it gets SIGKILL.
    std::chrono::milliseconds grace_period{5000};
};

/// Runs children on one libuv loop, owned by the runner and driven only inside wait() and
/// interrupt_all(). While the runner exists, SIGINT, SIGTERM and SIGHUP become Interrupted
/// events instead of ending clm; a second signal after interrupt_all() kills every group
/// at once. The destructor stops and reaps any job still running. Not thread-safe.
class UvCommandRunner final : public CommandRunner {
public:
    explicit UvCommandRunner(UvCommandRunnerOptions options = {});
    ~UvCommandRunner() override;
    UvCommandRunner(const UvCommandRunner&) = delete;
    UvCommandRunner& operator=(const UvCommandRunner&) = delete;

    StartOutcome start(JobId id, const ProcessSpec& spec) override;
    RunnerEvent wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt) override;
    std::size_t running_count() const override;
    void interrupt_all() override;
    void kill(JobId id) override;

    /// The process id of a running job's child, or 0; for tests and diagnostics.
    int pid(JobId id) const;

private:
    struct Child; // One job's handles and captured output.
    struct Loop;  // The loop and the runner's own handles.

    void child_closed(Child& child);
    void on_signal(int signal);
    void signal_all(int signal);

    UvCommandRunnerOptions m_options;
    std::unique_ptr<Loop> m_loop;
    /// Jobs started and not yet finished, by id.
    std::unordered_map<JobId, std::unique_ptr<Child>> m_children;
    /// Children whose spawn failed; kept until libuv has closed their handles.
    std::vector<std::unique_ptr<Child>> m_failed;
    std::deque<JobFinished> m_finished;
    std::deque<Interrupted> m_interrupts;
    /// Set by interrupt_all(); a signal after that kills every group at once.
    bool m_interrupting = false;
    int m_signals_received = 0;
};

} // namespace clm
