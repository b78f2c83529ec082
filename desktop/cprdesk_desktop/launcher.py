"""The `cprdesk` console command: the core's commands, with `gui` (the default) opening the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from cprdesk_core.cli import main as core_main


def run_gui(data_dir: str | None, ui_lang: str | None, content_lang: str | None) -> int:
    from cprdesk_desktop.app import run

    return run(data_dir, ui_lang, content_lang)


def main(argv: Sequence[str] | None = None) -> int:
    return core_main(argv, run_gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
