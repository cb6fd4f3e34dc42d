"""Running one input through one command, in a forked child under a time and a memory limit.

The child is a fork of a worker that has already imported claimcheck, so a run
costs milliseconds, not a Python start-up; the parent reads the child's exit
status and resource usage from the kernel. A hang is killed at the time limit,
a memory blow-up stops at the memory limit, and neither stops the campaign.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

#: The exit status of a child whose command raised through everything, even claimcheck's own handler.
UNCAUGHT = 70
OK_EXITS = frozenset({0, 1, 2})


@dataclass
class Outcome:
    """What one run did."""

    args: tuple[str, ...]
    exit_code: int | None
    seconds: float
    peak_kib: int
    timed_out: bool = False
    stderr: str = ""
    outside: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    @property
    def failure(self) -> str | None:
        """Why this run is a failure, or None."""
        if self.timed_out:
            return "time limit"
        if self.exit_code == UNCAUGHT or "Traceback (most recent call last)" in self.stderr:
            return "traceback"
        if self.exit_code not in OK_EXITS:
            return f"exit code {self.exit_code}"
        if self.outside:
            return "finding outside the file"
        return None


def run(workdir: Path, registry: bytes, args: tuple[str, ...], timeout: float, memory_mib: int) -> Outcome:
    """Write the registry into `workdir` and run `claimcheck ARGS` on it in a forked child."""
    (workdir / "claims.yaml").write_bytes(registry)
    out, err = workdir / ".stdout", workdir / ".stderr"
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its outcome is what the parent measures
        _child(workdir, args, out, err, timeout, memory_mib)
    _pid, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - started
    timed_out = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGKILL, signal.SIGXCPU)
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    stdout = out.read_text(encoding="utf-8", errors="replace")
    stderr = err.read_text(encoding="utf-8", errors="replace")
    outcome = Outcome(args, exit_code, seconds, usage.ru_maxrss, timed_out, stderr[-4000:])
    if exit_code in (0, 1) and "--format" in args and args[args.index("--format") + 1] == "json":
        outcome.codes, outcome.outside = _json_findings(stdout, registry)
    return outcome


def _child(workdir: Path, args: tuple[str, ...], out: Path, err: Path, timeout: float,
           memory_mib: int) -> None:  # pragma: no cover - runs in the forked child
    code = UNCAUGHT
    try:
        os.chdir(workdir)
        limit = memory_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        signal.setitimer(signal.ITIMER_REAL, timeout)
        for number, path in ((1, out), (2, err)):
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(descriptor, number)
            os.close(descriptor)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - flushed before _exit
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        os.environ.update({"NO_COLOR": "1", "COLUMNS": "100"})
        os.environ.pop("GITHUB_ACTIONS", None)
        from claimcheck.cli import main

        try:
            main(list(args), prog_name="claimcheck")
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001 - anything that escapes is exactly what the harness looks for
        traceback.print_exc()
        code = UNCAUGHT
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _json_findings(stdout: str, registry: bytes) -> tuple[list[str], list[str]]:
    """The finding codes, and any finding whose line and column lie outside the file."""
    try:
        findings = json.loads(stdout).get("findings", [])
    except (ValueError, AttributeError):
        return [], []
    lines = _editor_lines(registry)
    outside = []
    for finding in findings:
        line, column = finding.get("line", 0), finding.get("column", 0)
        if not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1):
            outside.append(f"{finding.get('code')} at {line}:{column} (the file has {len(lines)} lines)")
    return [f.get("code", "") for f in findings], outside


def _editor_lines(registry: bytes) -> list[str]:
    """The file's lines as an editor counts them: LF, CRLF and CR breaks; a final break ends the last line."""
    text = registry.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines
