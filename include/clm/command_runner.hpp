// The narrow interface through which the scheduler runs child processes. The real
// implementation is UvCommandRunner; tests use a fake that starts no processes.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <variant>

#include "clm/job.hpp"

namespace clm {

/// The child is running; its JobFinished event will follow.
struct Started {};

/// The system is out of processes, descriptors or memory (`cause` is the errno name:
/// EAGAIN, EMFILE, ENFILE, ENOMEM). Starting the job again later may succeed.
struct ResourcesExhausted {
    std::string cause;
};

/// Starting the job can never succeed as configured: the program is missing or not
/// executable, the working directory does not exist, ...
struct StartFailed {
    SpawnError error;
};

using StartOutcome = std::variant<Started, ResourcesExhausted, StartFailed>;

/// A started job has ended: its process exited and its output is complete.
struct JobFinished {
    JobId id = 0;
    ProcessResult result;
};

/// clm received SIGINT, SIGTERM or SIGHUP.
struct Interrupted {
    int signal = 0;
};

/// wait() was given a timeout and nothing happened before it passed.
struct WaitTimedOut {};

using RunnerEvent = std::variant<JobFinished, Interrupted, WaitTimedOut>;

class CommandRunner {
public:
    virtual ~CommandRunner() = default;

    /// Starts `spec` as job `id`, which must not be running. Never blocks on the child.
    virtual StartOutcome start(JobId id, const ProcessSpec& spec) = 0;

    /// Blocks until a started job finishes or an interrupt arrives, or until `timeout` has
    /// passed when one is given. Each started job yields exactly one JobFinished.
    virtual RunnerEvent wait(std::optional<std::chrono::milliseconds> timeout = {}) = 0;

    /// Jobs started whose JobFinished has not yet been returned by wait().
    virtual std::size_t running_count() const = 0;

    /// Stops every running job's process group (politely, then by force after a grace
    /// period) and returns when all of them have ended; their JobFinished events, marked
    /// KillReason::interrupt, are then returned by wait() without blocking.
    virtual void interrupt_all() = 0;

    /// Stops one job's process group the same way, without waiting; its result is marked
    /// KillReason::request. Does nothing for an unknown or finished job.
    virtual void kill(JobId id) = 0;
};

} // namespace clm
