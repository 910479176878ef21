#include "clm/asset_plan.hpp"

#include <algorithm>
#include <set>
#include <system_error>
#include <unordered_map>

#include "clm/course_tree.hpp"
#include "clm/file_topic_files.hpp"
#include "clm/language.hpp"
#include "clm/output_kind.hpp"
#include "clm/output_layout.hpp"
#include "clm/topic_file_role.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

// Where a directory group goes: a target's root, in one language.
struct Destination {
    fs::path root;
    Language language;
    std::string target;
};
// An output directory of decks, ending with '/', and the selection it belongs to.
using DeckDirectory = std::pair<std::string, CopyScope>;

// Diagrams live in <topic>/pu/ or <topic>/drawio/, and their renders go to the folder
// beside that one; a diagram directly in the topic renders into the topic's own folders.
fs::path render_path(const fs::path& topic, const fs::path& source, ImageFormat format) {
    fs::path folder = source.parent_path();
    fs::path base = folder == topic ? topic : folder.parent_path();
    std::string name = source.stem().string() + "." + std::string(image_format_name(format));
    std::error_code error;
    fs::path committed = base / "img" / name;
    return fs::exists(committed, error) ? committed : base / "img-generated" / name;
}

std::string relative_to(const fs::path& path, const fs::path& base) {
    return path.lexically_relative(base).generic_string();
}

class AssetPlanner {
public:
    AssetPlanner(const Course& course, const AssetOptions& options)
        : m_course(course)
        , m_options(options) {}

    void plan_topic(const Section& section, const Topic& topic,
                    const std::vector<DeckDirectory>& directories);
    void plan_dir_group(const DirGroupSpec& group, const std::vector<Destination>& to);
    AssetPlan take() { return std::move(m_plan); }

private:
    void add_diagram(TopicAssets& assets, const fs::path& file, DiagramTool tool);
    void copy_tree(const fs::path& from, const fs::path& to, bool recursive,
                   const CopyScope& scope);

    const Course& m_course;
    const AssetOptions& m_options;
    AssetPlan m_plan;
};

void AssetPlanner::add_diagram(TopicAssets& assets, const fs::path& file, DiagramTool tool) {
    const fs::path& topic = assets.topic->source.path;
    Diagram diagram{assets.topic, file, tool, m_options.image_format, {}};
    diagram.render = render_path(topic, file, m_options.image_format);
    // pu/x.pu and drawio/x.drawio would both render to img-generated/x.png.
    for (const Diagram& other : m_plan.diagrams) {
        if (other.render == diagram.render) {
            m_plan.errors.push_back({file.generic_string(), 0,
                                     "renders to " + diagram.render.generic_string() + " like " +
                                         other.source.generic_string() + "; rename one of them"});
            return;
        }
    }
    assets.files.push_back(
        {diagram.render, shipped_path(relative_to(diagram.render, topic)), m_plan.diagrams.size()});
    m_plan.diagrams.push_back(std::move(diagram));
}

// A file topic has no folder of its own: it ships the files of its module directory that
// its decks name (images they show, modules they import), at their paths in the module.
std::vector<Asset> file_topic_assets(const Topic& topic) {
    fs::path module = topic.source.path.parent_path();
    std::vector<Asset> assets;
    std::set<std::string> seen;
    for (const Deck& deck : topic.decks) {
        for (const DeckSource& source : deck.sources) {
            for (std::string& relative : file_topic_references(source.text, deck.prog_lang)) {
                std::error_code error;
                fs::path file = module / relative;
                if (topic_file_role(relative) == TopicFileRole::shipped &&
                    fs::is_regular_file(file, error) && file != source.file.path &&
                    seen.insert(relative).second) {
                    assets.push_back({file, std::move(relative), {}});
                }
            }
        }
    }
    return assets;
}

void AssetPlanner::plan_topic(const Section& section, const Topic& topic,
                              const std::vector<DeckDirectory>& directories) {
    TopicAssets assets{&topic, &section, {}, {}, {}};
    for (const auto& [path, scope] : directories) {
        assets.directories.push_back(path);
        assets.scopes.push_back(scope);
    }
    const TopicSource& source = topic.source;
    if (source.is_file_topic) {
        assets.files = file_topic_assets(topic);
    }
    std::vector<fs::path> shipped;
    for (const fs::path& file :
         source.is_file_topic ? std::vector<fs::path>{} : source.other_files) {
        TopicFileRole role = topic_file_role(relative_to(file, source.path));
        switch (role) {
        case TopicFileRole::plantuml:
        case TopicFileRole::drawio:
            if (m_options.diagrams) {
                add_diagram(assets, file,
                            role == TopicFileRole::plantuml ? DiagramTool::plantuml
                                                            : DiagramTool::drawio);
            }
            break;
        case TopicFileRole::shipped:
            shipped.push_back(file);
            break;
        case TopicFileRole::never_shipped:
            break;
        }
    }
    // A render found by the scan (from an earlier build, or committed) is shipped as the
    // product of its diagram, and only once.
    std::set<fs::path> renders;
    for (const Asset& asset : assets.files) {
        renders.insert(asset.source);
    }
    for (const fs::path& file : shipped) {
        if (!renders.contains(file)) {
            assets.files.push_back({file, shipped_path(relative_to(file, source.path)), {}});
        }
    }
    if (!assets.files.empty()) {
        m_plan.topics.push_back(std::move(assets));
    }
}

// Adds the files below `from` as copies below `to`; nested directories only when
// `recursive`. Ignored directories and files kept out of outputs are left out.
void AssetPlanner::copy_tree(const fs::path& from, const fs::path& to, bool recursive,
                             const CopyScope& scope) {
    std::error_code error;
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(from, error), end; !error && it != end;
         it.increment(error)) {
        std::string relative = relative_to(it->path(), from);
        std::string name = it->path().filename().string();
        if (it->is_directory(error)) {
            if (!recursive || is_ignored_directory(name)) {
                it.disable_recursion_pending();
            }
        } else if (it->is_regular_file(error) && !is_never_shipped(relative)) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        m_plan.dir_group_files.push_back({file, to / file.lexically_relative(from), scope});
    }
}

// The course directory joined with a dir-group name whose every segment is sanitised.
fs::path group_destination(const fs::path& course_dir, std::string_view name) {
    fs::path destination = course_dir;
    std::size_t start = 0;
    while (start < name.size()) {
        std::size_t end = std::min(name.find('/', start), name.size());
        if (end > start) {
            destination /= sanitize_file_name(name.substr(start, end - start));
        }
        start = end + 1;
    }
    return destination;
}

void AssetPlanner::plan_dir_group(const DirGroupSpec& group, const std::vector<Destination>& to) {
    if (group.path.empty()) {
        return; // the spec reader has reported why
    }
    fs::path source = m_course.root / group.path;
    std::vector<fs::path> trees = {};
    for (const std::string& subdir : group.subdirs) {
        trees.push_back(source / subdir);
    }
    for (const fs::path& tree : group.subdirs.empty() ? std::vector<fs::path>{source} : trees) {
        std::error_code error;
        if (!fs::is_directory(tree, error)) {
            m_plan.warnings.push_back({m_course.spec.file.string(), group.line,
                                       "dir-group directory \"" + relative_to(tree, m_course.root) +
                                           "\" does not exist; nothing is copied from it"});
            return;
        }
    }
    for (const Destination& destination : to) {
        Language language = destination.language;
        CopyScope scope{destination.target, std::string(language_code(language)), ""};
        fs::path target = group_destination(
            destination.root / course_dir_name(m_course.spec, language), group.name[language]);
        if (group.subdirs.empty() && group.recursive) {
            copy_tree(source, target, true, scope);
            continue;
        }
        for (const std::string& subdir : group.subdirs) {
            copy_tree(source / subdir, target / subdir, group.recursive, scope);
        }
        if (group.include_root_files) {
            copy_tree(source, target, false, scope);
        }
    }
}

// The output directories of each topic's decks, in plan order and without repeats.
// Each directory holds the decks of one target, language and format.
std::unordered_map<const Topic*, std::vector<DeckDirectory>>
deck_directories(const BuildPlan& plan) {
    std::unordered_map<const Topic*, std::vector<DeckDirectory>> result;
    std::set<std::pair<const Topic*, std::string>> seen;
    for (const PlannedOutput& output : plan.outputs) {
        std::string directory = output.path.substr(0, output.path.rfind('/') + 1);
        if (seen.emplace(output.topic, directory).second) {
            CopyScope scope{output.target->name, std::string(language_code(output.language)),
                            std::string(format_name(output.format))};
            result[output.topic].emplace_back(std::move(directory), std::move(scope));
        }
    }
    return result;
}

// A topic without decks (one that only holds diagrams, say) ships into the directories of
// the other decks of its section.
std::vector<DeckDirectory> section_directories(
    const Section& section,
    const std::unordered_map<const Topic*, std::vector<DeckDirectory>>& directories) {
    std::vector<DeckDirectory> result;
    for (const Topic& topic : section.topics) {
        auto found = directories.find(&topic);
        for (const DeckDirectory& directory :
             found == directories.end() ? std::vector<DeckDirectory>{} : found->second) {
            auto same = [&](const DeckDirectory& other) { return other.first == directory.first; };
            if (std::none_of(result.begin(), result.end(), same)) {
                result.push_back(directory);
            }
        }
    }
    return result;
}

// Every (target root, language) of the build: a directory group is copied once for each.
std::vector<Destination> destinations(const BuildPlan& plan, const BuildOptions& build) {
    std::vector<Destination> result;
    for (std::size_t t = 0; t < plan.targets.size(); ++t) {
        for (Language language : plan.targets[t]->languages) {
            if (!build.language || *build.language == language) {
                result.push_back({plan.target_roots[t], language, plan.targets[t]->name});
            }
        }
    }
    return result;
}

} // namespace

std::string_view diagram_tool_name(DiagramTool tool) {
    return tool == DiagramTool::drawio ? "drawio" : "plantuml";
}

const TopicAssets* AssetPlan::assets_of(const Topic* topic) const {
    for (const TopicAssets& assets : topics) {
        if (assets.topic == topic) {
            return &assets;
        }
    }
    return nullptr;
}

AssetPlan plan_assets(const Course& course, const BuildPlan& plan, const BuildOptions& build,
                      const AssetOptions& options) {
    AssetPlanner planner(course, options);
    auto directories = deck_directories(plan);
    for (const Section& section : course.sections) {
        for (const Topic& topic : section.topics) {
            auto found = directories.find(&topic);
            if (found != directories.end()) {
                planner.plan_topic(section, topic, found->second);
            } else if (topic.decks.empty()) {
                planner.plan_topic(section, topic, section_directories(section, directories));
            }
        }
    }
    std::vector<Destination> to = destinations(plan, build);
    for (const DirGroupSpec& group : course.spec.dir_groups) {
        planner.plan_dir_group(group, to);
    }
    for (const Section& section : course.sections) {
        for (const Topic& topic : section.topics) {
            for (const DirGroupSpec& group : topic.spec.dir_groups) {
                planner.plan_dir_group(group, to);
            }
        }
    }
    return planner.take();
}

} // namespace clm
