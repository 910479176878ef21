#include "fake_jupyter.hpp"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace clm::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string text_of(const json& value) {
    if (value.is_array()) {
        std::string text;
        for (const json& line : value) {
            text += line.get<std::string>();
        }
        return text;
    }
    return value.is_string() ? value.get<std::string>() : std::string();
}

long read_number(const fs::path& path) {
    std::ifstream in(path);
    long number = 0;
    in >> number;
    return number;
}

/// Waits until DIR/peak reaches `wanted`, for at most a minute. Executors that wait so
/// make the peak depend on how many clm lets run at once, not on how fast it starts them.
/// The first one to give up leaves DIR/gave-up, so that the others (and later ones) do not
/// wait a minute each when clm never lets `wanted` run together.
void hold_until_peak(const fs::path& dir, long wanted) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (read_number(dir / "peak") < wanted && !fs::exists(dir / "gave-up")) {
        if (std::chrono::steady_clock::now() >= give_up) {
            std::ofstream(dir / "gave-up") << ::getpid() << '\n';
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

json run_cell(const std::string& source, int count) {
    if (source.find("sleep_forever") != std::string::npos) {
        for (;;) {
            ::pause();
        }
    }
    if (source.find("raise_error") != std::string::npos) {
        return {{"output_type", "error"},
                {"ename", "ValueError"},
                {"evalue", "bad value"},
                {"traceback", json::array({"ValueError: bad value"})}};
    }
    std::string first_line = source.substr(0, source.find('\n'));
    (void)count;
    return {{"output_type", "stream"}, {"name", "stdout"}, {"text", "ran: " + first_line + "\n"}};
}

} // namespace

/// Adds `delta` to DIR/running and raises DIR/peak to it, under an exclusive lock.
void count_running(const fs::path& dir, int delta) {
    int lock = ::open((dir / "lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    ::flock(lock, LOCK_EX);
    // The pid first: a test that sees the new count (without taking the lock) and then
    // stops clm must find the pid of every executor it counted.
    if (delta > 0) {
        std::ofstream(dir / "pids", std::ios::app) << ::getpid() << '\n';
    }
    long running = read_number(dir / "running") + delta;
    std::ofstream(dir / "running") << running;
    if (running > read_number(dir / "peak")) {
        std::ofstream(dir / "peak") << running;
    }
    ::flock(lock, LOCK_UN);
    ::close(lock);
}

int fake_executor(char** argv) {
    fs::path dir = argv[1];
    count_running(dir, +1);
    if (const char* wanted = std::getenv("FAKE_EXECUTOR_HOLD_FOR_PEAK")) {
        hold_until_peak(dir, std::atol(wanted));
    }
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    json notebook = json::parse(input);
    const char* pause = std::getenv("FAKE_EXECUTOR_MS");
    std::this_thread::sleep_for(std::chrono::milliseconds(pause ? std::atoi(pause) : 100));
    int count = 0;
    for (json& cell : notebook["cells"]) {
        if (cell["cell_type"] == "code") {
            ++count;
            cell["outputs"] = json::array({run_cell(text_of(cell["source"]), count)});
            cell["execution_count"] = count;
        }
    }
    count_running(dir, -1);
    std::cout << notebook.dump(1) << '\n';
    return 0;
}

int fake_renderer(char** argv) {
    if (argv[1] == nullptr || std::string(argv[1]) != "--output-dir" || argv[2] == nullptr) {
        std::cerr << "usage: fake-renderer --output-dir DIR IN...\n";
        return 2;
    }
    fs::path out = argv[2];
    for (char** input = argv + 3; *input != nullptr; ++input) {
        json notebook = json::parse(std::ifstream(*input));
        std::ostringstream page;
        page << "<html><title>" << notebook["metadata"].value("title", "") << "</title>\n";
        for (const json& cell : notebook["cells"]) {
            page << "<pre>" << text_of(cell["source"]) << "</pre>\n";
            for (const json& output : cell.value("outputs", json::array())) {
                page << "<output>" << text_of(output.value("text", json()))
                     << output.value("ename", "") << "</output>\n";
            }
        }
        std::ofstream(out / (fs::path(*input).stem().string() + ".html")) << page.str();
    }
    return 0;
}

} // namespace clm::testing
