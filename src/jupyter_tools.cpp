#include "clm/jupyter_tools.hpp"

#include <cstdlib>

#include "clm/command_words.hpp"
#include "clm/diagnostic.hpp"

namespace clm {
namespace {

// --allow-errors keeps executing after a failing cell and records the error in the cell's
// outputs, where clm finds which cell failed; it also makes skip-errors topics work.
const std::vector<std::string> default_executor = {"jupyter",  "nbconvert",     "--to",
                                                   "notebook", "--execute",     "--stdin",
                                                   "--stdout", "--allow-errors"};
const std::vector<std::string> default_renderer = {"jupyter", "nbconvert",  "--to",
                                                   "html",    "--template", "classic"};

std::optional<std::string> from_environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
}

// The words of a command given by a flag or a variable, or `fallback` when neither is set.
std::vector<std::string> command_words(const std::optional<std::string>& flag,
                                       const char* flag_name, const char* variable,
                                       const std::vector<std::string>& fallback, bool& is_default) {
    std::optional<std::string> text = flag;
    std::string source = flag_name;
    if (!text) {
        text = from_environment(variable);
        source = variable;
    }
    is_default = !text;
    if (!text) {
        return fallback;
    }
    Expected<std::vector<std::string>> words = split_command_words(*text);
    std::string problem = !words ? words.error().message : words->empty() ? "empty command" : "";
    if (!problem.empty()) {
        throw ConfigError(Diagnostic{"", 0, source + "=\"" + *text + "\": " + problem});
    }
    return *words;
}

} // namespace

JupyterTools resolve_jupyter_tools(const std::optional<std::string>& executor_flag,
                                   const std::optional<std::string>& renderer_flag,
                                   std::optional<int> cell_timeout) {
    JupyterTools tools;
    tools.executor = command_words(executor_flag, "--executor", "CLM_EXECUTOR", default_executor,
                                   tools.default_executor);
    tools.renderer = command_words(renderer_flag, "--renderer", "CLM_RENDERER", default_renderer,
                                   tools.default_renderer);
    tools.cell_timeout = cell_timeout;
    return tools;
}

std::vector<std::string> execution_command(const JupyterTools& tools, ProgLang lang) {
    std::vector<std::string> argv = tools.executor;
    if (tools.default_executor) {
        argv.push_back("--ExecutePreprocessor.kernel_name=" +
                       std::string(prog_lang_info(lang).kernel_name));
        if (tools.cell_timeout) {
            argv.push_back("--ExecutePreprocessor.timeout=" + std::to_string(*tools.cell_timeout));
        }
    }
    return argv;
}

std::vector<std::pair<std::string, std::string>> execution_environment(const JupyterTools& tools,
                                                                       ProgLang lang) {
    std::vector<std::pair<std::string, std::string>> environment = {
        {"CLM_KERNEL", std::string(prog_lang_info(lang).kernel_name)},
        // Python 3.11 kernels otherwise warn on every start that the debugger may miss
        // breakpoints; the warning would fill every failure report.
        {"PYDEVD_DISABLE_FILE_VALIDATION", "1"},
    };
    if (tools.cell_timeout) {
        environment.emplace_back("CLM_CELL_TIMEOUT", std::to_string(*tools.cell_timeout));
    }
    return environment;
}

std::vector<std::string> render_command(const JupyterTools& tools,
                                        const std::filesystem::path& output_dir,
                                        const std::vector<std::filesystem::path>& inputs) {
    std::vector<std::string> argv = tools.renderer;
    argv.push_back("--output-dir");
    argv.push_back(output_dir.string());
    for (const std::filesystem::path& input : inputs) {
        argv.push_back(input.string());
    }
    return argv;
}

std::optional<std::string> missing_jupyter_program(const JupyterTools& tools) {
    for (const std::vector<std::string>* command : {&tools.executor, &tools.renderer}) {
        const std::string& program = command->front();
        if (find_program(program)) {
            continue;
        }
        bool is_default =
            command == &tools.executor ? tools.default_executor : tools.default_renderer;
        if (is_default) {
            return "cannot build HTML: \"jupyter\" is not installed; install the Debian "
                   "packages jupyter-nbconvert and python3-ipykernel (or pip install nbconvert "
                   "ipykernel), or name other programs with --executor and --renderer";
        }
        return std::string("cannot build HTML: the ") +
               (command == &tools.executor ? "executor" : "renderer") + " \"" + program +
               "\" was not found";
    }
    return std::nullopt;
}

} // namespace clm
