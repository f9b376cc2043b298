"""Composition root: the ``frontdesk`` command and ``python -m app``.

The only place in ``app`` that knows the GUI exists: it hands the CLI the function
that starts it, so the core stays free of Qt."""

import sys


def _run_gui(home=None, db_url=None) -> int:
    from ui.main import run_gui

    return run_gui(home=home, db_url=db_url)


def main(argv=None) -> int:
    from app.cli import main as cli_main

    return cli_main(argv, gui=_run_gui, whole_process=True)


if __name__ == "__main__":
    sys.exit(main())
