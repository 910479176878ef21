// Rendering diagrams as child-process jobs of the build's schedule.
#pragma once

#include <filesystem>
#include <vector>

#include "clm/asset_plan.hpp"
#include "clm/diagram_freshness.hpp"
#include "clm/diagram_tools.hpp"
#include "clm/job_group.hpp"
#include "clm/status_printer.hpp"

namespace clm {

/// One job per diagram of the plan whose render is neither current nor failed before, in the
/// pool of its tool; each outcome is recorded in `freshness`.
/// Each converter writes into its own directory below `scratch`; the image it made is then
/// written over the render in the source tree through atomic_file (left alone when its
/// bytes are equal). A converter that cannot be found is reported once, as one error; the
/// diagrams that need it get no job, and ship the render they have, if any.
class DiagramJobs final : public JobGroup {
public:
    DiagramJobs(const AssetPlan& plan, const DiagramTools& tools, StatusPrinter& printer,
                std::filesystem::path scratch, DiagramFreshness& freshness);

    std::vector<ScheduledJob> make_jobs(JobId first) override;
    Preparation prepare(ScheduledJob& job) override;
    void job_started(const ScheduledJob& job) override {
        m_printer.job_started(job.name, job.spec.argv);
    }
    std::optional<std::string> job_finished(const ScheduledJob& job, const JobRecord& record,
                                            ProcessResult& result) override;

    /// The jobs that render the diagrams of `topic`, for the executions of its decks to
    /// come after.
    std::vector<JobId> jobs_of(const Topic* topic) const;
    /// For each diagram of the plan: whether it has a render to ship (it was current, or
    /// its conversion succeeded).
    const std::vector<bool>& rendered() const { return m_rendered; }
    /// Missing converters and failed conversions.
    const std::vector<Diagnostic>& errors() const { return m_errors; }

private:
    std::size_t diagram_of(JobId id) const { return m_diagram_of_job.at(id - m_first); }
    std::optional<Diagnostic> store_render(const Diagram& diagram, JobId id, bool& repeatable);
    Diagnostic conversion_failure(const Diagram& diagram, const JobRecord& record,
                                  const ProcessResult& result) const;

    const AssetPlan& m_plan;
    const DiagramTools& m_tools;
    StatusPrinter& m_printer;
    std::filesystem::path m_scratch;
    DiagramFreshness& m_freshness;
    JobId m_first = 0;
    std::vector<std::size_t> m_diagram_of_job;
    std::vector<bool> m_rendered;
    std::vector<Diagnostic> m_errors;
};

} // namespace clm
