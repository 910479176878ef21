#include "clm/utf8.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

TEST(Utf8, AcceptsAsciiAndWellFormedSequences) {
    EXPECT_FALSE(find_invalid_utf8("").has_value());
    EXPECT_FALSE(find_invalid_utf8("plain\n").has_value());
    EXPECT_FALSE(find_invalid_utf8("\xC3\xA4 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
}

TEST(Utf8, ReportsTheOffsetOfTheFirstBadByte) {
    EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2U);
    EXPECT_EQ(find_invalid_utf8("a\x80"), 1U);            // stray continuation byte
    EXPECT_EQ(find_invalid_utf8("a\xC3"), 1U);            // truncated at the end
    EXPECT_EQ(find_invalid_utf8("\xC3(x"), 0U);           // missing continuation
    EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0U);         // overlong '/'
    EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0U);     // overlong three-byte form
    EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0U);     // surrogate
    EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0U); // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("\xE2\x82x"), 0U);        // bad third byte
}

TEST(Utf8, LineOfOffsetCountsNewlinesBefore) {
    EXPECT_EQ(line_of_offset("a\nb\nc", 0), 1);
    EXPECT_EQ(line_of_offset("a\nb\nc", 2), 2);
    EXPECT_EQ(line_of_offset("a\nb\nc", 4), 3);
}

} // namespace
} // namespace clm
