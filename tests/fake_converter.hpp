// A stand-in for PlantUML and Draw.io, run as a helper program of the test binary, so that
// end-to-end tests of diagram builds need no JVM or Electron and can count the converters
// that clm runs.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace clm::testing {

/// `fake-diagram DIR ARGS...`: takes PlantUML's arguments (`-tFMT ... -o OUT SOURCE`) or
/// Draw.io's (`--export SOURCE --format FMT --output FILE ...`) and writes the render: the
/// PNG signature (or `<svg>` for svg) followed by "render of " and the source's bytes. A
/// source containing `syntax_error` fails like PlantUML does (exit 200, "Error line 2 in
/// file: SOURCE" and "Syntax Error?" on stderr). It appends SOURCE to DIR/calls, counts
/// itself in DIR/running and DIR/peak while it runs (see count_running), and sleeps
/// FAKE_CONVERTER_MS milliseconds (default 100) so that converters overlap.
int fake_diagram(char** argv);

/// A directory with a `plantuml` program that runs fake-diagram, and the environment that
/// makes clm use it for PlantUML (first on PATH) and Draw.io (DRAWIO_EXECUTABLE).
struct FakeConverters {
    std::filesystem::path dir;
    std::filesystem::path bin;

    explicit FakeConverters(const std::filesystem::path& scratch);

    /// With `drawio` false, DRAWIO_EXECUTABLE is removed and PATH holds no drawio program.
    std::map<std::string, std::string> environment(bool drawio = true,
                                                   const std::string& pause_ms = "100") const;
    /// The sources converted so far, in the order the converters started.
    std::vector<std::string> calls() const;
    long peak() const;
};

} // namespace clm::testing
