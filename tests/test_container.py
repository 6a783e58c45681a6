"""What can be checked of the container image without a container engine: the Dockerfile and the lock file."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    result = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def exec_form(arguments: str) -> list[str]:
    parsed = json.loads(arguments)
    assert isinstance(parsed, list), f"not the exec form: {arguments}"
    return [str(p) for p in parsed]


def test_the_image_runs_the_command_the_readme_documents() -> None:
    [cmd] = [args for keyword, args in instructions() if keyword == "CMD"]
    command = shlex.join(exec_form(cmd))
    assert command == "msgchoice serve --port 3000"
    readme = (ROOT / "README.md").read_text()
    assert re.search(rf"^{re.escape(command)}\s*(#.*)?$", readme, re.MULTILINE), "README does not document it"
    [expose] = [args for keyword, args in instructions() if keyword == "EXPOSE"]
    assert expose.split("/")[0] == "3000"


def test_the_image_runs_as_a_numeric_non_root_user() -> None:
    users = [args for keyword, args in instructions() if keyword == "USER"]
    assert users, "no USER: the image would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    assert user.isdigit(), "a numeric UID lets Kubernetes' runAsNonRoot check it"


def test_the_user_and_group_the_image_runs_as_own_its_data_folder() -> None:
    # USER uid:gid must name the user and group the image creates (and /data is made for): a
    # --user-group group gets the next free system gid, not the uid, so files written to the
    # volume carried a group that exists nowhere.
    [user] = [args for keyword, args in instructions() if keyword == "USER"][-1:]
    uid, _, gid = user.partition(":")
    run = " ".join(args for keyword, args in instructions() if keyword == "RUN")
    assert re.search(rf"groupadd\b[^&]*--gid {gid}\b", run), f"no group with gid {gid} is created"
    useradd = re.search(r"useradd\b[^&]*", run)
    assert useradd is not None
    assert f"--uid {uid}" in useradd.group(0) and f"--gid {gid}" in useradd.group(0)
    assert "--home-dir /data" in useradd.group(0)


def test_the_health_check_asks_healthz_on_the_served_port() -> None:
    [check] = [args for keyword, args in instructions() if keyword == "HEALTHCHECK"]
    assert "CMD" in check
    probe = exec_form(check[check.index("CMD") + 3 :].strip())
    assert probe[0] == "python"
    assert "http://127.0.0.1:3000/healthz" in " ".join(probe)


def _ignored(path: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path.split("/")[0], p) for p in patterns)


def test_every_copied_file_exists_and_is_not_dockerignored() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ".env" in patterns and ".git" in patterns  # secrets and history stay out of the build context
    copies = [args for keyword, args in instructions() if keyword == "COPY"]
    assert copies
    for arguments in copies:
        parts = [p for p in arguments.split() if not p.startswith("--")]
        for source in parts[:-1]:
            assert (ROOT / source).exists(), f"COPY {source}: no such file"
            assert not _ignored(source, patterns), f"COPY {source}: excluded by .dockerignore"


def locked() -> dict[str, str]:
    """Package name → pinned version in requirements.lock."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_the_lock_file_pins_every_dependency_of_pyproject_within_its_specifier() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = locked()
    assert pins, "requirements.lock pins nothing"
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in requirements.lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject.toml's {requirement.specifier}"
        )
    # Extras of the project's dependencies are locked too (SQLAlchemy[asyncio] needs greenlet).
    assert "greenlet" in pins
    # Every pin carries hashes, so `pip install --require-hashes` in the Dockerfile accepts it.
    text = (ROOT / "requirements.lock").read_text()
    pin_lines = [line for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(pin_lines) == len(pins) and all(line.endswith("\\") for line in pin_lines)
    assert text.count("--hash=sha256:") >= len(pins)
    header = text.splitlines()[:3]
    assert any("pip compile pyproject.toml" in line for line in header), "the lock file names how it was made"
    assert any("--require-hashes -r requirements.lock" in args for kw, args in instructions() if kw == "RUN")
