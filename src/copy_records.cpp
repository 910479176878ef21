#include "clm/copy_records.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

std::string state_name(const fs::path& path) {
    return fs::absolute(path).lexically_normal().string();
}

// "source=PATH stamp=SIZE:MTIME_NS"; a stamp that may still change unseen (see is_racy) is
// left out, so that the source is read again next time.
std::string copy_inputs(const fs::path& source, const FileStamp& stamp, bool trusted) {
    std::string inputs = "source=" + state_name(source);
    if (trusted) {
        inputs += " stamp=" + std::to_string(stamp.size) + ":" + std::to_string(stamp.mtime_ns);
    }
    return inputs;
}

} // namespace

CopyRecords::CopyRecords(BuildState& state, std::string base, std::int64_t build_start_ns)
    : m_state(state)
    , m_base(std::move(base))
    , m_build_start_ns(build_start_ns) {}

std::optional<std::string> CopyRecords::current_digest(const fs::path& source,
                                                       const FileStamp& source_stamp,
                                                       const fs::path& destination) const {
    std::string path = state_name(destination);
    const OutputRecord* record = m_state.output(path);
    if (record == nullptr || record->kind != copy_kind ||
        record->outcome != RecordOutcome::succeeded ||
        record->inputs != copy_inputs(source, source_stamp, true) ||
        stamp_of(path) != record->stamp) {
        return std::nullopt;
    }
    return record->key;
}

void CopyRecords::copied(const fs::path& source, const FileStamp& source_stamp,
                         const std::string& digest, const fs::path& destination,
                         const CopyScope& scope) {
    OutputRecord record;
    record.path = state_name(destination);
    record.key = digest;
    record.inputs = copy_inputs(source, source_stamp, !is_racy(source_stamp, m_build_start_ns));
    record.stamp = stamp_of(record.path).value_or(FileStamp{});
    record.digest = digest;
    record.base = m_base;
    record.target = scope.target;
    record.language = scope.language;
    record.kind = std::string(copy_kind);
    record.format = scope.format;
    m_state.record_output(std::move(record));
    m_state.commit_soon();
}

std::unordered_set<std::string> planned_copies(const AssetPlan& plan) {
    std::unordered_set<std::string> copies;
    for (const TopicAssets& topic : plan.topics) {
        for (const Asset& asset : topic.files) {
            for (const std::string& directory : topic.directories) {
                copies.insert(state_name(directory + asset.relative));
            }
        }
    }
    for (const FileCopy& file : plan.dir_group_files) {
        copies.insert(state_name(file.destination));
    }
    return copies;
}

std::size_t recorded_count(const BuildState& state, const std::unordered_set<std::string>& copies) {
    std::size_t count = 0;
    for (const std::string& copy : copies) {
        count += state.output(copy) != nullptr ? 1 : 0;
    }
    return count;
}

} // namespace clm
