"""How long an invocation would have taken on Lambda, given the memory it was configured with.

Lambda allocates CPU in proportion to memory: one full vCPU at 1,769 MB ("Memory and computing
power", Lambda developer guide), up to six at 10,240 MB. A single-threaded handler (every
Python handler the local account runs) can use at most one of them, so above 1,769 MB it gets
no faster; below, it gets ``memory / 1769`` of a vCPU and its computing takes ``1769 / memory``
times as long. Time spent waiting (sleeping, on the network, on a lock) does not depend on the
CPU share at all.

The local account measures both parts of the handler's run on its own thread: its CPU time
(``time.thread_time``, this thread only) and its wall-clock time. The CPU time is taken to be
what the handler would need on one full vCPU, and scaled by the share; the rest of the wall
clock (``wall - cpu``: the waits, and any time the thread spent waiting for the interpreter
lock) is added unscaled, except the time the thread was ready to run but the host gave its
CPU to something else (Linux's run-queue delay, ``/proc/thread-self/schedstat``): that is the
demo machine being busy, which a Lambda vCPU is not::

    modelled = cpu × max(1, 1769 / memory) + max(0, wall − cpu − run-queue delay)

So a CPU-bound handler shows the knee Power Tuning finds on real Lambda, and an I/O-bound one
(``time.sleep``) shows none. The runner then holds the reply for the difference, so the
invocation also takes that long on the clock (and times out if the model says it overran).

Simplifications, stated rather than hidden: the host's CPU is taken as one Lambda vCPU; CPU
used by threads the handler starts is not seen; the init phase (importing the handler) is
reported as measured, unscaled.
"""

from __future__ import annotations

from pathlib import Path

_SCHEDSTAT = Path("/proc/thread-self/schedstat")
#: The memory size at which a function has the equivalent of one full vCPU.
FULL_VCPU_MB = 1769


def cpu_slowdown(memory_mb: int) -> float:
    """How many times longer a single-threaded computation takes at ``memory_mb``."""
    return max(1.0, FULL_VCPU_MB / max(1, memory_mb))


def run_queue_ms() -> float:
    """How long the calling thread has so far waited for a CPU while ready to run (Linux);
    0 where the kernel does not say."""
    try:
        return int(_SCHEDSTAT.read_text().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def modelled_ms(wall_ms: float, cpu_ms: float, memory_mb: int, queued_ms: float = 0.0) -> float:
    """The handler's duration on Lambda at ``memory_mb`` (see the module docstring)."""
    cpu = max(0.0, min(cpu_ms, wall_ms))
    waiting = max(0.0, wall_ms - cpu - max(0.0, queued_ms))
    return cpu * cpu_slowdown(memory_mb) + waiting
