#include "clm/build_command.hpp"

#include <chrono>
#include <cstdio>
#include <unistd.h>

#include "clm/atomic_file.hpp"
#include "clm/build_lock.hpp"
#include "clm/build_plan.hpp"
#include "clm/build_runner.hpp"
#include "clm/concurrency_limit.hpp"
#include "clm/course_locator.hpp"
#include "clm/descendants.hpp"
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

// Builds the HTML outputs, or explains in one error why none can be built.
HtmlBuildResult build_html_outputs(const Course& course, const BuildPlan& plan,
                                   const BuildCommandOptions& options, std::size_t limit,
                                   const PoolLimits& pools, CommandRunner& runner,
                                   StatusPrinter& printer, IncrementalBuild& incremental,
                                   InputDigests& digests) {
    HtmlPlan html = plan_html(course, plan, [&](const Topic& topic) -> const std::string& {
        return digests.topic_digest(topic);
    });
    HtmlBuildResult result;
    for (const Diagnostic& error : html.errors) {
        printer.error(error);
    }
    result.errors = html.errors;
    result.failed = html.failed_outputs;
    if (html.renders.empty()) {
        return result;
    }
    const JupyterTools tools =
        resolve_jupyter_tools(options.executor, options.renderer, options.cell_timeout);
    if (std::optional<std::string> missing = missing_jupyter_program(tools)) {
        Diagnostic error{"", 0, *missing};
        printer.error(error);
        result.errors.push_back(error);
        result.failed = html.outputs;
        return result;
    }
    ScratchDirectory scratch;
    HtmlBuildResult built = build_html(html, tools, scheduler_options(options, limit, pools),
                                       runner, printer, scratch.path(), &incremental);
    built.errors.insert(built.errors.begin(), result.errors.begin(), result.errors.end());
    built.failed += result.failed;
    return built;
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
    CourseLocation location = locate_course(options.course, options.spec_name, options.data_dir);
    BuildOptions build = build_options(options);
    if (options.list) {
        return list_outputs(load(location), build);
    }

    auto [lock, state] = open_state(location.root, options.no_wait);
    InputDigests digests(state, start_ns);
    Course course = load(location, digests.deck_cache());
    digests.remember_decks(course);
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
    std::vector<Diagnostic> errors = course.errors;
    errors.insert(errors.end(), work.earlier_errors.begin(), work.earlier_errors.end());
    errors.insert(errors.end(), read_errors.begin(), read_errors.end());
    for (const Diagnostic& error : errors) {
        printer.error(error);
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
    HtmlBuildResult html;
    if (!interrupted) {
        html = build_html_outputs(course, work.work, options, limit.limit, pools, runner, printer,
                                  incremental, digests);
        kill_adopted_descendants();
    }
    interrupted = interrupted || html.interrupted;
    std::size_t deleted = 0;
    // A deck or topic that cannot be loaded is not in the plan, but its outputs are not stale.
    if (!interrupted && course.errors.empty()) {
        deleted = incremental.delete_stale_outputs(plan);
        incremental.forget_deleted_decks();
    }
    if (writes) {
        state.finish_build();
    } else {
        state.commit();
    }

    BuildReport report;
    report.course = course.spec.name.en;
    report.outputs_planned = plan.outputs.size();
    report.outputs_written = converted.written + html.written;
    report.outputs_unchanged = converted.unchanged + html.unchanged;
    report.outputs_skipped = work.skipped;
    report.outputs_failed = converted.failed + html.failed + work.failed_before;
    report.outputs_deleted = deleted;
    report.executions_run = html.executions_run;
    report.executions_shared = html.executions_shared;
    report.executions_reused = html.executions_reused;
    report.limit = limit;
    report.peak_in_flight = html.peak_in_flight;
    report.pool_limits = pools;
    report.pool_peaks = html.pool_peaks;
    report.interrupted = interrupted;
    report.errors = std::move(errors);
    report.errors.insert(report.errors.end(), converted.errors.begin(), converted.errors.end());
    report.errors.insert(report.errors.end(), html.errors.begin(), html.errors.end());
    report.jobs = std::move(html.jobs);
    report.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    printer.finish(report);
    if (!options.report_file.empty()) {
        write_report(options.report_file, report);
    }
    return exit_status_of(report);
}

} // namespace clm
