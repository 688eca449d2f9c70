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
import sys
import time
from functools import partial
from pathlib import Path

from ..paths import code_files
from .outputs import Outputs

VERSION_PATH = "/__preview__/version"
RELOAD = (
    "<script>(function(){var v=null;function poll(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})"
    ".catch(function(){}).finally(function(){setTimeout(poll,300)})}poll()})();</script>"
)


def _version(outputs: Outputs) -> str:
    """Changes whenever a build publishes: the manifest is rewritten at the end of every batch."""
    try:
        return str(outputs.manifest_path.stat().st_mtime_ns)
    except FileNotFoundError:
        return "0"


class _Handler(http.server.SimpleHTTPRequestHandler):
    outputs: Outputs  # every path the handler names, it asks of this

    def log_message(self, *args):  # quiet: the build prints what matters
        pass

    def do_GET(self):
        if self.path == VERSION_PATH:
            body = _version(self.outputs).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = self.outputs.page_of(path)
        if path.suffix == ".html" and path.is_file():
            text = path.read_text(encoding="utf-8")
            i = text.lower().rfind("</body>")
            text = text[:i] + RELOAD + text[i:] if i >= 0 else text + RELOAD
            body = text.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def serve(outputs: Path, port: int, ready=None) -> None:
    """Serve ``outputs`` on 127.0.0.1:port (in its own process)."""
    outputs.mkdir(parents=True, exist_ok=True)
    layout = Outputs(outputs)
    handler = partial(type("Handler", (_Handler,), {"outputs": layout}), directory=str(layout.root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        if ready is not None:
            ready.send(httpd.server_address[1])
            ready.close()
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

    try:
        raw = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
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
    files = [opts.config, *sorted(opts.data_dir.rglob("*.csv")), *_notebooks(opts.config)]
    files.append(opts.data_dir / "datapackage.json")
    return _stamps(files)


def watch(opts, port: int = 8000, interval: float = 0.2) -> int:
    """Build, then rebuild on every change until Ctrl-C; serve ``opts.outputs`` meanwhile."""
    from ..data import DataValidationError
    from . import worker
    from .runner import build
    from .steps import EXIT_INTERRUPTED, EXIT_OK

    ctx = mp.get_context("fork")
    mine, theirs = ctx.Pipe()
    server = ctx.Process(target=serve, args=(opts.outputs, port, theirs), name="preview-server", daemon=True)
    server.start()  # forked now, while this process is small and has no thread
    if not mine.poll(10):
        print(f"error: could not serve on 127.0.0.1:{port} (in use?)", file=sys.stderr)
        server.terminate()
        return 2
    port = mine.recv()
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
                server.terminate()
                server.join()
                os.execv(sys.executable, [sys.executable, "-m", "helpers.reports", *sys.argv[1:]])
            now = _inputs(opts)
            if now == seen:
                continue
            time.sleep(0.05)  # an editor may write in several steps
            seen = _inputs(opts)
            t0 = time.perf_counter()
            if build(opts) == EXIT_INTERRUPTED:  # Ctrl-C or SIGTERM during the build: stop
                return EXIT_INTERRUPTED
            print(f"preview: rebuilt in {time.perf_counter() - t0:.2f} s", flush=True)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        if server.is_alive():
            server.terminate()
            server.join(5)
    return EXIT_OK
