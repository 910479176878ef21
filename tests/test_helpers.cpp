#include "test_helpers.hpp"

#include <array>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace clm::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = fs::temp_directory_path() / ("clm-test-" + std::to_string(random()));
        if (fs::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

void write_file(const fs::path& path, std::string_view text) {
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path());
    }
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

std::string drain(int fd) {
    std::string text;
    std::array<char, 65536> buffer{};
    ssize_t n = 0;
    while ((n = read(fd, buffer.data(), buffer.size())) > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return text;
}

} // namespace

RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env) {
    // Standard error goes to a temporary file so that a child writing much to both streams
    // cannot block on a full pipe while we read the other one.
    char err_template[] = "/tmp/clm-test-stderr-XXXXXX";
    int err_fd = mkstemp(err_template);
    int out_pipe[2];
    if (err_fd < 0 || pipe(out_pipe) != 0) {
        throw std::runtime_error("cannot create pipes for a child");
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_fd, STDERR_FILENO);
        close(out_pipe[0]);
        close(out_pipe[1]);
        for (const auto& [name, value] : env) {
            if (value.empty()) {
                unsetenv(name.c_str());
            } else {
                setenv(name.c_str(), value.c_str(), 1);
            }
        }
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (const std::string& arg : args) {
            argv.push_back(const_cast<char*>(arg.c_str()));
        }
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    RunResult result;
    result.out = drain(out_pipe[0]);
    close(out_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    lseek(err_fd, 0, SEEK_SET);
    result.err = drain(err_fd);
    close(err_fd);
    unlink(err_template);
    return result;
}

RunResult run_clm(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env) {
    return run_program(CLM_BINARY, args, env);
}

pid_t start_clm(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const fs::path& err_file) {
    pid_t pid = fork();
    if (pid == 0) {
        for (const auto& [name, value] : env) {
            value.empty() ? unsetenv(name.c_str()) : setenv(name.c_str(), value.c_str(), 1);
        }
        int null = open("/dev/null", O_WRONLY);
        int err =
            err_file.empty() ? null : open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(null, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        std::vector<char*> argv = {const_cast<char*>(CLM_BINARY)};
        for (const std::string& arg : args) {
            argv.push_back(const_cast<char*>(arg.c_str()));
        }
        argv.push_back(nullptr);
        execv(CLM_BINARY, argv.data());
        _exit(127);
    }
    return pid;
}

fs::path test_binary() {
    return fs::read_symlink("/proc/self/exe");
}

} // namespace clm::testing
