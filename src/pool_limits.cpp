#include "clm/pool_limits.hpp"

#include <algorithm>
#include <cstdlib>

#include "clm/diagnostic.hpp"

namespace clm {
namespace {

constexpr const char* environment_variable = "CLM_POOLS";

PoolLimits default_pool_limits() {
    PoolLimits limits;
    for (std::string_view pool : pool_names) {
        limits.emplace(pool, ConcurrencyLimit{unlimited_concurrency, LimitSource::default_value});
    }
    // Draw.io starts an Electron application per diagram: a few at once already load a
    // machine that also runs kernels.
    limits["drawio"].limit = 2;
    return limits;
}

std::string known_pools() {
    std::string list;
    for (std::string_view pool : pool_names) {
        list += (list.empty() ? "" : ", ") + std::string(pool);
    }
    return list;
}

/// Where a value came from, for messages: `--pool="drawio=x"` or `CLM_POOLS="..."`.
struct Source {
    std::string_view name;
    std::string_view value;
    LimitSource origin;
};

[[noreturn]] void refuse(const Source& source, const std::string& problem) {
    throw ConfigError(Diagnostic{"", 0,
                                 std::string(source.name) + "=\"" + std::string(source.value) +
                                     "\": " + problem + "; the pools are " + known_pools()});
}

/// Applies one "NAME=N" entry of `source` to `limits`.
void apply_entry(const Source& source, std::string_view entry, PoolLimits& limits) {
    std::size_t equals = entry.find('=');
    if (equals == std::string_view::npos) {
        refuse(source, "expected NAME=N, not \"" + std::string(entry) + "\"");
    }
    std::string_view name = entry.substr(0, equals);
    auto pool = limits.find(name);
    if (pool == limits.end()) {
        refuse(source, "unknown pool \"" + std::string(name) + "\"");
    }
    std::optional<std::size_t> limit = parse_limit_value(entry.substr(equals + 1));
    if (!limit) {
        refuse(source, "the limit of " + std::string(name) +
                           " must be a positive integer or \"unlimited\"");
    }
    pool->second = {*limit, source.origin};
}

} // namespace

PoolLimits resolve_pool_limits(const std::vector<std::string>& flags,
                               const std::optional<std::string>& environment) {
    PoolLimits limits = default_pool_limits();
    if (environment && !environment->empty()) {
        Source source{environment_variable, *environment, LimitSource::environment};
        std::string_view rest = *environment;
        for (;;) {
            std::size_t comma = rest.find(',');
            apply_entry(source, rest.substr(0, comma), limits);
            if (comma == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(comma + 1);
        }
    }
    for (const std::string& flag : flags) {
        apply_entry(Source{"--pool", flag, LimitSource::flag}, flag, limits);
    }
    return limits;
}

PoolLimits resolve_pool_limits(const std::vector<std::string>& flags) {
    const char* value = std::getenv(environment_variable);
    return resolve_pool_limits(flags, value ? std::optional<std::string>(value) : std::nullopt);
}

std::map<std::string, std::size_t> pool_caps(const PoolLimits& limits) {
    std::map<std::string, std::size_t> caps;
    for (const auto& [pool, limit] : limits) {
        if (limit.limit != unlimited_concurrency) {
            caps.emplace(pool, limit.limit);
        }
    }
    return caps;
}

} // namespace clm
