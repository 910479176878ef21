#include "clm/html_plan.hpp"

#include <map>
#include <unordered_map>

#include "clm/content_hash.hpp"
#include "clm/deck_converter.hpp"
#include "clm/file_bytes.hpp"
#include "clm/kind_filter.hpp"
#include "clm/notebook_writer.hpp"
#include "clm/topic_file_role.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

// The HTML outputs of one deck: for each language and kind, the files of every target.
using DeckOutputs = std::map<std::pair<Language, Kind>, std::vector<std::string>>;

class HtmlPlanner {
public:
    HtmlPlanner(const Course& course, TopicDigest topic_digest)
        : m_course(course)
        , m_topic_digest(std::move(topic_digest)) {}

    void plan_deck(const Topic& topic, const Deck& deck, const DeckOutputs& outputs);
    HtmlPlan take() { return std::move(m_plan); }

private:
    std::size_t execution_for(const Topic& topic, const Deck& deck, Language language,
                              const std::vector<Cell>& cells);
    const std::string& topic_files_digest(const Topic& topic);

    const Course& m_course;
    TopicDigest m_topic_digest;
    HtmlPlan m_plan;
    std::unordered_map<std::string, std::size_t> m_executions_by_key;
    std::unordered_map<const Topic*, std::string> m_topic_digests;
};

// What the kernel sees besides the code: the topic's other files, by name and content.
const std::string& HtmlPlanner::topic_files_digest(const Topic& topic) {
    if (m_topic_digest) {
        return m_topic_digest(topic);
    }
    auto [it, inserted] = m_topic_digests.try_emplace(&topic);
    if (inserted && !topic.source.is_file_topic) {
        ContentHash hash;
        for (const fs::path& file : topic.source.other_files) {
            std::string relative = file.lexically_relative(topic.source.path).generic_string();
            if (!is_generated_render(relative)) {
                hash.add(relative);
                hash.add(ContentHash().add(read_file_bytes(file).value_or("")).hex());
            }
        }
        it->second = hash.hex();
    }
    return it->second;
}

std::size_t HtmlPlanner::execution_for(const Topic& topic, const Deck& deck, Language language,
                                       const std::vector<Cell>& cells) {
    std::vector<OutputCell> recording = filter_cells(cells, Kind::recording, language);
    const ProgLangInfo& lang = prog_lang_info(deck.prog_lang);
    ContentHash hash;
    hash.add(lang.kernel_name).add(topic_files_digest(topic));
    for (const OutputCell& cell : recording) {
        if (cell.type == CellType::code) {
            hash.add(cell.source);
        }
    }
    std::string key = hash.hex();
    auto [it, inserted] = m_executions_by_key.try_emplace(key, m_plan.executions.size());
    if (inserted) {
        Execution execution;
        execution.key = key;
        execution.topic = &topic;
        execution.deck_file =
            (m_course.root / deck.source_for(language)->file.relative).generic_string();
        execution.name =
            "execute " + execution.deck_file + " (" + std::string(language_code(language)) + ")";
        execution.language = language;
        execution.prog_lang = deck.prog_lang;
        execution.skip_errors = topic.spec.skip_errors;
        execution.notebook = write_ipynb(recording, deck.prog_lang);
        for (const OutputCell& cell : recording) {
            execution.cell_lines.push_back(cell.line);
        }
        m_plan.executions.push_back(std::move(execution));
    }
    ++m_plan.executions[it->second].users;
    return it->second;
}

void HtmlPlanner::plan_deck(const Topic& topic, const Deck& deck, const DeckOutputs& outputs) {
    HtmlRender render;
    render.deck = &deck;
    render.deck_file = (m_course.root / deck.sources.front().file.relative).generic_string();
    render.name = "render " + render.deck_file;
    std::optional<Language> expanded_language;
    Expected<std::vector<Cell>> cells = std::vector<Cell>{};
    std::optional<std::size_t> execution;
    for (const auto& [variant_key, paths] : outputs) {
        auto [language, kind] = variant_key;
        m_plan.outputs += paths.size();
        if (expanded_language != language) {
            expanded_language = language;
            execution.reset();
            cells = read_deck_cells(m_course, topic, deck, language, Format::html);
            if (!cells) {
                m_plan.errors.push_back(cells.error());
            }
        }
        if (!cells) {
            m_plan.failed_outputs += paths.size();
            continue;
        }
        HtmlVariant variant{language, kind, paths, std::nullopt, {}, deck.title[language]};
        variant.cells = filter_cells(*cells, kind, language);
        if (kind != Kind::code_along && topic.spec.evaluate) {
            if (!execution) {
                execution = execution_for(topic, deck, language, *cells);
            }
            variant.execution = execution;
            if (std::find(render.executions.begin(), render.executions.end(), *execution) ==
                render.executions.end()) {
                render.executions.push_back(*execution);
            }
        }
        render.variants.push_back(std::move(variant));
    }
    if (!render.variants.empty()) {
        m_plan.renders.push_back(std::move(render));
    }
}

} // namespace

HtmlPlan plan_html(const Course& course, const BuildPlan& plan, const TopicDigest& topic_digest) {
    HtmlPlanner planner(course, topic_digest);
    const PlannedOutput* deck_start = nullptr;
    DeckOutputs outputs;
    auto flush = [&] {
        if (deck_start != nullptr && !outputs.empty()) {
            planner.plan_deck(*deck_start->topic, *deck_start->deck, outputs);
        }
        outputs.clear();
    };
    for (const PlannedOutput& output : plan.outputs) {
        if (deck_start == nullptr || deck_start->deck != output.deck) {
            flush();
            deck_start = &output;
        }
        if (output.format == Format::html) {
            outputs[{output.language, output.kind}].push_back(output.path);
        }
    }
    flush();
    return planner.take();
}

} // namespace clm
