"""A LanguageTool client: the documented HTTP API (`/v2/check`, `/v2/languages`,
`/v2/healthcheck`), one request per document, and a local server started from a
LanguageTool directory for the whole run.

Why not language-tool-python: its client is a thin wrapper over the same HTTP API, but its
server manager downloads a LanguageTool release when none is found, and tlint must never
touch the network on its own (it runs in pre-commit hooks). It also brings requests, tqdm
and psutil. Here the standard library's urllib does the HTTP, and a local server is only
ever started from a directory the user named, with the `java` on PATH.

Process-wide state: one `Session` per run (the CLI configures it from the config and
TLINT_LANGUAGETOOL_URL); when LanguageTool cannot be reached it records one line saying
what is missing, the grammar rules yield nothing, and the CLI exits with EXIT_GRAMMAR.
"""
from __future__ import annotations

import atexit
import bisect
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ENV_URL = "TLINT_LANGUAGETOOL_URL"
SERVER_JAR = "languagetool-server.jar"
REQUEST_TIMEOUT = 60.0   # seconds for one document
START_TIMEOUT = 60.0     # seconds for a local server to answer its healthcheck


class LanguageToolUnavailable(RuntimeError):
    """LanguageTool cannot be used; str() is one line: what is missing, how to fix it."""


# ---------------------------------------------------------------- UTF-16 offsets


class Utf16Index:
    """LanguageTool (Java) counts offsets in UTF-16 code units; tlint counts characters.
    An emoji or any character outside the BMP is two units, one character."""

    def __init__(self, text: str):
        starts = []
        unit = 0
        for ch in text:
            starts.append(unit)
            unit += 2 if ord(ch) > 0xFFFF else 1
        starts.append(unit)
        self._starts = starts
        self.length = len(text)

    def char(self, unit: int) -> int:
        """The character at UTF-16 offset `unit` (a unit inside a pair maps to its char)."""
        i = bisect.bisect_right(self._starts, unit) - 1
        return max(0, min(i, self.length))

    def char_end(self, unit: int) -> int:
        """The character offset just after UTF-16 offset `unit` (end of a span)."""
        return min(bisect.bisect_left(self._starts, unit), self.length)


# ---------------------------------------------------------------- HTTP client


@dataclass
class Match:
    start: int           # character offsets into the text that was sent
    end: int
    rule_id: str
    category: str
    message: str
    replacements: list[str]


class Client:
    """A LanguageTool server at `url` (e.g. http://localhost:8081)."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT):
        self.url = url.rstrip("/")
        if self.url.endswith("/v2"):
            self.url = self.url[:-3]
        self.timeout = timeout

    def _request(self, path: str, form: dict | None = None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(self.url + path, data=data,
                                     headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                body = resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise LanguageToolUnavailable(
                f"LanguageTool at {self.url} answered HTTP {exc.code}"
                + (f": {detail[0][:200]}" if detail else "")
            ) from None
        except (socket.timeout, TimeoutError):
            raise LanguageToolUnavailable(
                f"LanguageTool at {self.url} did not answer within {self.timeout:.0f}s"
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise LanguageToolUnavailable(
                    f"LanguageTool at {self.url} did not answer within {self.timeout:.0f}s"
                ) from None
            raise LanguageToolUnavailable(
                f"no LanguageTool server at {self.url} ({getattr(reason, 'strerror', None) or reason}); "
                f"start one (see README, 'Grammar') or set {ENV_URL}"
            ) from None
        try:
            return json.loads(body)
        except ValueError:
            first = body.decode("utf-8", "replace").strip().splitlines()[:1]
            raise LanguageToolUnavailable(
                f"LanguageTool at {self.url} sent a reply that is not JSON"
                + (f": {first[0][:200]}" if first else "")
            ) from None

    def healthy(self) -> bool:
        try:
            req = urllib.request.Request(self.url + "/v2/healthcheck")
            with urllib.request.urlopen(req, timeout=2) as resp:
                return resp.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def languages(self) -> list[dict]:
        return self._request("/v2/languages")

    def check(self, annotation: list[dict], language: str, *, enabled_rules=(), disabled_rules=(),
              enabled_categories=(), disabled_categories=(), enabled_only=False) -> list[dict]:
        """Raw matches for one document sent as annotated text (prose as `text`, masked
        code and block breaks as `markup`, so offsets cover both)."""
        form = {"data": json.dumps({"annotation": annotation}, ensure_ascii=False),
                "language": language}
        for key, values in (("enabledRules", enabled_rules), ("disabledRules", disabled_rules),
                            ("enabledCategories", enabled_categories),
                            ("disabledCategories", disabled_categories)):
            if values:
                form[key] = ",".join(values)
        if enabled_only:
            form["enabledOnly"] = "true"
        reply = self._request("/v2/check", form)
        if not isinstance(reply, dict) or not isinstance(reply.get("matches"), list):
            raise LanguageToolUnavailable(f"LanguageTool at {self.url} sent JSON without 'matches'")
        return reply["matches"]


def parse_matches(raw: list[dict], sent: str) -> list[Match]:
    """Raw /v2/check matches -> Matches in character offsets of `sent`."""
    index = Utf16Index(sent)
    out = []
    for m in raw:
        try:
            offset, length = int(m["offset"]), int(m["length"])
            rule = m["rule"]
        except (KeyError, TypeError, ValueError):
            continue
        start = index.char(offset)
        end = index.char_end(offset + length)
        out.append(Match(
            start, end, str(rule.get("id", "UNKNOWN")),
            str((rule.get("category") or {}).get("id", "")),
            str(m.get("message", "")),
            [r["value"] for r in m.get("replacements", []) if isinstance(r, dict) and "value" in r],
        ))
    return out


# ---------------------------------------------------------------- local server


class LocalServer:
    """`java -cp languagetool-server.jar org.languagetool.server.HTTPServer` from the
    directory the user named, on a free port of 127.0.0.1; stopped at exit."""

    def __init__(self, path: str):
        self.path = Path(path).expanduser()
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> str:
        java = shutil.which("java")
        if java is None:
            raise LanguageToolUnavailable(
                "languagetool.path is set but no 'java' is on PATH; install a Java runtime "
                f"(11+) or point {ENV_URL} at a running server"
            )
        jar = self.path / SERVER_JAR
        if not jar.is_file():
            raise LanguageToolUnavailable(
                f"no {SERVER_JAR} in {self.path}; unpack the LanguageTool zip there "
                f"or point {ENV_URL} at a running server"
            )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.proc = subprocess.Popen(
            [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)],
            cwd=str(self.path), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        atexit.register(self.stop)
        self.url = f"http://127.0.0.1:{port}"
        client = Client(self.url)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = (self.proc.stderr.read() or b"").decode("utf-8", "replace").strip().splitlines()
                raise LanguageToolUnavailable(
                    f"the LanguageTool server in {self.path} exited at start"
                    + (f": {err[-1][:200]}" if err else "")
                )
            if client.healthy():
                return self.url
            time.sleep(0.1)
        self.stop()
        raise LanguageToolUnavailable(
            f"the LanguageTool server in {self.path} did not start within {START_TIMEOUT:.0f}s"
        )

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


# ---------------------------------------------------------------- session


@dataclass
class Session:
    """Where LanguageTool is for this run, connected on first use."""

    settings: dict = field(default_factory=dict)
    client: Client | None = None
    server: LocalServer | None = None
    unavailable: str | None = None   # the one line, once LanguageTool has failed

    def language(self, default: str = "en") -> str:
        lang = str(self.settings.get("language") or default)
        return "en-US" if lang == "en" else lang

    def connect(self) -> Client:
        if self.unavailable:
            raise LanguageToolUnavailable(self.unavailable)
        if self.client is not None:
            return self.client
        url = os.environ.get(ENV_URL) or self.settings.get("url")
        path = self.settings.get("path")
        try:
            if url:
                self.client = Client(str(url), float(self.settings.get("timeout", REQUEST_TIMEOUT)))
            elif path:
                self.server = LocalServer(str(path))
                self.client = Client(self.server.start())
            else:
                raise LanguageToolUnavailable(
                    "the grammar pack needs LanguageTool: set languagetool.url (or "
                    f"{ENV_URL}) to a running server, or languagetool.path to a LanguageTool directory"
                )
        except LanguageToolUnavailable as exc:
            self.fail(str(exc))
            raise
        return self.client

    def fail(self, message: str) -> None:
        self.unavailable = self.unavailable or message

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.client = None


SESSION = Session()


def configure(settings: dict) -> Session:
    """Start a fresh session for a run (the CLI calls it with the config's languagetool
    mapping); the previous one's local server is stopped."""
    global SESSION
    SESSION.close()
    SESSION = Session(dict(settings))
    return SESSION


def session() -> Session:
    return SESSION
