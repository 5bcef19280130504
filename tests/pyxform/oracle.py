#!/usr/bin/env python3
"""pyxform as the oracle for the hub's XLSForm import.

For each workbook given, runs pyxform (``xls2xform``'s own conversion, validation skipped: no Java
here) and prints, as JSON, what the XForm it made asks: each question's name, its bind type, the
control it is shown with, whether it is required, its relevance (its own and its groups'),
constraint, calculation and choice names. ``hub/tests/pyxform.rs`` compares this with what the
hub's importer made of the same workbook.

    oracle.py BOOK.xlsx... > oracle.json     (a workbook pyxform refuses gives {"error": ...})
"""
import json
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from pyxform.xls2xform import xls2xform_convert

XF = "{http://www.w3.org/2002/xforms}"
CONTROLS = {"input", "select1", "select", "upload", "trigger", "range", "rank", "odk:rank"}


def questions(xml: str):
    root = ET.fromstring(xml)
    binds = {b.get("nodeset"): b.attrib for b in root.iter(XF + "bind")}
    instances = {i.get("id"): i for i in root.iter(XF + "instance") if i.get("id")}
    out = []

    def bind_of(ref):
        return binds.get(ref, {})

    def choices_of(control):
        names = [v.text or "" for item in control.findall(XF + "item") for v in item.findall(XF + "value")]
        itemset = control.find(XF + "itemset")
        if itemset is not None:
            nodeset = itemset.get("nodeset", "")
            if nodeset.startswith("instance('"):
                inst = instances.get(nodeset.split("'")[1])
                if inst is not None:
                    names = [(item.findtext(XF + "name") or "") for item in inst.iter(XF + "item")]
        return names

    def walk(node, group_relevance):
        for child in node:
            tag = child.tag.replace(XF, "")
            ref = child.get("ref") or child.get("nodeset")
            if tag in ("group", "repeat"):
                own = bind_of(ref).get("relevant") if ref else None
                walk(child, group_relevance + ([own] if own else []))
            elif tag in CONTROLS and ref:
                b = bind_of(ref)
                out.append({
                    "name": ref.rsplit("/", 1)[-1],
                    "type": b.get("type", "string"),
                    "control": tag,
                    "readonly": b.get("readonly") == "true()",
                    "required": b.get("required") == "true()",
                    "relevant": group_relevance + ([b["relevant"]] if b.get("relevant") else []),
                    "constraint": b.get("constraint"),
                    "choices": choices_of(child),
                })

    body = root.find("{http://www.w3.org/1999/xhtml}body")
    walk(body, [])
    asked = {q["name"] for q in out}
    # Calculations, and hidden values, have a bind and no control.
    for ref, b in binds.items():
        name = ref.rsplit("/", 1)[-1]
        if name not in asked and not ref.startswith("/data/meta") and "/meta/" not in ref:
            out.append({"name": name, "type": b.get("type", "string"), "control": None,
                        "calculate": b.get("calculate"), "hidden": "calculate" not in b,
                        "readonly": True, "required": False, "relevant": [b["relevant"]] if b.get("relevant") else [],
                        "constraint": None, "choices": []})
    return out


def main(paths):
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        for p in map(Path, paths):
            target = Path(tmp) / (p.stem + ".xml")
            try:
                xls2xform_convert(xlsform_path=str(p), xform_path=str(target), validate=False)
                result[p.name] = {"questions": questions(target.read_text(encoding="utf-8"))}
            except Exception as e:  # pyxform refuses the workbook: the oracle says so
                result[p.name] = {"error": f"{type(e).__name__}: {e}"[:500]}
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
