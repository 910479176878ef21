#include "clm/course.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clm/content_hash.hpp"
#include "clm/expected.hpp"
#include "clm/file_bytes.hpp"
#include "clm/parallel_work.hpp"
#include "clm/utf8.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Reads a deck file; a file that cannot be read, is not UTF-8 or holds nothing is an error.
Expected<DeckSource> read_deck(const DeckFile& file) {
    FileStamp stamp;
    std::optional<std::string> text = read_file_bytes(file.path, stamp);
    if (!text) {
        return Diagnostic{file.path.generic_string(), 0, "cannot read deck"};
    }
    if (std::optional<std::size_t> bad = find_invalid_utf8(*text)) {
        return Diagnostic{file.path.generic_string(), line_of_offset(*text, *bad),
                          "deck is not valid UTF-8"};
    }
    if (is_blank(*text)) {
        return Diagnostic{file.path.generic_string(), 0, "deck is empty"};
    }
    std::string digest = normalized_digest(*text);
    std::optional<Bilingual> title = find_deck_title(*text);
    return DeckSource{file, std::move(*text), true, std::move(digest), stamp, std::move(title)};
}

// A deck that `cache` knows unread, else the deck read.
Expected<DeckSource> known_or_read_deck(const DeckFile& file, const DeckCache& cache) {
    if (cache) {
        if (std::optional<FileStamp> stamp = stamp_of(file.path)) {
            if (std::optional<KnownDeck> known = cache(file, *stamp)) {
                return DeckSource{file,   "",
                                  false,  std::move(known->digest),
                                  *stamp, std::move(known->header_title)};
            }
        }
    }
    return read_deck(file);
}

// Reads `files` with a few threads. Reading is nearly all system calls, which a second core
// overlaps well; a course of a few decks is read on the calling thread.
std::vector<Expected<DeckSource>> read_decks(const std::vector<const DeckFile*>& files,
                                             const DeckCache& cache) {
    std::vector<std::optional<Expected<DeckSource>>> slots(files.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            slots[i].emplace(known_or_read_deck(*files[i], cache));
        }
    };
    run_in_parallel(files.size(), 64, work);
    std::vector<Expected<DeckSource>> results;
    results.reserve(files.size());
    for (std::optional<Expected<DeckSource>>& slot : slots) {
        results.push_back(std::move(*slot));
    }
    return results;
}

// The file name of a family key without its extension: "slides_x" for ".../slides_x.py".
std::string family_stem(std::string_view family) {
    std::size_t slash = family.rfind('/');
    std::string_view name = slash == std::string_view::npos ? family : family.substr(slash + 1);
    std::size_t dot = name.rfind('.');
    return std::string(dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot));
}

// The decks of a topic grouped by family, in the order in which each family first appears.
std::vector<std::vector<const DeckFile*>> group_families(const std::vector<DeckFile>& decks) {
    std::vector<std::vector<const DeckFile*>> families;
    for (const DeckFile& deck : decks) {
        auto same_family = [&](const std::vector<const DeckFile*>& family) {
            return family.front()->family == deck.family;
        };
        auto found = std::find_if(families.begin(), families.end(), same_family);
        if (found == families.end()) {
            families.push_back({&deck});
        } else {
            found->push_back(&deck);
        }
    }
    return families;
}

// Each language's title comes from the source that builds it; a deck without a source for a
// language (a lone nested half) takes it from the source it has.
Bilingual deck_title(const Deck& deck, const std::string& stem) {
    Bilingual title;
    for (Language language : all_languages) {
        const DeckSource* source = deck.source_for(language);
        if (source == nullptr) {
            source = &deck.sources.front();
        }
        const std::optional<Bilingual>& found = source->header_title;
        (language == Language::de ? title.de : title.en) = found ? (*found)[language] : stem;
    }
    return title;
}

class CourseLoader {
public:
    CourseLoader(const CourseTree& tree, Course& course)
        : m_tree(tree)
        , m_course(course) {}

    /// Reads every deck of the topics that `spec` builds, ahead of load_section().
    void read_decks_of(const CourseSpec& spec, const DeckCache& cache);
    Section load_section(const SectionSpec& spec, const fs::path& spec_file);
    const std::vector<Diagnostic>& routing_errors() const { return m_routing_errors; }

private:
    const TopicSource* find(const TopicSpec& spec, const fs::path& spec_file);
    std::optional<Deck> load_deck(const std::vector<const DeckFile*>& family,
                                  const TopicSpec& spec);

    const CourseTree& m_tree;
    Course& m_course;
    std::vector<Diagnostic> m_routing_errors;
    // Topics whose routing errors are already collected, for topics listed twice.
    std::set<const TopicSource*> m_reported;
    std::unordered_map<const DeckFile*, Expected<DeckSource>> m_read;
};

void CourseLoader::read_decks_of(const CourseSpec& spec, const DeckCache& cache) {
    std::vector<const DeckFile*> files;
    std::set<const TopicSource*> seen;
    for (const SectionSpec& section : spec.sections) {
        for (const TopicSpec& topic : section.topics) {
            const TopicSource* source = m_tree.find_topic(topic.id, topic.module);
            if (source != nullptr && seen.insert(source).second) {
                for (const DeckFile& deck : source->decks) {
                    files.push_back(&deck);
                }
            }
        }
    }
    std::vector<Expected<DeckSource>> results = read_decks(files, cache);
    for (std::size_t i = 0; i < files.size(); ++i) {
        m_read.emplace(files[i], std::move(results[i]));
    }
}

Section CourseLoader::load_section(const SectionSpec& spec, const fs::path& spec_file) {
    Section section{spec, {}};
    int number = 0;
    for (const TopicSpec& topic_spec : spec.topics) {
        const TopicSource* source = find(topic_spec, spec_file);
        if (source == nullptr || !source->routing_errors.empty()) {
            continue;
        }
        Topic topic{topic_spec, *source, {}};
        for (const std::vector<const DeckFile*>& family : group_families(source->decks)) {
            if (std::optional<Deck> deck = load_deck(family, topic_spec)) {
                deck->number = ++number;
                topic.decks.push_back(std::move(*deck));
            }
        }
        section.topics.push_back(std::move(topic));
    }
    return section;
}

// The tree topic of `spec`, or null after recording why it cannot be built.
const TopicSource* CourseLoader::find(const TopicSpec& spec, const fs::path& spec_file) {
    const TopicSource* source = m_tree.find_topic(spec.id, spec.module);
    if (source == nullptr) {
        std::string message = "topic \"" + spec.id + "\" not found in slides/" + spec.module;
        m_course.errors.push_back(Diagnostic{spec_file.string(), spec.line, std::move(message)});
        return nullptr;
    }
    if (!source->routing_errors.empty() && m_reported.insert(source).second) {
        m_routing_errors.insert(m_routing_errors.end(), source->routing_errors.begin(),
                                source->routing_errors.end());
    }
    return source;
}

// A deck from the files of one family; files that cannot be used are reported and left out,
// and a deck with no usable file is skipped.
std::optional<Deck> CourseLoader::load_deck(const std::vector<const DeckFile*>& family,
                                            const TopicSpec& spec) {
    Deck deck;
    for (const DeckFile* file : family) {
        auto read = m_read.find(file);
        Expected<DeckSource> source =
            read != m_read.end() ? std::move(read->second) : read_deck(*file);
        if (source) {
            deck.sources.push_back(std::move(*source));
        } else {
            m_course.errors.push_back(source.error());
        }
    }
    if (deck.sources.empty()) {
        return std::nullopt;
    }
    // The spec parser has already refused unknown names, so a failed parse cannot happen here.
    std::optional<ProgLang> spec_lang = parse_prog_lang(spec.prog_lang);
    deck.prog_lang = spec_lang.value_or(deck.sources.front().file.prog_lang);
    deck.title = deck_title(deck, family_stem(family.front()->family));
    return deck;
}

// The name of a course directory, also for "." or a path with a trailing separator.
std::string directory_name(const fs::path& root) {
    std::error_code error;
    fs::path path = fs::absolute(root, error).lexically_normal();
    if (!path.has_filename()) {
        path = path.parent_path();
    }
    return path.filename().string();
}

} // namespace

const DeckSource* Deck::source_for(Language language) const {
    for (const DeckSource& source : sources) {
        if (!source.file.language || *source.file.language == language) {
            return &source;
        }
    }
    return nullptr;
}

Course load_course(CourseSpec spec, const CourseTree& tree, const DeckCache& cache) {
    Course course;
    course.root = tree.root;
    CourseLoader loader(tree, course);
    loader.read_decks_of(spec, cache);
    for (const SectionSpec& section_spec : spec.sections) {
        course.sections.push_back(loader.load_section(section_spec, spec.file));
    }
    if (!loader.routing_errors().empty()) {
        throw ConfigError(loader.routing_errors());
    }
    course.spec = std::move(spec);
    return course;
}

std::optional<Diagnostic> load_deck_text(DeckSource& source) {
    if (source.text_loaded) {
        return std::nullopt;
    }
    Expected<DeckSource> read = read_deck(source.file);
    if (!read) {
        return read.error();
    }
    source = std::move(*read);
    return std::nullopt;
}

std::string normalized_digest(std::string_view text) {
    if (text.find('\r') == std::string_view::npos) {
        return ContentHash().add(text).hex();
    }
    std::string normalized;
    normalized.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r' || i + 1 == text.size() || text[i + 1] != '\n') {
            normalized += text[i];
        }
    }
    return ContentHash().add(normalized).hex();
}

CourseSpec spec_from_tree(const CourseTree& tree) {
    CourseSpec spec;
    std::string name = directory_name(tree.root);
    spec.name = Bilingual{name, name};
    for (const std::string& module : tree.modules) {
        SectionSpec section;
        section.name = Bilingual{module, module};
        section.id = module;
        for (const TopicSource& topic : tree.topics) {
            if (topic.module == module) {
                TopicSpec topic_spec;
                topic_spec.id = topic.id;
                topic_spec.module = module;
                section.topics.push_back(std::move(topic_spec));
            }
        }
        spec.sections.push_back(std::move(section));
    }
    spec.targets = default_output_targets();
    return spec;
}

} // namespace clm
