"""Validates every .ipynb below a directory against the nbformat schema.

Usage: validate_notebooks.py DIR. Prints "N notebooks valid" and exits 0, or names each
invalid notebook and exits 1.
"""
import pathlib
import sys

import nbformat


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    notebooks = sorted(root.rglob("*.ipynb"))
    failures = 0
    for path in notebooks:
        try:
            notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            nbformat.validate(notebook)
            if (notebook.nbformat, notebook.nbformat_minor) != (4, 5):
                raise ValueError(f"nbformat {notebook.nbformat}.{notebook.nbformat_minor}")
        except Exception as error:  # noqa: BLE001 - every failure is reported the same way
            failures += 1
            print(f"{path}: {error}")
    if failures or not notebooks:
        print(f"{failures} of {len(notebooks)} notebooks invalid")
        return 1
    print(f"{len(notebooks)} notebooks valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
