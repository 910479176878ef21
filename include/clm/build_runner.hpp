// Running a planned build: converting decks and writing their outputs.
#pragma once

#include <cstddef>
#include <vector>

#include "clm/build_plan.hpp"
#include "clm/diagnostic.hpp"

namespace clm {

/// What a build did.
struct BuildSummary {
    std::size_t planned = 0;
    std::size_t written = 0;
    std::size_t unchanged = 0;
    std::size_t failed = 0;
    /// HTML outputs that were planned but not built.
    std::size_t html_skipped = 0;
    /// One diagnostic per distinct problem, in the order found.
    std::vector<Diagnostic> errors;
};

/// Converts every deck of `plan` once per language and format and writes each kind's bytes
/// to every target that wants them. A deck that cannot be converted fails its outputs and
/// the build goes on. HTML outputs are counted in `html_skipped`.
BuildSummary run_build(const Course& course, const BuildPlan& plan);

} // namespace clm
