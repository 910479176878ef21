#include "clm/plan_listing.hpp"

namespace clm {

std::string list_plan(const BuildPlan& plan) {
    std::string text;
    text.reserve(plan.outputs.size() * 160);
    for (const PlannedOutput& output : plan.outputs) {
        text += output.target->name;
        text += '\t';
        text += language_code(output.language);
        text += '\t';
        text += kind_name(output.kind);
        text += '\t';
        text += format_name(output.format);
        text += '\t';
        text += output.deck->source_for(output.language)->file.relative;
        text += '\t';
        text += output.path;
        text += '\n';
    }
    return text;
}

} // namespace clm
