#include "clm/log.hpp"

#include <optional>

#include <spdlog/sinks/stdout_sinks.h>

namespace clm {

void init_logging(spdlog::level::level_enum level) {
    // Diagnostics are few and must appear in order with the product output, so the
    // unbuffered, single-threaded stderr sink is the right one.
    auto logger = spdlog::stderr_logger_st("clm");
    logger->set_pattern("clm: %l: %v");
    logger->set_level(level);
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
}

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
    using spdlog::level::level_enum;
    if (name == "warn") {
        return level_enum::warn;
    }
    level_enum level = spdlog::level::from_str(std::string(name));
    // from_str answers "off" for every name it does not know.
    if (level == level_enum::off && name != "off") {
        return std::nullopt;
    }
    return level;
}

void log_error(const Diagnostic& diagnostic) {
    spdlog::error("{}", located_message(diagnostic));
}

void log_warning(const Diagnostic& diagnostic) {
    spdlog::warn("{}", located_message(diagnostic));
}

} // namespace clm
