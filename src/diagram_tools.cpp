#include "clm/diagram_tools.hpp"

#include <cstdlib>
#include <system_error>

#include "clm/command_words.hpp"
#include "clm/diagnostic.hpp"

namespace clm {

namespace fs = std::filesystem;

DiagramTools resolve_diagram_tools() {
    DiagramTools tools;
    const char* jar = std::getenv("PLANTUML_JAR");
    tools.plantuml_jar = jar != nullptr ? jar : "";
    tools.plantuml = tools.plantuml_jar.empty()
                         ? std::vector<std::string>{"plantuml"}
                         : std::vector<std::string>{"java", "-DPLANTUML_LIMIT_SIZE=8192", "-jar",
                                                    tools.plantuml_jar};
    const char* drawio = std::getenv("DRAWIO_EXECUTABLE");
    tools.drawio_from_environment = drawio != nullptr;
    if (!tools.drawio_from_environment) {
        tools.drawio = {"drawio"};
        return tools;
    }
    Expected<std::vector<std::string>> words = split_command_words(drawio);
    std::string problem = !words ? words.error().message : words->empty() ? "empty command" : "";
    if (!problem.empty()) {
        throw ConfigError(
            Diagnostic{"", 0, "DRAWIO_EXECUTABLE=\"" + std::string(drawio) + "\": " + problem});
    }
    tools.drawio = *words;
    return tools;
}

std::vector<std::string> diagram_command(const DiagramTools& tools, DiagramTool tool,
                                         ImageFormat format, const fs::path& source,
                                         const fs::path& output_dir) {
    std::string extension(image_format_name(format));
    // The converter runs in a directory of its own, so a relative path would not reach.
    std::error_code error;
    fs::path input = fs::absolute(source, error);
    if (tool == DiagramTool::plantuml) {
        std::vector<std::string> argv = tools.plantuml;
        argv.push_back("-t" + extension);
        if (format == ImageFormat::png) {
            argv.push_back("-Sdpi=200");
        }
        argv.insert(argv.end(), {"-o", output_dir.string(), input.string()});
        return argv;
    }
    std::vector<std::string> argv = tools.drawio;
    fs::path output = output_dir / (source.stem().string() + "." + extension);
    argv.insert(argv.end(), {"--no-sandbox", "--export", input.string(), "--format", extension,
                             "--output", output.string(), "--border", "20"});
    if (format == ImageFormat::png) {
        argv.insert(argv.end(), {"--scale", "3"});
    } else {
        argv.push_back("--embed-svg-images");
    }
    return argv;
}

std::vector<std::pair<std::string, std::string>> diagram_environment(DiagramTool tool) {
    if (tool == DiagramTool::plantuml) {
        return {{"PLANTUML_LIMIT_SIZE", "8192"}};
    }
    // Draw.io is an Electron app and needs an X display even to export.
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0') {
        return {{"DISPLAY", ":99"}};
    }
    return {};
}

std::optional<std::string> missing_diagram_program(const DiagramTools& tools, DiagramTool tool) {
    if (tool == DiagramTool::plantuml) {
        if (tools.plantuml_jar.empty()) {
            if (find_program("plantuml")) {
                return std::nullopt;
            }
            return "cannot render PlantUML diagrams: \"plantuml\" is not installed; install the "
                   "Debian package plantuml, or set PLANTUML_JAR to a plantuml.jar";
        }
        std::error_code error;
        if (!fs::is_regular_file(tools.plantuml_jar, error)) {
            return "cannot render PlantUML diagrams: PLANTUML_JAR=\"" + tools.plantuml_jar +
                   "\" is not a file; set it to a plantuml.jar";
        }
        if (!find_program("java")) {
            return "cannot render PlantUML diagrams with PLANTUML_JAR: \"java\" is not "
                   "installed; install the Debian package default-jre-headless";
        }
        return std::nullopt;
    }
    if (find_program(tools.drawio.front())) {
        return std::nullopt;
    }
    if (tools.drawio_from_environment) {
        return "cannot render Draw.io diagrams: DRAWIO_EXECUTABLE names \"" + tools.drawio.front() +
               "\", which was not found";
    }
    return "cannot render Draw.io diagrams: \"drawio\" was not found; install draw.io desktop "
           "(it is not packaged in Debian) and put drawio on the PATH, or set "
           "DRAWIO_EXECUTABLE to its program";
}

} // namespace clm
