"""CPU-heavy work (free-text parsing, reading replies, follow-up search) runs off the event loop.

One event loop serves every user: a 40 KB description parsed on it held up other
users' acks and ``/healthz`` for seconds, past Slack's 3-second limit.  Such work
goes to a small dedicated thread pool instead, so the loop only waits on it.  The
pool is small on purpose: threads share the GIL with the loop, and each extra
busy thread lengthens the loop's wait for it; two keep the loop responsive while
two long texts are read at once (more queue behind them).  Making the parse
itself linear and capping its input is the parser's job (``bot/advisor/parse.py``).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

WORKERS = 2
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="msgchoice-cpu")
    return _pool


async def off_loop(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` on the CPU pool; the loop keeps serving other requests meanwhile."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor(), functools.partial(fn, *args, **kwargs))


__all__ = ["WORKERS", "off_loop"]
