"""Write bindings-python/python/hrid/_types.py: the Python types of the JSON the core writes.

From the core's JSON Schemas (docs/schema/*.schema.json, written by `cargo xtask schema` from the
core's own types) and the reason-code catalogue (test-vectors/reason-codes.json):

- each object type becomes a ``TypedDict`` (fields in schema order, descriptions as comments;
  fields the core leaves out when empty are not required);
- each set of string constants (``enum``, or ``oneOf`` of ``const``) a ``Literal``;
- a tagged union (``oneOf`` of objects with a constant ``type``) a ``Union`` of one
  ``TypedDict`` per variant, named after its tag (``LifecycleEvent``: ``SoldEvent``, ...);
- ``ReasonCode`` and ``Severity`` are the catalogue's, checked against the schemas' ``ReasonCode``.

Types whose names the package uses for its own classes (a report class reads its JSON; its
``to_dict()`` returns the JSON) take the suffix ``Dict``: ``HistoryReportDict``, ``FindingDict``.

The output runs on Python 3.9 (``typing`` only, no ``typing_extensions``) and passes
``mypy --strict``. ``bindings-python/test.sh`` runs this and fails when the committed file
differs. Usage: python3 bindings-python/scripts/generate_types.py [--check]
"""

from __future__ import annotations

import json
import keyword
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "schema"
CATALOGUE = ROOT / "test-vectors" / "reason-codes.json"
OUT = ROOT / "bindings-python" / "python" / "hrid" / "_types.py"

#: Schema types that are classes of the package: their TypedDicts take the suffix ``Dict``.
CLASSES = {
    "AccessDecision", "AuditReport", "CodeReport", "CustodyReport", "Finding", "HistoryReport",
    "NearMiss", "PassportReport", "RecallReport", "StatusFeed", "StatusFeedReport", "Suggestion",
    "TrustList", "VerificationReport",
}

Schema = Dict[str, Any]


def name_of(schema_name: str) -> str:
    return schema_name + "Dict" if schema_name in CLASSES else schema_name


def camel(tag: str) -> str:
    return "".join(part.capitalize() for part in tag.split("_"))


def load() -> Dict[str, Schema]:
    """Every type once: each file's root and its ``$defs`` (identical wherever they recur)."""
    types: Dict[str, Schema] = {}
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        defs = doc.pop("$defs", {})
        doc.pop("$schema", None)
        for key, value in [(path.name[: -len(".schema.json")], doc), *defs.items()]:
            body = {k: v for k, v in value.items() if k != "title"}
            if key in types and types[key] != body:
                raise SystemExit(f"{path.name}: {key} differs from its definition in another file")
            types[key] = body
    return types


def constants(schema: Schema) -> List[str]:
    """The values of a set of string constants, or [] when the schema is not one."""
    if "enum" in schema:
        return list(schema["enum"])
    variants = schema.get("oneOf", [])
    if variants and all("const" in v for v in variants):
        return [v["const"] for v in variants]
    return []


def literal(values: List[str], indent: str = "", before: int = 0) -> str:
    """``Literal[...]``, one value a line when the line (``before`` characters precede it on
    its line) would be longer than 100 characters."""
    one_line = "Literal[" + ", ".join(json.dumps(v) for v in values) + "]"
    if before + len(one_line) <= 100:
        return one_line
    return "\n".join(["Literal[", *[f"{indent}    {json.dumps(v)}," for v in values], f"{indent}]"])


class Writer:
    def __init__(self, types: Dict[str, Schema]) -> None:
        self.types = types
        self.aliases: List[str] = []  # Literal aliases: first (classes and unions refer to them)
        self.classes: List[str] = []
        self.unions: List[str] = []  # Union aliases of classes: last

    def type_of(self, schema: Schema) -> str:
        """The annotation of a field's schema."""
        if "$ref" in schema:
            return name_of(schema["$ref"].rsplit("/", 1)[-1])
        if "anyOf" in schema:
            kinds = [s for s in schema["anyOf"] if s.get("type") != "null"]
            inner = "Union[" + ", ".join(self.type_of(s) for s in kinds) + "]"
            inner = self.type_of(kinds[0]) if len(kinds) == 1 else inner
            return f"Optional[{inner}]" if len(kinds) < len(schema["anyOf"]) else inner
        if constants(schema):
            return literal(constants(schema))
        if "const" in schema:
            return literal([schema["const"]])
        kind = schema.get("type")
        if isinstance(kind, list):
            rest = [k for k in kind if k != "null"]
            if len(rest) != 1:
                raise SystemExit(f"unsupported type list {kind}")
            inner = self.type_of({**schema, "type": rest[0]})
            return f"Optional[{inner}]" if "null" in kind else inner
        if kind == "array":
            return f"List[{self.type_of(schema['items'])}]"
        if kind == "object" and "properties" not in schema:
            return f"Dict[str, {self.type_of(schema['additionalProperties'])}]"
        simple = {"string": "str", "integer": "int", "boolean": "bool", "null": "None"}
        if kind in simple:
            return simple[kind]
        raise SystemExit(f"unsupported schema {json.dumps(schema)[:200]}")

    def comment(self, text: str, indent: str, prefix: str = "#: ") -> List[str]:
        width = 100 - len(indent) - len(prefix)
        lines: List[str] = []
        for paragraph in text.split("\n\n"):
            lines += textwrap.wrap(" ".join(paragraph.split()), width) or [""]
        return [f"{indent}{prefix}{line}".rstrip() for line in lines]

    def typed_dict(self, name: str, schema: Schema) -> None:
        """A TypedDict; fields the schema does not require go into a ``total=False`` class."""
        props: Dict[str, Schema] = schema["properties"]
        required = set(schema.get("required", []))
        fields = [(k, self.type_of(v), v.get("description"), k in required) for k, v in props.items()]
        doc = schema.get("description", "")
        out = self.classes
        if any(keyword.iskeyword(k) for k in props):  # not a class body: the functional syntax
            if not required.issuperset(props):
                raise SystemExit(f"{name}: optional fields and keyword names: not supported")
            out += [""] + self.comment(doc, "", "# ") if doc else [""]
            out.append(f"{name} = TypedDict(")
            out.append(f"    {json.dumps(name)},")
            out.append("    {")
            for key, kind, _, _ in fields:
                out.append(f"        {json.dumps(key)}: {repr(kind)},")
            out += ["    },", ")", ""]
            return
        groups: List[Tuple[str, str, List[Tuple[str, str, Any, bool]]]] = []
        if not required.issuperset(props):
            base = f"_{name}Required"
            groups.append((base, "TypedDict", [f for f in fields if f[3]]))
            groups.append((name, f"{base}, total=False", [f for f in fields if not f[3]]))
        else:
            groups.append((name, "TypedDict", fields))
        for class_name, bases, group in groups:
            out += ["", f"class {class_name}({bases}):"]
            if doc and class_name == name:
                lines = self.comment(doc, "    ", "")
                if len(lines) == 1 and len(lines[0]) <= 94:
                    out += [f'    """{lines[0].strip()}"""', ""]
                else:
                    out += ['    """'] + lines + ['    """', ""]
            for key, kind, description, _ in group:
                if description:
                    out += self.comment(description, "    ")
                out.append(f"    {key}: {kind}")
                if "\n" in kind:  # a Literal of one value a line: indent its lines
                    out[-1] = out[-1].replace("\n", "\n    ")
            if not group and not (doc and class_name == name):
                out.append("    pass")
            out.append("")

    def define(self, key: str, schema: Schema) -> None:
        name = name_of(key)
        doc = schema.get("description")
        if constants(schema):
            self.aliases += [""] + (self.comment(doc, "") if doc else [])
            self.aliases.append(f"{name} = {literal(constants(schema), before=len(name) + 3)}")
        elif schema.get("oneOf"):
            variants = []
            for variant in schema["oneOf"]:
                tag = variant["properties"]["type"]["const"]
                variant_name = camel(tag) + (key[len("Lifecycle"):] if key == "LifecycleEvent" else key)
                self.typed_dict(variant_name, variant)
                variants.append(variant_name)
            self.unions += [""] + (self.comment(doc, "") if doc else [])
            self.unions += [f"{name} = Union["] + [f"    {v}," for v in variants] + ["]"]
        elif schema.get("type") == "object" and "properties" in schema:
            self.typed_dict(name, schema)
        else:
            raise SystemExit(f"{key}: unsupported top-level schema")


def generate() -> str:
    types = load()
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))["codes"]
    codes = [c["code"] for c in catalogue]
    if constants(types.pop("ReasonCode")) != codes:
        raise SystemExit("docs/schema ReasonCode and test-vectors/reason-codes.json differ")
    severities = list(dict.fromkeys(c["severity"] for c in catalogue))
    writer = Writer(types)
    for key in sorted(types):
        writer.define(key, types[key])
    names = sorted(
        {name_of(k) for k in types}
        | {line.split("(")[0][6:] for line in writer.classes if line.startswith("class ")}
        | {line.split(" = ")[0] for line in writer.classes if " = TypedDict(" in line}
        | {"ReasonCode", "Severity"}
    )
    public = [n for n in names if not n.startswith("_")]
    header = [
        "# Generated by bindings-python/scripts/generate_types.py from docs/schema/*.schema.json (the",
        "# core's JSON Schemas, `cargo xtask schema`) and test-vectors/reason-codes.json: do not edit.",
        '"""The types of the JSON the core writes: every report, document and answer, as TypedDicts.',
        "",
        "Each report class of hrid reads one of these (``HistoryReport.to_dict()`` is a",
        "``HistoryReportDict``) and types its fields with them (``HistoryReport.health`` is an",
        "``Optional[HealthSummary]``).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Dict, List, Literal, Optional, TypedDict, Union",
        "",
        "__all__ = [",
        *[f"    {json.dumps(n)}," for n in public],
        "]",
        "",
        "#: Every stable reason code, in catalogue order (test-vectors/reason-codes.json).",
        "ReasonCode = Literal[",
        *[f"    {json.dumps(c)}," for c in codes],
        "]",
        "",
        "#: How a reason code is normally reported.",
        f"Severity = {literal(severities, before=11)}",
    ]
    body = header + writer.aliases + ["", ""] + writer.classes + [""] + writer.unions
    text = "\n".join(body) + "\n"
    while "\n\n\n\n" in text:
        text = text.replace("\n\n\n\n", "\n\n\n")
    return text


def main(argv: List[str]) -> int:
    text = generate()
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(text.splitlines())} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
