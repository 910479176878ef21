// The platform seam of the process layer: signalling a child's whole process group and
// preparing clm to start children. process_group_posix.cpp implements it for POSIX.
#pragma once

namespace clm {

/// Sends `signal` to every process in the group that the child `leader` leads (children
/// are started as session and group leaders). Returns 0, or a negative libuv error code;
/// UV_ESRCH means the group has no members left.
int signal_process_group(int leader, int signal);

/// Prepares the process for starting children: a write to a pipe whose reader has exited
/// fails with EPIPE instead of killing clm, and no descriptor clm holds at the time of the
/// call, other than its standard streams, is inherited by children started later.
void prepare_for_children();

} // namespace clm
