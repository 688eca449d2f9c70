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
    """Execute each notebook in place with its default parameters, then clean it."""
    import nbformat
    from nbclient import NotebookClient

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
        clean(nb)
        nbformat.write(nb, path)
        print(f"refreshed {path}")
