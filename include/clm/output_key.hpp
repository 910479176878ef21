// The key of an output: a digest of everything that determines its bytes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clm/build_plan.hpp"
#include "clm/content_hash.hpp"
#include "clm/jupyter_tools.hpp"

namespace clm {

/// An output's key and the named parts it is made of, as the build state stores them.
struct OutputKey {
    std::string key;
    /// "deck=.. topic=.. spec=.. tools=.. clm=..": a short digest of each part, so that
    /// --explain can name the part that changed.
    std::string inputs;
};

/// The version of clm and of the bytes it makes, which every key covers: a new clm may
/// write different bytes from the same inputs.
std::string clm_key_version();

/// The digest of the executor and renderer commands and the cell timeout: what an HTML
/// output's bytes depend on besides its deck.
std::string tools_digest(const JupyterTools& tools);

/// Computes the keys of a build's outputs. The parts shared by the outputs of one deck or
/// topic are computed once.
class OutputKeys {
public:
    /// `tools` is tools_digest() of the build's Jupyter tools; it is part of HTML keys only.
    OutputKeys(const Course& course, std::string tools, TopicDigest topic_digest);

    /// The key of `output`, whose file is at `path`: the absolute form of output.path, so
    /// that keys do not depend on the directory clm is started from.
    OutputKey key_of(const PlannedOutput& output, std::string_view path);
    /// Only the key: what deciding whether an output is current needs.
    std::string key_only(const PlannedOutput& output, std::string_view path);
    /// Forgets what is known of `deck`, after its text was read again and may have changed.
    void forget(const Deck& deck);

    /// Computes the parts that `output` shares with others, so that the const functions
    /// below can be called for it, from several threads at once.
    void prepare(const PlannedOutput& output);
    /// key_only() of a prepared output, hashed in the caller's `hash`.
    std::string prepared_key(const PlannedOutput& output, std::string_view path,
                             ContentHash& hash) const;
    /// The named parts of a prepared output's key, as OutputKey::inputs.
    std::string prepared_inputs(const PlannedOutput& output) const;

private:
    const std::string& deck_part(const Deck& deck);
    const std::string& spec_part(const Topic& topic);
    const std::string& topic_part(const Topic& topic);
    std::string_view tools_part(const PlannedOutput& output) const;

    const Course& m_course;
    std::string m_tools;
    TopicDigest m_topic_digest;
    std::string m_version;
    ContentHash m_hash; // reused for every key
    std::unordered_map<const Deck*, std::string> m_decks;
    std::unordered_map<const Topic*, std::string> m_specs;
    std::unordered_map<const Topic*, std::string> m_topics;
};

/// The names of the parts whose digests differ between two `inputs` strings, in their order;
/// empty when they agree and only the output's own place (language, format, kind or path)
/// can have changed.
std::vector<std::string> changed_key_parts(std::string_view before, std::string_view now);

} // namespace clm
