// `clm build`: load a course, plan its outputs, and build or list them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace clm {

/// Everything `clm build` reads from its command line.
struct BuildCommandOptions {
    std::string course;     // a spec file or a course directory
    std::string spec_name;  // --spec
    std::string data_dir;   // --data-dir
    std::string output_dir; // --output-dir
    std::string language;   // --language
    std::string log_level = "warning";
    std::string report_file; // --report
    std::vector<std::string> targets;
    std::vector<std::string> pools; // --pool NAME=N, repeatable
    std::optional<std::string> max_concurrency;
    std::optional<std::string> executor;
    std::optional<std::string> renderer;
    std::optional<std::string> image_format; // --image-format png|svg
    std::optional<int> cell_timeout;
    std::optional<double> job_timeout;
    bool speaker_only = false;
    bool no_html = false;
    bool no_diagrams = false;
    bool list = false;
    bool quiet = false;
    bool verbose = false;
    bool fail_fast = false;
    bool force = false;   // --force: build everything, trust no record
    bool explain = false; // --explain: say why each output is built
    bool no_wait = false; // --no-wait: fail when another build holds the course
};

/// Adds the `build` subcommand and its options to `app`.
CLI::App* register_build_command(CLI::App& app, BuildCommandOptions& options);

/// Runs `clm build` and returns the exit status. Throws ConfigError for problems that stop
/// the build before it starts.
int run_build_command(const BuildCommandOptions& options);

} // namespace clm
