"""JupyterLab as a researcher meets it: a real server on a free loopback port, its REST API lists
the notebooks, a python3 kernel starts and imports helpers, and everything shuts down."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

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


def test_jupyterlab_serves_notebooks_and_runs_helpers_in_a_kernel(tmp_path):
    port, token = _free_port(), uuid.uuid4().hex
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_PREFER_ENV_PATH": "1"}
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
            f"--ServerApp.root_dir={PROJECT_DIR}",
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
    finally:
        server.terminate()
        server.wait(timeout=30)
