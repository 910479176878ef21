#include "clm/build_runner.hpp"

#include <algorithm>

#include "clm/atomic_file.hpp"
#include "clm/deck_converter.hpp"

namespace clm {
namespace {

bool same_diagnostic(const Diagnostic& a, const Diagnostic& b) {
    return a.file == b.file && a.line == b.line && a.message == b.message;
}

// A broken deck fails the same way for each language and format; say so once.
void add_error(BuildSummary& summary, Diagnostic error) {
    auto same = [&](const Diagnostic& known) { return same_diagnostic(known, error); };
    if (std::none_of(summary.errors.begin(), summary.errors.end(), same)) {
        summary.errors.push_back(std::move(error));
    }
}

bool same_source(const PlannedOutput& a, const PlannedOutput& b) {
    return a.deck == b.deck && a.language == b.language && a.format == b.format;
}

void write_output(BuildSummary& summary, const PlannedOutput& output, const std::string& bytes,
                  BuildRecorder* recorder) {
    Expected<WriteOutcome> outcome = write_file_if_changed(output.path, bytes);
    if (!outcome) {
        ++summary.failed;
        add_error(summary, outcome.error());
        return;
    }
    ++(*outcome == WriteOutcome::written ? summary.written : summary.unchanged);
    if (recorder != nullptr) {
        recorder->output_done(output.path, bytes);
    }
}

// Builds outputs [first, last), which share a deck, language and format. Kinds are adjacent
// within the group, so each kind is rendered once for all its targets.
void build_group(BuildSummary& summary, const Course& course,
                 std::vector<PlannedOutput>::const_iterator first,
                 std::vector<PlannedOutput>::const_iterator last, BuildRecorder* recorder) {
    const PlannedOutput& head = *first;
    if (head.format == Format::html) {
        return;
    }
    Expected<std::vector<Cell>> cells =
        read_deck_cells(course, *head.topic, *head.deck, head.language, head.format);
    if (!cells) {
        summary.failed += static_cast<std::size_t>(last - first);
        add_error(summary, cells.error());
        for (auto it = first; recorder != nullptr && it != last; ++it) {
            recorder->output_failed(it->path, cells.error());
        }
        return;
    }
    std::string bytes;
    for (auto it = first; it != last; ++it) {
        if (it == first || it->kind != (it - 1)->kind) {
            bytes = render_deck(*cells, it->kind, it->language, it->format, it->deck->prog_lang);
        }
        write_output(summary, *it, bytes, recorder);
    }
}

} // namespace

BuildSummary run_build(const Course& course, const BuildPlan& plan,
                       const std::function<bool()>& stop_requested, BuildRecorder* recorder) {
    BuildSummary summary;
    summary.planned = static_cast<std::size_t>(
        std::count_if(plan.outputs.begin(), plan.outputs.end(),
                      [](const PlannedOutput& output) { return output.format != Format::html; }));
    auto first = plan.outputs.begin();
    while (first != plan.outputs.end()) {
        if (stop_requested()) {
            summary.stopped = true;
            break;
        }
        auto last = std::find_if(first, plan.outputs.end(), [&](const PlannedOutput& output) {
            return !same_source(*first, output);
        });
        build_group(summary, course, first, last, recorder);
        first = last;
    }
    return summary;
}

} // namespace clm
