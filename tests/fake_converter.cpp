#include "fake_converter.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <thread>

#include "clm/command_words.hpp"

#include "fake_jupyter.hpp"
#include "test_helpers.hpp"

namespace clm::testing {
namespace {

namespace fs = std::filesystem;

struct Conversion {
    std::string source;
    fs::path output;
    std::string format = "png";
};

// The source, format and output file from PlantUML's or Draw.io's command line.
Conversion parse_arguments(char** argv) {
    Conversion conversion;
    fs::path output_dir;
    for (char** arg = argv; *arg != nullptr; ++arg) {
        std::string word = *arg;
        if ((word == "--export" || word == "--format" || word == "--output" || word == "-o") &&
            arg[1] != nullptr) {
            std::string value = *++arg;
            if (word == "--export") {
                conversion.source = value;
            } else if (word == "--format") {
                conversion.format = value;
            } else if (word == "--output") {
                conversion.output = value;
            } else {
                output_dir = value;
            }
        } else if (word.starts_with("-t")) {
            conversion.format = word.substr(2);
        } else if (!word.starts_with("-") && arg[1] == nullptr && conversion.source.empty()) {
            conversion.source = word;
        }
    }
    if (conversion.output.empty()) {
        conversion.output =
            output_dir / (fs::path(conversion.source).stem().string() + "." + conversion.format);
    }
    return conversion;
}

} // namespace

int fake_diagram(char** argv) {
    fs::path dir = argv[1];
    Conversion conversion = parse_arguments(argv + 2);
    std::ofstream(dir / "calls", std::ios::app) << conversion.source << '\n';
    count_running(dir, +1);
    const char* pause = std::getenv("FAKE_CONVERTER_MS");
    std::this_thread::sleep_for(std::chrono::milliseconds(pause ? std::atoi(pause) : 100));
    std::string text = read_file(conversion.source);
    int status = 0;
    if (text.find("syntax_error") != std::string::npos) {
        std::cerr << "Error line 2 in file: " << conversion.source << "\nSyntax Error?\n";
        status = 200;
    } else {
        std::string header = conversion.format == "svg" ? "<svg>" : "\x89PNG\r\n\x1a\n";
        std::ofstream(conversion.output, std::ios::binary) << header << "render of " << text;
    }
    count_running(dir, -1);
    return status;
}

FakeConverters::FakeConverters(const fs::path& scratch)
    : dir(scratch / "converters")
    , bin(scratch / "converters-bin") {
    fs::create_directories(dir);
    fs::path plantuml = bin / "plantuml";
    write_file(plantuml, "#!/bin/sh\nexec " +
                             join_command_words({test_binary().string(), "--helper", "fake-diagram",
                                                 dir.string()}) +
                             " \"$@\"\n");
    ::chmod(plantuml.c_str(), 0755);
}

std::map<std::string, std::string> FakeConverters::environment(bool drawio,
                                                               const std::string& pause_ms) const {
    const char* path = std::getenv("PATH");
    std::map<std::string, std::string> env = {
        {"PLANTUML_JAR", ""},
        {"FAKE_CONVERTER_MS", pause_ms},
        {"CLM_MAX_CONCURRENCY", ""},
    };
    if (drawio) {
        env["PATH"] = bin.string() + ":" + (path != nullptr ? path : "/usr/bin:/bin");
        env["DRAWIO_EXECUTABLE"] =
            join_command_words({test_binary().string(), "--helper", "fake-diagram", dir.string()});
    } else {
        env["PATH"] = bin.string() + ":/usr/bin:/bin";
        env["DRAWIO_EXECUTABLE"] = "";
    }
    return env;
}

std::vector<std::string> FakeConverters::calls() const {
    std::vector<std::string> calls;
    std::ifstream in(dir / "calls");
    for (std::string line; std::getline(in, line);) {
        calls.push_back(line);
    }
    return calls;
}

long FakeConverters::peak() const {
    return std::stol("0" + read_file(dir / "peak"));
}

} // namespace clm::testing
