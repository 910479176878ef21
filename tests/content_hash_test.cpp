#include "clm/content_hash.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

TEST(ContentHash, IsSha256OfLengthPrefixedFields) {
    // SHA-256 of eight zero bytes: the length prefix of one empty field.
    EXPECT_EQ(ContentHash().add("").hex(),
              "af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc");
}

TEST(ContentHash, DistinguishesHowBytesAreSplitIntoFields) {
    EXPECT_NE(ContentHash().add("ab").add("c").hex(), ContentHash().add("a").add("bc").hex());
    EXPECT_EQ(ContentHash().add("a").add("bc").hex(), ContentHash().add("a").add("bc").hex());
}

} // namespace
} // namespace clm
