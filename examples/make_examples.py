#!/usr/bin/env python3
"""Writes the example spreadsheets (framework.csv, framework.xlsx,
framework.ods) from the repository's deck.yaml: one row per behaviour, a
characteristic's own columns on its first row. `deckpress import` turns
each back into the same deck, word for word (tests/import.rs).

Needs PyYAML, openpyxl and odfpy: pip install pyyaml openpyxl odfpy
"""

import csv
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
HEADERS = ["characteristic", "title", "text", "id", "colour", "icon",
           "intro", "lead in", "pillars"]


def rows():
    with open(os.path.join(HERE, "..", "deck.yaml"), encoding="utf-8") as f:
        deck = yaml.safe_load(f)
    out = [HEADERS]
    for c in deck["characteristics"]:
        for i, b in enumerate(c["behaviours"]):
            first = i == 0
            out.append([
                c["name"] if first else "",
                b["title"],
                b["text"],
                c["id"] if first else "",
                c["colour"] if first else "",
                ("../" + c["icon"]) if first and c.get("icon") else "",
                c.get("intro", "") if first else "",
                c.get("lead_in", "") if first else "",
                "; ".join(c.get("pillars", [])) if first else "",
            ])
    return out


def main():
    table = rows()
    with open(os.path.join(HERE, "framework.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table)

    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Framework"
    for r in table:
        sheet.append(r)
    for col, width in zip("ABCDEFGHI", [34, 28, 80, 12, 10, 22, 60, 30, 24]):
        sheet.column_dimensions[col].width = width
    book.properties.creator = "deckpress"
    book.save(os.path.join(HERE, "framework.xlsx"))

    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    t = Table(name="Framework")
    for r in table:
        tr = TableRow()
        for v in r:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=v))
            tr.addElement(cell)
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    doc.save(os.path.join(HERE, "framework.ods"))


if __name__ == "__main__":
    main()
