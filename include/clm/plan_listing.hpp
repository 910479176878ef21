// The listing that `clm build --list` prints.
#pragma once

#include <string>

#include "clm/build_plan.hpp"

namespace clm {

/// One line per planned output, tab-separated so that scripts can cut it:
/// target, language, kind, format, deck file (relative to the course root), output path.
std::string list_plan(const BuildPlan& plan);

} // namespace clm
