#include "clm/descendants.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace clm {
namespace {

// The children of every thread of clm, as Linux lists them in /proc.
std::vector<pid_t> children() {
    std::vector<pid_t> pids;
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
        std::ifstream list(task.path() / "children");
        for (pid_t pid = 0; list >> pid;) {
            pids.push_back(pid);
        }
    }
    return pids;
}

} // namespace

void adopt_orphaned_descendants() {
#ifdef __linux__
    prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
}

void kill_adopted_descendants() {
    // Killing a child may orphan its own children, which then become ours; a bounded number
    // of rounds catches them without ever hanging the exit of clm.
    for (int round = 0; round < 50; ++round) {
        while (waitpid(-1, nullptr, WNOHANG) > 0) {
        }
        std::vector<pid_t> pids = children();
        if (pids.empty()) {
            return;
        }
        for (pid_t pid : pids) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace clm
