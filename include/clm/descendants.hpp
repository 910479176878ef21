// Making sure no process clm started, directly or not, outlives it.
#pragma once

namespace clm {

/// Makes clm the parent of its orphaned descendants. A Jupyter kernel runs in a session of
/// its own, so killing the executor's process group does not reach it; once its executor
/// is gone it is re-parented to clm instead of to init, and kill_adopted_descendants() can
/// end it. Where the system has no such facility this does nothing.
void adopt_orphaned_descendants();

/// Kills and reaps every remaining child of clm (the adopted orphans) together with their
/// process groups. Call it only when no child that another part of clm waits for is left,
/// since it reaps whatever it finds.
void kill_adopted_descendants();

} // namespace clm
