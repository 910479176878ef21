// The choices of one build that select and place its outputs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clm/language.hpp"

namespace clm {

struct BuildOptions {
    /// Re-roots every target to `output_dir/<target name>` when set.
    std::filesystem::path output_dir;
    /// Only these targets; empty for all.
    std::vector<std::string> targets;
    /// Only this language; empty for both.
    std::optional<Language> language;
    /// Only the trainer and recording kinds.
    bool speaker_only = false;
    /// No HTML outputs at all.
    bool no_html = false;
};

} // namespace clm
