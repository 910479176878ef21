#include "clm/cell_id.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

TEST(CellId, HashesWithSha3_224) {
    EXPECT_EQ(sha3_224_hex(""), "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7");
    EXPECT_EQ(sha3_224_hex("abc"), "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf");
}

TEST(CellId, HashesUtf8Bytes) {
    EXPECT_EQ(sha3_224_hex("Gr\u00fc\u00dfe"),
              "d6a5d94520d613907c500a5cfc6dacdbe88eb89caf078570a8a74a93");
}

TEST(CellId, UsesFirstSixteenHexDigits) {
    std::unordered_set<std::string> taken;
    EXPECT_EQ(make_cell_id("print(\"Hallo\")", taken), "97c70d77e367a2ec");
    EXPECT_EQ(taken, (std::unordered_set<std::string>{"97c70d77e367a2ec"}));
}

TEST(CellId, RehashesWithIndexPrefixOnCollision) {
    std::unordered_set<std::string> taken;
    EXPECT_EQ(make_cell_id("abc", taken), "e642824c3f8cf24a");
    // The second and third identical sources hash "1:abc" and then "2:abc".
    EXPECT_EQ(make_cell_id("abc", taken), "a1930d1c149ae9d0");
    EXPECT_EQ(make_cell_id("abc", taken), "17ad65a316e70ae2");
    EXPECT_EQ(taken.size(), 3U);
}

TEST(CellId, SkipsIdsTakenByOtherCells) {
    // "1:abc" is already taken by some other cell, so the collision moves on to "2:abc".
    std::unordered_set<std::string> taken = {"e642824c3f8cf24a", "a1930d1c149ae9d0"};
    EXPECT_EQ(make_cell_id("abc", taken), "17ad65a316e70ae2");
    EXPECT_TRUE(taken.contains("17ad65a316e70ae2"));
}

} // namespace
} // namespace clm
