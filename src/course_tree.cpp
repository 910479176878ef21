#include "clm/course_tree.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <sys/stat.h>
#include <system_error>
#include <utility>

namespace clm {
namespace {

namespace fs = std::filesystem;

// One entry of a directory, with its type after following symbolic links.
struct Entry {
    std::string name;
    std::string relative; // relative to the course root, '/'-separated
    fs::path path;
    bool is_directory = false;
    bool is_file = false;
    bool is_link = false;
};

// The identity of a directory; two paths name the same directory exactly when these match.
struct DirectoryId {
    dev_t device = 0;
    ino_t inode = 0;

    bool operator==(const DirectoryId&) const = default;
};

// A directory on the path being scanned. Its identity is looked up only when a symbolic
// link is entered below it, because only a link can lead back up: this saves a stat() per
// directory on the common tree without links.
struct ScanPathEntry {
    fs::path path;
    std::optional<DirectoryId> id;
};

enum class DeckKind { none, deck, unsupported };

bool is_private(std::string_view name) {
    return !name.empty() && (name.front() == '_' || name.front() == '.');
}

// The last extension with its dot; a leading dot does not start an extension (".gitkeep").
std::string_view extension_of(std::string_view name) {
    std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? std::string_view{} : name.substr(dot);
}

DeckKind classify_deck(std::string_view name) {
    constexpr std::array<std::string_view, 3> prefixes = {"slides_", "topic_", "project_"};
    bool has_prefix = std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view prefix) {
        return name.starts_with(prefix);
    });
    if (!has_prefix) {
        return DeckKind::none;
    }
    std::string_view extension = extension_of(name);
    if (prog_lang_from_extension(extension)) {
        return DeckKind::deck;
    }
    if (extension == ".md" || extension == ".rs" || extension == ".rust") {
        return DeckKind::unsupported;
    }
    return DeckKind::none;
}

bool is_ignored_file(std::string_view name) {
    return name == ".clm-include" || name.ends_with(".keras") || name.ends_with(".bkp") ||
           name.ends_with(".bin");
}

// Lower-cases the first letter of a system message so that it reads as part of a clm phrase.
std::string system_message(const std::error_code& error) {
    std::string message = error.message();
    if (!message.empty()) {
        message.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    return message;
}

DeckFile make_deck_file(const Entry& entry) {
    DeckFile deck;
    deck.path = entry.path;
    deck.relative = entry.relative;
    std::string_view name = entry.name;
    std::string_view extension = extension_of(name);
    deck.prog_lang = prog_lang_from_extension(extension).value_or(ProgLang::python);
    std::string_view stem = name.substr(0, name.size() - extension.size());
    deck.family = entry.relative;
    for (Language language : all_languages) {
        std::string infix = "." + std::string(language_code(language));
        if (stem.size() > infix.size() && stem.ends_with(infix)) {
            deck.language = language;
            std::string_view parent =
                std::string_view(entry.relative).substr(0, entry.relative.size() - name.size());
            deck.family = std::string(parent);
            deck.family += stem.substr(0, stem.size() - infix.size());
            deck.family += extension;
        }
    }
    return deck;
}

// The file name of a '/'-separated relative path.
std::string_view file_name(std::string_view relative) {
    std::size_t slash = relative.rfind('/');
    return slash == std::string_view::npos ? relative : relative.substr(slash + 1);
}

struct FamilyMembers {
    const DeckFile* bilingual = nullptr;
    std::vector<const DeckFile*> halves;
};

void check_family(const FamilyMembers& members, std::vector<Diagnostic>& errors) {
    bool has_de = false;
    bool has_en = false;
    for (const DeckFile* half : members.halves) {
        has_de = has_de || half->language == Language::de;
        has_en = has_en || half->language == Language::en;
    }
    for (const DeckFile* half : members.halves) {
        std::string message;
        if (members.bilingual != nullptr) {
            message = "split deck has a bilingual file " +
                      std::string(file_name(members.bilingual->relative)) +
                      " beside it; keep either the bilingual file or the .de/.en pair";
        } else if (!(has_de && has_en)) {
            message = half->language == Language::de ? "split deck half has no .en partner"
                                                     : "split deck half has no .de partner";
        } else {
            continue;
        }
        errors.push_back(Diagnostic{half->path.generic_string(), 0, std::move(message)});
    }
}

// Finds the routing errors among the direct decks of a directory topic.
void check_split_decks(const std::vector<DeckFile>& decks, std::vector<Diagnostic>& errors) {
    std::map<std::string_view, FamilyMembers> families;
    for (const DeckFile& deck : decks) {
        FamilyMembers& members = families[deck.family];
        if (deck.language) {
            members.halves.push_back(&deck);
        } else {
            members.bilingual = &deck;
        }
    }
    for (const auto& [family, members] : families) {
        check_family(members, errors);
    }
}

// The type of a directory entry after following symbolic links. Only links need a stat();
// the type of other entries comes with the directory listing.
fs::file_type followed_type(const fs::directory_entry& entry, std::error_code& error) {
    if (entry.is_symlink(error)) {
        return fs::status(entry.path(), error).type();
    }
    if (error) {
        return fs::file_type::unknown;
    }
    if (entry.is_directory(error)) {
        return fs::file_type::directory;
    }
    return entry.is_regular_file(error) ? fs::file_type::regular : fs::file_type::unknown;
}

class TreeScanner {
public:
    TreeScanner(fs::path root, std::vector<Diagnostic>& warnings)
        : m_root(std::move(root))
        , m_warnings(warnings) {}

    CourseTree scan();

private:
    bool enter(const Entry& directory);
    bool is_on_scan_path(const Entry& link);
    void leave() { m_stack.pop_back(); }
    std::vector<Entry> list(const fs::path& directory, const std::string& relative);
    void scan_module(CourseTree& tree, const Entry& module);
    void scan_topic_entry(CourseTree& tree, const Entry& module, const Entry& entry);
    bool scan_directory_topic(TopicSource& topic, const Entry& directory);
    void scan_nested(TopicSource& topic, const Entry& directory);
    void add_topic_file(TopicSource& topic, const Entry& entry);
    // Diagnostics name files as the user can open them: below the root as it was given.
    void warn(const std::string& relative, std::string message) {
        m_warnings.push_back(
            Diagnostic{(m_root / relative).generic_string(), 0, std::move(message)});
    }

    fs::path m_root;
    std::vector<Diagnostic>& m_warnings;
    // The directories on the path currently being scanned, to recognise symbolic link loops.
    std::vector<ScanPathEntry> m_stack;
};

CourseTree TreeScanner::scan() {
    fs::path slides = m_root / "slides";
    struct stat info {};
    if (::stat(slides.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        throw ConfigError(Diagnostic{
            slides.string(), 0, "no slides/ directory; a course needs slides/<module>/<topic>"});
    }
    CourseTree tree;
    tree.root = m_root;
    m_stack.push_back({m_root, std::nullopt});
    m_stack.push_back({slides, std::nullopt});
    for (const Entry& entry : list(slides, "slides")) {
        if (entry.is_directory && !is_private(entry.name) && !is_ignored_directory(entry.name)) {
            tree.modules.push_back(entry.name);
            scan_module(tree, entry);
        }
    }
    tree.index_topics();
    return tree;
}

std::optional<DirectoryId> directory_id(const fs::path& directory) {
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return DirectoryId{info.st_dev, info.st_ino};
}

// Whether the directory a link leads to is already on the scan path: entering it would loop.
bool TreeScanner::is_on_scan_path(const Entry& link) {
    std::optional<DirectoryId> target = directory_id(link.path);
    for (ScanPathEntry& entry : m_stack) {
        if (!entry.id) {
            entry.id = directory_id(entry.path);
        }
        if (target && entry.id == target) {
            return true;
        }
    }
    return false;
}

// Pushes `directory` on the scan path, unless it is a link back to a directory on it.
bool TreeScanner::enter(const Entry& directory) {
    if (directory.is_link && is_on_scan_path(directory)) {
        warn(directory.relative, "symbolic link loop not followed");
        return false;
    }
    m_stack.push_back({directory.path, std::nullopt});
    return true;
}

// The entries of `directory` in name order. Entries whose type cannot be found (dangling
// links, permission errors) are reported and left out.
std::vector<Entry> TreeScanner::list(const fs::path& directory, const std::string& relative) {
    std::vector<Entry> entries;
    std::error_code error;
    fs::directory_iterator it(directory, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        Entry entry;
        entry.path = it->path();
        entry.name = entry.path.filename().string();
        entry.relative = relative + "/" + entry.name;
        std::error_code type_error;
        fs::file_type type = followed_type(*it, type_error);
        if (type_error) {
            std::error_code ignored;
            std::string what = it->is_symlink(ignored) ? "symbolic link cannot be followed: "
                                                       : "cannot read file: ";
            warn(entry.relative, what + system_message(type_error));
            continue;
        }
        entry.is_directory = type == fs::file_type::directory;
        entry.is_file = type == fs::file_type::regular;
        std::error_code ignored;
        entry.is_link = it->is_symlink(ignored);
        entries.push_back(std::move(entry));
    }
    if (error) {
        warn(relative, "cannot read directory: " + system_message(error));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& left, const Entry& right) { return left.name < right.name; });
    return entries;
}

void TreeScanner::scan_module(CourseTree& tree, const Entry& module) {
    if (!enter(module)) {
        return;
    }
    for (const Entry& entry : list(module.path, module.relative)) {
        if (is_private(entry.name) || (entry.is_directory && is_ignored_directory(entry.name))) {
            continue;
        }
        scan_topic_entry(tree, module, entry);
    }
    leave();
}

void TreeScanner::scan_topic_entry(CourseTree& tree, const Entry& module, const Entry& entry) {
    TopicSource topic;
    topic.id = topic_id_from_entry(entry.name);
    if (topic.id.empty()) {
        return;
    }
    topic.module = module.name;
    topic.path = entry.path;
    if (entry.is_directory) {
        if (scan_directory_topic(topic, entry)) {
            tree.topics.push_back(std::move(topic));
        }
        return;
    }
    DeckKind kind = entry.is_file ? classify_deck(entry.name) : DeckKind::none;
    if (kind == DeckKind::unsupported) {
        warn(entry.relative, "deck format not supported yet");
    } else if (kind == DeckKind::deck) {
        topic.is_file_topic = true;
        topic.decks.push_back(make_deck_file(entry));
        tree.topics.push_back(std::move(topic));
    }
}

bool TreeScanner::scan_directory_topic(TopicSource& topic, const Entry& directory) {
    if (!enter(directory)) {
        return false;
    }
    std::vector<Entry> subdirectories;
    for (Entry& entry : list(directory.path, directory.relative)) {
        if (entry.is_directory) {
            if (!is_ignored_directory(entry.name)) {
                subdirectories.push_back(std::move(entry));
            }
        } else if (entry.is_file) {
            add_topic_file(topic, entry);
        }
    }
    // Only the direct decks form split pairs; nested decks are taken one by one.
    check_split_decks(topic.decks, topic.routing_errors);
    for (const Entry& subdirectory : subdirectories) {
        scan_nested(topic, subdirectory);
    }
    leave();
    std::sort(topic.other_files.begin(), topic.other_files.end());
    return true;
}

// Adds the files below a subdirectory of a directory topic in path order.
void TreeScanner::scan_nested(TopicSource& topic, const Entry& directory) {
    if (!enter(directory)) {
        return;
    }
    for (const Entry& entry : list(directory.path, directory.relative)) {
        if (entry.is_directory) {
            if (!is_ignored_directory(entry.name)) {
                scan_nested(topic, entry);
            }
        } else if (entry.is_file) {
            add_topic_file(topic, entry);
        }
    }
    leave();
}

void TreeScanner::add_topic_file(TopicSource& topic, const Entry& entry) {
    switch (classify_deck(entry.name)) {
    case DeckKind::deck:
        topic.decks.push_back(make_deck_file(entry));
        break;
    case DeckKind::unsupported:
        warn(entry.relative, "deck format not supported yet");
        break;
    case DeckKind::none:
        if (!is_ignored_file(entry.name)) {
            topic.other_files.push_back(entry.path);
        }
        break;
    }
}

} // namespace

const TopicSource* CourseTree::find_topic(std::string_view id, std::string_view module) const {
    auto candidates = topics_by_id.find(std::string(id));
    if (candidates == topics_by_id.end()) {
        return nullptr;
    }
    for (std::size_t index : candidates->second) {
        if (module.empty() || topics[index].module == module) {
            return &topics[index];
        }
    }
    return nullptr;
}

void CourseTree::index_topics() {
    topics_by_id.clear();
    for (std::size_t index = 0; index < topics.size(); ++index) {
        topics_by_id[topics[index].id].push_back(index);
    }
}

CourseTree scan_course_tree(const fs::path& root, std::vector<Diagnostic>& warnings) {
    // The root stays as the user gave it, so that paths in messages and listings are the
    // ones the user typed.
    fs::path normal = root.lexically_normal();
    return TreeScanner(normal.empty() ? fs::path(".") : normal, warnings).scan();
}

std::string topic_id_from_entry(std::string_view entry_name) {
    std::string_view stem =
        entry_name.substr(0, entry_name.size() - extension_of(entry_name).size());
    for (int part = 0; part < 2; ++part) {
        std::size_t underscore = stem.find('_');
        if (underscore == std::string_view::npos) {
            return {};
        }
        stem.remove_prefix(underscore + 1);
    }
    return std::string(stem);
}

} // namespace clm
