// Reading the `<dir-group>` elements of a course spec and its `<image-options>`.
#include <string>
#include <string_view>

#include "spec_reader.hpp"

namespace clm::spec {
namespace {

/// A `true`/`false` attribute; absent gives `fallback`, anything else is reported.
bool flag_attribute(SpecReader& reader, pugi::xml_node element, const char* name, bool fallback) {
    pugi::xml_attribute attribute = element.attribute(name);
    if (!attribute) {
        return fallback;
    }
    std::string value = lower(strip(attribute.value()));
    if (value == "true" || value == "false") {
        return value == "true";
    }
    reader.error(element, "invalid " + std::string(name) + " value " +
                              in_quotes(attribute.value()) +
                              " on <dir-group>; expected true or "
                              "false");
    return fallback;
}

/// A relative path of the dir-group, validated like an output target's path.
std::string read_relative(SpecReader& reader, pugi::xml_node element, std::string_view what) {
    Expected<std::string> path = normalise_relative_path(text_of(element), what);
    if (!path) {
        reader.error(element, path.error().message);
        return {};
    }
    return *path;
}

DirGroupSpec read_dir_group(SpecReader& reader, pugi::xml_node element) {
    DirGroupSpec group;
    group.line = reader.line(element);
    group.name = reader.bilingual(element.child("name"));
    pugi::xml_node path = element.child("path");
    if (!path) {
        reader.error(element, "<dir-group> has no <path>; expected the directory to copy, "
                              "relative to the course root");
    } else {
        group.path = read_relative(reader, path, "dir-group path");
    }
    for (pugi::xml_node subdir : element.child("subdirs").children("subdir")) {
        std::string name = read_relative(reader, subdir, "dir-group subdir");
        if (!name.empty()) {
            group.subdirs.push_back(std::move(name));
        }
    }
    group.include_root_files = flag_attribute(reader, element, "include-root-files", false);
    group.recursive = flag_attribute(reader, element, "recursive", true);
    return group;
}

} // namespace

std::vector<DirGroupSpec> read_dir_groups(SpecReader& reader, pugi::xml_node parent) {
    std::vector<DirGroupSpec> groups;
    for (pugi::xml_node element : parent.children("dir-group")) {
        groups.push_back(read_dir_group(reader, element));
    }
    return groups;
}

std::optional<ImageFormat> read_image_format(SpecReader& reader, pugi::xml_node options) {
    pugi::xml_node format = options.child("format");
    if (!format) {
        return std::nullopt;
    }
    std::string name = lower(text_of(format));
    std::optional<ImageFormat> parsed = parse_image_format(name);
    if (!parsed) {
        reader.error(format, "unknown image format " + in_quotes(text_of(format)) +
                                 "; expected png or svg");
    }
    return parsed;
}

} // namespace clm::spec
