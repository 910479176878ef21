#include "clm/diagram_freshness.hpp"

#include <sstream>
#include <system_error>

#include "clm/content_hash.hpp"
#include "clm/output_key.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view earlier_diagram_note =
    " (from an earlier build; change the diagram, or use --force, to try again)";

// A render as clm left it, kept as the work record's payload: "SIZE MTIME_NS DIGEST".
struct RenderPayload {
    FileStamp stamp;
    std::string digest;
};

std::string payload_text(const RenderPayload& render) {
    return std::to_string(render.stamp.size) + " " + std::to_string(render.stamp.mtime_ns) + " " +
           render.digest;
}

std::optional<RenderPayload> parse_payload(const std::string& text) {
    RenderPayload render;
    std::istringstream in(text);
    if (!(in >> render.stamp.size >> render.stamp.mtime_ns >> render.digest)) {
        return std::nullopt;
    }
    return render;
}

const std::vector<std::string>& command_words(const DiagramTools& tools, DiagramTool tool) {
    return tool == DiagramTool::plantuml ? tools.plantuml : tools.drawio;
}

} // namespace

bool render_is_not_older(const fs::path& source, const fs::path& render) {
    std::error_code error;
    fs::file_time_type rendered = fs::last_write_time(render, error);
    if (error) {
        return false;
    }
    fs::file_time_type edited = fs::last_write_time(source, error);
    return !error && rendered >= edited;
}

DiagramFreshness::DiagramFreshness(BuildState& state, InputDigests& digests,
                                   const DiagramTools& tools, fs::path course_root, bool force)
    : m_state(state)
    , m_digests(digests)
    , m_tools(tools)
    , m_root(std::move(course_root))
    , m_force(force) {}

// The source relative to the course root, so that the record names the same diagram
// whichever directory clm is started from.
std::string DiagramFreshness::source_of(const Diagram& diagram) const {
    return diagram.source.lexically_relative(m_root).generic_string();
}

// "convert png slides/m/t/pu/flow.pu": a render in each format is a work of its own.
std::string DiagramFreshness::id_of(const Diagram& diagram) const {
    return "convert " + std::string(image_format_name(diagram.format)) + " " + source_of(diagram);
}

// The key is taken once per build and kept, so that the record made after the conversion
// names the source as it was judged: a source edited meanwhile is converted again next time.
std::string DiagramFreshness::key_of(const Diagram& diagram) {
    std::string id = id_of(diagram);
    auto [it, inserted] = m_keys.try_emplace(id);
    if (inserted) {
        ContentHash hash;
        hash.add(m_digests.file_digest(diagram.source));
        for (const std::string& word : command_words(m_tools, diagram.tool)) {
            hash.add(word);
        }
        it->second = hash.add(image_format_name(diagram.format)).add(clm_key_version()).hex();
    }
    return it->second;
}

DiagramVerdict DiagramFreshness::judge(const Diagram& diagram) {
    if (m_force) {
        return {DiagramVerdict::render, "--force", {}};
    }
    std::string key = key_of(diagram);
    std::optional<WorkRecord> record = m_state.work(id_of(diagram));
    if (!record) {
        if (!render_is_not_older(diagram.source, diagram.render)) {
            return {DiagramVerdict::render, "no earlier build rendered it", {}};
        }
        std::optional<std::string> digest = file_bytes_digest(diagram.render);
        if (digest) {
            record_render(diagram, *digest); // a committed render, adopted as it is
        }
        return {DiagramVerdict::current, "", {}};
    }
    if (record->key != key) {
        return {DiagramVerdict::render, "the diagram or its converter changed", {}};
    }
    if (record->outcome == RecordOutcome::failed) {
        Diagnostic error = record->error;
        error.message += earlier_diagram_note;
        return {DiagramVerdict::failed_before, "", std::move(error)};
    }
    std::optional<RenderPayload> made = parse_payload(record->payload);
    std::optional<FileStamp> stamp = stamp_of(diagram.render);
    if (!made || !stamp) {
        return {DiagramVerdict::render, "the render is missing", {}};
    }
    if (*stamp != made->stamp) {
        // Touched, copied back or restored: current if its bytes are still clm's.
        if (file_bytes_digest(diagram.render) != made->digest) {
            return {DiagramVerdict::render, "the render was changed since clm wrote it", {}};
        }
        record_render(diagram, made->digest);
    }
    return {DiagramVerdict::current, "", {}};
}

std::vector<Diagnostic> DiagramFreshness::judge_all(AssetPlan& plan,
                                                    std::vector<std::string>& explanations) {
    std::vector<Diagnostic> errors;
    for (Diagram& diagram : plan.diagrams) {
        DiagramVerdict verdict = judge(diagram);
        diagram.current = verdict.kind == DiagramVerdict::current;
        diagram.failed_before = verdict.kind == DiagramVerdict::failed_before;
        if (diagram.failed_before) {
            errors.push_back(std::move(verdict.error));
        } else if (!diagram.current) {
            explanations.push_back(diagram.source.generic_string() + ": " + verdict.why);
        }
    }
    return errors;
}

void DiagramFreshness::rendered(const Diagram& diagram, std::string_view bytes) {
    record_render(diagram, bytes_digest(bytes));
}

void DiagramFreshness::record_render(const Diagram& diagram, const std::string& digest) {
    RenderPayload render{stamp_of(diagram.render).value_or(FileStamp{}), digest};
    m_state.record_work({id_of(diagram),
                         key_of(diagram),
                         RecordOutcome::succeeded,
                         payload_text(render),
                         {},
                         source_of(diagram)});
    m_state.commit_soon();
}

void DiagramFreshness::failed(const Diagram& diagram, const Diagnostic& error) {
    m_state.record_work(
        {id_of(diagram), key_of(diagram), RecordOutcome::failed, "", error, source_of(diagram)});
    m_state.commit_soon();
}

} // namespace clm
