"""A tiny expect over a pseudo-terminal, standard library only (pty, os, select).

Used by repl_pty.py (tests) and bench/repl/measure.py (start-up timing).
"""
import os
import pty
import re
import select
import signal
import time


class Timeout(Exception):
    """The expected text did not arrive in time."""


class Child:
    """A program running on a new pseudo-terminal, as if typed at by a user."""

    def __init__(self, argv, env, cwd=None, rows=24, cols=80):
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            if cwd:
                os.chdir(cwd)
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = b""      # everything read so far
        self.seen = 0          # offset in output up to the last match
        self.status = None
        try:
            import fcntl, struct, termios
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        except OSError:
            pass

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            raise EOFError("the program ended; output so far:\n" + self.text())
        self.output += data
        return True

    def expect(self, pattern, timeout=5.0):
        """Waits until `pattern` (a regex over the decoded output) appears after the last
        match; returns the match. Raises Timeout with the output seen so far."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            text = self.output[self.seen:].decode("utf-8", "replace")
            match = regex.search(text)
            if match:
                self.seen += len(text[: match.end()].encode("utf-8", "replace"))
                return match
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("expected %r within %.1fs; output after the last match:\n%r"
                              % (pattern, timeout, text))
            self._read(min(left, 0.1))

    def send(self, text):
        os.write(self.fd, text.encode("utf-8"))

    def text(self):
        return self.output.decode("utf-8", "replace")

    def wait(self, timeout=5.0):
        """Waits for the program to end, draining its output; returns its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            try:
                self._read(0.05)
            except EOFError:
                pass
        raise Timeout("the program did not end within %.1fs" % timeout)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass
