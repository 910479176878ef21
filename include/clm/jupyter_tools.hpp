// The programs that execute notebooks and render them as HTML.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clm/language.hpp"

namespace clm {

/// The executor reads a notebook (JSON) on standard input and writes the executed notebook
/// on standard output; cells that fail carry error outputs. The renderer takes
/// `--output-dir DIR` and notebook files, and writes DIR/<stem>.html for each.
struct JupyterTools {
    std::vector<std::string> executor;
    bool default_executor = true;
    std::vector<std::string> renderer;
    bool default_renderer = true;
    std::optional<int> cell_timeout; // seconds; none means no limit
};

/// The executor from `flag` (--executor), else CLM_EXECUTOR, else `jupyter nbconvert`; the
/// renderer likewise from --renderer and CLM_RENDERER. Throws ConfigError for a command
/// that is empty or cannot be split into words, naming where it came from.
JupyterTools resolve_jupyter_tools(const std::optional<std::string>& executor_flag,
                                   const std::optional<std::string>& renderer_flag,
                                   std::optional<int> cell_timeout);

/// The command line of one execution. The default executor is told the kernel and the cell
/// timeout as nbconvert options; another executor finds them in CLM_KERNEL and
/// CLM_CELL_TIMEOUT (see execution_environment).
std::vector<std::string> execution_command(const JupyterTools& tools, ProgLang lang);

/// CLM_KERNEL and CLM_CELL_TIMEOUT for the executor, and a quieter debugger in kernels.
std::vector<std::pair<std::string, std::string>> execution_environment(const JupyterTools& tools,
                                                                       ProgLang lang);

/// The command line that renders `inputs` into `output_dir`.
std::vector<std::string> render_command(const JupyterTools& tools,
                                        const std::filesystem::path& output_dir,
                                        const std::vector<std::filesystem::path>& inputs);

/// A configuration problem that stops every HTML output: a program that is not installed.
/// Returns the message, or nothing when both programs can be found.
std::optional<std::string> missing_jupyter_program(const JupyterTools& tools);

} // namespace clm
