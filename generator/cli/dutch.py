"""Click's own messages (usage, help, errors) in Dutch.

Click marks its strings for gettext but ships no catalogues, and every user of buurtsite reads
Dutch. Compiling a .mo file would need msgfmt at install time; instead we rebind the ``_``
that each Click module imported from gettext to a lookup in this table. Strings not listed
stay English, which is the safe fallback.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping

import click

MESSAGES = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Missing command.": "Opdracht ontbreekt.",
    "Missing argument": "Argument ontbreekt",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Missing parameter: {param_name}": "Parameter ontbreekt: {param_name}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} heeft geen waarde.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee waarden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Aborted!": "Afgebroken.",
}

_PLURALS = {
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "{value!r} is not {choice}.": "{value!r} is geen {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return _PLURALS.get(chosen, chosen)


# Placeholders in usage lines: Click derives them from type names in English.
TYPE_NAMES = {
    click.types.StringParamType: "tekst",
    click.types.IntParamType: "getal",
    click.types.FloatParamType: "getal",
    click.types.IntRange: "getal",
    click.types.FloatRange: "getal",
    click.types.BoolParamType: "ja/nee",
}
OPTIONS_METAVAR = "[OPTIES]"


def dutch_usage(command: click.Command) -> None:
    """``[OPTIES] OPDRACHT [ARGUMENTEN]...`` instead of Click's English, for a whole tree."""
    if command.options_metavar:
        command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        optional = command.invoke_without_command or not command.no_args_is_help
        command.subcommand_metavar = (
            "[OPDRACHT] [ARGUMENTEN]..." if optional else "OPDRACHT [ARGUMENTEN]..."
        )
        for sub in command.commands.values():
            dutch_usage(sub)


def _suggest_dutch(dutch_of: Mapping[str, str]) -> None:
    """ "Bedoelde u ...?" for an unknown option names the Dutch option, never a hidden alias:
    `--dryrun` suggests `--proef`, `--strct` suggests `--streng` once, not beside `--strict`."""
    original = click.exceptions.NoSuchOption.__init__

    def init(
        self: click.exceptions.NoSuchOption,
        option_name: str,
        message: str | None = None,
        possibilities: Iterable[str] | None = None,
        ctx: click.Context | None = None,
    ) -> None:
        original(self, option_name, message, possibilities, ctx)
        if self.possibilities:
            named = [dutch_of.get(p, p) for p in self.possibilities]
            setattr(self, "possibilities", list(dict.fromkeys(named)))  # noqa: B010 (Final)

    click.exceptions.NoSuchOption.__init__ = init  # type: ignore[method-assign]


def install(dutch_of: Mapping[str, str]) -> None:
    """Translate Click; ``dutch_of`` maps each hidden English alias to its Dutch option."""
    _suggest_dutch(dutch_of)
    for kind, name in TYPE_NAMES.items():
        kind.name = name  # also the noun in "'x' is geen geldig getal."
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
