#include "clm/build_command.hpp"

#include <chrono>
#include <cstdio>

#include "clm/build_plan.hpp"
#include "clm/build_runner.hpp"
#include "clm/course_locator.hpp"
#include "clm/exit_status.hpp"
#include "clm/log.hpp"
#include "clm/plan_listing.hpp"

namespace clm {
namespace {

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

Course load(const BuildCommandOptions& options) {
    CourseLocation location = locate_course(options.course, options.spec_name, options.data_dir);
    std::vector<Diagnostic> warnings;
    CourseTree tree = scan_course_tree(location.root, warnings);
    CourseSpec spec =
        location.spec_file ? load_course_spec(*location.spec_file) : spec_from_tree(tree);
    Course course = load_course(std::move(spec), tree);
    for (const Diagnostic& warning : warnings) {
        log_warning(warning);
    }
    for (const Diagnostic& warning : course.warnings) {
        log_warning(warning);
    }
    return course;
}

void print_summary(const BuildSummary& summary, double seconds) {
    std::printf("clm: %zu outputs: %zu written, %zu unchanged, %zu failed", summary.planned,
                summary.written, summary.unchanged, summary.failed);
    if (summary.html_skipped > 0) {
        std::printf(", %zu HTML not built", summary.html_skipped);
    }
    std::printf(" (%.2f s)\n", seconds);
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
    build->add_flag("--no-html", options.no_html, "Build no HTML outputs");
    build->add_flag("--list", options.list, "Print every planned output and build nothing");
    build->add_flag("-q,--quiet", options.quiet, "Print only errors and the summary");
    build
        ->add_option("--log-level", options.log_level,
                     "Diagnostics shown: trace, debug, info, warning, error or off")
        ->check([](const std::string& value) {
            return parse_log_level(value) ? std::string() : "unknown log level " + value;
        });
    return build;
}

int run_build_command(const BuildCommandOptions& options) {
    auto start = std::chrono::steady_clock::now();
    init_logging(*parse_log_level(options.log_level));
    Course course = load(options);
    BuildPlan plan = plan_build(course, build_options(options));
    for (const Diagnostic& error : course.errors) {
        log_error(error);
    }
    if (options.list) {
        std::string listing = list_plan(plan);
        std::fwrite(listing.data(), 1, listing.size(), stdout);
        return course.errors.empty() ? exit_status::success : exit_status::outputs_failed;
    }
    BuildSummary summary = run_build(course, plan);
    for (const Diagnostic& error : summary.errors) {
        log_error(error);
    }
    if (summary.html_skipped > 0) {
        log_warning({"", 0,
                     std::to_string(summary.html_skipped) +
                         " HTML outputs not built: executing notebooks is not supported "
                         "yet (--no-html leaves them out)"});
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    print_summary(summary, elapsed.count());
    bool failed = !course.errors.empty() || summary.failed > 0;
    return failed ? exit_status::outputs_failed : exit_status::success;
}

} // namespace clm
