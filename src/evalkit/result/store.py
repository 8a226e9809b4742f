"""Write and read ``result.json``; writes are atomic (a temp file renamed into place)."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from evalkit.errors import InputError
from evalkit.result.attached import ATTACHMENT, attached_result, is_pdf
from evalkit.result.model import SCHEMA_VERSION


def make_out_dir(out_dir: Path) -> None:
    """Create the output folder ``out_dir`` if need be; ``InputError`` (exit 2) when it is not a
    folder (``/dev/null``) or cannot be created (``/proc/…``)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {out_dir}: not a folder; choose a folder to write the outputs to")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(out_dir, exc) from None


def unwritable(out_dir: Path, exc: OSError) -> InputError:
    """The error for an output folder that cannot be written to."""
    return InputError(
        f"--out {out_dir}: cannot write there ({exc.strerror or type(exc).__name__}); "
        "choose a folder you can write to"
    )


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def dumps_result(result: dict[str, Any]) -> str:
    """The JSON text of a result (strict JSON: non-finite numbers become null)."""
    return json.dumps(_finite(result), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temp file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode() if isinstance(content, str) else content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_result(path: Path) -> dict[str, Any]:
    """A saved result.json, or the one attached to a report PDF evalkit rendered; an
    unreadable or foreign file is bad input."""
    shown = f"{path} (attached {ATTACHMENT})" if is_pdf(path) else str(path)
    try:
        text = attached_result(path) if is_pdf(path) else path.read_bytes()
        data = json.loads(text.decode("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise InputError(f"{shown}: not UTF-8 text; give a result.json or a report PDF") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{shown}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(
            f"{path}: not an evalkit result (schema_version {SCHEMA_VERSION} expected)"
        )
    return data
