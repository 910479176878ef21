#include "clm/concurrency_limit.hpp"

#include <charconv>
#include <cstdlib>

#include "clm/diagnostic.hpp"

namespace clm {
namespace {

constexpr const char* environment_variable = "CLM_MAX_CONCURRENCY";

std::size_t checked_limit(std::string_view source, const std::string& text) {
    std::optional<std::size_t> limit = parse_limit_value(text);
    if (!limit) {
        throw ConfigError(Diagnostic{"", 0,
                                     std::string(source) + "=\"" + text +
                                         "\": expected a positive integer or \"unlimited\""});
    }
    return *limit;
}

} // namespace

// from_chars alone would accept a prefix and, for some types, a sign; requiring digits
// throughout refuses "+5", " 5", "1.5" and "-3".
std::optional<std::size_t> parse_limit_value(std::string_view text) {
    if (text == "unlimited") {
        return unlimited_concurrency;
    }
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0) {
        return std::nullopt;
    }
    return value;
}

ConcurrencyLimit resolve_concurrency_limit(const std::optional<std::string>& flag,
                                           const std::optional<std::string>& environment) {
    if (flag) {
        return {checked_limit("--max-concurrency", *flag), LimitSource::flag};
    }
    if (environment) {
        return {checked_limit(environment_variable, *environment), LimitSource::environment};
    }
    return {default_concurrency, LimitSource::default_value};
}

ConcurrencyLimit resolve_concurrency_limit(const std::optional<std::string>& flag) {
    const char* value = std::getenv(environment_variable);
    return resolve_concurrency_limit(flag,
                                     value ? std::optional<std::string>(value) : std::nullopt);
}

std::string_view limit_source_name(LimitSource source) {
    switch (source) {
    case LimitSource::flag:
        return "flag";
    case LimitSource::environment:
        return "environment";
    case LimitSource::default_value:
        return "default";
    }
    return "default";
}

std::string limit_text(std::size_t limit) {
    return limit == unlimited_concurrency ? "unlimited" : std::to_string(limit);
}

} // namespace clm
