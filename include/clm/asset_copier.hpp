// Copying the planned assets into the output tree.
#pragma once

#include <cstddef>
#include <vector>

#include "clm/asset_plan.hpp"
#include "clm/copy_records.hpp"
#include "clm/diagnostic.hpp"

namespace clm {

struct CopyResult {
    std::size_t planned = 0;
    std::size_t written = 0;
    std::size_t unchanged = 0;
    std::size_t failed = 0;
    std::vector<Diagnostic> errors;
};

/// Copies every asset of `plan` to each of its topic's deck directories, and every
/// directory-group file, through atomic_file: a destination that already holds the same
/// bytes is left alone. `rendered[i]` says whether diagram i has a render to ship; the
/// copies of one without are failed. When two sources would put different bytes at one
/// destination, the first in plan order is copied and the conflict is reported once,
/// naming both sources. With `records`, a copy that they say is current is counted
/// unchanged without reading either file, and every copy made or found equal is recorded.
CopyResult copy_assets(const AssetPlan& plan, const std::vector<bool>& rendered,
                       CopyRecords* records = nullptr);

} // namespace clm
