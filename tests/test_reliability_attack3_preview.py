"""The reliability attack, round three (issue 23): the live preview answers every request (or says
why not), serves only the published site, says what happened, and stops cleanly."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import time

import pytest

from attack_support import copy_site, edit_csv, no_traceback, run
from reports_support import runner_cmd


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_terminal_job() -> None:
    """In the child, before exec: Ctrl-C as a terminal's foreground job receives it. A process that
    starts with SIGINT ignored keeps ignoring it (Python installs no KeyboardInterrupt handler then),
    and a pytest worker may have inherited or been left with SIGINT ignored by what ran before in it:
    the preview would then outlive Ctrl-C here though it stops in any terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Preview:
    """``build --watch`` on a site, in its own session (as a terminal's foreground job), its output
    in a log file. Every preview started is listed in ``started``: a test that fails before it
    stopped its preview leaves nothing running (``_no_preview_outlives_its_test`` kills it)."""

    started: list[Preview] = []

    def __init__(self, site: dict):
        self.port = _free_port()
        self.log = site["tmp"] / f"preview-{self.port}.log"
        cmd = runner_cmd(
            site["config"], site["outputs"], site["data"], "build", "--watch", "--port", str(self.port)
        )
        with open(self.log, "w", encoding="utf-8") as fh:
            self.proc = subprocess.Popen(
                cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_as_terminal_job
            )
        Preview.started.append(self)
        try:
            self.until(lambda: "watching" in self.text(), "the first build")
        except BaseException:
            self.kill()
            raise

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="backslashreplace")

    def until(self, pred, what: str, timeout: float = 180) -> None:
        """Wait for ``pred`` (a guard against a hang, not a measure of speed)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.proc.poll() is None, self.text()
            if pred():
                return
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}:\n{self.text()}")

    def request(self, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host or f"127.0.0.1:{self.port}")
            conn.endheaders()
            resp = conn.getresponse()
            return resp.status, dict(resp.getheaders()), resp.read()
        finally:
            conn.close()

    def ctrl_c(self) -> int:
        """What a terminal does on Ctrl-C: SIGINT to the whole foreground process group."""
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.proc.wait(120)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            finally:
                self.kill()

    def kill(self) -> None:
        """SIGKILL to the preview's whole session (its build workers and kernels too), if it is
        still there."""
        with contextlib.suppress(ProcessLookupError):  # nothing of it left
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)


@pytest.fixture(autouse=True)
def _no_preview_outlives_its_test():
    """Kill every preview a test started and did not stop (its assertion failed first, or Ctrl-C
    did not stop it): a failing test must not leave a server and its workers running."""
    before = len(Preview.started)
    yield
    for preview in Preview.started[before:]:
        preview.kill()
    del Preview.started[before:]


@pytest.fixture(scope="module")
def published(tiny_published):
    """The run's one published site of two tiny reports (conftest.tiny_published), copied by tests."""
    return tiny_published


@pytest.fixture(scope="module")
def served(published, tmp_path_factory):
    """One preview of a copy of the published site, shared by the tests that only send requests."""
    site = copy_site(published, tmp_path_factory.mktemp("served"))
    (site["outputs"] / "reports" / "tiny-egdi_rank" / "latin1.html").write_bytes(
        b"<html><body>caf\xe9 cr\xe8me</body></html>"
    )
    preview = Preview(site)
    yield preview
    preview.stop()


@pytest.fixture
def site(published, tmp_path) -> dict:
    return copy_site(published, tmp_path)


# --- the port ---------------------------------------------------------------------------------------


def _busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


@pytest.mark.slow
@pytest.mark.parametrize("port", ["70000", "-1", "busy"])
def test_a_bad_or_busy_port_is_a_message(site, port):
    held = _busy_port() if port == "busy" else None
    try:
        number = str(held.getsockname()[1]) if held else port
        r = run(site, "build", "--watch", "--port", number, timeout=120)
    finally:
        if held:
            held.close()
    no_traceback(r)
    assert r.returncode == 2, (r.returncode, r.stdout[-2000:], r.stderr[-2000:])
    assert f"--port {number}" in r.stderr or f":{number}" in r.stderr, r.stderr[-2000:]


# --- requests -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", ["/%00", "/reports/%00/index.html", "/%ff%fe", "/reports/tiny-egdi_rank/latin1.html"]
)
def test_every_request_gets_an_answer(served, path):
    status, _headers, body = served.request(path)
    assert status in (200, 400, 404), status
    if path.endswith("latin1.html"):
        assert status == 200 and b"caf" in body


@pytest.mark.slow
def test_a_report_without_its_slash_is_redirected(served):
    status, headers, _ = served.request("/reports/tiny-egdi_rank")
    assert status in (301, 308) and headers.get("Location") == "/reports/tiny-egdi_rank/", (status, headers)
    status, _, body = served.request("/reports/tiny-egdi_rank/")
    assert status == 200 and b"tiny" in body.lower()


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/.cache/validated.json", "/.lock", "/.staging/", "/.cache/"])
def test_the_runners_internal_files_are_not_served(served, path):
    status, _, _ = served.request(path)
    assert status == 404, (path, status)


@pytest.mark.slow
def test_the_host_header_is_checked(served):
    assert served.request("/", host="evil.example")[0] in (400, 421)
    assert served.request("/", host=f"evil.example:{served.port}")[0] in (400, 421)
    assert served.request("/", host=f"localhost:{served.port}")[0] == 200
    assert served.request("/", host=f"127.0.0.1:{served.port}")[0] == 200


# --- what it says, and how it stops -----------------------------------------------------------------


@pytest.mark.slow
def test_no_rebuilt_is_said_after_the_data_turned_invalid(site):
    preview = Preview(site)
    try:
        edit_csv(
            site["data"] / "figures.csv", lambda h, rows: rows[0].__setitem__(h.index("value"), "1.013 triệu")
        )
        preview.until(lambda: "figures.csv:2: column 'value'" in preview.text(), "the failed rebuild")
        preview.until(lambda: "watching for the fix" in preview.text(), "the preview's verdict")
        after = preview.text().split("figures.csv:2: column 'value'", 1)[1]
        assert "rebuilt" not in after, after
    finally:
        assert preview.ctrl_c() == 130


@pytest.mark.slow
def test_ctrl_c_stops_the_preview_without_a_traceback(site):
    preview = Preview(site)
    code = preview.ctrl_c()
    text = preview.text()
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text[-3000:]
    assert code == 130, (code, text[-2000:])
    with socket.socket() as sock:  # the server went with it
        assert sock.connect_ex(("127.0.0.1", preview.port)) != 0
