"""Live preview: ``make preview`` / ``python -m helpers.reports build --watch``.

One resident process keeps the warmed stack (imports, templates, fonts, the validated data) and
rebuilds the affected reports whenever a data file, a notebook, the config or a helper changes;
a small server on loopback serves the outputs folder, and every page it serves reloads itself when
the build publishes something new. Only the reports whose inputs changed are rebuilt (the ordinary
incremental build), each still in its own forked worker, so a failing notebook cannot take the
preview down. A change to the helpers' code restarts the process, so that the new code is what runs.
"""

from __future__ import annotations

import http.server
import multiprocessing as mp
import os
import signal
import sys
import time
import urllib.parse
from functools import cache, partial
from pathlib import Path

from ..paths import code_files
from .outputs import Outputs

VERSION_PATH = "/__preview__/version"


@cache
def reload_script() -> bytes:
    """The script the preview adds to each page it serves (``templates/reload.html.j2``)."""
    from .html import render

    return str(render("reload.html.j2", version_path=VERSION_PATH)).encode()


def _version(outputs: Outputs) -> str:
    """Changes whenever a build publishes: the manifest is rewritten at the end of every batch."""
    try:
        return str(outputs.manifest_path.stat().st_mtime_ns)
    except FileNotFoundError:
        return "0"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the published site only: every request gets an answer (a page, a redirect or an
    error), a request for another host is refused (a web page elsewhere cannot reach the preview
    through a DNS name it points at 127.0.0.1), and the runner's own files (``.cache/``, ``.lock``,
    ``.staging/``: every name starting with '.') are not served."""

    outputs: Outputs  # every path the handler names, it asks of this
    hosts: frozenset[str] = frozenset()  # the Host headers a request may carry

    def log_message(self, *args):  # quiet: the build prints what matters
        pass

    def _allowed(self) -> Path | None:
        """The file or folder the request names, or None after answering it with an error."""
        host = self.headers.get("Host")
        if host is not None and host.lower() not in self.hosts:
            self.send_error(400, "the preview answers requests for 127.0.0.1 or localhost only")
            return None
        raw = urllib.parse.urlsplit(self.path).path
        try:
            path = urllib.parse.unquote(raw, errors="strict")
        except UnicodeDecodeError:
            self.send_error(400, "the path is not UTF-8")
            return None
        if "\x00" in path:
            self.send_error(400, "the path holds a NUL character")
            return None
        if any(part.startswith(".") for part in path.split("/")):
            self.send_error(404, "the runner's own files are not served")
            return None
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not raw.endswith("/"):
            query = urllib.parse.urlsplit(self.path).query
            self.send_response(301)  # a page's relative links need its folder's address
            self.send_header("Location", raw + "/" + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if target.is_dir():
            target = self.outputs.page_of(target)
            if not target.is_file():
                self.send_error(404, "no page here")
                return None
        return target

    def do_HEAD(self):
        if self._allowed() is not None:
            super().do_HEAD()

    def do_GET(self):
        if self.path == VERSION_PATH:
            self._send(_version(self.outputs).encode(), "text/plain")
            return
        path = self._allowed()
        if path is None:
            return
        if path.suffix == ".html" and path.is_file():
            page = path.read_bytes()
            i = page.lower().rfind(b"</body>")
            body = page[:i] + reload_script() + page[i:] if i >= 0 else page + reload_script()
            try:
                body.decode("utf-8")
                kind = "text/html; charset=utf-8"
            except UnicodeDecodeError:  # served as it is: the browser guesses its encoding
                kind = "text/html"
            self._send(body, kind)
            return
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PortError(Exception):
    """The preview's port is out of range or in use."""


def server(outputs: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server of ``outputs`` bound to 127.0.0.1:port (0: a free port), not yet serving; PortError
    when the port cannot be had."""
    if not 0 <= port <= 65535:
        raise PortError(f"--port {port}: expected a port from 1 to 65535 (or 0 for a free one)")
    outputs.mkdir(parents=True, exist_ok=True)
    layout = Outputs(outputs)
    handler = type("Handler", (_Handler,), {"outputs": layout})
    try:
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), partial(handler, directory=str(layout.root))
        )
    except OSError as exc:
        raise PortError(
            f"--port {port}: cannot serve on 127.0.0.1:{port} ({exc.strerror or exc}: another program, "
            "or another preview, may be using it); choose another port with --port"
        ) from None
    bound = httpd.server_address[1]
    handler.hosts = frozenset(f"{name}:{bound}" for name in ("127.0.0.1", "localhost"))
    return httpd


def _serve(httpd: http.server.ThreadingHTTPServer) -> None:
    """In the server's own process: Ctrl-C is the preview's to handle (it stops this process), and
    SIGTERM ends it quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    httpd.serve_forever()


def _stamps(paths: list[Path]) -> dict[str, tuple]:
    out = {}
    for p in paths:
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        out[str(p)] = (st.st_mtime_ns, st.st_size)
    return out


def _notebooks(config_path: Path) -> list[Path]:
    """The notebooks the config names, to watch them (read loosely: a config that cannot be read
    names none, and the build says what is wrong with it)."""
    import yaml

    from .config import ConfigError, read_text

    try:
        raw = yaml.safe_load(read_text(config_path))
    except (ConfigError, yaml.YAMLError):
        return []
    entries = raw.get("reports") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return []
    return sorted(
        {
            (config_path.parent / e["notebook"]).resolve()
            for e in entries
            if isinstance(e, dict) and isinstance(e.get("notebook"), str)
        }
    )


def _inputs(opts) -> dict[str, tuple]:
    from ..data.folder import scan

    files = [opts.config, *scan(opts.data_dir)[0], *_notebooks(opts.config)]  # no FIFO is ever opened
    return _stamps(files)


def watch(opts, port: int = 8000, interval: float = 0.2) -> int:
    """Build, then rebuild on every change until Ctrl-C; serve ``opts.outputs`` meanwhile."""
    from ..data import DataValidationError
    from . import worker
    from .runner import build
    from .steps import EXIT_INTERRUPTED, EXIT_OK

    ctx = mp.get_context("fork")
    try:
        httpd = server(opts.outputs, port)
    except PortError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    port = httpd.server_address[1]
    serving = ctx.Process(target=_serve, args=(httpd,), name="preview-server", daemon=True)
    serving.start()  # forked now, while this process is small and has no thread
    httpd.socket.close()  # the server's process has its own copy
    code = _stamps(code_files())
    print(f"preview: http://127.0.0.1:{port}/  (rebuilds on changes; Ctrl-C stops)", flush=True)
    try:
        seen = _inputs(opts)
        if build(opts) == EXIT_INTERRUPTED:
            return EXIT_INTERRUPTED
        # The stack stays warm in this process from now on: each rebuild forks workers from it.
        try:
            worker.warm(opts.kernel or "inprocess", str(opts.data_dir))
        except DataValidationError:
            print("preview: the data does not validate (above); watching for the fix", flush=True)
        print("preview: watching data, notebooks, the config and helpers", flush=True)
        while True:
            time.sleep(interval)
            if _stamps(code_files()) != code:
                print("preview: helpers code changed: restarting", flush=True)
                serving.terminate()
                serving.join()
                os.execv(sys.executable, [sys.executable, "-m", "helpers.reports", *sys.argv[1:]])
            now = _inputs(opts)
            if now == seen:
                continue
            time.sleep(0.05)  # an editor may write in several steps
            seen = _inputs(opts)
            t0 = time.perf_counter()
            code = build(opts)
            if code == EXIT_INTERRUPTED:  # Ctrl-C or SIGTERM during the build: stop
                return EXIT_INTERRUPTED
            if code == EXIT_OK:
                print(f"preview: rebuilt in {time.perf_counter() - t0:.2f} s", flush=True)
            else:  # the data does not validate, the config is wrong, or a report failed: said above
                print("preview: not built as a whole (see above); watching for the fix", flush=True)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        if serving.is_alive():
            serving.terminate()
            serving.join(5)
    return EXIT_OK
