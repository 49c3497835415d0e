"""Profiles on disk and in git: every write from the backoffice is one commit.

The project root (the folder of ``site_config.yml``) is the git work tree. We call the ``git``
command line with explicit arguments (never a shell), so what happens is what a coordinator
would see in ``git log``: the coordinator as author, a Dutch message naming the changed fields.
Only the one profile file is staged and committed; anything else changed in the work tree stays
as it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuurtsiteError

GIT_TIMEOUT = 30
SEP = "\x1f"
# git takes .git/index.lock for a commit; two approvals at once in one server would make the
# second fail. One writer at a time per process (the work tree is on one machine).
_WRITING = threading.Lock()


class GitError(BuurtsiteError):
    """git refused or is missing; the message is Dutch and names what to do."""


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    when: str  # ISO 8601 with time zone, as git prints it
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:10]


def relative(gemeente: str, profile_id: str) -> str:
    return f"profiles/{gemeente}/{profile_id}.yml"


def digest_of(path: Path) -> str | None:
    """sha256 of the file's bytes, None when there is no file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def author_of(username: str) -> str:
    # Accounts have no e-mail address; a reserved domain keeps git's author format.
    return f"{username} <{username}@backoffice.invalid>"


def _git(root: Path, *args: str, author: str | None = None) -> str:
    env = dict(os.environ)
    if author is not None:
        name, _, email = author.partition(" <")
        env.update(
            GIT_AUTHOR_NAME=name,
            GIT_AUTHOR_EMAIL=email.rstrip(">"),
            GIT_COMMITTER_NAME="buurtsite backoffice",
            GIT_COMMITTER_EMAIL="backoffice@backoffice.invalid",
        )
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(
            "git is niet geïnstalleerd; installeer het met: apt-get install git"
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git reageerde niet binnen {GIT_TIMEOUT} seconden") from None
    if done.returncode != 0:
        raise GitError(f"git {args[0]} mislukte: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def commit_file(root: Path, rel: str, text: str, author: str, message: str) -> str:
    """Write ``text`` to ``rel`` and commit only that file; returns the new commit's sha."""
    path = root / rel
    with _WRITING:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _git(root, "add", "--", rel)
        _git(root, "commit", "--quiet", "--only", "-m", message, "--", rel, author=author)
        return _git(root, "rev-parse", "HEAD").strip()


def history(root: Path, rel: str, limit: int = 50) -> list[Commit]:
    """The commits that touched one file, newest first (following renames)."""
    out = _git(
        root,
        "log",
        f"-n{limit}",
        "--follow",
        f"--format=%H{SEP}%an{SEP}%aI{SEP}%s",
        "--",
        rel,
    )
    return [Commit(*line.split(SEP, 3)) for line in out.splitlines() if line.count(SEP) == 3]


def last_changes(root: Path, folder: str = "profiles") -> dict[str, Commit]:
    """The newest commit of every file below ``folder``, in one ``git log`` pass."""
    out = _git(
        root, "log", "--name-only", f"--format=@{SEP}%H{SEP}%an{SEP}%aI{SEP}%s", "--", folder
    )
    latest: dict[str, Commit] = {}
    current: Commit | None = None
    for line in out.splitlines():
        if line.startswith(f"@{SEP}"):
            current = Commit(*line[2:].split(SEP, 3))
        elif line.strip() and current is not None:
            latest.setdefault(line.strip(), current)
    return latest


def text_at(root: Path, sha: str, rel: str) -> str | None:
    """The file as it was at ``sha``, None when it did not exist then."""
    try:
        return _git(root, "show", f"{sha}:{rel}")
    except GitError:
        return None


def parent_of(root: Path, sha: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{sha}^").strip() or None
    except GitError:
        return None


def known_commit(root: Path, sha: str, rel: str) -> bool:
    """Whether ``sha`` is one of the commits of this file (what a revert may name)."""
    return any(c.sha == sha for c in history(root, rel, limit=500))
