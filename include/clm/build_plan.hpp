// Planning: every output file a build produces, derived from the course and the options.
#pragma once

#include <filesystem>
#include <vector>

#include "clm/build_options.hpp"
#include "clm/course.hpp"
#include "clm/output_kind.hpp"

namespace clm {

/// One output file.
struct PlannedOutput {
    const Topic* topic = nullptr;
    const Deck* deck = nullptr;
    const OutputTargetSpec* target = nullptr;
    Language language = Language::en;
    Format format = Format::notebook;
    Kind kind = Kind::completed;
    /// The output file: the target root joined with the layout path.
    std::string path;
};

/// The outputs of a build, grouped so that the outputs of one deck, language and format
/// (which share one template expansion) are adjacent: ordered by section, topic, deck,
/// language, format, kind and then target.
struct BuildPlan {
    std::vector<PlannedOutput> outputs;
    /// The targets the build writes to, in spec order, with their root directories.
    std::vector<const OutputTargetSpec*> targets;
    std::vector<std::filesystem::path> target_roots;
};

/// The cross product of decks with each selected target's languages, formats and kinds,
/// narrowed by the options (`--language`, `--speaker-only`, `--no-html`, html= topics).
/// A split-deck half contributes only its own language. Throws ConfigError for a target name
/// in `options.targets` that the spec does not define.
BuildPlan plan_build(const Course& course, const BuildOptions& options);

} // namespace clm
