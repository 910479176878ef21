// Digests of what determines a result, used as keys for sharing and reusing work.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
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

/// The hex digest of `bytes` as one field: how the build state records an output's bytes.
std::string bytes_digest(std::string_view bytes);

/// bytes_digest() of a file's contents, or nothing when it cannot be read.
std::optional<std::string> file_bytes_digest(const std::filesystem::path& path);

} // namespace clm
