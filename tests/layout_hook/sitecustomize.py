"""Measures every chart a report build saves, as it saves it: loaded by Python at start-up when this
folder is on ``PYTHONPATH`` and ``HELPERS_LAYOUT_LOG`` names a folder (the tests' one build of the
site does both: tests/pages_support.py). Each chart saved wide (``style.save``) or narrow
(``style.save_narrow``) is measured with tests/chart_checks.py once its files are written, and one
line per chart goes to ``HELPERS_LAYOUT_LOG/<pid>.jsonl``: the report, the chart's file, the width
and the problems found. tests/test_chart_layout.py reads them. The build's files are not changed;
a measurement that fails is recorded as a problem, never as the report's failure.
"""

import os

if os.environ.get("HELPERS_LAYOUT_LOG"):

    def _install(log: str) -> None:
        import json
        import sys
        from pathlib import Path

        from helpers.present import style

        save, save_narrow = style.save, style.save_narrow

        def measure(fig, width: str, file: str) -> None:
            try:
                sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
                from chart_checks import layout_problems, small_text

                problems = layout_problems(fig) + small_text(fig)
            except Exception as exc:  # noqa: BLE001
                problems = [f"could not be measured: {type(exc).__name__}: {exc}"]
            # The worker's working directory is the report's staging folder, NAME.RANDOM.
            line = {"report": Path.cwd().name.rsplit(".", 1)[0], "file": file, "width": width}
            with open(Path(log) / f"{os.getpid()}.jsonl", "a", encoding="utf-8") as fh:
                fh.write(json.dumps({**line, "problems": problems}) + "\n")

        def measured_save(fig, output_dir, name, *args, **kwargs):
            paths = save(fig, output_dir, name, *args, **kwargs)
            measure(fig, "wide", f"{name}.svg")
            return paths

        def measured_save_narrow(fig, output_dir, name):
            path = save_narrow(fig, output_dir, name)
            measure(fig, "narrow", path.name)
            return path

        style.save, style.save_narrow = measured_save, measured_save_narrow

    _install(os.environ["HELPERS_LAYOUT_LOG"])
