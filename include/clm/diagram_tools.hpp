// The programs that render diagrams: PlantUML and Draw.io.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clm/asset_plan.hpp"
#include "clm/image_format.hpp"

namespace clm {

struct DiagramTools {
    /// `plantuml` (Debian's package), or `java -jar $PLANTUML_JAR` when that is set.
    std::vector<std::string> plantuml;
    std::string plantuml_jar; // empty: Debian's plantuml
    /// $DRAWIO_EXECUTABLE split into words like a shell would, else `drawio`.
    std::vector<std::string> drawio;
    bool drawio_from_environment = false;
};

/// The converter commands from PLANTUML_JAR and DRAWIO_EXECUTABLE. Throws ConfigError for a
/// DRAWIO_EXECUTABLE that is empty or cannot be split into words.
DiagramTools resolve_diagram_tools();

/// The command that renders `source` into `output_dir` (as <name>.<format>, the name chosen
/// by the converter).
std::vector<std::string> diagram_command(const DiagramTools& tools, DiagramTool tool,
                                         ImageFormat format, const std::filesystem::path& source,
                                         const std::filesystem::path& output_dir);

/// Variables the converter needs: a larger image size limit for PlantUML, a display for
/// Draw.io (Xvfb's usual :99 when none is set).
std::vector<std::pair<std::string, std::string>> diagram_environment(DiagramTool tool);

/// What to install or set when `tool`'s converter cannot be found; nothing when it can.
std::optional<std::string> missing_diagram_program(const DiagramTools& tools, DiagramTool tool);

} // namespace clm
