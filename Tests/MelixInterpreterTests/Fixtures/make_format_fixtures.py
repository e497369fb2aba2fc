"""Reference outputs of Python's format() for the Melix format-spec subset.

Run: python3 Tests/MelixInterpreterTests/Fixtures/make_format_fixtures.py
Writes format_cases.json beside this script (committed; `swift test` needs no Python).
Each case is [melix literal, spec, python result]; Melix literals are valid Python too.
"""
import json, os

cases = [
    ("3.14159", ".3f"), ("3.14159", ".0f"), ("2.5", ".0f"), ("-1.5", ".1f"), ("1234567.891", ",.2f"),
    ("1234567", ","), ("1234567", "_"), ("-1234567", ",d"), ("42", "d"), ("42", "5d"), ("42", "<5d"),
    ("42", "^6d"), ("42", "05d"), ("-42", "05d"), ("42", "+d"), ("42", " d"), ("42", "*>8"),
    ("42", "x"), ("255", "o"), ("5", "b"), ("0.256", ".1%"), ("0.5", "%"), ("12345.678", "e"),
    ("12345.678", ".2e"), ("0.000123", ".3g"), ("123456789.0", "g"), ("1.0", ".3"), ("1234.5", ".2"),
    ("3.0", "10.2f"), ("3.0", "<10.2f"), ("3.0", "^10.2f"), ("-3.0", "=10.2f"), ("3.0", "+.1f"),
    ("1e300", ".2e"), ("0.1", ".20f"), ("2", ".2f"), ("7", "e"), ("1.5", "g"), ("100000.0", "g"),
    ("1000000.0", "g"), ('"abc"', "5"), ('"abc"', ">5"), ('"abc"', "^7"), ('"abcdef"', ".3"),
    ('"abc"', "-<6"), ("float('inf')", ".2f"), ("float('nan')", "f"), ("-0.0", ".1f"), ("1e16", ",.0f"),
]

def melix_literal(text):
    return {"float('inf')": "inf", "float('nan')": "nan"}.get(text, text)

out = [[melix_literal(v), spec, format(eval(v), spec)] for v, spec in cases]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "format_cases.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
print(len(out), "cases")
