#include "clm/diagram_jobs.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "clm/atomic_file.hpp"
#include "clm/file_bytes.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

// The image a converter left in `directory`: the first file with the extension in name
// order (PlantUML names it after the diagram's @startuml name).
std::optional<fs::path> produced_image(const fs::path& directory, std::string_view extension) {
    std::vector<fs::path> images;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == "." + std::string(extension)) {
            images.push_back(it->path());
        }
    }
    std::sort(images.begin(), images.end());
    return images.empty() ? std::nullopt : std::optional<fs::path>(images.front());
}

// The line PlantUML names in "Error line 7 in file: ...", or 0.
int plantuml_error_line(std::string_view err) {
    constexpr std::string_view marker = "Error line ";
    std::size_t at = err.find(marker);
    return at == std::string_view::npos ? 0 : std::atoi(err.data() + at + marker.size());
}

// What the converter said, in one line: its standard error without PlantUML's "Error
// line" header, which the diagnostic's line number already gives.
std::string converter_message(std::string_view err) {
    std::string message;
    std::istringstream lines{std::string(err)};
    for (std::string line; std::getline(lines, line);) {
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (line.empty() || line.starts_with("Error line ")) {
            continue;
        }
        message += message.empty() ? "" : "; ";
        message += line;
        if (message.size() > 300) {
            message.resize(300);
            message += "...";
            break;
        }
    }
    return message;
}

} // namespace

DiagramJobs::DiagramJobs(const AssetPlan& plan, const DiagramTools& tools, StatusPrinter& printer,
                         fs::path scratch, DiagramFreshness& freshness)
    : m_plan(plan)
    , m_tools(tools)
    , m_printer(printer)
    , m_scratch(std::move(scratch))
    , m_freshness(freshness)
    , m_rendered(plan.diagrams.size(), false) {}

std::vector<ScheduledJob> DiagramJobs::make_jobs(JobId first) {
    m_first = first;
    std::vector<ScheduledJob> jobs;
    std::set<DiagramTool> missing_reported;
    for (std::size_t d = 0; d < m_plan.diagrams.size(); ++d) {
        const Diagram& diagram = m_plan.diagrams[d];
        if (diagram.current || diagram.failed_before) {
            m_rendered[d] = diagram.current; // a replayed failure ships no render
            continue;
        }
        std::optional<std::string> missing = missing_diagram_program(m_tools, diagram.tool);
        if (missing) {
            if (missing_reported.insert(diagram.tool).second) {
                m_errors.push_back({"", 0, *missing});
                m_printer.error(m_errors.back());
            }
            // An older render (committed, say) is better than a broken image.
            std::error_code error;
            m_rendered[d] = fs::is_regular_file(diagram.render, error);
            continue;
        }
        ScheduledJob job;
        job.id = first + jobs.size();
        job.name = "convert " + diagram.source.generic_string();
        job.spec.pool = std::string(diagram_tool_name(diagram.tool));
        for (auto& [name, value] : diagram_environment(diagram.tool)) {
            job.spec.environment[name] = value;
        }
        m_diagram_of_job.push_back(d);
        jobs.push_back(std::move(job));
    }
    return jobs;
}

std::vector<JobId> DiagramJobs::jobs_of(const Topic* topic) const {
    std::vector<JobId> ids;
    for (std::size_t k = 0; k < m_diagram_of_job.size(); ++k) {
        if (m_plan.diagrams[m_diagram_of_job[k]].topic == topic) {
            ids.push_back(m_first + k);
        }
    }
    return ids;
}

// The converter gets a fresh directory of its own to write into, so that a failed or
// interrupted run leaves nothing half-made in the course.
Preparation DiagramJobs::prepare(ScheduledJob& job) {
    const Diagram& diagram = m_plan.diagrams[diagram_of(job.id)];
    fs::path directory = m_scratch / ("d" + std::to_string(job.id));
    std::error_code error;
    fs::create_directories(directory, error);
    if (error) {
        return {Preparation::Verdict::fail,
                "cannot make " + directory.string() + ": " + error.message()};
    }
    job.spec.argv =
        diagram_command(m_tools, diagram.tool, diagram.format, diagram.source, directory);
    job.spec.working_directory = directory;
    return {};
}

std::optional<std::string>
DiagramJobs::job_finished(const ScheduledJob& job, const JobRecord& record, ProcessResult& result) {
    const Diagram& diagram = m_plan.diagrams[diagram_of(job.id)];
    std::optional<Diagnostic> problem;
    // Only what the same source would do again is remembered: not a timeout, an interrupt,
    // a converter that cannot start (or was never started) or a render that cannot be
    // written.
    bool repeatable = record.outcome == JobOutcome::failed && record.started.has_value() &&
                      result.killed == KillReason::none;
    if (record.outcome == JobOutcome::succeeded) {
        problem = store_render(diagram, job.id, repeatable);
    } else {
        problem = conversion_failure(diagram, record, result);
    }
    if (problem && repeatable) {
        m_freshness.failed(diagram, *problem);
    }
    if (!problem) {
        m_rendered[diagram_of(job.id)] = true;
        m_printer.job_succeeded(job.name);
        return std::nullopt;
    }
    if (result.killed != KillReason::interrupt) {
        m_errors.push_back(*problem);
        m_printer.job_failed(job.name, *problem, job.spec.argv, result.err);
    }
    return problem->message;
}

std::optional<Diagnostic> DiagramJobs::store_render(const Diagram& diagram, JobId id,
                                                    bool& repeatable) {
    std::string extension(image_format_name(diagram.format));
    fs::path directory = m_scratch / ("d" + std::to_string(id));
    std::optional<fs::path> image = produced_image(directory, extension);
    std::optional<std::string> bytes = image ? read_file_bytes(*image) : std::nullopt;
    if (!bytes || bytes->empty()) {
        repeatable = true;
        return Diagnostic{diagram.source.generic_string(), 0,
                          "the converter made no ." + extension + " image"};
    }
    Expected<WriteOutcome> written = write_file_if_changed(diagram.render, *bytes);
    if (!written) {
        return written.error();
    }
    m_freshness.rendered(diagram, *bytes);
    return std::nullopt;
}

Diagnostic DiagramJobs::conversion_failure(const Diagram& diagram, const JobRecord& record,
                                           const ProcessResult& result) const {
    std::string said = converter_message(result.err);
    std::string tool = diagram.tool == DiagramTool::plantuml ? "PlantUML" : "Draw.io";
    int line = diagram.tool == DiagramTool::plantuml ? plantuml_error_line(result.err) : 0;
    return Diagnostic{diagram.source.generic_string(), line,
                      tool + " could not render the diagram (" + record.message + ")" +
                          (said.empty() ? "" : ": " + said)};
}

} // namespace clm
