"""How a report's notebook is executed: two named papermill engines.

- ``helpers-subprocess``: papermill's own nbclient engine, with a fresh python3 kernel process.
- ``helpers-inprocess``: the kernel runs inside the calling (forked, per-report) worker process,
  which has already imported pandas, matplotlib and helpers. ipykernel's in-process manager is
  adapted to what nbclient calls; the inline matplotlib backend is turned on as a separate kernel
  would; the per-cell timeout is enforced with SIGALRM, since a cell running in this process cannot
  be timed out by nbclient's message polling.

Both record what the notebook reads: before the first cell they call
``helpers.data.load.record_reads(reads_file)`` in the kernel, silently (no execution count, no
output), so the runner learns which indicators the report depends on.
"""

from __future__ import annotations

import queue
import signal
import sys

from ipykernel.inprocess.blocking import BlockingInProcessKernelClient
from ipykernel.inprocess.manager import InProcessKernelManager
from nbclient.util import ensure_async, run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

INPROCESS, SUBPROCESS = "helpers-inprocess", "helpers-subprocess"


class CellTimeout(Exception):
    """A cell ran longer than the report's cell timeout."""


class InProcessClient(BlockingInProcessKernelClient):
    def wait_for_ready(self, timeout=None):
        # ipykernel's version drains IOPub with a blocking 0.2 s wait (and prints each message);
        # nbclient ignores messages of other requests anyway, so drain without waiting.
        self.kernel_info()
        while True:
            msg = self.shell_channel.get_msg(block=True, timeout=timeout or 60)
            if msg["msg_type"] == "kernel_info_reply":
                self._handle_kernel_info_reply(msg)
                break
        while True:
            try:
                self.iopub_channel.get_msg(block=False)
            except queue.Empty:
                break


class InProcessManager(InProcessKernelManager):
    """A kernel inside this process, with the inline backend and a per-cell timeout."""

    cell_timeout = 300

    def start_kernel(self, **kwargs):
        super().start_kernel(**kwargs)
        shell = self.kernel.shell
        shell.enable_matplotlib("inline")
        limit = self.cell_timeout
        kernel = self.kernel

        def on_alarm(_signum, _frame):
            raise CellTimeout(f"cell timed out after {limit} s")

        def before_cell(_info):
            # Tag printed text with the request being executed; nbclient drops stream messages
            # whose parent is not the current request.
            for stream in (sys.stdout, sys.stderr):
                if hasattr(stream, "set_parent"):
                    stream.set_parent(kernel.get_parent())
            signal.alarm(limit)

        def after_cell(_result):
            signal.alarm(0)
            # Publish printed text before the kernel reports idle, or nbclient never sees it.
            sys.stdout.flush()
            sys.stderr.flush()

        signal.signal(signal.SIGALRM, on_alarm)
        shell.events.register("pre_run_cell", before_cell)
        shell.events.register("post_run_cell", after_cell)

    def shutdown_kernel(self, now=False, restart=False):
        return super().shutdown_kernel()

    def client(self, **kwargs):
        kwargs.setdefault("kernel", self.kernel)
        return InProcessClient(parent=self, session=self.session, **kwargs)


class RecordingClient(PapermillNotebookClient):
    """papermill's notebook client, which first asks the kernel to record what the notebook reads."""

    reads_file: str | None = None

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        if self.reads_file:
            code = f"__import__('helpers.data.load', fromlist=['_']).record_reads({self.reads_file!r})"
            msg_id = await ensure_async(kc.execute(code, silent=True, store_history=False))
            await self.async_wait_for_reply(msg_id)
        return kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # what papermill's execute calls


class SubprocessEngine(NBClientEngine):
    """A fresh python3 kernel process per report (papermill's default), recording reads."""

    @classmethod
    def kernel_manager(cls, cell_timeout):
        return None  # nbclient starts the kernel named by the notebook

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        reads_file=None,
        **kwargs,
    ):
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = RecordingClient(nb_man, km=cls.kernel_manager(execution_timeout), **final)
        client.reads_file = reads_file
        return client.execute()


class InProcessEngine(SubprocessEngine):
    """The kernel inside this (forked, per-report) worker process, with the per-cell timeout."""

    @classmethod
    def kernel_manager(cls, cell_timeout):
        km = InProcessManager()
        km.cell_timeout = cell_timeout
        return km


ENGINES = {"inprocess": INPROCESS, "subprocess": SUBPROCESS}  # config's kernel mode -> engine name
papermill_engines.register(INPROCESS, InProcessEngine)
papermill_engines.register(SUBPROCESS, SubprocessEngine)
