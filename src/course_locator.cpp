#include "clm/course_locator.hpp"

#include <algorithm>
#include <vector>

#include "clm/diagnostic.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> specs_in(const fs::path& directory) {
    std::vector<fs::path> specs;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".xml" && it->is_regular_file(error)) {
            specs.push_back(it->path());
        }
    }
    std::sort(specs.begin(), specs.end());
    return specs;
}

std::string spec_names(const std::vector<fs::path>& specs) {
    std::string names;
    for (const fs::path& spec : specs) {
        names += names.empty() ? "" : ", ";
        names += spec.filename().string();
    }
    return names;
}

fs::path pick_spec(const fs::path& root, const std::vector<fs::path>& specs,
                   const std::string& spec_name) {
    fs::path specs_dir = root / "course-specs";
    if (spec_name.empty()) {
        throw ConfigError(Diagnostic{specs_dir.string(), 0,
                                     std::to_string(specs.size()) + " course specs (" +
                                         spec_names(specs) + "); choose one with --spec NAME"});
    }
    for (const fs::path& spec : specs) {
        if (spec.filename() == spec_name || spec.stem() == spec_name) {
            return spec;
        }
    }
    throw ConfigError(Diagnostic{specs_dir.string(), 0,
                                 "no course spec named \"" + spec_name + "\"; the specs are " +
                                     (specs.empty() ? "none" : spec_names(specs))});
}

CourseLocation locate_in_directory(const fs::path& root, const std::string& spec_name) {
    std::vector<fs::path> specs = specs_in(root / "course-specs");
    if (specs.size() == 1 && spec_name.empty()) {
        return {specs.front(), root};
    }
    if (!specs.empty() || !spec_name.empty()) {
        return {pick_spec(root, specs, spec_name), root};
    }
    std::error_code error;
    if (!fs::is_directory(root / "slides", error)) {
        throw ConfigError(
            Diagnostic{root.string(), 0, "not a course: no course-specs/*.xml and no slides/"});
    }
    return {std::nullopt, root};
}

} // namespace

CourseLocation locate_course(const fs::path& argument, const std::string& spec_name,
                             const fs::path& data_dir) {
    std::error_code error;
    fs::file_status status = fs::status(argument, error);
    if (!fs::exists(status)) {
        throw ConfigError(Diagnostic{argument.string(), 0, "no such file or directory"});
    }
    CourseLocation location;
    if (fs::is_directory(status)) {
        location = locate_in_directory(argument.lexically_normal(), spec_name);
    } else {
        fs::path spec = argument.lexically_normal();
        fs::path specs_dir = spec.parent_path();
        fs::path root = specs_dir.has_parent_path() ? specs_dir.parent_path()
                        : specs_dir.empty()         ? fs::path("..")
                                                    : fs::path(".");
        location = {spec, root};
    }
    if (!data_dir.empty()) {
        location.root = data_dir.lexically_normal();
    }
    return location;
}

} // namespace clm
