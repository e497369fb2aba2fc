#!/usr/bin/env python3
"""Random RFC 4180 files for CSVReaderFuzzTests: each case is CSV text written by Python's
csv module (quotes, doubled quotes, commas, LF/CRLF inside fields, UTF-8, with or without a
final newline) and the rows Python's csv.reader gets back. Writes csv_fuzz.json beside this
script. Run: python3 Tests/MelixDataTests/Fixtures/make_csv_fuzz.py"""
import csv
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
PIECES = ["a", "b", "xyz", "1", "2.5", ",", '"', "\n", "\r\n", " ", "é", "✓", "NA", ""]


def field(rng):
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))


def main():
    rng = random.Random(20261129)
    cases = []
    for case in range(60):
        columns = rng.randint(2, 5)
        rows = [["c%d" % k for k in range(columns)]]
        for _ in range(rng.randint(1, 30)):
            rows.append([field(rng) for _ in range(columns)])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=rng.choice(["\n", "\r\n"]))
        writer.writerows(rows)
        text = buffer.getvalue()
        if case % 3 == 0:
            text = text[: -len(writer.dialect.lineterminator)]
        parsed = list(csv.reader(io.StringIO(text, newline="")))
        cases.append({"text": text, "rows": parsed})
    with open(os.path.join(HERE, "csv_fuzz.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=0)
        f.write("\n")


if __name__ == "__main__":
    main()
