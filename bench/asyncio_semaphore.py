"""The original tool's design, for bench/bench-scheduler: asyncio subprocesses limited by
asyncio.Semaphore, each with its standard output and error captured through pipes.
Usage: asyncio_semaphore.py N L PROGRAM [ARGS...]"""

import asyncio
import sys


async def run_one(semaphore, argv):
    async with semaphore:
        process = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        await process.communicate()
        return process.returncode


async def run_all(jobs, limit, argv):
    semaphore = asyncio.Semaphore(limit)
    codes = await asyncio.gather(*(run_one(semaphore, argv) for _ in range(jobs)))
    return 0 if all(code == 0 for code in codes) else 1


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    jobs, limit = int(sys.argv[1]), int(sys.argv[2])
    sys.exit(asyncio.run(run_all(jobs, limit, sys.argv[3:])))


if __name__ == "__main__":
    main()
