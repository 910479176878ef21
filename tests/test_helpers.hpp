// Support shared by the tests: scratch directories, files, and running the built clm.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace clm::testing {

/// A fresh directory below the system temporary directory, removed with its contents when
/// the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// Writes `text` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, std::string_view text);
std::string read_file(const std::filesystem::path& path);

struct RunResult {
    int exit_code = -1; // -1 when the child did not exit normally
    std::string out;
    std::string err;
};

/// Runs `program` with `args`, capturing stdout and stderr. `env` entries are added to (or,
/// with an empty value, removed from) the inherited environment.
RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {});

/// Runs the built clm.
RunResult run_clm(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {});

/// Starts the built clm without waiting for it, its standard output going nowhere and its
/// standard error to `err_file` (nowhere when empty). `env` works as for run_program. The
/// caller reaps the returned child.
pid_t start_clm(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::filesystem::path& err_file = {});

/// The absolute path of the running test binary, for re-running it as a helper program.
std::filesystem::path test_binary();

/// Runs the helper program NAME (argv[0]) with its arguments; see helper_programs.cpp.
int run_helper(int argc, char** argv);

} // namespace clm::testing
