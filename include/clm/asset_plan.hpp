// Planning the files a build ships besides its decks: each topic's images and data files,
// the renders of its diagrams, and the course's directory groups.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/build_options.hpp"
#include "clm/build_plan.hpp"
#include "clm/diagnostic.hpp"
#include "clm/image_format.hpp"

namespace clm {

enum class DiagramTool { plantuml, drawio };

/// "plantuml" or "drawio": the pool of the tool's jobs.
std::string_view diagram_tool_name(DiagramTool tool);

/// A diagram source of a built topic and the image it is rendered to.
struct Diagram {
    const Topic* topic = nullptr;
    std::filesystem::path source;
    DiagramTool tool = DiagramTool::plantuml;
    ImageFormat format = ImageFormat::png;
    /// In the source tree: a committed `img/<stem>.<ext>` beside the diagram's folder when
    /// there is one, else `img-generated/<stem>.<ext>` there.
    std::filesystem::path render;
    /// Set by DiagramFreshness: the render is up to date, so no conversion runs; or the
    /// same conversion failed in an earlier build, whose error is shown again instead.
    bool current = false;
    bool failed_before = false;
};

/// A file shipped beside the decks of a topic.
struct Asset {
    std::filesystem::path source;
    std::string relative; // below each deck output directory, '/'-separated
    /// The diagram whose render this is; such a file ships only when its render succeeded.
    std::optional<std::size_t> diagram;
};

/// The selection of a build that a copy belongs to, as the build state records outputs (see
/// OutputRecord): the target's name, the language's code and, for a file beside decks, the
/// format of those decks ("" for a directory group, which every format gets).
struct CopyScope {
    std::string target;
    std::string language;
    std::string format;
};

struct TopicAssets {
    const Topic* topic = nullptr;
    const Section* section = nullptr;
    std::vector<Asset> files;
    /// The output directories that hold the topic's decks, each ending with '/'.
    std::vector<std::string> directories;
    std::vector<CopyScope> scopes; // of each directory
};

/// One file of a directory group and where it goes.
struct FileCopy {
    std::filesystem::path source;
    std::filesystem::path destination;
    CopyScope scope;
};

struct AssetOptions {
    ImageFormat image_format = ImageFormat::png;
    /// --no-diagrams: render nothing; committed renders still ship.
    bool diagrams = true;
};

struct AssetPlan {
    std::vector<Diagram> diagrams;
    std::vector<TopicAssets> topics;
    std::vector<FileCopy> dir_group_files;
    /// Directory groups whose source directory is missing.
    std::vector<Diagnostic> warnings;
    /// Diagrams left out because another one renders to the same image.
    std::vector<Diagnostic> errors;

    /// The assets of `topic`, or null for a topic that ships nothing.
    const TopicAssets* assets_of(const Topic* topic) const;
};

/// The assets of every topic that `plan` builds decks of, and the files of the course's
/// directory groups (and those of its built topics) for every target and language of the
/// build.
AssetPlan plan_assets(const Course& course, const BuildPlan& plan, const BuildOptions& build,
                      const AssetOptions& options);

} // namespace clm
