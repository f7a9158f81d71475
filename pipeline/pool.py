"""Worker processes that survive their own deaths.

multiprocessing.Pool waits forever for a result when a worker process dies (killed, or by
the out-of-memory killer), and concurrent.futures breaks the whole pool, losing every
document in flight. Here each worker holds one job at a time, so a death is pinned on that
job alone: it is retried once in a fresh worker, then reported as failed, and the run goes
on. A worker that holds a job past `hard_limit(job)` seconds (stuck where the per-document
timeout cannot interrupt it) is killed the same way.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from multiprocessing.connection import wait

RETRIES = 1  # a job whose worker dies is run again this many times before it fails


PARENT_POLL = 0.5  # seconds between a worker's checks that the run that started it is alive


def _watch_parent() -> None:
    """Exit when the run that started this worker is gone (killed outright, so it could not
    stop its workers): a worker's pipe may stay open in a sibling, so a read never ends."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _serve(conn, init, initargs, work) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _watch_parent()
    init(*initargs)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        conn.send(work(item))


class _Worker:
    def __init__(self, ctx, init, initargs, work):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, init, initargs, work), daemon=True)
        self.proc.start()
        child.close()
        self.task: tuple[int, object] | None = None
        self.deadline = float("inf")

    def give(self, index: int, job, limit: float | None) -> None:
        self.task = (index, job)
        self.deadline = time.monotonic() + limit if limit else float("inf")
        self.conn.send(job)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()

    def death(self) -> str:
        self.proc.join(timeout=2)  # the sentinel can fire before the exit status is reaped
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                return f"signal {signal.Signals(-code).name}"
            except ValueError:
                return f"signal {-code}"
        return f"exit status {code}"


class _Jobs:
    """The jobs of one `map` call: those waiting for a worker (a job run again goes first), the
    deaths pinned on each, and the results not yet yielded."""

    def __init__(self, jobs: list, on_death):
        self.pending = deque(enumerate(jobs))
        self.tries: dict[int, int] = {}
        self.done: dict[int, object] = {}
        self.on_death = on_death

    def lost(self, index: int, job, reason: str) -> None:
        """The case of a job whose worker died or was stopped: it runs again the first time
        (RETRIES), after that its result is on_death(job, reason)."""
        self.tries[index] = self.tries.get(index, 0) + 1
        if self.tries[index] <= RETRIES:
            self.pending.appendleft((index, job))
        else:
            self.done[index] = self.on_death(job, f"{reason}, twice")


class WorkerPool:
    """`workers` processes, each running `init(*initargs)` once and then `work(job)` per job."""

    def __init__(self, workers: int, init, initargs: tuple, work, hard_limit=None):
        methods = mp.get_all_start_methods()
        # fork shares a pipeline the parent loaded copy-on-write; elsewhere each worker loads its own
        self.ctx = mp.get_context("fork") if "fork" in methods else mp.get_context()
        self.workers, self.init, self.initargs, self.work = workers, init, initargs, work
        self.hard_limit = hard_limit

    def _spawn(self) -> _Worker:
        return _Worker(self.ctx, self.init, self.initargs, self.work)

    def map(self, jobs: list, on_death):
        """Yield work(job) for every job, in input order; a job whose worker died twice
        yields on_death(job, reason) instead."""
        if self.ctx.get_start_method() == "fork":
            self.init(*self.initargs)  # load once here; the workers inherit it
        state = _Jobs(jobs, on_death)
        following = 0
        pool = [self._spawn() for _ in range(min(self.workers, len(jobs)))]
        try:
            while following < len(jobs):
                self._hand_out(pool, state.pending)
                self._settle(pool, self._ready(pool), state)
                while following in state.done:
                    yield state.done.pop(following)
                    following += 1
        finally:  # the end, an error, Ctrl-C, or the caller stopped reading
            self._close(pool)

    def _hand_out(self, pool: list[_Worker], pending: deque) -> None:
        """Give each idle worker the next pending job."""
        for k, w in enumerate(pool):
            if w.task is None and pending:
                index, job = pending.popleft()
                self._give(pool, k, index, job)

    def _give(self, pool: list[_Worker], k: int, index: int, job) -> None:
        """Give a job to worker k, or to a fresh worker in its place when k turns out to have died."""
        w = pool[k]
        limit = self.hard_limit(job) if self.hard_limit else None
        try:
            w.give(index, job, limit)
        except OSError:  # it died while idle: no job is to blame
            w.task = None
            w.kill()
            pool[k] = w = self._spawn()
            w.give(index, job, limit)

    def _ready(self, pool: list[_Worker]) -> set:
        """The pipes and process sentinels of busy workers that are ready, waited for until
        one is, or until the first deadline passes."""
        busy = [w for w in pool if w.task is not None]
        return set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                        timeout=self._wait_time(busy)))

    def _settle(self, pool: list[_Worker], ready: set, state: _Jobs) -> None:
        """Take each busy worker's result when it has sent one; replace a worker that died or
        held its job past its time limit, and pin that on its job."""
        for k, w in enumerate(pool):
            if w.task is None:
                continue
            result = self._collect(w, ready)
            if result is not None:
                index, value = result
                state.done[index] = value
                continue
            reason = self._why_lost(w, ready)
            if reason is None:
                continue
            index, job = w.task
            w.task = None
            w.kill()
            pool[k] = self._spawn()
            state.lost(index, job, reason)

    @staticmethod
    def _why_lost(w: _Worker, ready: set) -> str | None:
        """Why a busy worker that sent no result has lost its job: it died, or it held the job
        past its time limit; None while it is still at work."""
        if w.proc.sentinel in ready or not w.proc.is_alive():
            return f"the worker process died ({w.death()})"
        if time.monotonic() > w.deadline:
            return "the worker process was stopped: it held the document past its time limit"
        return None

    @staticmethod
    def _close(pool: list[_Worker]) -> None:
        """Tell the idle workers to stop, give each a moment, then kill what is left."""
        for w in pool:
            try:
                if w.task is None and w.proc.is_alive():
                    w.conn.send(None)
            except OSError:
                pass
        for w in pool:
            w.proc.join(timeout=0.5)
            w.kill()

    @staticmethod
    def _collect(w: _Worker, ready: set):
        """(index, result) when the worker has sent its result, else None."""
        if w.conn not in ready and not w.conn.poll():
            return None
        try:
            value = w.conn.recv()
        except (EOFError, OSError):
            return None  # it died while sending: handled as a death
        index = w.task[0]
        w.task = None
        return index, value

    @staticmethod
    def _wait_time(busy: list[_Worker]) -> float | None:
        first = min((w.deadline for w in busy), default=float("inf"))
        if first == float("inf"):
            return None
        return max(0.0, first - time.monotonic()) + 0.05
