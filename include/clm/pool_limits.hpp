// How many child processes of each pool may run at once: `--pool NAME=N`, CLM_POOLS and the
// defaults. The global `--max-concurrency` still caps their sum.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/concurrency_limit.hpp"

namespace clm {

/// Every pool a child process can belong to, in the order messages list them.
inline constexpr std::array<std::string_view, 4> pool_names = {"execute", "render", "plantuml",
                                                               "drawio"};

/// The limit of every pool in pool_names. A limit of unlimited_concurrency means the pool
/// has no cap of its own.
using PoolLimits = std::map<std::string, ConcurrencyLimit, std::less<>>;

/// Each pool's limit: from the last `--pool NAME=N` that names it, else from CLM_POOLS
/// ("execute=8,drawio=1"; empty means no entries), else the default (drawio 2, the others
/// none). N is a positive integer or `unlimited`. Throws ConfigError for an unknown pool or
/// a bad entry, naming the source, the entry and the pools there are.
PoolLimits resolve_pool_limits(const std::vector<std::string>& flags,
                               const std::optional<std::string>& environment);

/// The same with the environment read from the process.
PoolLimits resolve_pool_limits(const std::vector<std::string>& flags);

/// The caps for SchedulerOptions::pool_limits: the pools that have one.
std::map<std::string, std::size_t> pool_caps(const PoolLimits& limits);

} // namespace clm
