"""``python -m helpers.data [DATA_DIR]`` (``make validate``): validate a data folder and print every
problem; exit 0 when it is clean, 1 when not. ``python -m helpers.data --write-un [DATA_DIR]`` rewrites
the normalised UN table ``un_egdi.csv`` from the raw tables, ``--write-dti`` the DTI table ``dti.csv``. Standard library only: it never imports
pandas."""

from __future__ import annotations

import sys

from . import dti
from .csvio import DataValidationError
from .un import write_normalised
from .validate import validate


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.data [DATA_DIR]``: exit 0 when the folder is clean, 1 listing every problem."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(
            "usage: python -m helpers.data [DATA_DIR]\nValidate a data folder; exit 0 when clean, 1 when not.\n"
            "       python -m helpers.data --write-un [DATA_DIR]\nRewrite DATA_DIR/un_egdi.csv from the raw UN tables.\n"
            "       python -m helpers.data --write-dti [DATA_DIR]\nRewrite DATA_DIR/dti.csv from the raw DTI tables."
        )
        return 0
    if args and args[0] == "--write-un":
        print(write_normalised(args[1] if len(args) > 1 else None))
        return 0
    if args and args[0] == "--write-dti":
        try:  # the names map to places through the validated places.csv
            ds = validate(args[1] if len(args) > 1 else None)
        except DataValidationError as exc:
            print(exc, file=sys.stderr)
            return 1
        out = ds.path / dti.NORMALISED
        out.write_text(dti.normalised_text(ds.dti), encoding="utf-8")
        print(out)
        return 0
    try:
        ds = validate(args[0] if args else None, keep_figures=False)
    except DataValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"{ds.path}: ok: {ds.figure_count} curated figures, {len(ds.un.figures)} UN figures, "
        f"{len(ds.dti.figures) if ds.dti else 0} DTI figures, "
        f"{len(ds.indicators)} indicators, {len(ds.sources)} sources, {len(ds.claims)} claims, {len(ds.targets)} targets"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
