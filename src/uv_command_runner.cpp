#include "clm/uv_command_runner.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

#include "clm/process_group.hpp"

#include <uv.h>

namespace clm {
namespace {

using Clock = std::chrono::steady_clock;
using WallClock = std::chrono::system_clock;

constexpr std::array<int, 3> interrupt_signals = {SIGINT, SIGTERM, SIGHUP};

bool is_resource_error(int code) {
    return code == UV_EAGAIN || code == UV_EMFILE || code == UV_ENFILE || code == UV_ENOMEM;
}

SpawnError spawn_error(int code) {
    return SpawnError{code, uv_err_name(code), uv_strerror(code)};
}

uv_handle_t* as_handle(void* handle) {
    return static_cast<uv_handle_t*>(handle);
}

/// The child's environment: clm's own with `additions` put in. Empty `additions` means
/// the child inherits clm's environment unchanged and no copy is needed.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& additions) {
    std::vector<std::string> entries;
    if (additions.empty()) {
        return entries;
    }
    uv_env_item_t* items = nullptr;
    int count = 0;
    if (uv_os_environ(&items, &count) == 0) {
        for (int i = 0; i < count; ++i) {
            if (additions.count(items[i].name) == 0) {
                entries.push_back(std::string(items[i].name) + "=" + items[i].value);
            }
        }
        uv_os_free_environ(items, count);
    }
    for (const auto& [name, value] : additions) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

/// A NULL-terminated array of pointers into `strings`, as exec expects. Its parameters are
/// not const for historical reasons only; posix_spawn writes nothing through them.
std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (const auto& text : strings) {
        pointers.push_back(const_cast<char*>(text.c_str()));
    }
    pointers.push_back(nullptr);
    return pointers;
}

/// The first file named `name` in a directory of `path` (a PATH value) that may be
/// executed, or an empty string.
std::string find_in_path(const std::string& name, std::string_view path) {
    for (;;) {
        std::size_t colon = path.find(':');
        std::string_view directory = path.substr(0, colon);
        std::string candidate = std::string(directory.empty() ? "." : directory) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        if (colon == std::string_view::npos) {
            return {};
        }
        path.remove_prefix(colon + 1);
    }
}

/// posix_spawn's file actions and attributes for one child: `streams` become its standard
/// streams, it starts in `cwd` (unless empty) as the leader of a session of its own, with
/// every signal at its default action and none blocked (clm ignores SIGPIPE, and an
/// ignored signal would otherwise stay ignored across exec).
class SpawnSetup {
public:
    SpawnSetup(const std::array<int, 3>& streams, const std::string& cwd) {
        posix_spawn_file_actions_init(&m_actions);
        posix_spawnattr_init(&m_attributes);
        for (int fd = 0; fd < 3; ++fd) {
            check(posix_spawn_file_actions_adddup2(&m_actions, streams[fd], fd));
        }
        if (!cwd.empty()) {
            check(posix_spawn_file_actions_addchdir_np(&m_actions, cwd.c_str()));
        }
        sigset_t all;
        sigset_t none;
        sigfillset(&all);
        sigemptyset(&none);
        check(posix_spawnattr_setsigdefault(&m_attributes, &all));
        check(posix_spawnattr_setsigmask(&m_attributes, &none));
        check(posix_spawnattr_setflags(&m_attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF |
                                                          POSIX_SPAWN_SETSIGMASK));
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&m_actions);
        posix_spawnattr_destroy(&m_attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    /// Starts `argv` as execvp would in the child: a program name without a slash is looked
    /// up in `path`, the child's PATH if it differs from clm's. Returns 0 or an errno value.
    int spawn(int& pid, char* const* argv, char* const* envp, const std::string* path) const {
        if (m_error != 0) {
            return m_error;
        }
        std::string program = argv[0];
        if (path == nullptr || program.find('/') != std::string::npos) {
            return posix_spawnp(&pid, program.c_str(), &m_actions, &m_attributes, argv, envp);
        }
        program = find_in_path(program, *path);
        return program.empty()
                   ? ENOENT
                   : posix_spawn(&pid, program.c_str(), &m_actions, &m_attributes, argv, envp);
    }

private:
    void check(int error) { m_error = m_error != 0 ? m_error : error; }

    posix_spawn_file_actions_t m_actions{};
    posix_spawnattr_t m_attributes{};
    int m_error = 0;
};

} // namespace

/// The loop and the handles that belong to the runner rather than to a job.
struct UvCommandRunner::Loop {
    UvCommandRunner* owner = nullptr;
    uv_loop_t loop{};
    std::array<uv_signal_t, interrupt_signals.size()> signals{};
    uv_signal_t child_signal{}; // SIGCHLD: a child may have ended
    uv_timer_t wait_timer{};    // ends a wait() with a timeout
    uv_timer_t grace_timer{};   // turns interrupt_all()'s SIGTERM into SIGKILL
    bool wait_timed_out = false;
    /// Reads are handled synchronously in the read callback, so one buffer serves all pipes.
    std::array<char, 64 * 1024> buffer{};

    void reap_children();
};

/// One job: its four libuv handles, the input still to be written, and the result so far.
/// The child is started with posix_spawn, which unlike libuv's fork does not copy clm's
/// page tables, so a start costs the same however much memory clm holds; libuv watches its
/// pipes, and Loop::reap_children its exit. The job is finished when all four handles are
/// closed; each is closed exactly once: stdin after its input is written, stdout and stderr
/// at end of file, and the timer once the process has exited and the pipes are done.
struct UvCommandRunner::Child {
    enum class TimerRole { timeout, escalate, stragglers, abandon };

    UvCommandRunner* runner = nullptr;
    JobId id = 0;
    bool spawned = false;
    int pid = 0;
    uv_pipe_t in{};
    uv_pipe_t out{};
    uv_pipe_t err{};
    uv_timer_t timer{};
    uv_write_t write_request{};
    TimerRole timer_role = TimerRole::timeout;
    std::string input;
    ProcessResult result;
    int open_handles = 0;
    int open_streams = 2;
    bool exited = false;

    Child(UvCommandRunner& owner, JobId job)
        : runner(&owner)
        , id(job) {}

    void init_handles(uv_loop_t* loop);
    int open_pipes(std::array<int, 3>& child_ends);
    int spawn(const ProcessSpec& spec);
    void exited_with(int status);
    void close(void* handle);
    void close_all();
    void begin_io();
    void signal(int number);
    void stop_group(KillReason reason);
    void arm_timer(TimerRole role, std::chrono::milliseconds delay);
    void stream_done(uv_stream_t* stream);
    void abandon_streams();
    void settle_if_done();

    static void on_close(uv_handle_t* handle);
    static void on_alloc(uv_handle_t* handle, size_t suggested, uv_buf_t* buf);
    static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf);
    static void on_written(uv_write_t* request, int status);
    static void on_timer(uv_timer_t* timer);
};

void UvCommandRunner::Child::init_handles(uv_loop_t* loop) {
    for (uv_pipe_t* pipe : {&in, &out, &err}) {
        uv_pipe_init(loop, pipe, 0);
        pipe->data = this;
    }
    uv_timer_init(loop, &timer);
    timer.data = this;
    open_handles = 4;
}

void UvCommandRunner::Child::close(void* handle) {
    if (!uv_is_closing(as_handle(handle))) {
        uv_close(as_handle(handle), on_close);
    }
}

void UvCommandRunner::Child::close_all() {
    for (void* handle : {static_cast<void*>(&in), static_cast<void*>(&out),
                         static_cast<void*>(&err), static_cast<void*>(&timer)}) {
        close(handle);
    }
}

void UvCommandRunner::Child::begin_io() {
    for (uv_pipe_t* pipe : {&out, &err}) {
        auto* stream = reinterpret_cast<uv_stream_t*>(pipe);
        if (uv_read_start(stream, on_alloc, on_read) != 0) {
            stream_done(stream);
        }
    }
    if (input.empty()) {
        close(&in);
        return;
    }
    uv_buf_t buf = uv_buf_init(input.data(), static_cast<unsigned int>(input.size()));
    if (uv_write(&write_request, reinterpret_cast<uv_stream_t*>(&in), &buf, 1, on_written) != 0) {
        close(&in);
    }
}

/// Signals the child's group, or the child alone if it has left its group.
void UvCommandRunner::Child::signal(int number) {
    // Once reaped, the pid may belong to another process.
    if (signal_process_group(pid, number) != 0 && !exited) {
        ::kill(pid, number);
    }
}

/// Asks the whole group to stop and arranges for SIGKILL after the grace period. The first
/// reason given is the one reported.
void UvCommandRunner::Child::stop_group(KillReason reason) {
    if (result.killed == KillReason::none) {
        result.killed = reason;
    }
    signal(SIGTERM);
    if (!uv_is_closing(as_handle(&timer)) && timer_role != TimerRole::escalate) {
        arm_timer(TimerRole::escalate, runner->m_options.grace_period);
    }
}

void UvCommandRunner::Child::arm_timer(TimerRole role, std::chrono::milliseconds delay) {
    timer_role = role;
    uv_timer_start(&timer, on_timer, static_cast<uint64_t>(std::max<long long>(0, delay.count())),
                   0);
}

void UvCommandRunner::Child::stream_done(uv_stream_t* stream) {
    close(stream);
    --open_streams;
    settle_if_done();
}

/// Gives up on pipes that a process outside the group still holds (one that started a
/// session of its own, as Jupyter kernels do), so that clm is never held up by it.
void UvCommandRunner::Child::abandon_streams() {
    for (uv_pipe_t* pipe : {&out, &err}) {
        if (!uv_is_closing(as_handle(pipe))) {
            stream_done(reinterpret_cast<uv_stream_t*>(pipe));
        }
    }
}

/// Once the child has exited and both pipes are at end of file, any process left in its
/// group has no output to give and no parent to wait for it: kill it so that nothing
/// outlives clm. If the pipes stay open after the exit, a grandchild holds them; it gets
/// the grace period to finish writing, then its group is killed, and after another grace
/// period the pipes are abandoned.
void UvCommandRunner::Child::settle_if_done() {
    if (!exited) {
        return;
    }
    if (open_streams == 0) {
        signal_process_group(pid, SIGKILL);
        close(&timer);
    } else if (!uv_is_active(as_handle(&timer)) || timer_role == TimerRole::timeout) {
        arm_timer(TimerRole::stragglers, runner->m_options.grace_period);
    }
}

void UvCommandRunner::Child::on_close(uv_handle_t* handle) {
    auto* child = static_cast<Child*>(handle->data);
    if (--child->open_handles == 0) {
        child->runner->child_closed(*child);
    }
}

/// The child has been reaped with wait status `status`.
void UvCommandRunner::Child::exited_with(int status) {
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    result.term_signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    result.ended = Clock::now();
    result.ended_wall = WallClock::now();
    exited = true;
    // Input nobody will read any more; closing cancels a pending write.
    close(&in);
    settle_if_done();
}

void UvCommandRunner::Child::on_alloc(uv_handle_t* handle, size_t, uv_buf_t* buf) {
    auto& buffer = static_cast<Child*>(handle->data)->runner->m_loop->buffer;
    *buf = uv_buf_init(buffer.data(), static_cast<unsigned int>(buffer.size()));
}

void UvCommandRunner::Child::on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
    auto* child = static_cast<Child*>(stream->data);
    if (nread < 0) {
        child->stream_done(stream);
        return;
    }
    auto bytes = std::string_view(buf->base, static_cast<std::size_t>(nread));
    if (stream == reinterpret_cast<uv_stream_t*>(&child->out)) {
        child->result.out.append(bytes);
        return;
    }
    // Standard error is trimmed in batches so that a chatty child costs linear time.
    std::string& err = child->result.err;
    err.append(bytes);
    if (err.size() > 2 * ProcessResult::err_limit) {
        std::size_t excess = err.size() - ProcessResult::err_limit;
        err.erase(0, excess);
        child->result.err_dropped += excess;
    }
}

void UvCommandRunner::Child::on_written(uv_write_t* request, int) {
    // A child may exit without reading all of its input (EPIPE), or the write is cancelled
    // by its exit (ECANCELED); neither is an error of the job.
    auto* child = static_cast<Child*>(request->handle->data);
    child->close(&child->in);
}

void UvCommandRunner::Child::on_timer(uv_timer_t* timer) {
    auto* child = static_cast<Child*>(timer->data);
    switch (child->timer_role) {
    case TimerRole::timeout:
        child->stop_group(KillReason::timeout);
        break;
    case TimerRole::escalate:
    case TimerRole::stragglers:
        child->signal(SIGKILL);
        if (child->exited) {
            child->arm_timer(TimerRole::abandon, child->runner->m_options.grace_period);
        }
        break;
    case TimerRole::abandon:
        child->abandon_streams();
        break;
    }
}

UvCommandRunner::UvCommandRunner(UvCommandRunnerOptions options)
    : m_options(options)
    , m_loop(std::make_unique<Loop>()) {
    prepare_for_children();
    m_loop->owner = this;
    uv_loop_init(&m_loop->loop);
    m_loop->loop.data = m_loop.get();
    for (std::size_t i = 0; i < interrupt_signals.size(); ++i) {
        uv_signal_t& handle = m_loop->signals[i];
        uv_signal_init(&m_loop->loop, &handle);
        handle.data = m_loop.get();
        uv_signal_start(
            &handle,
            [](uv_signal_t* signal, int number) {
                static_cast<Loop*>(signal->data)->owner->on_signal(number);
            },
            interrupt_signals[i]);
    }
    uv_signal_init(&m_loop->loop, &m_loop->child_signal);
    m_loop->child_signal.data = m_loop.get();
    uv_signal_start(
        &m_loop->child_signal,
        [](uv_signal_t* signal, int) { static_cast<Loop*>(signal->data)->reap_children(); },
        SIGCHLD);
    for (uv_timer_t* timer : {&m_loop->wait_timer, &m_loop->grace_timer}) {
        uv_timer_init(&m_loop->loop, timer);
        timer->data = m_loop.get();
    }
}

UvCommandRunner::~UvCommandRunner() {
    if (!m_children.empty()) {
        interrupt_all();
    }
    for (uv_signal_t& handle : m_loop->signals) {
        uv_close(as_handle(&handle), nullptr);
    }
    uv_close(as_handle(&m_loop->child_signal), nullptr);
    uv_close(as_handle(&m_loop->wait_timer), nullptr);
    uv_close(as_handle(&m_loop->grace_timer), nullptr);
    // Runs the remaining close callbacks, including those of children that never started.
    uv_run(&m_loop->loop, UV_RUN_DEFAULT);
    uv_loop_close(&m_loop->loop);
}

/// Creates the pipes of the child's standard streams. clm's ends are opened as `in`, `out`
/// and `err`; the child's ends, still to be closed by the caller, go to `child_ends`. Every
/// descriptor is close-on-exec; the child's copies on 0, 1 and 2 are not. Returns 0 or a
/// libuv error code.
int UvCommandRunner::Child::open_pipes(std::array<int, 3>& child_ends) {
    std::array<uv_pipe_t*, 3> handles = {&in, &out, &err};
    for (std::size_t stream = 0; stream < handles.size(); ++stream) {
        std::array<uv_file, 2> ends{};
        if (int code = uv_pipe(ends.data(), 0, 0); code != 0) {
            return code;
        }
        bool child_reads = stream == 0;
        child_ends[stream] = ends[child_reads ? 0 : 1];
        if (int code = uv_pipe_open(handles[stream], ends[child_reads ? 1 : 0]); code != 0) {
            ::close(ends[child_reads ? 1 : 0]);
            return code;
        }
    }
    return 0;
}

/// Starts the child of `spec` on the child's pipes. Returns 0 or a libuv error code.
int UvCommandRunner::Child::spawn(const ProcessSpec& spec) {
    std::array<int, 3> child_ends = {-1, -1, -1};
    int code = open_pipes(child_ends);
    if (code == 0) {
        std::vector<char*> args = c_strings(spec.argv);
        std::vector<std::string> env = child_environment(spec.environment);
        std::vector<char*> env_pointers = c_strings(env);
        auto path = spec.environment.find("PATH");
        SpawnSetup setup(child_ends, spec.working_directory.string());
        result.started = Clock::now();
        result.started_wall = WallClock::now();
        int error = setup.spawn(pid, args.data(), env.empty() ? environ : env_pointers.data(),
                                path == spec.environment.end() ? nullptr : &path->second);
        code = error == 0 ? 0 : uv_translate_sys_error(error);
    }
    for (int fd : child_ends) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    return code;
}

StartOutcome UvCommandRunner::start(JobId id, const ProcessSpec& spec) {
    if (spec.argv.empty() || m_children.count(id) != 0) {
        throw std::invalid_argument("a job needs a program and an id that is not running");
    }
    auto owned = std::make_unique<Child>(*this, id);
    Child& child = *owned;
    child.init_handles(&m_loop->loop);
    int code = child.spawn(spec);
    if (code != 0) {
        // The handles are initialised even when the spawn fails and must still be closed.
        child.close_all();
        m_failed.push_back(std::move(owned));
        if (is_resource_error(code)) {
            return ResourcesExhausted{uv_err_name(code)};
        }
        return StartFailed{spawn_error(code)};
    }
    child.spawned = true;
    child.input = spec.input;
    child.begin_io();
    if (spec.timeout) {
        child.arm_timer(Child::TimerRole::timeout, *spec.timeout);
    }
    m_children.emplace(id, std::move(owned));
    return Started{};
}

/// SIGCHLD signals coalesce, so one may stand for several children. Children of clm that
/// are not jobs (started by other code) are left for their owners to reap.
void UvCommandRunner::Loop::reap_children() {
    for (auto& [id, child] : owner->m_children) {
        int status = 0;
        if (!child->exited && ::waitpid(child->pid, &status, WNOHANG) == child->pid) {
            child->exited_with(status);
        }
    }
}

void UvCommandRunner::child_closed(Child& child) {
    if (!child.spawned) {
        std::erase_if(m_failed, [&](const auto& owned) { return owned.get() == &child; });
        return;
    }
    ProcessResult& result = child.result;
    if (result.err.size() > ProcessResult::err_limit) {
        std::size_t excess = result.err.size() - ProcessResult::err_limit;
        result.err.erase(0, excess);
        result.err_dropped += excess;
    }
    m_finished.push_back(JobFinished{child.id, std::move(result)});
    m_children.erase(child.id); // destroys `child`; libuv no longer refers to it
}

RunnerEvent UvCommandRunner::wait(std::optional<std::chrono::milliseconds> timeout) {
    Loop& loop = *m_loop;
    loop.wait_timed_out = false;
    // A zero timeout only polls. A positive one starts from the current time: with the
    // loop's cached time the timer could already be due before the poll, fire early, and
    // leave the poll to block with nothing left to wake it.
    bool poll_only = timeout && timeout->count() <= 0;
    bool polled = false;
    if (timeout && !poll_only) {
        uv_update_time(&loop.loop);
        uv_timer_start(
            &loop.wait_timer,
            [](uv_timer_t* timer) { static_cast<Loop*>(timer->data)->wait_timed_out = true; },
            static_cast<uint64_t>(timeout->count()), 0);
    }
    // Interrupts come first so that the scheduler stops starting jobs at once.
    for (;;) {
        if (!m_interrupts.empty()) {
            Interrupted event = m_interrupts.front();
            m_interrupts.pop_front();
            uv_timer_stop(&loop.wait_timer);
            return event;
        }
        if (!m_finished.empty()) {
            JobFinished event = std::move(m_finished.front());
            m_finished.pop_front();
            uv_timer_stop(&loop.wait_timer);
            return event;
        }
        if (loop.wait_timed_out || (poll_only && polled)) {
            return WaitTimedOut{};
        }
        // The signal handles keep the loop alive, so this blocks until something happens.
        polled = true;
        uv_run(&loop.loop, poll_only ? UV_RUN_NOWAIT : UV_RUN_ONCE);
    }
}

std::size_t UvCommandRunner::running_count() const {
    return m_children.size() + m_finished.size();
}

void UvCommandRunner::interrupt_all() {
    m_interrupting = true;
    // A second signal that arrived before this call asks for the same as one during it.
    int first_signal = m_signals_received >= 2 ? SIGKILL : SIGTERM;
    for (auto& [id, child] : m_children) {
        if (child->result.killed == KillReason::none) {
            child->result.killed = KillReason::interrupt;
        }
        child->signal(first_signal);
    }
    if (m_children.empty()) {
        return;
    }
    uv_timer_start(
        &m_loop->grace_timer,
        [](uv_timer_t* timer) { static_cast<Loop*>(timer->data)->owner->signal_all(SIGKILL); },
        static_cast<uint64_t>(m_options.grace_period.count()), 0);
    while (!m_children.empty()) {
        uv_run(&m_loop->loop, UV_RUN_ONCE);
    }
    uv_timer_stop(&m_loop->grace_timer);
}

void UvCommandRunner::kill(JobId id) {
    auto found = m_children.find(id);
    if (found != m_children.end()) {
        found->second->stop_group(KillReason::request);
    }
}

int UvCommandRunner::pid(JobId id) const {
    auto found = m_children.find(id);
    return found == m_children.end() ? 0 : found->second->pid;
}

void UvCommandRunner::on_signal(int signal) {
    ++m_signals_received;
    if (m_interrupting) {
        signal_all(SIGKILL);
    } else if (m_signals_received == 1) {
        m_interrupts.push_back(Interrupted{signal});
    }
}

void UvCommandRunner::signal_all(int signal) {
    for (auto& [id, child] : m_children) {
        child->signal(signal);
    }
}

} // namespace clm
