#include "clm/build_command.hpp"

#include <chrono>
#include <cstdio>
#include <unistd.h>

#include "clm/asset_copier.hpp"
#include "clm/asset_plan.hpp"
#include "clm/atomic_file.hpp"
#include "clm/build_lock.hpp"
#include "clm/build_plan.hpp"
#include "clm/build_runner.hpp"
#include "clm/concurrency_limit.hpp"
#include "clm/copy_records.hpp"
#include "clm/course_locator.hpp"
#include "clm/descendants.hpp"
#include "clm/diagram_freshness.hpp"
#include "clm/diagram_jobs.hpp"
#include "clm/exit_status.hpp"
#include "clm/html_builder.hpp"
#include "clm/incremental_build.hpp"
#include "clm/log.hpp"
#include "clm/plan_listing.hpp"
#include "clm/pool_limits.hpp"
#include "clm/scratch_directory.hpp"
#include "clm/terminal.hpp"
#include "clm/uv_command_runner.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

BuildOptions build_options(const BuildCommandOptions& options) {
    BuildOptions build;
    build.output_dir = options.output_dir;
    build.targets = options.targets;
    build.speaker_only = options.speaker_only;
    build.no_html = options.no_html;
    if (!options.language.empty()) {
        build.language = parse_language(options.language);
    }
    return build;
}

Course load(const CourseLocation& location, const DeckCache& cache = {}) {
    std::vector<Diagnostic> warnings;
    CourseTree tree = scan_course_tree(location.root, warnings);
    CourseSpec spec =
        location.spec_file ? load_course_spec(*location.spec_file) : spec_from_tree(tree);
    Course course = load_course(std::move(spec), tree, cache);
    for (const Diagnostic& warning : warnings) {
        log_warning(warning);
    }
    for (const Diagnostic& warning : course.warnings) {
        log_warning(warning);
    }
    return course;
}

SchedulerOptions scheduler_options(const BuildCommandOptions& options, std::size_t limit,
                                   const PoolLimits& pools) {
    SchedulerOptions scheduler;
    scheduler.max_in_flight = limit;
    scheduler.pool_limits = pool_caps(pools);
    scheduler.fail_fast = options.fail_fast;
    if (options.job_timeout) {
        scheduler.job_timeout =
            std::chrono::milliseconds(static_cast<long long>(*options.job_timeout * 1000));
    }
    return scheduler;
}

StatusPrinter make_printer(const BuildCommandOptions& options) {
    StatusOptions status;
    status.mode = options.quiet                      ? StatusMode::quiet
                  : is_smart_terminal(STDOUT_FILENO) ? StatusMode::smart_terminal
                                                     : StatusMode::plain;
    status.color = color_wanted(STDERR_FILENO);
    status.verbose = options.verbose;
    status.width = terminal_width(STDOUT_FILENO);
    auto write_to = [](std::FILE* stream) {
        return [stream](std::string_view text) {
            std::fwrite(text.data(), 1, text.size(), stream);
            std::fflush(stream);
        };
    };
    return StatusPrinter(status, write_to(stdout), write_to(stderr), [] { return Clock::now(); });
}

// The format of rendered diagrams: --image-format, else the spec's <image-options>, else
// png. A flag that is given always wins, even when it names the default.
ImageFormat image_format(const BuildCommandOptions& options, const Course& course) {
    if (options.image_format) {
        return *parse_image_format(*options.image_format);
    }
    return course.spec.image_format.value_or(ImageFormat::png);
}

// Takes the course's build lock and opens its state. Another build holding the lock is
// waited for, or with --no-wait a configuration error; a course where no lock can be made
// (a read-only checkout) is built in full without a state.
std::pair<std::optional<BuildLock>, BuildState> open_state(const fs::path& root, bool no_wait) {
    fs::path file = state_file_of(root);
    fs::path lock_file = file.parent_path() / "state.lock";
    Expected<BuildLock> lock = BuildLock::acquire(lock_file, !no_wait, [&] {
        log_warning({lock_file.string(), 0,
                     "another clm build of this course is running; waiting for it to end"});
    });
    if (!lock) {
        log_warning({lock.error().file, 0,
                     lock.error().message + "; everything is built, and nothing is remembered"});
        return {std::nullopt, BuildState()};
    }
    return {std::move(*lock), BuildState::open(file)};
}

// The assets of a file topic come from what its decks' texts name, so those are read even
// when the build state knows them.
std::vector<Diagnostic> load_file_topic_texts(Course& course) {
    std::vector<Diagnostic> errors;
    for (Section& section : course.sections) {
        for (Topic& topic : section.topics) {
            for (Deck& deck : topic.source.is_file_topic ? topic.decks : std::vector<Deck>{}) {
                for (DeckSource& source : deck.sources) {
                    if (std::optional<Diagnostic> error = load_deck_text(source)) {
                        errors.push_back(std::move(*error));
                    }
                }
            }
        }
    }
    return errors;
}

// Renders the diagrams alone, for builds without HTML jobs.
HtmlBuildResult render_diagrams(DiagramJobs& diagrams, const SchedulerOptions& options,
                                CommandRunner& runner, StatusPrinter& printer) {
    GroupsOutcome outcome = run_job_groups({&diagrams}, runner, options, printer);
    HtmlBuildResult result;
    result.peak_in_flight = outcome.summary.peak_in_flight;
    result.pool_peaks = outcome.summary.pool_peaks;
    result.interrupted = outcome.summary.was_interrupted();
    result.jobs = std::move(outcome.jobs);
    return result;
}

// Renders the diagrams and builds the HTML outputs in one schedule, or explains in one
// error why no HTML can be built and renders the diagrams alone.
HtmlBuildResult build_child_outputs(const Course& course, const BuildPlan& plan,
                                    const BuildCommandOptions& options,
                                    const SchedulerOptions& scheduling, CommandRunner& runner,
                                    StatusPrinter& printer, DiagramJobs& diagrams,
                                    const AssetPlan& assets, const std::filesystem::path& scratch,
                                    IncrementalBuild& incremental) {
    HtmlPlan html = plan_html(course, plan, incremental.topic_digest());
    HtmlBuildResult result;
    for (const Diagnostic& error : html.errors) {
        printer.error(error);
    }
    result.errors = html.errors;
    result.failed = html.failed_outputs;
    std::optional<std::string> missing;
    JupyterTools tools =
        resolve_jupyter_tools(options.executor, options.renderer, options.cell_timeout);
    if (!html.renders.empty()) {
        missing = missing_jupyter_program(tools);
    }
    if (html.renders.empty() || missing) {
        if (missing) {
            Diagnostic error{"", 0, *missing};
            printer.error(error);
            result.errors.push_back(error);
            result.failed = html.outputs;
        }
        HtmlBuildResult rendered = render_diagrams(diagrams, scheduling, runner, printer);
        rendered.errors = std::move(result.errors);
        rendered.failed = result.failed;
        return rendered;
    }
    HtmlDependencies dependencies{&diagrams,
                                  [&](const Topic* topic) { return diagrams.jobs_of(topic); },
                                  &assets, &incremental};
    HtmlBuildResult built =
        build_html(html, tools, scheduling, runner, printer, scratch / "html", dependencies);
    built.errors.insert(built.errors.begin(), result.errors.begin(), result.errors.end());
    built.failed += result.failed;
    return built;
}

struct ChildOutputs {
    HtmlBuildResult html;
    CopyResult copies;
    std::vector<Diagnostic> diagram_errors;
};

// What the children of a build need besides its plan: the diagram tools, the assets to ship,
// and the build state's view of each.
struct ChildContext {
    const DiagramTools& tools;
    const AssetPlan& assets;
    DiagramFreshness& freshness;
    CopyRecords& copies;
};

// Renders the diagrams and builds the HTML outputs in one schedule, then copies the assets:
// copies come last, when every render they ship is made.
ChildOutputs build_children_then_copy(const Course& course, const BuildPlan& plan,
                                      const BuildCommandOptions& options,
                                      const SchedulerOptions& scheduling, ChildContext context,
                                      CommandRunner& runner, StatusPrinter& printer,
                                      IncrementalBuild& incremental) {
    const AssetPlan& assets = context.assets;
    ChildOutputs children;
    ScratchDirectory scratch;
    DiagramJobs diagrams(assets, context.tools, printer, scratch.path() / "diagrams",
                         context.freshness);
    children.html = build_child_outputs(course, plan, options, scheduling, runner, printer,
                                        diagrams, assets, scratch.path(), incremental);
    kill_adopted_descendants();
    children.diagram_errors = diagrams.errors();
    if (!children.html.interrupted) {
        children.copies = copy_assets(assets, diagrams.rendered(), &context.copies);
        for (const Diagnostic& error : children.copies.errors) {
            printer.error(error);
        }
    }
    return children;
}

// The counts and errors of every stage, in the order the stages ran.
BuildReport make_report(const Course& course, const BuildPlan& plan, const BuildSummary& converted,
                        const AssetPlan& assets, ChildOutputs& children) {
    const HtmlBuildResult& html = children.html;
    const CopyResult& copies = children.copies;
    BuildReport report;
    report.course = course.spec.name.en;
    report.outputs_planned = plan.outputs.size() + copies.planned;
    report.outputs_written = converted.written + html.written + copies.written;
    report.outputs_unchanged = converted.unchanged + html.unchanged + copies.unchanged;
    report.outputs_failed = converted.failed + html.failed + copies.failed;
    report.executions_run = html.executions_run;
    report.executions_shared = html.executions_shared;
    report.peak_in_flight = html.peak_in_flight;
    report.pool_peaks = html.pool_peaks;
    for (const std::vector<Diagnostic>* errors :
         std::initializer_list<const std::vector<Diagnostic>*>{
             &course.errors, &converted.errors, &assets.errors, &children.diagram_errors,
             &html.errors, &copies.errors}) {
        report.errors.insert(report.errors.end(), errors->begin(), errors->end());
    }
    report.jobs = std::move(children.html.jobs);
    return report;
}

int list_outputs(const Course& course, const BuildOptions& build) {
    BuildPlan plan = plan_build(course, build);
    for (const Diagnostic& error : course.errors) {
        log_error(error);
    }
    std::string listing = list_plan(plan);
    std::fwrite(listing.data(), 1, listing.size(), stdout);
    return course.errors.empty() ? exit_status::success : exit_status::outputs_failed;
}

// Printed before anything is built, so that no status line is on the terminal yet.
void print_explanations(const std::vector<std::string>& explanations) {
    std::string text;
    for (const std::string& explanation : explanations) {
        text += "clm: explain: " + explanation + "\n";
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

// Decides which diagrams are rendered again, says why with --explain, and shows the errors
// of those that failed in an earlier build (added to `errors`, which the report counts).
void judge_diagrams(AssetPlan& assets, DiagramFreshness& freshness, bool explain,
                    StatusPrinter& printer, std::vector<Diagnostic>& errors) {
    std::vector<std::string> explanations;
    std::vector<Diagnostic> earlier = freshness.judge_all(assets, explanations);
    if (explain) {
        print_explanations(explanations);
    }
    for (const Diagnostic& error : earlier) {
        printer.error(error);
    }
    errors.insert(errors.end(), earlier.begin(), earlier.end());
}

// What the build state adds to the report: outputs skipped as current, failures shown again
// from an earlier build, files deleted, executions reused; and the errors found before
// anything was built, after the course's own.
void add_incremental_counts(BuildReport& report, const Course& course, const IncrementalPlan& work,
                            const std::vector<Diagnostic>& errors, std::size_t deleted,
                            const HtmlBuildResult& html) {
    report.outputs_skipped = work.skipped;
    report.outputs_failed += work.failed_before;
    report.outputs_deleted = deleted;
    report.executions_reused = html.executions_reused;
    report.errors.insert(report.errors.begin() + static_cast<std::ptrdiff_t>(course.errors.size()),
                         errors.begin(), errors.end());
}

void write_report(const std::string& file, const BuildReport& report) {
    Expected<WriteOutcome> written =
        write_file_if_changed(file, report_json(report).dump(2) + "\n");
    if (!written) {
        log_error(written.error());
    }
}

int exit_status_of(const BuildReport& report) {
    if (report.interrupted) {
        return exit_status::interrupted;
    }
    bool failed = !report.errors.empty() || report.outputs_failed > 0;
    return failed ? exit_status::outputs_failed : exit_status::success;
}

} // namespace

CLI::App* register_build_command(CLI::App& app, BuildCommandOptions& options) {
    CLI::App* build = app.add_subcommand("build", "Build every output of a course");
    build->add_option("course", options.course, "A course spec (.xml) or a course directory")
        ->required();
    build->add_option("--spec", options.spec_name,
                      "The spec in <course>/course-specs/ to build, by name");
    build->add_option("-d,--data-dir", options.data_dir, "The course root (default: found)");
    build->add_option("-o,--output-dir", options.output_dir,
                      "Put each output target under DIR/<target name>");
    build->add_option("-T,--targets", options.targets, "Build only these output targets")
        ->delimiter(',');
    build->add_option("-L,--language", options.language, "Build only this language")
        ->check(CLI::IsMember({"de", "en"}));
    build->add_flag("--speaker-only", options.speaker_only,
                    "Build only the trainer and recording kinds");
    build->add_flag("--no-html", options.no_html, "Build no HTML outputs (and run no kernel)");
    build->add_flag("--no-diagrams", options.no_diagrams,
                    "Render no PlantUML or Draw.io diagrams; ship the committed renders");
    build
        ->add_option("--image-format", options.image_format,
                     "Render diagrams as png or svg (default: the spec's <image-options>, "
                     "else png)")
        ->check(CLI::IsMember({"png", "svg"}));
    build->add_flag("--list", options.list, "Print every planned output and build nothing");
    build->add_option("--max-concurrency", options.max_concurrency,
                      "Child processes at once: a positive integer or 'unlimited' "
                      "(default: $CLM_MAX_CONCURRENCY, else 50)");
    build->add_option("--pool", options.pools,
                      "Cap one pool of child processes (execute, render, plantuml, drawio) "
                      "as NAME=N; repeatable (default: $CLM_POOLS, else drawio=2)");
    build->add_option("--executor", options.executor,
                      "Command that executes a notebook from stdin to stdout "
                      "(default: $CLM_EXECUTOR, else jupyter nbconvert)");
    build->add_option("--renderer", options.renderer,
                      "Command that renders notebooks as HTML into --output-dir DIR "
                      "(default: $CLM_RENDERER, else jupyter nbconvert)");
    build
        ->add_option("--cell-timeout", options.cell_timeout,
                     "Seconds a notebook cell may run (default: no limit)")
        ->check(CLI::PositiveNumber);
    build
        ->add_option("--job-timeout", options.job_timeout,
                     "Seconds a child process may run before it is killed (default: none)")
        ->check(CLI::PositiveNumber);
    build->add_flag("--fail-fast", options.fail_fast, "Start nothing new after the first failure");
    build->add_flag("--force", options.force,
                    "Build every output and run every execution, whatever earlier builds did");
    build->add_flag("--explain", options.explain, "Say for each output that is built why");
    build->add_flag("--no-wait", options.no_wait,
                    "Fail (exit 2) instead of waiting when another build of the course runs");
    build->add_option("--report", options.report_file, "Write a JSON report of the build here");
    build->add_flag("-q,--quiet", options.quiet, "Print only errors and the summary");
    build->add_flag("-v,--verbose", options.verbose, "Also print the commands clm runs");
    build
        ->add_option("--log-level", options.log_level,
                     "Diagnostics shown: trace, debug, info, warning, error or off")
        ->check([](const std::string& value) {
            return parse_log_level(value) ? std::string() : "unknown log level " + value;
        });
    return build;
}

int run_build_command(const BuildCommandOptions& options) {
    auto start = Clock::now();
    std::int64_t start_ns = wall_clock_ns();
    init_logging(*parse_log_level(options.log_level));
    // Bad values are refused before anything is loaded or run.
    ConcurrencyLimit limit = resolve_concurrency_limit(options.max_concurrency);
    PoolLimits pools = resolve_pool_limits(options.pools);
    JupyterTools tools =
        resolve_jupyter_tools(options.executor, options.renderer, options.cell_timeout);
    DiagramTools diagram_tools = resolve_diagram_tools();
    CourseLocation location = locate_course(options.course, options.spec_name, options.data_dir);
    BuildOptions build = build_options(options);
    if (options.list) {
        return list_outputs(load(location), build);
    }

    auto [lock, state] = open_state(location.root, options.no_wait);
    InputDigests digests(state, start_ns);
    Course course = load(location, digests.deck_cache());
    std::vector<Diagnostic> errors = load_file_topic_texts(course);
    digests.remember_decks(course);
    // The decks link the renders in the format they are made in.
    course.spec.image_format = image_format(options, course);
    BuildPlan plan = plan_build(course, build);
    IncrementalBuild incremental(state, digests, course, build, tools_digest(tools), options.force);
    if (state.previous_build_unfinished()) {
        incremental.remove_leftover_temporaries(plan);
    }
    IncrementalPlan work = incremental.plan(plan);
    // Only a build that writes outputs can leave half-written files when it is killed; one
    // that has nothing to do writes nothing to the state either.
    bool writes = !work.work.outputs.empty() || state.previous_build_unfinished();
    if (writes) {
        state.start_build();
    }
    std::vector<Diagnostic> read_errors = incremental.load_texts(work.work);
    if (options.explain) {
        print_explanations(work.explanations);
    }

    adopt_orphaned_descendants();
    UvCommandRunner runner; // from here on, SIGINT, SIGTERM and SIGHUP stop the build
    StatusPrinter printer = make_printer(options);
    errors.insert(errors.end(), work.earlier_errors.begin(), work.earlier_errors.end());
    errors.insert(errors.end(), read_errors.begin(), read_errors.end());
    for (const std::vector<Diagnostic>* list : {&course.errors, &errors}) {
        for (const Diagnostic& error : *list) {
            printer.error(error);
        }
    }
    bool interrupted = false;
    BuildSummary converted = run_build(
        course, work.work,
        [&] {
            interrupted = interrupted || std::holds_alternative<Interrupted>(
                                             runner.wait(std::chrono::milliseconds(0)));
            return interrupted;
        },
        &incremental);
    for (const Diagnostic& error : converted.errors) {
        printer.error(error);
    }
    AssetOptions asset_options{*course.spec.image_format, !options.no_diagrams};
    AssetPlan assets = plan_assets(course, plan, build, asset_options);
    for (const Diagnostic& warning : assets.warnings) {
        printer.warning(warning);
    }
    for (const Diagnostic& error : assets.errors) {
        printer.error(error);
    }
    DiagramFreshness freshness(state, digests, diagram_tools, course.root, options.force);
    CopyRecords copy_records(state, build.output_dir.string(), start_ns);
    std::unordered_set<std::string> copies = planned_copies(assets);
    std::size_t recorded_copies = recorded_count(state, copies);
    judge_diagrams(assets, freshness, options.explain, printer, errors);
    ChildOutputs children;
    if (!interrupted) {
        children = build_children_then_copy(
            course, work.work, options, scheduler_options(options, limit.limit, pools),
            {diagram_tools, assets, freshness, copy_records}, runner, printer, incremental);
    }
    interrupted = interrupted || children.html.interrupted;
    std::size_t deleted = 0;
    // A deck or topic that cannot be loaded is not in the plan, but its outputs are not stale.
    if (!interrupted && course.errors.empty()) {
        deleted = incremental.delete_stale_outputs(plan, copies, recorded_copies);
        incremental.forget_deleted_decks();
    }
    if (writes) {
        state.finish_build();
    } else {
        state.commit();
    }

    BuildReport report = make_report(course, plan, converted, assets, children);
    add_incremental_counts(report, course, work, errors, deleted, children.html);
    report.limit = limit;
    report.pool_limits = pools;
    report.interrupted = interrupted;
    report.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    printer.finish(report);
    if (!options.report_file.empty()) {
        write_report(options.report_file, report);
    }
    return exit_status_of(report);
}

} // namespace clm
