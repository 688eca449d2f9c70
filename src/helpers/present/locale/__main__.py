"""``python -m helpers.present.locale sync|check``: see :mod:`helpers.present.locale.maintain`."""

from __future__ import annotations

import sys

from . import maintain


def main(argv: list[str]) -> int:
    if argv[:1] == ["sync"]:
        for line in maintain.sync():
            print(line)
        argv = ["check"]
    if argv[:1] != ["check"]:
        print("usage: python -m helpers.present.locale sync|check", file=sys.stderr)
        return 2
    found = maintain.problems()
    for line in found:
        print(line)
    print(f"catalogues: {len(found)} problem(s)" if found else "catalogues: fine")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
