// Running a planned build: converting decks and writing their outputs.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "clm/build_plan.hpp"
#include "clm/build_recorder.hpp"
#include "clm/diagnostic.hpp"

namespace clm {

/// What a build did.
struct BuildSummary {
    std::size_t planned = 0;
    std::size_t written = 0;
    std::size_t unchanged = 0;
    std::size_t failed = 0;
    /// Stopped early because `stop_requested` said so.
    bool stopped = false;
    /// One diagnostic per distinct problem, in the order found.
    std::vector<Diagnostic> errors;
};

/// Converts every deck of `plan` once per language and format and writes each kind's
/// notebook and code bytes to every target that wants them; HTML outputs are left to
/// build_html and not counted here. A deck that cannot be converted fails its outputs and
/// the build goes on. `stop_requested` is asked between decks; when it answers true the
/// build stops with every file written so far complete. Each output written, found
/// unchanged or failed by its deck is told to `recorder`, when there is one.
BuildSummary run_build(
    const Course& course, const BuildPlan& plan,
    const std::function<bool()>& stop_requested = [] { return false; },
    BuildRecorder* recorder = nullptr);

} // namespace clm
