"""A real ``msgchoice serve`` subprocess for tests: started on a free port, its log read as it runs."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVE = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
_LISTENING = "listening on http://127.0.0.1:"


@dataclass
class Served:
    name: str
    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    port: int = 0
    reader: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def entries(self) -> list[dict[str, Any]]:
        """The log as JSON objects (``MSGCHOICE_LOG_FORMAT=json``: every line is one)."""
        return [json.loads(line) for line in self.lines if line.strip()]

    async def stop(self, signum: int = signal.SIGTERM) -> tuple[int, float]:
        """Send ``signum`` (unless it already exited); the exit status and how long it took to exit."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        if self.process.returncode is None:
            self.process.send_signal(signum)
        async with asyncio.timeout(60):
            code = await self.process.wait()
            if self.reader is not None:
                await self.reader
        return code, loop.time() - started


async def start_serve(env: dict[str, str], cwd: Path = ROOT, *, name: str = "serve") -> Served:
    """``msgchoice serve --port 0`` with ``env``, once it says where it listens."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", SERVE, "serve", "--port", "0", "--host", "127.0.0.1",
        env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    served = Served(name, process)
    listening: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def read() -> None:
        assert process.stderr is not None
        while line := (await process.stderr.readline()).decode():
            served.lines.append(line)
            if _LISTENING in line and not listening.done():
                listening.set_result(line)
        if not listening.done():
            listening.set_exception(AssertionError(f"{name} exited: {served.log}"))

    served.reader = asyncio.create_task(read())
    async with asyncio.timeout(90):
        line = await listening
    served.port = int(line.split(_LISTENING)[1].split("/")[0].split('"')[0])
    return served
