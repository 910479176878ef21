#include "clm/html_builder.hpp"

#include <fstream>

#include "clm/atomic_file.hpp"
#include "clm/executed_notebook.hpp"
#include "clm/file_bytes.hpp"
#include "clm/notebook_writer.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

bool write_scratch_file(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

// The files an execution's directory holds, each with its path there.
std::vector<std::pair<fs::path, std::string>> execution_files(const Topic& topic,
                                                              const AssetPlan* assets) {
    std::vector<std::pair<fs::path, std::string>> files;
    if (assets != nullptr) {
        if (const TopicAssets* shipped = assets->assets_of(&topic)) {
            for (const Asset& asset : shipped->files) {
                files.emplace_back(asset.source, asset.relative);
            }
        }
        return files;
    }
    const TopicSource& source = topic.source;
    for (const fs::path& file :
         source.is_file_topic ? std::vector<fs::path>{} : source.other_files) {
        files.emplace_back(file, file.lexically_relative(source.path).generic_string());
    }
    return files;
}

/// Turns the plan into scheduled jobs and reacts to what becomes of them. Job ids are the
/// first id plus the index of the execution, or plus the number of executions and the
/// index of the render.
class HtmlJobs final : public JobGroup {
public:
    HtmlJobs(const HtmlPlan& plan, const JupyterTools& tools, StatusPrinter& printer,
             fs::path scratch, const HtmlDependencies& dependencies)
        : m_plan(plan)
        , m_tools(tools)
        , m_printer(printer)
        , m_scratch(std::move(scratch))
        , m_dependencies(dependencies)
        , m_executed(plan.executions.size())
        , m_reused(plan.executions.size(), false)
        , m_failures(plan.executions.size())
        , m_render_inputs(plan.renders.size()) {
        recall_executions();
    }

    std::vector<ScheduledJob> make_jobs(JobId first) override;
    HtmlBuildResult& result() { return m_result; }

    void job_started(const ScheduledJob& job) override {
        m_printer.job_started(job.name, job.spec.argv);
    }
    Preparation prepare(ScheduledJob& job) override;
    std::optional<std::string> job_finished(const ScheduledJob& job, const JobRecord& record,
                                            ProcessResult& result) override;

private:
    bool is_execution(JobId id) const { return id - m_first < m_plan.executions.size(); }
    std::size_t execution_index(JobId id) const { return id - m_first; }
    std::size_t render_index(JobId id) const { return id - m_first - m_plan.executions.size(); }
    void recall_executions();
    Preparation prepare_execution(ScheduledJob& job, const Execution& execution);
    Preparation prepare_render(ScheduledJob& job, std::size_t index);
    std::optional<Diagnostic> finish_execution(std::size_t index, ProcessResult& result);
    void finish_render(std::size_t index, bool succeeded);
    void fail(const ScheduledJob& job, const Diagnostic& what, const ProcessResult& result);
    void write_page(const HtmlVariant& variant, const std::string& page);
    void record_failure(const HtmlVariant& variant, const std::optional<Diagnostic>& failure);

    const HtmlPlan& m_plan;
    const JupyterTools& m_tools;
    StatusPrinter& m_printer;
    fs::path m_scratch;
    const HtmlDependencies& m_dependencies;
    JobId m_first = 0;
    std::vector<std::optional<ExecutedCells>> m_executed;
    std::vector<bool> m_reused; // given by an earlier build, so not run
    // Why each execution failed, when the same inputs would fail again.
    std::vector<std::optional<Diagnostic>> m_failures;
    // For each render, the variants it was given and the input files made for them.
    std::vector<std::vector<std::pair<const HtmlVariant*, fs::path>>> m_render_inputs;
    HtmlBuildResult m_result;
};

// Takes the results of executions that an earlier build ran. A stored failure is shown again
// as one of this build, marked as from an earlier one.
void HtmlJobs::recall_executions() {
    BuildRecorder* recorder = m_dependencies.recorder;
    for (std::size_t i = 0; recorder != nullptr && i < m_plan.executions.size(); ++i) {
        const Execution& execution = m_plan.executions[i];
        std::optional<EarlierExecution> earlier = recorder->earlier_execution(execution);
        if (!earlier) {
            continue;
        }
        if (earlier->succeeded) {
            Expected<ExecutedCells> executed = read_executed_notebook(earlier->notebook, execution);
            if (!executed) {
                continue; // not what it was stored as: run it again
            }
            m_executed[i] = std::move(*executed);
        } else {
            Diagnostic error = earlier->error;
            error.message += earlier_build_note;
            m_failures[i] = earlier->error;
            m_result.errors.push_back(error);
            m_printer.error(error);
        }
        m_reused[i] = true;
        ++m_result.executions_reused;
    }
}

std::vector<ScheduledJob> HtmlJobs::make_jobs(JobId first) {
    m_first = first;
    std::vector<ScheduledJob> jobs;
    for (std::size_t i = 0; i < m_plan.executions.size(); ++i) {
        const Execution& execution = m_plan.executions[i];
        if (m_reused[i]) {
            continue;
        }
        ScheduledJob job;
        job.id = first + i;
        if (m_dependencies.jobs_of_topic) {
            job.after = m_dependencies.jobs_of_topic(execution.topic);
        }
        job.name = execution.name;
        job.spec.argv = execution_command(m_tools, execution.prog_lang);
        for (auto& [name, value] : execution_environment(m_tools, execution.prog_lang)) {
            job.spec.environment[name] = value;
        }
        job.spec.pool = "execute";
        jobs.push_back(std::move(job));
    }
    for (std::size_t i = 0; i < m_plan.renders.size(); ++i) {
        ScheduledJob job;
        job.id = first + m_plan.executions.size() + i;
        job.name = m_plan.renders[i].name;
        job.spec.pool = "render";
        for (std::size_t execution : m_plan.renders[i].executions) {
            if (!m_reused[execution]) {
                job.after.push_back(first + execution);
            }
        }
        jobs.push_back(std::move(job));
    }
    return jobs;
}

Preparation HtmlJobs::prepare(ScheduledJob& job) {
    if (is_execution(job.id)) {
        return prepare_execution(job, m_plan.executions[execution_index(job.id)]);
    }
    return prepare_render(job, render_index(job.id));
}

// A fresh directory with the topic's files, so that the deck can read its data and show
// its images and write files without touching the course. A render that is missing (its
// diagram failed) is left out; the diagram's failure says why.
Preparation HtmlJobs::prepare_execution(ScheduledJob& job, const Execution& execution) {
    fs::path directory = m_scratch / ("x" + std::to_string(job.id));
    std::error_code error;
    fs::create_directories(directory, error);
    for (const auto& [file, relative] : execution_files(*execution.topic, m_dependencies.assets)) {
        if (!fs::exists(file, error)) {
            continue;
        }
        fs::path target = directory / relative;
        fs::create_directories(target.parent_path(), error);
        fs::copy_file(file, target, fs::copy_options::overwrite_existing, error);
        if (error) {
            return {Preparation::Verdict::fail,
                    "cannot copy " + file.string() + ": " + error.message()};
        }
    }
    job.spec.working_directory = directory;
    job.spec.input = execution.notebook;
    return {};
}

// Writes the input notebook of each variant whose execution succeeded (or that needs none).
Preparation HtmlJobs::prepare_render(ScheduledJob& job, std::size_t index) {
    const HtmlRender& render = m_plan.renders[index];
    fs::path directory = m_scratch / ("r" + std::to_string(index));
    std::error_code error;
    fs::create_directories(directory / "html", error);
    std::vector<fs::path> inputs;
    for (std::size_t v = 0; v < render.variants.size(); ++v) {
        const HtmlVariant& variant = render.variants[v];
        if (variant.execution && !m_executed[*variant.execution]) {
            record_failure(variant, m_failures[*variant.execution]);
            continue; // its execution failed and said why
        }
        std::vector<OutputCell> cells = variant.cells;
        if (variant.execution) {
            show_outputs(cells, *m_executed[*variant.execution]);
        }
        fs::path input = directory / ("v" + std::to_string(v) + ".ipynb");
        if (!write_scratch_file(input, write_ipynb(cells, render.deck->prog_lang, variant.title))) {
            return {Preparation::Verdict::fail, "cannot write " + input.string()};
        }
        inputs.push_back(input);
        m_render_inputs[index].emplace_back(&variant, input);
    }
    if (inputs.empty()) {
        return {Preparation::Verdict::skip, ""};
    }
    job.spec.argv = render_command(m_tools, directory / "html", inputs);
    return {};
}

std::optional<std::string> HtmlJobs::job_finished(const ScheduledJob& job, const JobRecord& record,
                                                  ProcessResult& result) {
    m_result.jobs.push_back({job.name, job.spec.pool, "", result.started_wall, result.ended_wall,
                             result.exit_status, result.term_signal, ""});
    bool ran = !result.spawn_error && result.killed != KillReason::interrupt;
    bool succeeded = record.outcome == JobOutcome::succeeded;
    std::optional<Diagnostic> problem;
    if (is_execution(job.id)) {
        std::size_t index = execution_index(job.id);
        m_result.executions_run += ran ? 1 : 0;
        problem = succeeded ? finish_execution(index, result)
                            : Diagnostic{m_plan.executions[index].deck_file, 0,
                                         "executing the notebook failed: " + record.message};
    } else {
        const HtmlRender& render = m_plan.renders[render_index(job.id)];
        finish_render(render_index(job.id), succeeded);
        if (!succeeded) {
            problem = Diagnostic{render.deck_file, 0, "rendering HTML failed: " + record.message};
        }
    }
    if (!problem) {
        m_printer.job_succeeded(job.name);
        return std::nullopt;
    }
    if (result.killed != KillReason::interrupt) {
        fail(job, *problem, result);
    }
    return problem->message;
}

// The executor ended well, so what it wrote is the deck's doing: a failing cell fails the
// same way next time, and is recorded as such.
std::optional<Diagnostic> HtmlJobs::finish_execution(std::size_t index, ProcessResult& result) {
    const Execution& execution = m_plan.executions[index];
    BuildRecorder* recorder = m_dependencies.recorder;
    Expected<ExecutedCells> executed = read_executed_notebook(result.out, execution);
    if (!executed) {
        m_failures[index] = executed.error();
        if (recorder != nullptr) {
            recorder->execution_failed(execution, executed.error());
        }
        return executed.error();
    }
    m_executed[index] = std::move(*executed);
    if (recorder != nullptr) {
        recorder->execution_succeeded(execution, result.out);
    }
    return std::nullopt;
}

void HtmlJobs::record_failure(const HtmlVariant& variant,
                              const std::optional<Diagnostic>& failure) {
    for (const std::string& path : variant.paths) {
        if (m_dependencies.recorder != nullptr && failure) {
            m_dependencies.recorder->output_failed(path, *failure);
        }
    }
}

void HtmlJobs::finish_render(std::size_t index, bool succeeded) {
    for (const auto& [variant, input] : m_render_inputs[index]) {
        std::optional<std::string> page;
        if (succeeded) {
            page = read_file_bytes(input.parent_path() / "html" / input.stem().concat(".html"));
        }
        if (page) {
            write_page(*variant, *page);
        }
    }
}

void HtmlJobs::write_page(const HtmlVariant& variant, const std::string& page) {
    for (const std::string& path : variant.paths) {
        Expected<WriteOutcome> outcome = write_file_if_changed(path, page);
        if (!outcome) {
            m_result.errors.push_back(outcome.error());
            m_printer.error(outcome.error());
        } else {
            ++(*outcome == WriteOutcome::written ? m_result.written : m_result.unchanged);
            if (m_dependencies.recorder != nullptr) {
                m_dependencies.recorder->output_done(path, page);
            }
        }
    }
}

void HtmlJobs::fail(const ScheduledJob& job, const Diagnostic& what, const ProcessResult& result) {
    m_result.errors.push_back(what);
    m_printer.job_failed(job.name, what, job.spec.argv, result.err);
}

} // namespace

HtmlBuildResult build_html(const HtmlPlan& plan, const JupyterTools& tools,
                           const SchedulerOptions& options, CommandRunner& runner,
                           StatusPrinter& printer, const fs::path& scratch,
                           const HtmlDependencies& dependencies) {
    HtmlJobs observer(plan, tools, printer, scratch, dependencies);
    std::vector<JobGroup*> groups;
    if (dependencies.before != nullptr) {
        groups.push_back(dependencies.before);
    }
    groups.push_back(&observer);
    GroupsOutcome outcome = run_job_groups(groups, runner, options, printer);
    HtmlBuildResult result = std::move(observer.result());
    result.peak_in_flight = outcome.summary.peak_in_flight;
    result.pool_peaks = outcome.summary.pool_peaks;
    result.interrupted = outcome.summary.was_interrupted();
    result.jobs = std::move(outcome.jobs);
    // Every planned page that was neither written nor found unchanged has failed: its
    // execution or render failed, or the build stopped before it.
    std::size_t pages = 0;
    for (const HtmlRender& render : plan.renders) {
        for (const HtmlVariant& variant : render.variants) {
            pages += variant.paths.size();
        }
    }
    result.failed = pages - result.written - result.unchanged;
    for (const Execution& execution : plan.executions) {
        result.executions_shared += execution.users - 1;
    }
    return result;
}

} // namespace clm
