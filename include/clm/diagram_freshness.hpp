// Whether a diagram needs rendering again. The decision is made here alone, so that it can
// move to the build state that records every output.
#pragma once

#include <filesystem>

namespace clm {

/// True when `render` exists and is not older than `source`, the way make decides.
bool diagram_is_current(const std::filesystem::path& source, const std::filesystem::path& render);

/// Records that `render` was just made from its source although its bytes did not change,
/// so that diagram_is_current holds until the source changes again. Failures are ignored:
/// the only cost is converting the diagram once more.
void mark_render_current(const std::filesystem::path& render);

} // namespace clm
