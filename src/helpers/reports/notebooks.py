"""Keep the committed notebooks clean and their stored outputs current (``make notebooks``).

The stored outputs are what nbval compares against, so they must come from a default run and carry
nothing volatile: no execution timestamps, no papermill metadata, no widget state.
"""

from __future__ import annotations

from pathlib import Path

VOLATILE_NB_KEYS = ("papermill", "widgets", "vscode", "celltoolbar")
VOLATILE_CELL_KEYS = ("execution", "papermill", "collapsed", "scrolled", "jupyter")


def clean(nb) -> None:
    """Drop volatile metadata in place; keep the kernelspec and tags."""
    for key in VOLATILE_NB_KEYS:
        nb.metadata.pop(key, None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)


def refresh(paths: list[Path], timeout: int = 300) -> None:
    """Execute each notebook in place with its default parameters, then clean it.

    The kernel talks to this process over local sockets (IPC transport, in a private temporary
    folder), not TCP: nothing is sent over the network, and the kernel has no reason to warn that
    it is "running over TCP without encryption"."""
    import tempfile

    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
            km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
            client = NotebookClient(
                nb,
                km=km,
                timeout=timeout,
                kernel_name="python3",
                record_timing=False,
                resources={"metadata": {"path": str(path.parent)}},
            )
            try:
                client.execute()
            finally:  # a kernel manager given to nbclient is the caller's to shut down
                if km.has_kernel:
                    km.shutdown_kernel()
        clean(nb)
        nbformat.write(nb, path)
        print(f"refreshed {path}")
