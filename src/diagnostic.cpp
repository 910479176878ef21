#include "clm/diagnostic.hpp"

namespace clm {
namespace {

std::string first_message(const std::vector<Diagnostic>& diagnostics) {
    return diagnostics.empty() ? std::string("configuration error")
                               : format_error(diagnostics.front());
}

} // namespace

std::string located_message(const Diagnostic& diagnostic) {
    if (diagnostic.file.empty()) {
        return diagnostic.message;
    }
    std::string text = diagnostic.file;
    if (diagnostic.line > 0) {
        text += ':' + std::to_string(diagnostic.line);
    }
    return text + ": " + diagnostic.message;
}

std::string format_error(const Diagnostic& diagnostic) {
    return "clm: error: " + located_message(diagnostic);
}

std::string format_warning(const Diagnostic& diagnostic) {
    return "clm: warning: " + located_message(diagnostic);
}

ConfigError::ConfigError(Diagnostic diagnostic)
    : ConfigError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics))
    , m_diagnostics(std::move(diagnostics)) {}

} // namespace clm
