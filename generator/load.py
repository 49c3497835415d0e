"""YAML files -> raw documents with line numbers. No judgement about content.

Everything a coordinator can get wrong at the file level is reported here as a ``Finding``:
bytes that are not UTF-8 text, an empty or huge file, YAML syntax, tabs, duplicate keys
(PyYAML silently keeps the last one), anchors and aliases (alias bombs), deep nesting and
any tag beyond plain YAML data (``!!python/...`` is never constructed).

We compose the node tree with libyaml (``CSafeLoader``, 8x faster than pure Python and its
nodes still carry marks) and construct plain values ourselves, so every value keeps its
position: ``Document.positions[("kinderen", 0, "leeftijd")] == (12, 17)``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import text as chars
from generator.errors import Finding, Severity

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
# Plain YAML data only. Anything else (python/..., binary, set, omap, merge keys) is refused.
ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

# Parsed files by (path, display name, digest of the bytes): a long-running process (the
# backoffice's jobs) re-checks the whole project after every approval, and parsing 3,420 files
# again took most of that. Keyed by content, so a changed file is always parsed anew; callers
# never change a Document. The least recently used go first beyond PARSED_MAX (the national
# fixture has 3,420 files; the live check parses each draft from a new temporary path).
PARSED_MAX = 8_000
_PARSED: dict[tuple[str, str, str], Document] = {}
# Line breaks that libyaml refuses (VT, FF: Word's Shift+Enter) or reads as YAML structure (NEL,
# U+2028/9) are swapped for a non-character libyaml accepts and nothing else may contain (``decode``
# refuses it), then turned into "\n" in each value: same length, so every position stays right.
_RAW_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_BREAK_MARK = "\ufdd0"
Loc = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class Document:
    """One parsed YAML file: plain values plus the position of every value and key."""

    path: Path
    display: str
    data: Any
    positions: dict[Loc, Position] = field(default_factory=dict)
    key_positions: dict[Loc, Position] = field(default_factory=dict)
    digest: str = ""  # sha256 of the file's bytes, for caches keyed by content
    # Refused characters met while constructing values: (field, scalar node, value, character).
    refused: list[tuple[Loc, yaml.Node, str, chars.Refused]] = field(
        default_factory=list, repr=False
    )

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The best known position for ``loc``: the key or value itself, else its nearest parent."""
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        probe = tuple(loc)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


class _Problem(Exception):
    def __init__(self, line: int, column: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.code, self.message = line, column, code, message


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (or the working directory) when it lies below it."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        # The plain paths first: resolving both (a syscall per path component) took 0.3 s of
        # every check of the national fixture, whose profiles lie below the root as given.
        for resolve in (False, True):
            try:
                if resolve:
                    return path.resolve().relative_to(base.resolve()).as_posix()
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def load_yaml(
    path: Path, root: Path | None = None, display: str | None = None
) -> tuple[Document | None, list[Finding]]:
    """Read and parse one YAML file; on failure return no document and the findings."""
    display = display or display_path(path, root)

    def fail(line: int, column: int, code: str, message: str) -> tuple[None, list[Finding]]:
        return None, [Finding(display, line, column, Severity.ERROR, code, "", message)]

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail(0, 0, "file-missing", "bestand niet gevonden")
    except IsADirectoryError:
        return fail(0, 0, "file-is-directory", "dit is een map, geen bestand")
    except OSError as exc:
        return fail(0, 0, "file-unreadable", f"bestand niet te lezen ({exc.strerror})")
    if len(raw) > MAX_BYTES:
        size_kb = len(raw) // 1024
        return fail(
            0, 0, "file-too-large", f"bestand is {size_kb} KB; een zoekprofiel is hooguit 256 KB"
        )
    key = (str(path), display, hashlib.sha256(raw).hexdigest())
    if (known := _PARSED.pop(key, None)) is not None:
        _PARSED[key] = known  # now the most recently used
        return known, []
    text, problem = decode(raw)
    if problem:
        return fail(*problem)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return fail(1, 1, "file-empty", "het bestand is leeg")
    if (depth_problem := _bracket_depth_problem(text)) is not None:
        return fail(*depth_problem)
    loader = _Loader(_RAW_BREAKS.sub(_BREAK_MARK, text))
    try:
        node = loader.get_single_node()
        if node is None:
            return fail(1, 1, "file-empty", "het bestand is leeg")
        doc = Document(path=path, display=display, data=None, digest=key[2])
        doc.data = _construct(loader, node, (), doc, depth=0, seen=set())
    except yaml.MarkedYAMLError as exc:
        return fail(*(_escape_problem(exc) or _syntax_problem(exc, text)))
    except yaml.YAMLError as exc:  # unmarked reader errors
        return fail(1, 1, "yaml-syntax", f"geen geldige YAML: {exc}")
    except _Problem as exc:
        return fail(exc.line, exc.column, exc.code, exc.message)
    except RecursionError:
        return fail(1, 1, "yaml-too-deep", "het bestand is te diep genest")
    finally:
        loader.dispose()
    if not doc.refused:  # a cached document must not hide its refused characters
        while len(_PARSED) >= PARSED_MAX:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = doc
    return doc, [_refused_finding(doc, text, *item) for item in doc.refused]


def decode(raw: bytes) -> tuple[str, tuple[int, int, str, str] | None]:
    """UTF-8 text (a BOM is fine) or a problem naming the line of the first bad byte."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", (line, 1, "file-binary", "dit is geen tekstbestand (binaire inhoud)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", (
            line,
            column,
            "file-encoding",
            "het bestand is niet in UTF-8 opgeslagen; sla het op als UTF-8 "
            "(in de meeste editors: 'Opslaan als' > codering UTF-8)",
        )
    _normal, refused = chars.check(text)
    if refused:
        first = refused[0]
        line, column = _line_column(text, first.index)
        return "", (line, column, first.code, f"{first.message} {first.suggestion}")
    return text, None


def _line_column(text: str, pos: int) -> Position:
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _bracket_depth_problem(text: str) -> tuple[int, int, str, str] | None:
    """Refuse absurd flow nesting before libyaml recurses into it."""
    depth = 0
    line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return (
                    line,
                    1,
                    "yaml-too-deep",
                    f"het bestand is dieper genest dan {MAX_DEPTH} niveaus",
                )
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1
    return None


# `titel: tekst` or `- tekst`: the key (if any) and the value of one line.
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:(?P<key>[^\s:#'\"][^:#]*):\s+)?(?P<value>.*?)\s*$")
# A value quoted with typographic quotes, `“Gezocht: ...”` or `‘tekst’`; an apostrophe as in
# `‘s avonds` opens nothing, so a closing quote must follow.
_CURLY_QUOTED = re.compile(r"^[“„‘‚].*[”“’‘]")


def _quoted_example(source_line: str, straight: str = '"') -> str:
    """The line with its value between straight quotes, as the fix to copy."""
    match = _KEY_VALUE.match(source_line)
    if match is None or not match["value"]:
        return 'titel: "Let op: ..."'
    value = match["value"]
    if _CURLY_QUOTED.match(value):
        value = value[1:-1] if value[-1] in "”“’‘" else value[1:]
    if '"' in value:
        straight = "'"
        value = value.replace("'", "''")
    key = f"{match['key']}: " if match["key"] else "- "
    return f"{key}{straight}{value}{straight}"


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    """libyaml's error at its own mark, explained in Dutch by its most likely cause."""
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "") + " " + (exc.context or "")
    if exc.context_mark and (
        "quoted scalar" in problem or "could not find expected ':'" in problem
    ):
        # Where the quote was opened or the key began, not where libyaml gave up.
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip())]
    code, message = _cause(problem, source_line, indent, column)
    return line, column, code, message


def _cause(problem: str, source_line: str, indent: str, column: int) -> tuple[str, str]:
    if "\t" in indent or "'\\t'" in problem or "tab character" in problem:
        return "yaml-tab", "tabs zijn niet toegestaan om in te springen; gebruik spaties"
    match = _KEY_VALUE.match(source_line)
    value = match["value"] if match else ""
    if _CURLY_QUOTED.match(value):
        return (
            "yaml-curly-quotes",
            "“ ” en ‘ ’ zijn krullende aanhalingstekens; die tellen in YAML niet als "
            "aanhalingstekens. Gebruik rechte: \"...\" of '...', dus "
            f"{_quoted_example(source_line)} (een tekstverwerker maakt ze vaak vanzelf "
            "krullend; bewerk het bestand in een teksteditor)",
        )
    if "expected a single document" in problem:
        return "yaml-multiple-documents", "het bestand bevat meer dan één YAML-document (---)"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "yaml-alias", "ankers en aliassen (& en *) worden niet ondersteund"
    if "mapping values are not allowed" in problem:
        before = source_line[: column - 1].strip().removeprefix("- ").strip()
        if before and ":" not in before and " " not in before:
            return (
                "yaml-indent",
                "de inspringing klopt niet: dit veld springt verder in dan het veld erboven. "
                "Velden op hetzelfde niveau beginnen in dezelfde kolom",
            )
        return (
            "yaml-syntax",
            "onverwachte ':' in de tekst — zet tekst met een dubbele punt tussen aanhalingstekens: "
            + _quoted_example(source_line),
        )
    if "did not find expected '-' indicator" in problem:
        return (
            "yaml-indent",
            "de inspringing klopt niet: in een lijst begint elk item met '- ' in dezelfde kolom, "
            "en de velden van één item staan recht onder elkaar",
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return (
            "yaml-indent",
            "de inspringing klopt niet: deze regel begint in een andere kolom dan de regels "
            "erboven op hetzelfde niveau",
        )
    if "could not find expected ':'" in problem:
        stripped = source_line.strip()
        if stripped.startswith("-") and not stripped.startswith("- "):
            return "yaml-syntax", "na '-' hoort een spatie: '- tekst'"
        return (
            "yaml-syntax",
            "hier ontbreekt de ':' na de veldnaam (veld: waarde), of de inspringing klopt niet",
        )
    if "found unexpected end of stream" in problem or "quoted scalar" in problem:
        return "yaml-syntax", "aanhalingsteken niet afgesloten"
    if "cannot start any token" in problem:
        char = source_line[column - 1 : column] or "?"
        return (
            "yaml-syntax",
            f"een waarde mag niet met '{char}' beginnen; zet de tekst tussen aanhalingstekens: "
            + _quoted_example(source_line),
        )
    if "block scalar" in problem:
        return (
            "yaml-syntax",
            "na '|' of '>' mag op dezelfde regel niets staan; begin de tekst op de volgende "
            "regel, ingesprongen",
        )
    if "flow sequence" in problem or "flow mapping" in problem:
        return (
            "yaml-syntax",
            "een lijst tussen [ en ] (of een blok tussen { en }) is niet goed afgesloten",
        )
    return (
        "yaml-syntax",
        "geen geldige YAML: controleer op deze regel de inspringing (spaties, geen tabs), "
        "de dubbele punt na de veldnaam en de aanhalingstekens",
    )


def _pos(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct(
    loader: yaml.SafeLoader, node: yaml.Node, loc: Loc, doc: Document, depth: int, seen: set[int]
) -> Any:
    line, column = _pos(node)
    if depth > MAX_DEPTH:
        raise _Problem(line, column, "yaml-too-deep", f"dieper genest dan {MAX_DEPTH} niveaus")
    if id(node) in seen:
        raise _Problem(
            line, column, "yaml-alias", "ankers en aliassen (& en *) worden niet ondersteund"
        )
    seen.add(id(node))
    if node.tag not in ALLOWED_TAGS:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Problem(
            line, column, "yaml-tag", f"YAML-tag '{shown}' is niet toegestaan; gebruik gewone tekst"
        )
    doc.positions[loc] = (line, column)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                kline, kcol = _pos(key_node)
                raise _Problem(kline, kcol, "yaml-key", "een sleutel moet gewone tekst zijn")
            key = str(key_node.value)
            kline, kcol = _pos(key_node)
            if key in result:
                raise _Problem(
                    kline,
                    kcol,
                    "duplicate-key",
                    f"veld '{key}' staat er twee keer in (ook op regel {first_line[key]}); "
                    "alleen de laatste zou tellen — houd er één over",
                )
            first_line[key] = kline
            doc.key_positions[(*loc, key)] = (kline, kcol)
            result[key] = _construct(loader, value_node, (*loc, key), doc, depth + 1, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, (*loc, i), doc, depth + 1, seen)
            for i, item in enumerate(node.value)
        ]
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        if node.tag.endswith(":timestamp"):
            raise _Problem(
                line, column, "invalid-date", f"'{node.value}' is geen bestaande datum (JJJJ-MM-DD)"
            ) from exc
        raise _Problem(
            line, column, "invalid-value", f"waarde '{node.value}' is niet te lezen"
        ) from exc
    if isinstance(value, str):
        value = value.replace(_BREAK_MARK, "\n")
        title = bool(loc) and (loc[-1] in chars.TITLE_KEYS or loc[-2:-1] == ("wijken",))
        normal, refused = chars.check(value, title=title)
        doc.refused += [(loc, node, value, r) for r in refused]
        return normal
    return value


def _escape_problem(exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """libyaml refuses ``"\\ud83d"`` (half a character) in a quoted text: say so in Dutch, at
    the opening quote, as the character rule (``generator.text``) would."""
    if "invalid Unicode character escape code" not in (exc.problem or ""):
        return None
    mark = exc.context_mark or exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return (
        line,
        column,
        "text-surrogate",
        "ongeldig teken: een \\u-code tussen U+D800 en U+DFFF (los surrogaat, een half teken) "
        "in de tekst tussen aanhalingstekens. Haal de code weg of typ het teken zelf.",
    )


# Every way a double-quoted YAML scalar can spell a character, besides the character itself.
_NAMED_ESCAPES = {"\x00": "0", "\x07": "a", "\x08": "b", "\x1b": "e", "\x85": "N"}


def _spellings(char: str, style: str | None) -> str:
    """A regex for ``char`` as written in a scalar of ``style``; an escaped backslash first, so
    that the ``\\x08`` in ``"C:\\x08"`` is not mistaken for an escape."""
    written = [re.escape(char)]
    if style == '"':
        code = ord(char)
        written += [rf"\\x(?i:{code:02x})"] if code < 0x100 else []
        written += [rf"\\u(?i:{code:04x})", rf"\\U(?i:{code:08x})"]
        if char in _NAMED_ESCAPES:
            written.append(re.escape("\\" + _NAMED_ESCAPES[char]))
        return r"(\\\\)|" + "|".join(written)
    return "()|" + written[0]


def _refused_finding(
    doc: Document, source: str, loc: Loc, node: yaml.Node, value: str, refused: chars.Refused
) -> Finding:
    """The finding for a refused character, at the line and column where it is written.

    As privacy findings do, the n-th occurrence in the value is the n-th spelling of it in the
    scalar's source text, whatever the style (plain, quoted, ``|``, ``>``); an escape in a
    double-quoted scalar (``"\\b"``, ``"\\x08"``) counts as a spelling of its character.
    """
    starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def offset(mark: yaml.Mark) -> int:
        return starts[min(mark.line, len(starts) - 1)] + mark.column

    begin, end = offset(node.start_mark), offset(node.end_mark)
    nth = value[: refused.index].count(refused.char)
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    pattern = re.compile(_spellings(refused.char, getattr(node, "style", None)))
    for match in pattern.finditer(source, begin, max(begin, end)):
        if match.group(1) is not None:
            continue  # an escaped backslash
        if nth == 0:
            line, column = _line_column(source, match.start())
            break
        nth -= 1
    name = ".".join(f"[{p}]" if isinstance(p, int) else p for p in loc).replace(".[", "[")
    return Finding(
        doc.display,
        line,
        column,
        Severity.ERROR,
        refused.code,
        name,
        refused.message,
        suggestion=refused.suggestion,
    )
