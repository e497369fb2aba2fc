#!/usr/bin/env python3
"""Drives the real `melix` REPL through a pseudo-terminal, as a user would.

    python3 repl_pty.py MELIX_BINARY

Prints one line per scenario (`pass NAME` or `FAIL NAME: why`) and exits 0 when all pass,
1 when any fails, and 77 (after a `skip: reason` line) when the binary does not yet answer
`1 + 1` with `2` at a prompt, e.g. while the interpreter is still a stub. Standard library
only. Each scenario gets a fresh HOME and history file, TERM=xterm and NO_COLOR=1.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyexpect import Child, Timeout  # noqa: E402

PROMPT = r">>> "
MORE = r"\.\.\. "
TIMEOUT = 15.0  # seconds; generous for debug builds on a busy machine


def settle():
    """Gives libedit time to put the terminal in raw mode after drawing the prompt: text
    typed before that is echoed twice and a Ctrl-C becomes a signal, unlike a human's."""
    time.sleep(0.15)


def value(text):
    """A pattern for a result line: the text on a line of its own."""
    return r"\r\n" + text + r"\r\n"


class Scenario:
    def __init__(self, binary):
        self.binary = binary
        self.home = tempfile.mkdtemp(prefix="melix-repl-pty-")
        self.history = os.path.join(self.home, "history")
        self.env = {
            "HOME": self.home, "MELIX_HISTORY": self.history, "TERM": "xterm",
            "NO_COLOR": "1", "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
        if "MELIX_STDLIB" in os.environ:
            self.env["MELIX_STDLIB"] = os.environ["MELIX_STDLIB"]
        self.children = []

    def start(self):
        child = Child([self.binary], self.env, cwd=self.home)
        self.children.append(child)
        child.expect(PROMPT, TIMEOUT)
        settle()
        return child

    def run(self, child, line, *patterns):
        """Types `line` and Enter, waits for each pattern in turn, then for the prompt."""
        child.send(line + "\r")
        for pattern in patterns:
            child.expect(pattern, TIMEOUT)
        child.expect(PROMPT, TIMEOUT)
        settle()

    def leave(self, child):
        child.send("\x04")
        status = child.wait(TIMEOUT)
        assert status == 0, "Ctrl-D should leave with status 0, got %r" % status

    def cleanup(self):
        for child in self.children:
            child.close()
        shutil.rmtree(self.home, ignore_errors=True)


def preflight(binary):
    """None when the REPL answers `1 + 1` with `2`; otherwise why not."""
    s = Scenario(binary)
    child = None
    try:
        child = Child([binary], s.env, cwd=s.home)
        child.expect(PROMPT, TIMEOUT)
        settle()
        s.run(child, "1 + 1", value("2"))
        return None
    except (Timeout, EOFError) as error:
        seen = child.text().strip().splitlines() if child else []
        return "'%s' does not answer '1 + 1' with '2' at a prompt (%s; it printed: %r)" % (
            binary, type(error).__name__, " / ".join(seen[:3]))
    finally:
        if child:
            child.close()
        s.cleanup()


# MARK: - scenarios (each takes a Scenario; an AssertionError, Timeout or EOFError fails it)

def history_persists_across_sessions(s):
    child = s.start()
    s.run(child, 'let greeting = "héllo ✓"')
    s.run(child, "40 + 2", value("42"))
    s.run(child, "40 + 2", value("42"))  # a repeat: stored once
    s.leave(child)
    with open(s.history, encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines == ['let greeting = "héllo ✓"', "40 + 2"], "history file holds %r" % lines

    child = s.start()
    child.send("\x1b[A")  # Up: the newest entry
    child.expect(r"40 \+ 2", TIMEOUT)
    s.run(child, "", value("42"))
    child.send("\x12gree")  # Ctrl-R, incremental search backwards
    child.expect("héllo", TIMEOUT)
    child.send("\r")
    child.expect(PROMPT, TIMEOUT)
    settle()
    s.run(child, "greeting", "héllo ✓")
    child.send("le\x1b[A")  # Up after 'le': the newest entry starting with 'le'
    child.expect('greeting = "héllo', TIMEOUT)
    child.send("\x03")
    child.expect(PROMPT, TIMEOUT)
    settle()
    s.leave(child)


def multi_line_definition(s):
    child = s.start()
    child.send("fn add(a, b) {\r")
    child.expect(MORE, TIMEOUT)
    settle()
    child.send("  return a + b\r")
    child.expect(MORE, TIMEOUT)
    settle()
    s.run(child, "}")
    s.run(child, "add(2, 3)", value("5"))
    s.leave(child)


def pasted_block_runs_as_one(s):
    child = s.start()
    child.send("let a = 1\rlet b = 2\rfn f(x) {\r  return x * 10\r}\rf(a + b)\r")
    child.expect(value("30"), TIMEOUT)
    child.expect(PROMPT, TIMEOUT)
    settle()
    s.run(child, "nope", r"<repl:2>:1:1: error")  # the whole block was entry 1
    s.leave(child)


def completion_offers_names(s):
    child = s.start()
    s.run(child, "let learning_rate = 0.25")
    child.send("learn\t")
    child.expect("ing_rate", TIMEOUT)
    s.run(child, "", value("0.25"))
    child.send("pri\t")
    child.expect("nt", TIMEOUT)
    s.run(child, "(7)", value("7"))
    s.leave(child)


def ctrl_c_interrupts_a_loop(s):
    child = s.start()
    s.run(child, "var i = 0")
    child.send("while true { i = i + 1 }\r")
    time.sleep(0.5)
    child.send("\x03")
    child.expect("interrupted", TIMEOUT)
    child.expect(PROMPT, TIMEOUT)
    settle()
    s.run(child, "i > 0", value("true"))
    s.run(child, "1 + 2", value("3"))
    s.leave(child)


def errors_keep_earlier_variables(s):
    child = s.start()
    s.run(child, "let keep = 7")
    s.run(child, "undefined_thing + 1", "error")
    s.run(child, "[1, 2][5]", "runtime error")
    s.run(child, "keep * 2", value("14"))
    s.leave(child)


def ctrl_c_at_the_prompt_clears_the_line(s):
    child = s.start()
    child.send("garbage (")
    child.expect(r"garbage \(", TIMEOUT)
    child.send("\x03")
    child.expect(r"\^C", TIMEOUT)
    child.expect(PROMPT, TIMEOUT)
    settle()
    s.run(child, "2 + 2", value("4"))
    assert "error" not in child.text(), "the dropped line ran: %r" % child.text()
    s.leave(child)


def commands_work(s):
    child = s.start()
    s.run(child, "let keep = 7")
    s.run(child, ":vars", r"keep\s+Int")
    s.run(child, ":hlep", "did you mean ':help'")
    s.run(child, ":time 1 + 1", value("2"), "time: ")
    s.run(child, ":reset")
    s.run(child, "keep", "error")
    child.send(":quit\r")
    status = child.wait(TIMEOUT)
    assert status == 0, ":quit should leave with status 0, got %r" % status


def editrc_is_honoured(s):
    with open(os.path.join(s.home, ".editrc"), "w", encoding="utf-8") as f:
        f.write('melix:bind -s ^G "40 + 2"\nother:bind -s ^G "wrong"\n')
    child = s.start()
    child.send("\x07")  # Ctrl-G, bound by ~/.editrc to type '40 + 2'
    child.expect(r"40 \+ 2", TIMEOUT)
    s.run(child, "", value("42"))
    s.leave(child)


def notebook_cells(s):
    with open(os.path.join(s.home, "nb.mlx"), "w", encoding="utf-8") as f:
        f.write("let base = 10\n#%% Load\nlet a = base + 1\na\n#%% Double\na * 2\n")
    child = s.start()
    s.run(child, ":cells nb.mlx", r"1  Load\s+line 2", r"2  Double\s+line 5")
    s.run(child, ":run nb.mlx --cell 1", value("11"))
    s.run(child, ":run nb.mlx --cell 2", value("22"))
    s.run(child, ":run nb.mlx --cell 3", "no cell 3 in 'nb.mlx': it has 2 cells")
    s.run(child, ":reset")
    s.run(child, ":run nb.mlx", value("11"), r"^22\r\n")  # the next line at once
    s.leave(child)


def piped_input_runs_as_a_script(s):
    done = subprocess.run([s.binary], input="let x = 20\nprint(x + 22)\nx\n".encode(),
                          capture_output=True, env=s.env, timeout=TIMEOUT)
    out = done.stdout.decode()
    assert done.returncode == 0, "status %d, stderr %r" % (done.returncode, done.stderr)
    assert out == "42\n", "stdout %r" % out
    assert b"\x1b" not in done.stdout + done.stderr, "escape codes in piped output"
    failed = subprocess.run([s.binary], input=b"print(1)\n[1][3]\n", capture_output=True,
                            env=s.env, timeout=TIMEOUT)
    assert failed.returncode == 1, "a runtime error should exit 1, got %d" % failed.returncode
    assert failed.stdout.decode() == "1\n", "stdout %r" % failed.stdout


SCENARIOS = [
    history_persists_across_sessions, multi_line_definition, pasted_block_runs_as_one,
    completion_offers_names,
    ctrl_c_interrupts_a_loop, errors_keep_earlier_variables,
    ctrl_c_at_the_prompt_clears_the_line, commands_work, editrc_is_honoured, notebook_cells,
    piped_input_runs_as_a_script,
]

def main():
    if len(sys.argv) != 2:
        print("usage: repl_pty.py MELIX_BINARY", file=sys.stderr)
        return 64
    binary = os.path.abspath(sys.argv[1])
    reason = preflight(binary)
    if reason:
        print("skip: " + reason)
        return 77
    failures = 0
    for scenario in SCENARIOS:
        s = Scenario(binary)
        try:
            scenario(s)
            print("pass " + scenario.__name__)
        except (AssertionError, Timeout, EOFError) as error:
            failures += 1
            print("FAIL %s: %s" % (scenario.__name__, error))
        finally:
            s.cleanup()
        sys.stdout.flush()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
