// Finding the spec and the root of the course that the user names on the command line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace clm {

struct CourseLocation {
    /// The spec to build, or nothing for a course directory without specs, which is built
    /// from its slides/ tree alone.
    std::optional<std::filesystem::path> spec_file;
    std::filesystem::path root;
};

/// Resolves `argument`, a spec file or a course directory:
/// - a file is the spec; the course root is its grandparent (specs live in
///   <root>/course-specs/);
/// - a directory is the course root; its course-specs/ may hold one spec, which is used,
///   or several, of which `spec_name` ("name" or "name.xml") picks one;
/// - `data_dir`, when given, overrides the root.
/// Throws ConfigError when the argument does not exist, when a directory has several specs
/// and no `spec_name` (listing them), when `spec_name` matches none, or when a directory has
/// neither a spec nor slides/.
CourseLocation locate_course(const std::filesystem::path& argument, const std::string& spec_name,
                             const std::filesystem::path& data_dir);

} // namespace clm
