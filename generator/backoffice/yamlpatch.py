"""Write the form's data into a profile file that exists, keeping what the coordinator wrote.

A coordinator may edit her YAML by hand: comments, the order of keys, a flow list
(``dagen: [zaterdag, zondag]``), a ``|`` story. The form knows only the data, and a full
rewrite with PyYAML (``form.to_yaml``) throws the rest away. ``patched`` loads the file on disk
with ruamel.yaml's round-trip loader and changes only the values that differ from the form's,
in place, so git's diff shows just the changed fields (docs/decisions.md, "ruamel.yaml").

Two rules keep it safe:
- a new value is written the way PyYAML writes it (PyYAML decides the quoting), because PyYAML
  reads it back (``load.py``): YAML 1.1 reads ``ja``, ``nee`` and ``on`` as booleans, and
  ruamel's YAML 1.2 output would leave such a string unquoted;
- the result must mean exactly what the full rewrite means, read by PyYAML; if it does not (or
  ruamel cannot read the file) we fall back to the full rewrite, which is always correct.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date
from difflib import SequenceMatcher
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from generator.backoffice import form

_SEQ_UNDER_KEY = re.compile(r"^[^\s#][^:\n]*:[ \t]*(?:#[^\n]*)?\n( *)- ", re.MULTILINE)
WIDTHS = (4096, 100, 80)  # a long line kept whole; folded as form.to_yaml or PyYAML do
_MAP_UNDER_KEY = re.compile(
    r"^[^\s#-][^:\n]*:[ \t]*(?:#[^\n]*)?\n( +)[^\s#-][^:\n]*:", re.MULTILINE
)


def _dump(rt: YAML, doc: Any) -> str:
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def _layout(old_text: str) -> tuple[YAML, CommentedMap, str] | None:
    """The file; a round-trip dumper for it; and what that dumper writes for the file unchanged
    (the file itself byte for byte where it can, else with the same lines).

    Indentation (``- `` under or beside its key) is read from the text. Line width is not
    recorded in YAML: a file written by a program is folded (at 100 columns by ``form.to_yaml``
    and the fixtures, at 80 by PyYAML's default), one typed by hand may keep a long line whole.
    """
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    seq = _SEQ_UNDER_KEY.search(old_text)
    nested = _MAP_UNDER_KEY.search(old_text)
    offset = len(seq.group(1)) if seq else 2
    rt.indent(mapping=len(nested.group(1)) if nested else 2, sequence=offset + 2, offset=offset)
    rt.explicit_start = old_text.lstrip().startswith("---")
    doc = rt.load(old_text)
    if not isinstance(doc, CommentedMap):
        return None
    lines = old_text.count("\n")
    fallback: tuple[int, str] | None = None
    for width in WIDTHS:
        rt.width = width
        baseline = _dump(rt, doc)
        if baseline == old_text:
            return rt, doc, baseline
        if fallback is None and baseline.count("\n") == lines:
            fallback = width, baseline
    rt.width, baseline = fallback or (WIDTHS[0], _dump(rt, doc))
    return rt, doc, baseline


def _onto(old_text: str, baseline: str, text: str) -> str:
    """The changes from ``baseline`` to ``text``, made to ``old_text`` instead.

    ruamel does not keep everything inside a line (``frequentie:   wekelijks`` comes out with
    one space). When the unchanged dump has the file's lines one for one, a line that the patch
    did not touch is taken from the file as it was."""
    old, base, new = (t.splitlines(keepends=True) for t in (old_text, baseline, text))
    if len(old) != len(base):
        return text
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        out += old[i1:i2] if tag == "equal" else new[j1:j2]
    return "".join(out)


def _plain(value: Any) -> Any:
    """A value as the form sees it: text compared as the form cleans it, booleans apart from
    numbers (``True == 1`` in Python), ruamel's and PyYAML's containers alike."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.splitlines()).strip()
    if isinstance(value, Mapping):  # an empty value is no value, for the form as for the model
        plain = {str(k): _plain(v) for k, v in value.items()}
        return {k: v for k, v in plain.items() if v not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | int | float) or value is None:
        return value
    return ("other", str(value))


def _flow(node: Any) -> bool:
    return isinstance(node, CommentedMap | CommentedSeq) and bool(node.fa.flow_style())


def _fresh(value: Any, like: Any) -> Any:
    """``value`` as a ruamel node, quoted the way PyYAML writes it; in ``like``'s flow style."""
    node = YAML(typ="rt")
    node.preserve_quotes = True
    fresh = node.load(form.to_yaml({"v": value}))["v"]
    if _flow(like):
        fresh.fa.set_flow_style()
    if isinstance(fresh, CommentedSeq) and isinstance(like, CommentedSeq) and like:
        for item in fresh:
            if _flow(like[-1]) and isinstance(item, CommentedMap):
                item.fa.set_flow_style()
    return fresh


def _patch(old: Any, new: Any) -> Any:
    """``old`` changed in place where it can be (its comments stay), else a fresh node."""
    if _plain(old) == _plain(new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        _patch_map(old, new)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list) and old:
        _patch_seq(old, new)
        return old
    return _fresh(new, old)


def _patch_map(old: CommentedMap, new: Mapping[str, Any]) -> None:
    for key in [k for k in old if k not in new]:
        if _plain(old[key]) not in (None, "", [], {}):  # ``dagen: []`` may stay
            del old[key]
    previous: str | None = None
    for key, value in new.items():
        if key in old:
            old[key] = _patch(old[key], value)
        else:  # after the key the schema puts before it, as the full rewrite would
            at = list(old).index(previous) + 1 if previous is not None else 0
            old.insert(at, key, _fresh(value, None))
        previous = key


def _patch_seq(old: CommentedSeq, new: list[Any]) -> None:
    last = len(old) - 1
    tail = old.ca.items.pop(last, None)  # comments after the list belong after its new end
    for i, value in enumerate(new[: len(old)]):
        old[i] = _patch(old[i], value)
    for value in new[len(old) :]:
        old.append(_fresh(value, old[-1]))
    while len(old) > len(new):
        old.pop()
    if tail is not None and old:
        old.ca.items[len(old) - 1] = tail


def patched(old_text: str | None, data: Mapping[str, Any]) -> str:
    """The file text for ``data``: ``old_text`` with only the changed values replaced, or the
    full rewrite when there is no file or the patch would not mean the same."""
    full = form.to_yaml(data)
    if not old_text:
        return full
    try:
        layout = _layout(old_text)
        if layout is None:
            return full
        rt, doc, baseline = layout
        _patch_map(doc, data)
        text = _onto(old_text, baseline, _dump(rt, doc))
        same = _plain(yaml.safe_load(text)) == _plain(yaml.safe_load(full))
    except (YAMLError, yaml.YAMLError, ValueError, TypeError, AttributeError):
        return full  # ruamel reads less than PyYAML in places; the rewrite is always right
    return text if same else full
