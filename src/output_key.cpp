#include "clm/output_key.hpp"

#include "clm/content_hash.hpp"
#include "clm/image_format.hpp"

namespace clm {
namespace {

// Raised when the bytes clm makes from the same inputs change, so that outputs of an
// earlier clm of the same version number are not trusted. CLM_VERSION covers releases.
constexpr const char* output_revision = "1";

std::string short_digest(std::string_view digest) {
    return std::string(digest.substr(0, 16));
}

// The value of part `name` in an inputs string, or an empty view.
std::string_view part_value(std::string_view inputs, std::string_view name) {
    std::size_t at = 0;
    while (at < inputs.size()) {
        std::size_t end = inputs.find(' ', at);
        std::string_view part = inputs.substr(at, end - at);
        if (part.size() > name.size() && part.substr(0, name.size()) == name &&
            part[name.size()] == '=') {
            return part.substr(name.size() + 1);
        }
        at = end == std::string_view::npos ? inputs.size() : end + 1;
    }
    return {};
}

} // namespace

std::string clm_key_version() {
    return std::string(CLM_VERSION) + "." + output_revision;
}

std::string tools_digest(const JupyterTools& tools) {
    ContentHash hash;
    hash.add("executor");
    for (const std::string& word : tools.executor) {
        hash.add(word);
    }
    hash.add("renderer");
    for (const std::string& word : tools.renderer) {
        hash.add(word);
    }
    hash.add(tools.cell_timeout ? std::to_string(*tools.cell_timeout) : "none");
    return hash.hex();
}

OutputKeys::OutputKeys(const Course& course, std::string tools, TopicDigest topic_digest)
    : m_course(course)
    , m_tools(std::move(tools))
    , m_topic_digest(std::move(topic_digest))
    , m_version(clm_key_version()) {}

// The deck's own text, title and language. A split deck's halves are both covered, since
// the title of one language may come from the other half.
const std::string& OutputKeys::deck_part(const Deck& deck) {
    auto [it, inserted] = m_decks.try_emplace(&deck);
    if (inserted) {
        ContentHash hash;
        for (const DeckSource& source : deck.sources) {
            hash.add(source.file.relative).add(source.digest);
        }
        hash.add(deck.title.de).add(deck.title.en);
        hash.add(std::to_string(static_cast<int>(deck.prog_lang)));
        it->second = hash.hex();
    }
    return it->second;
}

// What the spec says of the topic beyond where its outputs go: the template's values and
// whether and how its code runs.
const std::string& OutputKeys::spec_part(const Topic& topic) {
    auto [it, inserted] = m_specs.try_emplace(&topic);
    if (inserted) {
        ContentHash hash;
        hash.add(topic.spec.author.empty() ? m_course.spec.author : topic.spec.author);
        hash.add(m_course.spec.organization.de).add(m_course.spec.organization.en);
        hash.add(topic.spec.evaluate ? "evaluate" : "no-evaluate");
        hash.add(topic.spec.skip_errors ? "skip-errors" : "errors");
        // The decks link diagram renders in the format they are made in.
        hash.add(image_format_name(m_course.spec.image_format.value_or(ImageFormat::png)));
        it->second = hash.hex();
    }
    return it->second;
}

const std::string& OutputKeys::topic_part(const Topic& topic) {
    auto [it, inserted] = m_topics.try_emplace(&topic);
    if (inserted) {
        it->second = m_topic_digest(topic);
    }
    return it->second;
}

std::string_view OutputKeys::tools_part(const PlannedOutput& output) const {
    return output.format == Format::html ? std::string_view(m_tools) : std::string_view("none");
}

void OutputKeys::prepare(const PlannedOutput& output) {
    deck_part(*output.deck);
    spec_part(*output.topic);
    topic_part(*output.topic);
}

std::string OutputKeys::prepared_key(const PlannedOutput& output, std::string_view path,
                                     ContentHash& hash) const {
    hash.reset();
    hash.add(m_decks.at(output.deck)).add(m_topics.at(output.topic));
    hash.add(m_specs.at(output.topic)).add(tools_part(output)).add(m_version);
    hash.add(language_code(output.language)).add(format_name(output.format));
    hash.add(kind_name(output.kind)).add(path);
    return hash.hex();
}

std::string OutputKeys::prepared_inputs(const PlannedOutput& output) const {
    return "deck=" + short_digest(m_decks.at(output.deck)) +
           " topic=" + short_digest(m_topics.at(output.topic)) +
           " spec=" + short_digest(m_specs.at(output.topic)) +
           " tools=" + short_digest(tools_part(output)) + " clm=" + m_version;
}

std::string OutputKeys::key_only(const PlannedOutput& output, std::string_view path) {
    prepare(output);
    return prepared_key(output, path, m_hash);
}

OutputKey OutputKeys::key_of(const PlannedOutput& output, std::string_view path) {
    prepare(output);
    return {prepared_key(output, path, m_hash), prepared_inputs(output)};
}

void OutputKeys::forget(const Deck& deck) {
    m_decks.erase(&deck);
}

std::vector<std::string> changed_key_parts(std::string_view before, std::string_view now) {
    std::vector<std::string> changed;
    for (const char* name : {"deck", "topic", "spec", "tools", "clm"}) {
        if (part_value(before, name) != part_value(now, name)) {
            changed.emplace_back(name);
        }
    }
    return changed;
}

} // namespace clm
