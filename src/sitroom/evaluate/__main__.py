"""`python -m sitroom.evaluate`: `sitroom eval` plus the floor and docs maintenance options.

    python -m sitroom.evaluate seeds --gate
    python -m sitroom.evaluate seeds timebank lgl ecbplus --update-floors
    python -m sitroom.evaluate seeds timebank lgl ecbplus --markdown docs/quality.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitroom.errors import SitroomError
from sitroom.evaluate.cli import main


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m sitroom.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", help="gold files, data folders, or seeds/timebank/lgl/ecbplus")
    ap.add_argument("--situation", type=Path, help="a situation.json to score")
    ap.add_argument("--run", nargs="+", dest="run_inputs", help="inputs to run sitroom on first")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true", dest="json_out")
    ap.add_argument("--gate", action="store_true", help="exit 1 when a score is below its floor")
    ap.add_argument("--update-floors", action="store_true", help="raise floors to today's scores minus a margin")
    ap.add_argument("--allow-lower", action="store_true", help="with --update-floors: also lower floors")
    ap.add_argument("--markdown", type=Path, dest="markdown_out", help="write the scores table there")
    ap.add_argument("--floors", type=Path, help="floors file (default: the package's floors.json)")
    return ap.parse_args(argv)


def run(argv: list[str] | None = None) -> int:
    args = vars(parse(argv))
    if args["allow_lower"] and not args["update_floors"]:
        print("--allow-lower only makes sense with --update-floors", file=sys.stderr)
        return 2
    gold = args.pop("gold")
    try:
        return main(gold, **args)
    except SitroomError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
