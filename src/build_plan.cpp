#include "clm/build_plan.hpp"

#include <algorithm>

#include "clm/output_layout.hpp"

namespace clm {
namespace {

template <class T> bool contains(const std::vector<T>& values, const T& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

std::string target_names(const std::vector<OutputTargetSpec>& targets) {
    std::string names;
    for (const OutputTargetSpec& target : targets) {
        names += names.empty() ? "" : ", ";
        names += target.name;
    }
    return names;
}

std::vector<const OutputTargetSpec*> selected_targets(const CourseSpec& spec,
                                                      const BuildOptions& options) {
    std::vector<const OutputTargetSpec*> selected;
    std::vector<Diagnostic> unknown;
    for (const std::string& name : options.targets) {
        auto found = std::find_if(spec.targets.begin(), spec.targets.end(),
                                  [&](const OutputTargetSpec& t) { return t.name == name; });
        if (found == spec.targets.end()) {
            unknown.push_back({"", 0,
                               "--targets: unknown output target \"" + name +
                                   "\"; the course defines " + target_names(spec.targets)});
        }
    }
    if (!unknown.empty()) {
        throw ConfigError(std::move(unknown));
    }
    for (const OutputTargetSpec& target : spec.targets) {
        if (options.targets.empty() || contains(options.targets, target.name)) {
            selected.push_back(&target);
        }
    }
    return selected;
}

bool wants_kind(const BuildOptions& options, Kind kind) {
    return !options.speaker_only || kind == Kind::trainer || kind == Kind::recording;
}

bool wants_format(const BuildOptions& options, const Topic& topic, Format format) {
    return format != Format::html || (!options.no_html && !topic.spec.skip_html);
}

bool wants_language(const BuildOptions& options, const Deck& deck, Language language) {
    return (!options.language || *options.language == language) &&
           deck.source_for(language) != nullptr;
}

struct PlanContext {
    const Course& course;
    const BuildOptions& options;
    std::vector<const OutputTargetSpec*> targets;
    std::vector<std::string> roots; // each ends with '/'
    BuildPlan plan;
};

void plan_variant(PlanContext& context, const Topic& topic, const Deck& deck,
                  const DeckPathParts& parts, Language language, Format format, Kind kind) {
    std::string relative;
    for (std::size_t t = 0; t < context.targets.size(); ++t) {
        const OutputTargetSpec& target = *context.targets[t];
        if (!contains(target.languages, language) || !contains(target.formats, format) ||
            !contains(target.kinds, kind)) {
            continue;
        }
        if (relative.empty()) {
            relative = output_relative_path(parts, format, kind, deck.prog_lang);
        }
        context.plan.outputs.push_back(
            {&topic, &deck, &target, language, format, kind, context.roots[t] + relative});
    }
}

void plan_deck(PlanContext& context, const Section& section, const Topic& topic, const Deck& deck) {
    for (Language language : all_languages) {
        if (!wants_language(context.options, deck, language)) {
            continue;
        }
        DeckPathParts parts = deck_path_parts(context.course.spec, language, section.spec.name,
                                              deck.number, deck.title);
        for (Format format : all_formats) {
            if (!wants_format(context.options, topic, format)) {
                continue;
            }
            for (Kind kind : all_kinds) {
                if (wants_kind(context.options, kind)) {
                    plan_variant(context, topic, deck, parts, language, format, kind);
                }
            }
        }
    }
}

} // namespace

BuildPlan plan_build(const Course& course, const BuildOptions& options) {
    PlanContext context{course, options, selected_targets(course.spec, options), {}, {}};
    for (const OutputTargetSpec* target : context.targets) {
        std::string root = target_root(*target, course.root, options.output_dir).string();
        if (!root.ends_with('/')) {
            root += '/';
        }
        context.plan.targets.push_back(target);
        context.plan.target_roots.push_back(root);
        context.roots.push_back(std::move(root));
    }
    for (const Section& section : course.sections) {
        for (const Topic& topic : section.topics) {
            for (const Deck& deck : topic.decks) {
                plan_deck(context, section, topic, deck);
            }
        }
    }
    return std::move(context.plan);
}

} // namespace clm
