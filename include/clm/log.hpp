// Diagnostics on standard error, through spdlog, in clm's one voice: "clm: LEVEL: text".
#pragma once

#include <optional>
#include <string_view>

#include "clm/diagnostic.hpp"

#include <spdlog/spdlog.h>

namespace clm {

/// Routes spdlog's default logger to standard error with clm's pattern at `level`.
void init_logging(spdlog::level::level_enum level);

/// Parses a --log-level value (trace, debug, info, warning, error, off).
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);

void log_error(const Diagnostic& diagnostic);
void log_warning(const Diagnostic& diagnostic);

} // namespace clm
