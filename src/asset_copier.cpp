#include "clm/asset_copier.hpp"

#include <map>
#include <set>

#include "clm/atomic_file.hpp"
#include "clm/content_hash.hpp"
#include "clm/file_bytes.hpp"
#include "clm/file_stamp.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

struct Destination {
    fs::path path;
    CopyScope scope;
};

class Copier {
public:
    Copier(CopyResult& result, CopyRecords* records)
        : m_result(result)
        , m_records(records) {}

    /// Copies `source` to each destination, reading it only when a destination is not
    /// current.
    void copy(const fs::path& source, const std::vector<Destination>& destinations);
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
    void write(const fs::path& source, const FileStamp& stamp, const std::string& bytes,
               const std::vector<Destination>& destinations);

    CopyResult& m_result;
    CopyRecords* m_records;
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

// The stamp is taken before the file is read, so that a source written meanwhile has another
// stamp than the one recorded, and is read again by the next build.
void Copier::copy(const fs::path& source, const std::vector<Destination>& destinations) {
    std::optional<FileStamp> stamp = stamp_of(source);
    std::vector<Destination> stale;
    for (const Destination& destination : destinations) {
        std::optional<std::string> digest =
            m_records && stamp ? m_records->current_digest(source, *stamp, destination.path)
                               : std::nullopt;
        if (!digest) {
            stale.push_back(destination);
        } else if (claim(source, *digest, destination.path)) {
            ++m_result.unchanged;
        }
    }
    if (stale.empty()) {
        return;
    }
    std::optional<std::string> bytes = stamp ? read_file_bytes(source) : std::nullopt;
    if (!bytes) {
        fail(stale.size(), {source.generic_string(), 0, "cannot read the file to copy it"});
        return;
    }
    write(source, *stamp, *bytes, stale);
}

void Copier::write(const fs::path& source, const FileStamp& stamp, const std::string& bytes,
                   const std::vector<Destination>& destinations) {
    std::string digest = bytes_digest(bytes);
    for (const Destination& destination : destinations) {
        if (!claim(source, digest, destination.path)) {
            continue; // a conflict, or a copy of equal bytes already made
        }
        Expected<WriteOutcome> outcome = write_file_if_changed(destination.path, bytes);
        if (!outcome) {
            fail(1, outcome.error());
            continue;
        }
        ++(*outcome == WriteOutcome::written ? m_result.written : m_result.unchanged);
        if (m_records) {
            m_records->copied(source, stamp, digest, destination.path, destination.scope);
        }
    }
}

std::vector<Destination> destinations_of(const TopicAssets& topic, const Asset& asset) {
    std::vector<Destination> destinations;
    for (std::size_t d = 0; d < topic.directories.size(); ++d) {
        destinations.push_back({topic.directories[d] + asset.relative, topic.scopes.at(d)});
    }
    return destinations;
}

} // namespace

CopyResult copy_assets(const AssetPlan& plan, const std::vector<bool>& rendered,
                       CopyRecords* records) {
    CopyResult result;
    Copier copier(result, records);
    for (const TopicAssets& topic : plan.topics) {
        for (const Asset& asset : topic.files) {
            std::vector<Destination> destinations = destinations_of(topic, asset);
            result.planned += destinations.size();
            if (asset.diagram && !rendered.at(*asset.diagram)) {
                result.failed += destinations.size(); // its diagram said why
                continue;
            }
            copier.copy(asset.source, destinations);
        }
    }
    for (const FileCopy& file : plan.dir_group_files) {
        ++result.planned;
        copier.copy(file.source, {{file.destination, file.scope}});
    }
    return result;
}

} // namespace clm
