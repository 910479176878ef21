// What the running stages tell about their results, so that a later build can reuse them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clm/diagnostic.hpp"

namespace clm {

struct Execution;

/// An execution's result from an earlier build with an equal key.
struct EarlierExecution {
    bool succeeded = true;
    std::string notebook; // what the executor wrote, when it succeeded
    Diagnostic error;     // why it failed, when it did not
};

/// Told by the build stages what became of each output and execution. Only failures that
/// the same inputs would bring about again are reported as failures: a broken deck, a cell
/// that raises. A failure of the machinery (a write error, a timeout, an executor that could
/// not start, an interrupt) is not, so that the next build tries again.
class BuildRecorder {
public:
    virtual ~BuildRecorder() = default;

    /// The file at `path` now holds `bytes`, written by this build or found so.
    virtual void output_done(const std::string& path, std::string_view bytes) = 0;
    /// The output at `path` cannot be made from its inputs, for the reason given.
    virtual void output_failed(const std::string& path, const Diagnostic& error) = 0;

    /// The result of an earlier run of `execution`, or nothing when it must run.
    virtual std::optional<EarlierExecution> earlier_execution(const Execution& execution) = 0;
    virtual void execution_succeeded(const Execution& execution, const std::string& notebook) = 0;
    virtual void execution_failed(const Execution& execution, const Diagnostic& error) = 0;
};

/// The words added to a stored error when a later build shows it again.
inline constexpr std::string_view earlier_build_note =
    " (from an earlier build; change the deck, or use --force, to try again)";

} // namespace clm
