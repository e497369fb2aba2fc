#!/usr/bin/env python3
"""Times a REPL at a pseudo-terminal: from start to a ready prompt, and to the answer of
`1 + 1`. Prints the median and range over several runs, in milliseconds.

    python3 measure.py [--runs N] [--reference "python3 -q -i"] MELIX_BINARY

Both programs must print a `>>> ` prompt and answer `1 + 1` with `2` on a line of its own
(melix does, and so does `python3 -q -i`, the reference). Each run gets a fresh HOME and an
empty history file; the figures include the pty round trip.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "MelixREPLTests", "pty"))
from ptyexpect import Child  # noqa: E402


def one_run(argv):
    home = tempfile.mkdtemp(prefix="melix-bench-")
    env = {"HOME": home, "MELIX_HISTORY": os.path.join(home, "history"), "TERM": "xterm",
           "NO_COLOR": "1", "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "PYTHONSTARTUP": ""}
    if "MELIX_STDLIB" in os.environ:
        env["MELIX_STDLIB"] = os.environ["MELIX_STDLIB"]
    child = None
    try:
        start = time.monotonic()
        child = Child(argv, env, cwd=home)
        child.expect(r">>> ", 30)
        prompt = time.monotonic()
        child.send("1 + 1\r")
        child.expect(r"\r\n2\r\n", 30)
        answer = time.monotonic()
        return (prompt - start) * 1000, (answer - start) * 1000
    finally:
        if child:
            child.close()
        shutil.rmtree(home, ignore_errors=True)


def measure(argv, runs):
    one_run(argv)  # warm the file cache; not counted
    prompts, answers = [], []
    for _ in range(runs):
        p, a = one_run(argv)
        prompts.append(p)
        answers.append(a)
    return prompts, answers


def report(label, prompts, answers):
    print("%-8s prompt %6.1f ms (min %5.1f, max %5.1f)   '1 + 1' answered %6.1f ms (min %5.1f, max %5.1f)"
          % (label, statistics.median(prompts), min(prompts), max(prompts),
             statistics.median(answers), min(answers), max(answers)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reference", default="python3 -q -i",
                        help="the REPL to compare with (a command line)")
    parser.add_argument("melix")
    options = parser.parse_args()
    print("REPL start-up, median of %d runs through a pty (fresh HOME and history each run)"
          % options.runs)
    melix = measure([os.path.abspath(options.melix)], options.runs)
    report("melix", *melix)
    reference = options.reference.split()
    reference[0] = shutil.which(reference[0]) or reference[0]
    other = measure(reference, options.runs)
    report(os.path.basename(reference[0]), *other)
    print("ratio melix / %s: prompt %.2f, answer %.2f   (target: melix under 100 ms)"
          % (os.path.basename(reference[0]),
             statistics.median(melix[0]) / statistics.median(other[0]),
             statistics.median(melix[1]) / statistics.median(other[1])))


if __name__ == "__main__":
    main()
