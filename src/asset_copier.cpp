#include "clm/asset_copier.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "clm/atomic_file.hpp"
#include "clm/content_hash.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

class Copier {
public:
    explicit Copier(CopyResult& result)
        : m_result(result) {}

    /// Copies `bytes` (of `source`) to each destination.
    void copy(const fs::path& source, const std::string& bytes,
              const std::vector<fs::path>& destinations);
    void fail(std::size_t copies, Diagnostic why) {
        m_result.failed += copies;
        m_result.errors.push_back(std::move(why));
    }

private:
    struct Claim {
        fs::path source;
        std::string digest;
    };
    bool claim(const fs::path& source, const std::string& digest, const fs::path& destination);

    CopyResult& m_result;
    std::map<fs::path, Claim> m_claims;
    std::set<std::pair<fs::path, fs::path>> m_reported;
};

// Whether `source` may write `destination`: nothing else claimed it, or with equal bytes.
bool Copier::claim(const fs::path& source, const std::string& digest, const fs::path& destination) {
    auto [it, inserted] = m_claims.try_emplace(destination, Claim{source, digest});
    if (inserted) {
        return true;
    }
    if (it->second.digest == digest) {
        ++m_result.unchanged; // the same bytes from another source: copied once
        return false;
    }
    ++m_result.failed;
    if (m_reported.emplace(it->second.source, source).second) {
        m_result.errors.push_back(
            {source.generic_string(), 0,
             "conflicts with " + it->second.source.generic_string() + ": both are shipped as " +
                 destination.filename().string() +
                 " into the same output directory with different contents (for example " +
                 destination.generic_string() + "); rename one of them"});
    }
    return false;
}

void Copier::copy(const fs::path& source, const std::string& bytes,
                  const std::vector<fs::path>& destinations) {
    std::string digest = ContentHash().add(bytes).hex();
    for (const fs::path& destination : destinations) {
        if (!claim(source, digest, destination)) {
            continue; // a conflict, or a copy of equal bytes already made
        }
        Expected<WriteOutcome> outcome = write_file_if_changed(destination, bytes);
        if (!outcome) {
            fail(1, outcome.error());
        } else if (*outcome == WriteOutcome::written) {
            ++m_result.written;
        } else {
            ++m_result.unchanged;
        }
    }
}

std::vector<fs::path> destinations_of(const TopicAssets& topic, const Asset& asset) {
    std::vector<fs::path> destinations;
    for (const std::string& directory : topic.directories) {
        destinations.emplace_back(directory + asset.relative);
    }
    return destinations;
}

} // namespace

CopyResult copy_assets(const AssetPlan& plan, const std::vector<bool>& rendered) {
    CopyResult result;
    Copier copier(result);
    for (const TopicAssets& topic : plan.topics) {
        for (const Asset& asset : topic.files) {
            std::vector<fs::path> destinations = destinations_of(topic, asset);
            result.planned += destinations.size();
            if (asset.diagram && !rendered.at(*asset.diagram)) {
                result.failed += destinations.size(); // its diagram said why
                continue;
            }
            std::optional<std::string> bytes = read_bytes(asset.source);
            if (!bytes) {
                copier.fail(destinations.size(),
                            {asset.source.generic_string(), 0, "cannot read the file to copy it"});
                continue;
            }
            copier.copy(asset.source, *bytes, destinations);
        }
    }
    for (const FileCopy& file : plan.dir_group_files) {
        ++result.planned;
        std::optional<std::string> bytes = read_bytes(file.source);
        if (!bytes) {
            copier.fail(1, {file.source.generic_string(), 0, "cannot read the file to copy it"});
            continue;
        }
        copier.copy(file.source, *bytes, {file.destination});
    }
    return result;
}

} // namespace clm
