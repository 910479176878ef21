#include "clm/output_sweep.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "clm/content_hash.hpp"
#include "clm/log.hpp"
#include "clm/output_kind.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

bool is_inside_git(const fs::path& path) {
    return std::any_of(path.begin(), path.end(),
                       [](const fs::path& part) { return part == ".git"; });
}

// An absolute, normal directory path without a trailing separator, to compare by parts.
fs::path directory_root(const fs::path& path) {
    fs::path normal = fs::absolute(path).lexically_normal();
    return normal.has_filename() ? normal : normal.parent_path();
}

bool is_strictly_below(const fs::path& path, const fs::path& ancestor) {
    auto [a, p] = std::mismatch(ancestor.begin(), ancestor.end(), path.begin(), path.end());
    return a == ancestor.end() && p != path.end();
}

// A name that write_file_if_changed() gives its temporary files: ".NAME.XXXXXX".
std::optional<std::string> temporary_of(const std::string& name) {
    if (name.size() < 9 || name[0] != '.' || name[name.size() - 7] != '.') {
        return std::nullopt;
    }
    return name.substr(1, name.size() - 8);
}

// Deletes the file of `record` when it is still the one clm wrote.
bool delete_recorded_file(const OutputRecord& record) {
    fs::path path(record.path);
    struct stat info {};
    if (is_inside_git(path) || record.digest.empty() || ::lstat(path.c_str(), &info) != 0 ||
        !S_ISREG(info.st_mode)) {
        return false;
    }
    if (stamp_of(path) != record.stamp && file_bytes_digest(record.path) != record.digest) {
        log_warning({record.path, 0,
                     "not deleted although this build no longer makes it: it was changed "
                     "after clm wrote it"});
        return false;
    }
    return ::unlink(path.c_str()) == 0;
}

// Removes the directories that deleting `file` left empty, up to a root, never the root.
void remove_empty_parents(const fs::path& file, const std::set<fs::path>& roots) {
    auto below_a_root = [&](const fs::path& dir) {
        return std::any_of(roots.begin(), roots.end(),
                           [&](const fs::path& root) { return is_strictly_below(dir, root); });
    };
    for (fs::path dir = file.parent_path(); below_a_root(dir) && !is_inside_git(dir);
         dir = dir.parent_path()) {
        if (::rmdir(dir.c_str()) != 0) {
            break; // not empty, or not ours to remove
        }
    }
}

} // namespace

bool is_in_scope(const OutputRecord& record, const BuildOptions& options) {
    auto named = [&](const std::string& target) {
        return std::find(options.targets.begin(), options.targets.end(), target) !=
               options.targets.end();
    };
    return record.base == options.output_dir.string() &&
           (options.targets.empty() || named(record.target)) &&
           (!options.language || record.language == language_code(*options.language)) &&
           (!options.speaker_only || record.kind == kind_name(Kind::trainer) ||
            record.kind == kind_name(Kind::recording)) &&
           (!options.no_html || record.format != format_name(Format::html));
}

std::size_t delete_stale_outputs(BuildState& state, const std::unordered_set<std::string>& planned,
                                 const BuildOptions& options, const fs::path& course_root) {
    std::set<fs::path> roots{directory_root(course_root)};
    if (!options.output_dir.empty()) {
        roots.insert(directory_root(options.output_dir));
    }
    std::vector<std::string> stale;
    for (const auto& [path, record] : state.outputs()) {
        if (planned.count(path) == 0 && is_in_scope(record, options)) {
            stale.push_back(path);
        }
    }
    std::sort(stale.begin(), stale.end());
    std::size_t deleted = 0;
    for (const std::string& path : stale) {
        if (delete_recorded_file(*state.output(path))) {
            ++deleted;
            remove_empty_parents(path, roots);
        }
        state.forget_output(path); // deleted or not, clm no longer answers for it
    }
    state.commit();
    return deleted;
}

void remove_leftover_temporaries(const BuildState& state, const std::vector<std::string>& planned) {
    std::map<fs::path, std::set<std::string>> names_by_directory;
    auto add = [&](const std::string& path) {
        fs::path file(path);
        names_by_directory[file.parent_path()].insert(file.filename().string());
    };
    std::for_each(planned.begin(), planned.end(), add);
    for (const auto& [path, record] : state.outputs()) {
        add(path);
    }
    for (const auto& [directory, names] : names_by_directory) {
        std::error_code error;
        for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
            std::optional<std::string> output = temporary_of(entry.path().filename().string());
            if (output && names.count(*output) != 0 && entry.is_regular_file(error)) {
                fs::remove(entry.path(), error);
            }
        }
    }
}

} // namespace clm
