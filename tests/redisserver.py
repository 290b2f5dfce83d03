"""A real ``redis-server`` for the tests: installed from Debian's packages when missing, started
on a free port of 127.0.0.1 in a folder of its own, with its append-only file on.

``python -m tests.redisserver`` installs it (if need be) and prints its path: CI, or anyone,
can run that before the tests. The tests that need Redis are skipped, saying why, only where
it truly cannot be had (no ``apt-get``, not root and no password-less ``sudo``, or the
package cannot be fetched).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path


class Unavailable(Exception):
    """redis-server is not here and cannot be installed: the reason."""


def binary() -> str:
    """The path of ``redis-server``, installing Debian's ``redis-server`` package if needed."""
    found = shutil.which("redis-server")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None:
        raise Unavailable("redis-server is not installed and this machine has no apt-get")
    prefix: list[str] = []
    if os.geteuid() != 0:
        sudo = shutil.which("sudo")
        if sudo is None or subprocess.run([sudo, "-n", "true"], check=False).returncode:
            raise Unavailable("redis-server is not installed and apt-get needs root (no sudo -n)")
        prefix = [sudo, "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}

    def apt_get(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, apt, *args], env=env, capture_output=True, text=True, timeout=600, check=False
        )

    done = apt_get("install", "-y", "-q", "redis-server")
    if done.returncode:  # a machine whose package lists were never fetched
        apt_get("update", "-q")
        done = apt_get("install", "-y", "-q", "redis-server")
    found = shutil.which("redis-server")
    if done.returncode == 0 and found:
        return found
    last = (done.stderr.strip().splitlines() or ["no output"])[-1]
    raise Unavailable(f"apt-get could not install redis-server: {last}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """``redis-server`` on 127.0.0.1:``port``, its data in ``folder`` (kept across restarts)."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.path = binary()
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Persistence on: every write goes to the append-only file, fsync'd each second.
        command = [self.path, "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--dir", str(self.folder), "--appendonly", "yes", "--save", ""]
        with (self.folder / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.cli("PING").strip() == "PONG":
                return self
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def cli(self, *args: str) -> str:
        """One command, its reply as text ("" when nothing answers)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as conn:
                conn.sendall(_resp(args))
                return conn.recv(65536).decode(errors="replace").lstrip("+:$-")
        except OSError:
            return ""

    def stop(self) -> None:
        """Shut down as an operator would (``SHUTDOWN``: the append-only file is flushed)."""
        if self.process is None:
            return
        self.cli("SHUTDOWN")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def _resp(args: tuple[str, ...]) -> bytes:
    parts = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        data = arg.encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


if __name__ == "__main__":
    try:
        print(binary())
    except Unavailable as reason:
        raise SystemExit(f"python -m tests.redisserver: {reason}") from None
