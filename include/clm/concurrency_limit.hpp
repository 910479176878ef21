// How many child processes may run at once, and where that number came from.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace clm {

/// The limit that means "no limit" (`unlimited` on the command line).
inline constexpr std::size_t unlimited_concurrency = std::numeric_limits<std::size_t>::max();
inline constexpr std::size_t default_concurrency = 50;

enum class LimitSource { flag, environment, default_value };

struct ConcurrencyLimit {
    std::size_t limit = default_concurrency;
    LimitSource source = LimitSource::default_value;
};

/// A limit as users write it: a positive decimal integer of plain digits (no sign, no
/// spaces) or `unlimited`. Nothing for anything else.
std::optional<std::size_t> parse_limit_value(std::string_view text);

/// The limit from `--max-concurrency` if given, else from CLM_MAX_CONCURRENCY if set (even
/// to an empty string), else the default of 50. A value is a positive decimal integer of
/// plain digits (no sign, no spaces) or `unlimited`. Throws ConfigError for anything else,
/// e.g. `CLM_MAX_CONCURRENCY="abc": expected a positive integer or "unlimited"`.
ConcurrencyLimit resolve_concurrency_limit(const std::optional<std::string>& flag,
                                           const std::optional<std::string>& environment);

/// The same with the environment read from the process.
ConcurrencyLimit resolve_concurrency_limit(const std::optional<std::string>& flag);

/// "flag", "environment" or "default", as reports show it.
std::string_view limit_source_name(LimitSource source);

/// "50" or "unlimited".
std::string limit_text(std::size_t limit);

} // namespace clm
