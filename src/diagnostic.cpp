#include "clm/diagnostic.hpp"

namespace clm {
namespace {

std::string format(std::string_view severity, const Diagnostic& diagnostic) {
    std::string text = "clm: ";
    text += severity;
    text += ": ";
    if (!diagnostic.file.empty()) {
        text += diagnostic.file;
        if (diagnostic.line > 0) {
            text += ':';
            text += std::to_string(diagnostic.line);
        }
        text += ": ";
    }
    text += diagnostic.message;
    return text;
}

std::string first_message(const std::vector<Diagnostic>& diagnostics) {
    return diagnostics.empty() ? std::string("configuration error")
                               : format_error(diagnostics.front());
}

} // namespace

std::string format_error(const Diagnostic& diagnostic) { return format("error", diagnostic); }

std::string format_warning(const Diagnostic& diagnostic) {
    return format("warning", diagnostic);
}

ConfigError::ConfigError(Diagnostic diagnostic)
    : ConfigError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics))
    , m_diagnostics(std::move(diagnostics)) {}

} // namespace clm
