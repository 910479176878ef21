#include <algorithm>
#include <array>

#include "clm/course_tree.hpp"

namespace clm {
namespace {

// Tool caches, version control, build products and local data stores: none of them is course
// material, and some are large.
constexpr std::array<std::string_view, 31> ignored_names = {
    "__pycache__",
    ".cargo",
    ".clm",
    ".clm-cache",
    ".git",
    ".idea",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".pytest_cache",
    ".tox",
    ".venv",
    ".vs",
    ".vscode",
    "bin",
    "build",
    "chroma_db",
    "chroma_langchain_db",
    "chroma_rag_db",
    ".qdrant",
    "qdrant_data",
    "qdrant_db",
    "CMakeFiles",
    "data-local",
    "dist",
    "img-large",
    "img-local",
    "localdata",
    "obj",
    "out",
    "target",
    "voiceover",
};

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

// The name patterns *.egg-info*, *cmake-build-*, *.bkp, *.bak, chroma_*db* and qdrant_*.
bool matches_ignored_pattern(std::string_view name) {
    constexpr std::string_view chroma = "chroma_";
    return contains(name, ".egg-info") || contains(name, "cmake-build-") ||
           name.ends_with(".bkp") || name.ends_with(".bak") ||
           (name.starts_with(chroma) && contains(name.substr(chroma.size()), "db")) ||
           name.starts_with("qdrant_");
}

} // namespace

bool is_ignored_directory(std::string_view name) {
    return std::find(ignored_names.begin(), ignored_names.end(), name) != ignored_names.end() ||
           matches_ignored_pattern(name);
}

} // namespace clm
