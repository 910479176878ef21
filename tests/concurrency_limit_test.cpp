#include "clm/concurrency_limit.hpp"
#include "clm/diagnostic.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

std::string refusal(const std::optional<std::string>& flag,
                    const std::optional<std::string>& environment) {
    try {
        resolve_concurrency_limit(flag, environment);
    } catch (const ConfigError& error) {
        EXPECT_EQ(error.diagnostics().size(), 1u);
        EXPECT_TRUE(error.diagnostics().front().file.empty());
        return error.diagnostics().front().message;
    }
    return "accepted";
}

TEST(ConcurrencyLimit, FlagBeatsEnvironment) {
    ConcurrencyLimit limit = resolve_concurrency_limit("7", "9");
    EXPECT_EQ(limit.limit, 7u);
    EXPECT_EQ(limit.source, LimitSource::flag);
}

TEST(ConcurrencyLimit, EnvironmentBeatsDefault) {
    ConcurrencyLimit limit = resolve_concurrency_limit(std::nullopt, "9");
    EXPECT_EQ(limit.limit, 9u);
    EXPECT_EQ(limit.source, LimitSource::environment);
}

TEST(ConcurrencyLimit, DefaultsToFifty) {
    ConcurrencyLimit limit = resolve_concurrency_limit(std::nullopt, std::nullopt);
    EXPECT_EQ(limit.limit, 50u);
    EXPECT_EQ(limit.source, LimitSource::default_value);
    EXPECT_EQ(limit_source_name(limit.source), "default");
}

TEST(ConcurrencyLimit, AcceptsUnlimited) {
    EXPECT_EQ(resolve_concurrency_limit("unlimited", std::nullopt).limit, unlimited_concurrency);
    EXPECT_EQ(resolve_concurrency_limit(std::nullopt, "unlimited").limit, unlimited_concurrency);
    EXPECT_EQ(limit_text(unlimited_concurrency), "unlimited");
    EXPECT_EQ(limit_text(12), "12");
}

TEST(ConcurrencyLimit, AcceptsOne) {
    EXPECT_EQ(resolve_concurrency_limit("1", "x").limit, 1u);
}

TEST(ConcurrencyLimit, RefusesEveryBadEnvironmentValueNamingIt) {
    for (std::string value : {"abc", "0", "-3", "1.5", "", "+5", " 5", "5 ", "Unlimited", "5x",
                              "99999999999999999999999"}) {
        EXPECT_EQ(refusal(std::nullopt, value),
                  "CLM_MAX_CONCURRENCY=\"" + value +
                      "\": expected a positive integer or \"unlimited\"");
    }
}

TEST(ConcurrencyLimit, RefusesABadFlagValueNamingTheFlag) {
    EXPECT_EQ(refusal("abc", "4"),
              "--max-concurrency=\"abc\": expected a positive integer or \"unlimited\"");
    EXPECT_EQ(refusal("0", std::nullopt),
              "--max-concurrency=\"0\": expected a positive integer or \"unlimited\"");
}

TEST(ConcurrencyLimit, AGoodFlagHidesABadEnvironmentValue) {
    EXPECT_EQ(resolve_concurrency_limit("3", "abc").limit, 3u);
}

TEST(ConcurrencyLimit, ReadsTheEnvironment) {
    ::setenv("CLM_MAX_CONCURRENCY", "12", 1);
    ConcurrencyLimit limit = resolve_concurrency_limit(std::nullopt);
    ::unsetenv("CLM_MAX_CONCURRENCY");
    EXPECT_EQ(limit.limit, 12u);
    EXPECT_EQ(limit.source, LimitSource::environment);
}

} // namespace
} // namespace clm
