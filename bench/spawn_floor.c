/* The floor for bench/bench-scheduler: the least work that runs N children of a program
 * with at most L in flight. It spawns with posix_spawn and reaps with waitpid(-1), with no
 * pipes, no event loop and no bookkeeping, so what any scheduler costs beyond it is its own.
 * Usage: spawn_floor N L PROGRAM [ARGS...] */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char** environ;

static int reap_one(void) {
    int status = 0;
    if (waitpid(-1, &status, 0) < 0) {
        perror("waitpid");
        exit(1);
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s N L PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    long jobs = atol(argv[1]);
    long limit = atol(argv[2]);
    long running = 0;
    int failed = 0;
    for (long started = 0; started < jobs; ++started) {
        if (running == limit) {
            failed |= reap_one();
            --running;
        }
        pid_t pid;
        int error = posix_spawn(&pid, argv[3], NULL, NULL, argv + 3, environ);
        if (error != 0) {
            fprintf(stderr, "posix_spawn %s: error %d\n", argv[3], error);
            return 1;
        }
        ++running;
    }
    for (; running > 0; --running) {
        failed |= reap_one();
    }
    return failed;
}
