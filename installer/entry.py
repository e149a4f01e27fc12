"""The frozen app's entry point: the same command line as the `retail-assistant` script."""

import multiprocessing

from retail_assistant.cli import main

if __name__ == "__main__":
    # A frozen executable serves as the interpreter of multiprocessing's child processes
    # (spawn, forkserver) only when this runs first. The app starts none today.
    multiprocessing.freeze_support()
    raise SystemExit(main())
