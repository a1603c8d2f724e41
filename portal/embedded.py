"""Values the embedded default generates once and keeps under ``var/``.

A fresh clone needs no configuration: the first start writes a secret key, an encryption key
and a sandbox token to files that later starts read back, so sessions and encrypted data
survive restarts. Production sets these in the environment instead (a deploy check insists).
"""

import base64
import secrets
from pathlib import Path


def embedded_value(var_dir: Path, name: str, length: int = 32, kind: str = "token") -> str:
    """Return the value stored in ``var_dir/name``, creating it on first use."""
    path = Path(var_dir) / name
    if path.exists():
        return path.read_text().strip()
    if kind == "fernet":
        value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    else:
        value = secrets.token_urlsafe(length)[:length]
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create with owner-only permissions; a second writer racing us loses harmlessly.
    path.touch(mode=0o600, exist_ok=True)
    if not path.read_text().strip():
        path.write_text(value)
    return path.read_text().strip()
