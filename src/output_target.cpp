// Reading and validating the `<output-target>` elements of a course spec, and the default
// tiers used when a spec has none.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "spec_reader.hpp"

namespace clm::spec {
namespace {

std::optional<Kind> read_kind(SpecReader& reader, pugi::xml_node element) {
    std::string name = text_of(element);
    // "speaker" is the old name of the recording kind; specs still use it.
    if (name == "speaker") {
        return Kind::recording;
    }
    std::optional<Kind> kind = parse_kind(name);
    if (!kind) {
        reader.error(element, "unknown kind " + in_quotes(name) +
                                  "; expected code-along, completed, trainer, recording, "
                                  "partial or speaker");
    }
    return kind;
}

std::optional<Format> read_format(SpecReader& reader, pugi::xml_node element) {
    std::string name = text_of(element);
    std::optional<Format> format = parse_format(name);
    if (!format && name == "jupyterlite") {
        reader.error(element, "format \"jupyterlite\" is not supported; expected html, "
                              "notebook or code");
    } else if (!format) {
        reader.error(element,
                     "unknown format " + in_quotes(name) + "; expected html, notebook or code");
    }
    return format;
}

std::optional<Language> read_language(SpecReader& reader, pugi::xml_node element) {
    std::string code = text_of(element);
    std::optional<Language> language = parse_language(code);
    if (!language) {
        reader.error(element, "unknown language " + in_quotes(code) + "; expected de or en");
    }
    return language;
}

/// The values of the `item` children of `target`'s `list` child, without repeats and in
/// document order; `defaults` when there are none. Invalid items are reported and left out.
template <class T, class Read>
std::vector<T> read_list(SpecReader& reader, pugi::xml_node target, const char* list,
                         const char* item, Read read, std::vector<T> defaults) {
    std::vector<T> values;
    bool any = false;
    for (pugi::xml_node element : target.child(list).children(item)) {
        any = true;
        std::optional<T> value = read(reader, element);
        if (value && std::find(values.begin(), values.end(), *value) == values.end()) {
            values.push_back(*value);
        }
    }
    return any ? values : defaults;
}

std::string read_path(SpecReader& reader, pugi::xml_node target, const std::string& name) {
    pugi::xml_node element = target.child("path");
    std::string path = text_of(element);
    if (path.empty()) {
        reader.error(element ? element : target,
                     "output target " + in_quotes(name) +
                         (element ? " has an empty <path>" : " has no <path>") +
                         "; expected a directory relative to the course root");
        return {};
    }
    Expected<std::string> normalised = normalise_relative_path(path, "output target path");
    if (!normalised) {
        reader.error(element, normalised.error().message);
        return {};
    }
    return *normalised;
}

OutputTargetSpec read_target(SpecReader& reader, pugi::xml_node target) {
    OutputTargetSpec spec;
    std::string_view name = target.attribute("name").value();
    spec.name = name.empty() ? "default" : std::string(name);
    spec.path = read_path(reader, target, spec.name);
    spec.kinds = read_list<Kind>(reader, target, "kinds", "kind", read_kind,
                                 {all_kinds.begin(), all_kinds.end()});
    spec.formats = read_list<Format>(reader, target, "formats", "format", read_format,
                                     {all_formats.begin(), all_formats.end()});
    spec.languages = read_list<Language>(reader, target, "languages", "language", read_language,
                                         {all_languages.begin(), all_languages.end()});
    spec.line = reader.line(target);
    return spec;
}

/// Reports `target` when an earlier one has its name or (valid) path.
void check_unique(SpecReader& reader, pugi::xml_node element, const OutputTargetSpec& target,
                  const std::vector<OutputTargetSpec>& earlier) {
    for (const OutputTargetSpec& other : earlier) {
        if (other.name == target.name) {
            reader.error(element, "duplicate output target name " + in_quotes(target.name) +
                                      " (first defined on line " + std::to_string(other.line) +
                                      ")");
            break;
        }
    }
    for (const OutputTargetSpec& other : earlier) {
        if (!target.path.empty() && other.path == target.path) {
            reader.error(element, "duplicate output target path " + in_quotes(target.path) +
                                      " (first used by target " + in_quotes(other.name) +
                                      " on line " + std::to_string(other.line) + ")");
            break;
        }
    }
}

OutputTargetSpec default_target(std::string name, std::vector<Kind> kinds) {
    return OutputTargetSpec{name,
                            "output/" + name,
                            std::move(kinds),
                            {all_formats.begin(), all_formats.end()},
                            {all_languages.begin(), all_languages.end()},
                            0};
}

} // namespace

std::vector<OutputTargetSpec> read_output_targets(SpecReader& reader, pugi::xml_node targets) {
    std::vector<OutputTargetSpec> result;
    for (pugi::xml_node element : targets.children("output-target")) {
        OutputTargetSpec target = read_target(reader, element);
        check_unique(reader, element, target, result);
        result.push_back(std::move(target));
    }
    // An <output-targets> without any target would build nothing; it is read as "use the
    // defaults", like a spec without <output-targets>.
    return result.empty() ? default_output_targets() : result;
}

} // namespace clm::spec

namespace clm {

std::vector<OutputTargetSpec> default_output_targets() {
    return {
        spec::default_target("shared", {Kind::code_along, Kind::completed}),
        spec::default_target("trainer", {Kind::code_along, Kind::completed, Kind::trainer}),
        spec::default_target("speaker", {Kind::recording}),
    };
}

} // namespace clm
