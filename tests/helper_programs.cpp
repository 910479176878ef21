// Helper programs for the process tests. The test binary re-runs itself as
// `clm_tests --helper NAME ARGS...` so that the tests depend on no system tool.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <signal.h>
#include <string>
#include <unistd.h>

#include "fake_converter.hpp"
#include "fake_jupyter.hpp"
#include "test_helpers.hpp"

namespace clm::testing {
namespace {

void write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n <= 0) {
            std::exit(3);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

void write_text(int fd, const std::string& text) {
    write_all(fd, text.data(), text.size());
}

[[noreturn]] void sleep_forever() {
    for (;;) {
        ::pause();
    }
}

/// Writes `text` to `path` so that a reader never sees it half written.
void publish(const std::string& path, const std::string& text) {
    std::string partial = path + ".partial";
    std::ofstream(partial) << text;
    std::filesystem::rename(partial, path);
}

/// `flood OUT ERR`: OUT bytes to stdout and ERR bytes to stderr, both the pattern of
/// flood_pattern() in the tests (byte i is 'a' + i % 26).
int flood(std::size_t out_bytes, std::size_t err_bytes) {
    std::string block(26 * 1024, ' ');
    for (std::size_t i = 0; i < block.size(); ++i) {
        block[i] = static_cast<char>('a' + i % 26);
    }
    for (auto [fd, left] : {std::pair{1, out_bytes}, std::pair{2, err_bytes}}) {
        while (left > 0) {
            std::size_t n = std::min(left, block.size());
            write_all(fd, block.data(), n);
            left -= n;
        }
    }
    return 0;
}

int echo_stdin() {
    char buffer[65536];
    ssize_t n = 0;
    while ((n = ::read(0, buffer, sizeof buffer)) > 0) {
        write_all(1, buffer, static_cast<std::size_t>(n));
    }
    return n == 0 ? 0 : 4;
}

/// Starts a grandchild that sleeps forever, holding the inherited pipes, publishes its pid
/// in `pid_file`, and sleeps forever itself.
int spawn_grandchild(const std::string& pid_file) {
    pid_t grandchild = ::fork();
    if (grandchild == 0) {
        sleep_forever();
    }
    publish(pid_file, std::to_string(grandchild));
    sleep_forever();
}

/// Exits at once, leaving a grandchild that writes `text` to the inherited stdout a moment
/// later: output that arrives after the child's exit.
int write_after_exit(const std::string& text) {
    if (::fork() == 0) {
        ::usleep(200 * 1000);
        write_text(1, text);
        ::_exit(0);
    }
    return 0;
}

/// The descriptors open in this process, one a line, without the one used to list them.
int list_fds() {
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) {
        return 5;
    }
    std::string text;
    while (dirent* entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != ::dirfd(dir)) {
            text += entry->d_name;
            text += '\n';
        }
    }
    ::closedir(dir);
    write_text(1, text);
    return 0;
}

/// A helper behaviour and the number of arguments it needs after its name.
struct Helper {
    int arguments = 0;
    std::function<int(char** argv)> run;
};

const std::map<std::string, Helper>& helpers() {
    static const std::map<std::string, Helper> table = {
        {"exit", {1, [](char** argv) { return std::atoi(argv[1]); }}},
        {"raise", {1, [](char** argv) { return ::raise(std::atoi(argv[1])) == 0 ? 6 : 7; }}},
        {"flood",
         {2,
          [](char** argv) {
              return flood(std::strtoul(argv[1], nullptr, 10), std::strtoul(argv[2], nullptr, 10));
          }}},
        {"echo-stdin", {0, [](char**) { return echo_stdin(); }}},
        {"read-one-byte",
         {0,
          [](char**) {
              char byte = 0;
              return ::read(0, &byte, 1) == 1 ? 0 : 7;
          }}},
        {"ignore-term",
         {1,
          [](char** argv) -> int {
              ::signal(SIGTERM, SIG_IGN);
              publish(argv[1], "ready");
              sleep_forever();
          }}},
        {"write-after-exit", {1, [](char** argv) { return write_after_exit(argv[1]); }}},
        {"sleep-forever", {0, [](char**) -> int { sleep_forever(); }}},
        {"grandchild", {1, [](char** argv) { return spawn_grandchild(argv[1]); }}},
        {"pwd",
         {0,
          [](char**) {
              write_text(1, std::filesystem::current_path().string());
              return 0;
          }}},
        {"getenv",
         {1,
          [](char** argv) {
              const char* value = std::getenv(argv[1]);
              write_text(1, value == nullptr ? "<unset>" : value);
              return 0;
          }}},
        {"list-fds", {0, [](char**) { return list_fds(); }}},
        {"fake-executor", {1, fake_executor}},
        {"fake-renderer", {2, fake_renderer}},
        {"fake-diagram", {1, fake_diagram}},
        {"sigpipe-ignored",
         {0,
          [](char**) {
              struct sigaction action {};
              ::sigaction(SIGPIPE, nullptr, &action);
              write_text(1, action.sa_handler == SIG_IGN ? "yes" : "no");
              return 0;
          }}},
    };
    return table;
}

} // namespace

int run_helper(int argc, char** argv) {
    auto found = helpers().find(argv[0]);
    if (found == helpers().end() || argc - 1 < found->second.arguments) {
        std::fprintf(stderr, "unknown helper or missing arguments: %s\n", argv[0]);
        return 125;
    }
    return found->second.run(argv);
}

} // namespace clm::testing
