// Digests of what determines a result, used as keys for sharing and reusing work.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace clm {

/// An incremental SHA-256. Fields are added with their length in front, so that no two
/// different sequences of fields give the same bytes to hash ("ab","c" versus "a","bc").
class ContentHash {
public:
    ContentHash();
    ~ContentHash();
    ContentHash(const ContentHash&) = delete;
    ContentHash& operator=(const ContentHash&) = delete;

    ContentHash& add(std::string_view field);
    /// The lower-case hex digest; the hash cannot be added to afterwards, until reset().
    std::string hex();
    /// Starts a new hash in the same context, which is cheaper than making another when
    /// thousands of small keys are hashed.
    void reset();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace clm
