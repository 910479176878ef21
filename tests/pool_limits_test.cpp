#include "clm/diagnostic.hpp"
#include "clm/pool_limits.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

std::string refusal(const std::vector<std::string>& flags,
                    const std::optional<std::string>& environment) {
    try {
        resolve_pool_limits(flags, environment);
    } catch (const ConfigError& error) {
        EXPECT_EQ(error.diagnostics().size(), 1u);
        return error.diagnostics().front().message;
    }
    return "accepted";
}

TEST(PoolLimits, DrawioIsCappedAtTwoAndTheOthersOnlyByTheGlobalLimit) {
    PoolLimits limits = resolve_pool_limits({}, std::nullopt);
    ASSERT_EQ(limits.size(), 4u);
    EXPECT_EQ(limits["drawio"].limit, 2u);
    EXPECT_EQ(limits["drawio"].source, LimitSource::default_value);
    for (const char* pool : {"execute", "render", "plantuml"}) {
        EXPECT_EQ(limits[pool].limit, unlimited_concurrency) << pool;
    }
    EXPECT_EQ(pool_caps(limits), (std::map<std::string, std::size_t>{{"drawio", 2}}));
}

TEST(PoolLimits, TheEnvironmentSetsSeveralPoolsAndAFlagBeatsItPerPool) {
    PoolLimits limits = resolve_pool_limits({"execute=3"}, "execute=8,drawio=1,render=unlimited");
    EXPECT_EQ(limits["execute"].limit, 3u);
    EXPECT_EQ(limits["execute"].source, LimitSource::flag);
    EXPECT_EQ(limits["drawio"].limit, 1u);
    EXPECT_EQ(limits["drawio"].source, LimitSource::environment);
    EXPECT_EQ(limits["render"].limit, unlimited_concurrency);
    EXPECT_EQ(limits["plantuml"].source, LimitSource::default_value);
}

TEST(PoolLimits, TheLastFlagForAPoolWins) {
    EXPECT_EQ(resolve_pool_limits({"plantuml=4", "plantuml=2"}, "")["plantuml"].limit, 2u);
}

TEST(PoolLimits, BadEntriesAreRefusedWithTheSourceAndThePools) {
    const std::string pools = "; the pools are execute, render, plantuml, drawio";
    EXPECT_EQ(refusal({"kernel=3"}, std::nullopt),
              "--pool=\"kernel=3\": unknown pool \"kernel\"" + pools);
    EXPECT_EQ(refusal({"execute"}, std::nullopt),
              "--pool=\"execute\": expected NAME=N, not \"execute\"" + pools);
    EXPECT_EQ(refusal({}, "execute=8,,drawio=1"),
              "CLM_POOLS=\"execute=8,,drawio=1\": expected NAME=N, not \"\"" + pools);
    for (const char* value : {"0", "-1", "1.5", "abc", "", "99999999999999999999999"}) {
        EXPECT_EQ(refusal({std::string("render=") + value}, std::nullopt),
                  "--pool=\"render=" + std::string(value) +
                      "\": the limit of render must be a positive integer or \"unlimited\"" + pools)
            << value;
    }
}

} // namespace
} // namespace clm
