// Reading `<section>`, `<subsection>` and `<topic>` elements of a course spec.
#include <string>
#include <string_view>

#include "spec_reader.hpp"

namespace clm::spec {
namespace {

/// Whether an element with an `enabled` attribute takes part in the build. An invalid value
/// is reported and the element is left out, so that nothing below it is reported as well.
bool is_enabled(SpecReader& reader, pugi::xml_node element) {
    pugi::xml_attribute enabled = element.attribute("enabled");
    if (!enabled) {
        return true;
    }
    std::string value = lower(enabled.value());
    if (value == "true" || value == "false") {
        return value == "true";
    }
    reader.error(element, "invalid enabled value " + in_quotes(enabled.value()) + " on <" +
                              element.name() + ">; expected true or false");
    return false;
}

/// The topic ID: the `id` attribute or the element's text, but not both.
std::string topic_id(SpecReader& reader, pugi::xml_node topic) {
    std::string attribute = topic.attribute("id").value();
    std::string text = text_of(topic);
    if (!attribute.empty() && !text.empty()) {
        reader.error(topic, "topic has both an id attribute " + in_quotes(attribute) +
                                " and the text " + in_quotes(text) + "; expected one of them");
    } else if (attribute.empty() && text.empty()) {
        reader.error(topic, "topic has no id; expected an id attribute or the id as text");
    }
    return attribute.empty() ? text : attribute;
}

/// `evaluate="no|false|0"` turns execution off; absent, empty, yes, true and 1 keep it on.
bool evaluate_flag(SpecReader& reader, pugi::xml_node topic) {
    std::string_view raw = topic.attribute("evaluate").value();
    std::string value = lower(raw);
    if (value == "no" || value == "false" || value == "0") {
        return false;
    }
    if (!(value.empty() || value == "yes" || value == "true" || value == "1")) {
        reader.error(topic, "invalid evaluate value " + in_quotes(raw) +
                                "; expected yes, no, true, false, 1 or 0");
    }
    return true;
}

TopicSpec read_topic(SpecReader& reader, pugi::xml_node topic, const std::string& module) {
    TopicSpec spec;
    spec.id = topic_id(reader, topic);
    spec.line = reader.line(topic);
    spec.skip_html = !std::string_view(topic.attribute("html").value()).empty();
    spec.evaluate = evaluate_flag(reader, topic);
    spec.skip_errors = lower(topic.attribute("skip-errors").value()) == "true";
    std::string own_module = topic.attribute("module").value();
    spec.module = own_module.empty() ? module : own_module;
    spec.author = topic.attribute("author").value();
    spec.prog_lang = reader.prog_lang(topic, topic.attribute("prog-lang").value());
    spec.dir_groups = read_dir_groups(reader, topic);
    return spec;
}

/// The topics of `<topics>` in document order, with those of enabled subsections in place of
/// their subsection. Other children (`<activity>`, unknown elements) are not built.
std::vector<TopicSpec> read_topics(SpecReader& reader, pugi::xml_node topics,
                                   const std::string& module) {
    std::vector<TopicSpec> result;
    for (pugi::xml_node child : topics.children()) {
        std::string_view name = child.name();
        if (child.type() == pugi::node_element && name == "topic") {
            result.push_back(read_topic(reader, child, module));
        } else if (child.type() == pugi::node_element && name == "subsection" &&
                   is_enabled(reader, child)) {
            for (pugi::xml_node topic : child.children("topic")) {
                result.push_back(read_topic(reader, topic, module));
            }
        }
    }
    return result;
}

SectionSpec read_section(SpecReader& reader, pugi::xml_node section) {
    SectionSpec spec;
    spec.name = reader.bilingual(section.child("name"));
    spec.id = section.attribute("id").value();
    spec.line = reader.line(section);
    spec.topics = read_topics(reader, section.child("topics"), section.attribute("module").value());
    return spec;
}

} // namespace

std::vector<SectionSpec> read_sections(SpecReader& reader, pugi::xml_node sections) {
    std::vector<SectionSpec> result;
    for (pugi::xml_node section : sections.children("section")) {
        if (is_enabled(reader, section)) {
            result.push_back(read_section(reader, section));
        }
    }
    return result;
}

} // namespace clm::spec
