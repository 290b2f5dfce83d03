"""Deployed with Scrapyd, as README.md's "Scrapyd" steps say: installed, started, deployed, run.

The test installs scrapyd and scrapyd-client from the package index into ``build/scrapyd-env``
(once; later runs reuse it), starts Scrapyd on a free port of 127.0.0.1 in a folder of its own,
deploys a copy of the project with ``scrapyd-deploy`` and schedules ``news`` against a fixture
site. It is skipped, saying why, only when the package index cannot be reached.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, read_items
from tests.fixturepages import SITES, site_config

ENV = ROOT / "build" / "scrapyd-env"
PACKAGES = ["setuptools>=77,<81", "scrapyd", "scrapyd-client", "python-dateutil"]
#: What the deployed copy needs: the package, its metadata, the Scrapy project file.
PROJECT_FILES = ["newscrawl", "pyproject.toml", "README.md", "scrapy.cfg"]


def _bin(name: str) -> Path:
    return ENV / "bin" / name


@pytest.fixture(scope="module")
def scrapyd_env() -> Path:
    if not (_bin("scrapyd").exists() and _bin("scrapyd-deploy").exists()):
        if not ENV.exists():
            subprocess.run([sys.executable, "-m", "venv", str(ENV)], check=True)
        install = subprocess.run(
            [str(_bin("python")), "-m", "pip", "install", "--quiet", *PACKAGES],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if install.returncode:
            last = (install.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.skip(f"scrapyd could not be installed from the package index: {last}")
    return ENV


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return dict(json.load(answer))


def _post(url: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=10) as answer:
        return dict(json.load(answer))


@pytest.fixture
def scrapyd(scrapyd_env: Path, tmp_path: Path) -> Iterator[str]:
    """Scrapyd on 127.0.0.1, in a folder of its own; its URL."""
    port = _free_port()
    run = tmp_path / "scrapyd-run"
    run.mkdir()
    (run / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\n", encoding="utf-8"
    )
    with (run / "scrapyd.out").open("w") as out:
        daemon = subprocess.Popen(
            [str(_bin("scrapyd"))], cwd=run, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if _get(f"{url}/daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("Scrapyd did not start: " + (run / "scrapyd.out").read_text())
        yield url
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


def _deploy(scrapyd: str, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    config = (copy / "scrapy.cfg").read_text(encoding="utf-8")
    (copy / "scrapy.cfg").write_text(
        config.replace("url = http://localhost:6800/", f"url = {scrapyd}/"), encoding="utf-8"
    )
    deploy = subprocess.run(
        [str(_bin("scrapyd-deploy"))],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert '"status": "ok"' in deploy.stdout + deploy.stderr, deploy.stdout + deploy.stderr


def _finished(scrapyd: str, job: str) -> dict[str, Any]:
    for _ in range(300):
        jobs = _get(f"{scrapyd}/listjobs.json?project=newscrawl")
        done = [entry for entry in jobs["finished"] if entry["id"] == job]
        if done:
            return done[0]
        time.sleep(0.5)
    pytest.fail(f"job {job} did not finish: {jobs}")


def test_deployed_with_scrapyd_a_scheduled_job_exports_the_chain(scrapyd, serve, tmp_path):
    server = serve("caards")
    config = site_config(SITES / "caards")
    _deploy(scrapyd, tmp_path)
    feed = tmp_path / "exports" / "items.jsonl"
    state = tmp_path / "state" / "seen.sqlite"
    fields = [
        ("project", "newscrawl"),
        ("spider", "news"),
        ("start", server.url(config["start"])),
        ("setting", f"NEWSCRAWL_STATE={state}"),
        ("setting", f"FEEDS={json.dumps({str(feed): {'format': 'jsonlines'}})}"),
        ("setting", "DOWNLOAD_DELAY=0"),
        ("setting", "AUTOTHROTTLE_ENABLED=False"),
    ]
    job = _post(f"{scrapyd}/schedule.json", fields)
    assert job["status"] == "ok", job
    finished = _finished(scrapyd, job["jobid"])

    urls = sorted(item["url"] for item in read_items(feed))
    assert urls == sorted(server.url(path) for path in config["chain"]), finished
    assert state.is_file()

    bad = _post(
        f"{scrapyd}/schedule.json",
        [("project", "newscrawl"), ("spider", "news"), ("start", "not-a-url")],
    )
    failed = _finished(scrapyd, bad["jobid"])
    log = _get_text(scrapyd + failed["log_url"])
    assert "ERROR: scrapy crawl news: error: start: 'not-a-url' is not an http(s) URL" in log


def _get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return str(answer.read().decode("utf-8"))
