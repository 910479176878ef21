#include "clm/cli.hpp"

#include <cstdio>

#include "clm/build_command.hpp"
#include "clm/diagnostic.hpp"
#include "clm/exit_status.hpp"

namespace clm {
namespace {

void print_errors(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
        std::fprintf(stderr, "%s\n", format_error(diagnostic).c_str());
    }
}

} // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"clm: build bilingual course material from Jupyter percent decks", "clm"};
    app.set_version_flag("--version", std::string("clm ") + CLM_VERSION);
    app.require_subcommand(1);
    BuildCommandOptions build_options;
    CLI::App* build = register_build_command(app, build_options);
    // Parsing runs inside our own try block (not CLI11_PARSE) so that usage errors get
    // clm's exit status and message format.
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version arrive here as "errors" with exit code 0.
        if (error.get_exit_code() == 0) {
            return app.exit(error);
        }
        print_errors({Diagnostic{"", 0, error.what()}});
        std::fprintf(stderr, "Run 'clm build --help' for the options.\n");
        return exit_status::usage;
    }
    try {
        if (build->parsed()) {
            return run_build_command(build_options);
        }
    } catch (const ConfigError& error) {
        print_errors(error.diagnostics());
        return exit_status::usage;
    }
    return exit_status::usage;
}

} // namespace clm
