// Problems in the user's input, and the one voice in which clm reports them.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace clm {

/// A problem located in a file and, where one applies, a line (1-based; 0 means none).
struct Diagnostic {
    std::string file;
    int line = 0;
    std::string message;
};

/// "FILE:LINE: message", "FILE: message" or "message", as the diagnostic allows.
std::string located_message(const Diagnostic& diagnostic);

/// "clm: error: FILE:LINE: message", "clm: error: FILE: message" without a line, and
/// "clm: error: message" without a file.
std::string format_error(const Diagnostic& diagnostic);
std::string format_warning(const Diagnostic& diagnostic);

/// Thrown for problems that stop clm before anything is built: bad usage, a spec or
/// configuration error. main() prints every diagnostic and exits with status 2.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(Diagnostic diagnostic);
    explicit ConfigError(std::vector<Diagnostic> diagnostics);

    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

private:
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace clm
