"""JupyterLab as a researcher meets it: a real server on a free loopback port, its REST API lists
the notebooks, a python3 kernel starts and imports helpers, and everything shuts down. Opening and
saving a notebook through the server leaves the file unchanged."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from urllib.parse import quote

import pytest

from helpers.paths import PROJECT_DIR

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, path: str, token: str, method: str = "GET", body: dict | None = None):
    req = urllib.request.Request(f"{base}{path}", method=method, headers={"Authorization": f"token {token}"})
    data = json.dumps(body).encode() if body is not None else None
    if data:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, data=data, timeout=10) as resp:
        text = resp.read()
        return json.loads(text) if text else None


@contextmanager
def _lab(root_dir, tmp_path):
    """A JupyterLab server on root_dir; yields (base URL, token) once its API answers."""
    port, token = _free_port(), uuid.uuid4().hex
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),  # the notebook-signature database goes here
        "JUPYTER_PREFER_ENV_PATH": "1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root_dir}",
            "--ServerApp.port_retries=0",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _api(base, "/api/status", token)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode()[-2000:])
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_jupyterlab_serves_notebooks_and_runs_helpers_in_a_kernel(tmp_path):
    with _lab(PROJECT_DIR, tmp_path) as (base, token):
        listing = _api(base, "/api/contents/notebooks", token)
        names = {item["name"] for item in listing["content"]}
        assert {"00_overview.ipynb", "01_egov_ranking.ipynb", "10_indicator_profile.ipynb"} <= names
        assert "python3" in _api(base, "/api/kernelspecs", token)["kernelspecs"]
        kernel = _api(base, "/api/kernels", token, "POST", {"name": "python3"})
        try:
            from jupyter_client import BlockingKernelClient

            # The server owns the kernel; talk to it through the connection file it wrote.
            conn = next((tmp_path / "runtime").glob(f"kernel-{kernel['id']}.json"))
            client = BlockingKernelClient(connection_file=str(conn))
            client.load_connection_file()
            client.start_channels()
            client.wait_for_ready(timeout=60)
            outputs: list[dict] = []
            code = "import sys, helpers.data; print(len(helpers.data.load_figures(['egdi_rank'])) > 0, sys.prefix)"
            reply = client.execute_interactive(code, timeout=60, output_hook=outputs.append)
            client.stop_channels()
            assert reply["content"]["status"] == "ok"
            text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
            assert text.startswith("True") and sys.prefix in text
        finally:
            _api(base, f"/api/kernels/{kernel['id']}", token, "DELETE")
        assert _api(base, "/api/kernels", token) == []


def test_opening_and_saving_a_notebook_in_jupyterlab_leaves_it_unchanged(tmp_path):
    """What JupyterLab does on open and save: read the notebook through the contents API, set its
    kernelspec from the kernel's spec (name, display_name, language), write it back through the API.
    On a copy of notebooks/: the repository's files are never written."""
    root = tmp_path / "root"
    shutil.copytree(PROJECT_DIR / "notebooks", root / "notebooks")
    originals = {p.name: p.read_bytes() for p in (PROJECT_DIR / "notebooks").glob("*.ipynb")}
    assert originals
    with _lab(root, tmp_path) as (base, token):
        specs = _api(base, "/api/kernelspecs", token)
        assert specs["default"] == "python3"
        for name, original in sorted(originals.items()):
            path = f"/api/contents/notebooks/{quote(name)}"
            nb = _api(base, f"{path}?type=notebook&content=1", token)["content"]
            stored = nb["metadata"]["kernelspec"]
            spec = specs["kernelspecs"][stored["name"]]["spec"]
            registered = {
                "name": stored["name"],
                "display_name": spec["display_name"],
                "language": spec["language"],
            }
            assert stored == registered, (
                f"{name} stores kernelspec {stored}, but the project registers {registered} "
                "(scripts/ensure-venv); JupyterLab would rewrite it on open"
            )
            nb["metadata"]["kernelspec"] = registered
            _api(base, path, token, "PUT", {"type": "notebook", "format": "json", "content": nb})
            saved = (root / "notebooks" / name).read_bytes()
            assert json.loads(saved) == json.loads(original), f"{name}: saving changed its content"
            assert saved == original, f"{name}: saving changed its bytes (formatting)"
    assert {p.name: p.read_bytes() for p in (PROJECT_DIR / "notebooks").glob("*.ipynb")} == originals
