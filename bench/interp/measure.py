"""Times the interpreter benchmark programs and prints one table.

Called by run.sh. For each program (fib, loop, matmul) runs the Melix, Python and Lua
versions RUNS times each, checks that all three print the same output, and reports the
median wall-clock seconds and the ratio Melix/Python (below 1.0 means Melix is faster).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

PROGRAMS = ["fib", "loop", "matmul"]


def run_once(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"measure.py: {' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed, result.stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--melix", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("folder")
    args = parser.parse_args()

    print(f"{'program':<8} {'melix s':>9} {'python s':>9} {'lua s':>9} {'melix/python':>13}  result")
    for name in PROGRAMS:
        base = os.path.join(args.folder, name)
        commands = {
            "melix": [args.melix, "run", base + ".mlx"],
            "python": [sys.executable if sys.executable else "python3", base + ".py"],
            "lua": ["lua5.4", base + ".lua"],
        }
        # Rounds interleave the languages so a change in machine load (the machine is
        # shared) affects all three alike and the ratio stays fair.
        times = {lang: [] for lang in commands}
        outputs = {}
        for _ in range(args.runs):
            for lang, command in commands.items():
                elapsed, output = run_once(command)
                times[lang].append(elapsed)
                outputs[lang] = output
        medians = {lang: statistics.median(values) for lang, values in times.items()}
        if len(set(outputs.values())) != 1:
            sys.exit(f"measure.py: {name}: outputs differ: {outputs}")
        ratio = medians["melix"] / medians["python"]
        print(
            f"{name:<8} {medians['melix']:>9.3f} {medians['python']:>9.3f} "
            f"{medians['lua']:>9.3f} {ratio:>13.2f}  {outputs['melix']}"
        )


if __name__ == "__main__":
    main()
