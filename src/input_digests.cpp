#include "clm/input_digests.hpp"

#include "clm/content_hash.hpp"
#include "clm/file_bytes.hpp"
#include "clm/topic_file_role.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

// A deck's facts are its header title: empty for none, else "t", the German and the
// English title, separated by the unit separator (which no title holds).
constexpr char separator = '\x1f';

std::string title_facts(const std::optional<Bilingual>& title) {
    return title ? std::string("t") + separator + title->de + separator + title->en : "";
}

std::optional<std::optional<Bilingual>> title_of_facts(const std::string& facts) {
    if (facts.empty()) {
        return std::optional<Bilingual>();
    }
    std::size_t first = facts.find(separator);
    std::size_t second = facts.find(separator, first + 1);
    if (facts[0] != 't' || first != 1 || second == std::string::npos) {
        return std::nullopt; // not written by this clm: read the deck
    }
    return Bilingual{facts.substr(2, second - 2), facts.substr(second + 1)};
}

// Records are keyed by absolute paths, so that a build started from another directory finds
// them.
std::string record_name(const fs::path& path) {
    return fs::absolute(path).lexically_normal().string();
}

} // namespace

InputDigests::InputDigests(BuildState& state, std::int64_t build_start_ns)
    : m_state(state)
    , m_build_start_ns(build_start_ns) {}

DeckCache InputDigests::deck_cache() const {
    const BuildState& state = m_state;
    return [&state](const DeckFile& file, const FileStamp& stamp) -> std::optional<KnownDeck> {
        const InputRecord* record = state.input(record_name(file.path));
        if (record == nullptr || record->stamp != stamp) {
            return std::nullopt;
        }
        std::optional<std::optional<Bilingual>> title = title_of_facts(record->facts);
        if (!title) {
            return std::nullopt;
        }
        return KnownDeck{record->digest, std::move(*title)};
    };
}

void InputDigests::remember_decks(const Course& course) {
    for (const Section& section : course.sections) {
        for (const Topic& topic : section.topics) {
            for (const Deck& deck : topic.decks) {
                for (const DeckSource& source : deck.sources) {
                    if (source.text_loaded && !is_racy(source.stamp, m_build_start_ns)) {
                        m_state.record_input({record_name(source.file.path), source.stamp,
                                              source.digest, title_facts(source.header_title)});
                    }
                }
            }
        }
    }
}

const std::string& InputDigests::topic_digest(const Topic& topic) {
    auto [it, inserted] = m_topics.try_emplace(&topic);
    if (inserted) {
        ContentHash hash;
        if (!topic.source.is_file_topic) {
            for (const fs::path& file : topic.source.other_files) {
                std::string relative = file.lexically_relative(topic.source.path).generic_string();
                if (!is_generated_render(relative)) {
                    hash.add(relative);
                    hash.add(file_digest(file));
                }
            }
        }
        it->second = hash.hex();
    }
    return it->second;
}

std::string InputDigests::file_digest(const fs::path& path) {
    std::string name = record_name(path);
    const InputRecord* record = m_state.input(name);
    std::optional<FileStamp> stamp = stamp_of(path);
    if (record != nullptr && stamp && record->stamp == *stamp) {
        return record->digest;
    }
    FileStamp read_stamp;
    std::optional<std::string> bytes = read_file_bytes(path, read_stamp);
    if (!bytes) {
        return "unreadable"; // the execution will fail to copy it and say why
    }
    std::string digest = normalized_digest(*bytes);
    if (!is_racy(read_stamp, m_build_start_ns)) {
        m_state.record_input({name, read_stamp, digest, ""});
    }
    return digest;
}

} // namespace clm
