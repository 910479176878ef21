// POSIX implementation of process_group.hpp.
#include <cerrno>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "clm/process_group.hpp"

#include <uv.h>

namespace clm {

int signal_process_group(int leader, int signal) {
    // A negative pid addresses the group. The group id stays reserved while any member
    // lives, so a group that outlived its reaped leader is still reached safely.
    if (leader <= 0) {
        return UV_EINVAL;
    }
    return ::kill(-leader, signal) == 0 ? 0 : -errno;
}

void prepare_for_children() {
    ::signal(SIGPIPE, SIG_IGN);
    // libuv marks every open descriptor close-on-exec, the standard streams included. Its
    // own children get their streams through dup2, which clears the flag, but a child
    // started by other means (a test helper, an editor) must still inherit clm's streams.
    uv_disable_stdio_inheritance();
    for (int fd = 0; fd <= 2; ++fd) {
        int flags = ::fcntl(fd, F_GETFD);
        if (flags != -1) {
            ::fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC);
        }
    }
}

} // namespace clm
