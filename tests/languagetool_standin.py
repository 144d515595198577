"""A stand-in LanguageTool server for the tests: the documented HTTP API (`POST /v2/check`
with `text` or annotated `data`, `GET /v2/languages`, `GET /v2/healthcheck`) on
127.0.0.1, with a handful of real LanguageTool rule ids and their categories. Like the real
server it checks the text as annotated (markup read as its `interpretAs`) and reports
offsets and lengths in UTF-16 code units of the original text, markup included.

Also runnable as a program (`python languagetool_standin.py --port N`), which is how the
tests' fake `java` starts it as a "local LanguageTool".
"""
from __future__ import annotations

import argparse
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SOFTWARE = {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28 10:11:00 +0000",
            "apiVersion": 1, "premium": False, "status": ""}
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "Arabic", "code": "ar", "longCode": "ar"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
KNOWN = {lang["longCode"] for lang in LANGUAGES} | {lang["code"] for lang in LANGUAGES} | {"auto"}

CATEGORIES = {
    "MISC": "Miscellaneous", "TYPOS": "Possible Typo", "CASING": "Capitalization",
    "TYPOGRAPHY": "Typography", "GRAMMAR": "Grammar",
}
MISSPELLED = {"goverment": ["government", "governments"], "recieve": ["receive"],
              "occured": ["occurred"], "tommorow": ["tomorrow"]}


def _rules():
    """(id, category, description, issue type, regex, message, replacements(match))"""
    return [
        ("EN_A_VS_AN", "MISC", "Use of 'a' vs. 'an'", "misspelling",
         re.compile(r"\b([Aa])(?= [aeio]\w)"),
         "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, ‘an hour’.",
         lambda m: ["An" if m.group(1) == "A" else "an"]),
        ("MORFOLOGIK_RULE_EN_US", "TYPOS", "Possible spelling mistake", "misspelling",
         re.compile(r"\b(" + "|".join(MISSPELLED) + r")\b", re.IGNORECASE),
         "Possible spelling mistake found.",
         lambda m: MISSPELLED[m.group(1).lower()]),
        ("UPPERCASE_SENTENCE_START", "CASING", "Checks that a sentence starts with an uppercase letter",
         "typographical", re.compile(r"(?:^|(?<=\n\n)|(?<=[.!?] ))([a-z]\w*)"),
         "This sentence does not start with an uppercase letter.",
         lambda m: [m.group(1)[0].upper() + m.group(1)[1:]]),
        ("WHITESPACE_RULE", "TYPOGRAPHY", "Whitespace repetition (bad formatting)", "whitespace",
         re.compile(r"(?<=\S)( {2,})(?=\S)"),
         "Possible typo: you repeated a whitespace",
         lambda m: [" "]),
        ("HE_VERB_AGR", "GRAMMAR", "Agreement error: 'he' + verb", "grammar",
         re.compile(r"\b(?:he|she|it) (are)\b", re.IGNORECASE),
         "The pronoun and the verb do not agree.",
         lambda m: ["is"]),
    ]


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class State:
    def __init__(self):
        self.mode = "ok"          # ok | html | slow | error500
        self.requests: list[dict] = []
        self.lock = threading.Lock()


def _document(form: dict) -> tuple[str, str, list[int]]:
    """(original, interpreted, interpreted index -> original index)"""
    if "data" in form:
        items = json.loads(form["data"])["annotation"]
    else:
        items = [{"text": form.get("text", "")}]
    original, plain, back = [], [], []
    pos = 0
    for item in items:
        if "text" in item:
            chunk = item["text"]
            plain.append(chunk)
            back.extend(range(pos, pos + len(chunk)))
        else:
            chunk = item["markup"]
            reads = item.get("interpretAs", "")
            plain.append(reads)
            back.extend([pos] * len(reads))
        original.append(chunk)
        pos += len(chunk)
    back.append(pos)
    return "".join(original), "".join(plain), back


def check(form: dict) -> list[dict]:
    original, plain, back = _document(form)
    split = lambda key: {v for v in form.get(key, "").split(",") if v}  # noqa: E731
    enabled, disabled = split("enabledRules"), split("disabledRules")
    enabled_cats, disabled_cats = split("enabledCategories"), split("disabledCategories")
    only = form.get("enabledOnly") == "true"
    matches = []
    for rule_id, cat, desc, issue, rx, message, repl in _rules():
        if only and rule_id not in enabled and cat not in enabled_cats:
            continue
        if rule_id in disabled or (cat in disabled_cats and rule_id not in enabled):
            continue
        for m in rx.finditer(plain):
            a, b = m.start(1), m.end(1)
            oa, ob = back[a], back[b]
            offset, length = utf16_len(original[:oa]), utf16_len(original[oa:ob])
            ctx_start = max(0, oa - 40)
            context = original[ctx_start:ob + 40]
            matches.append({
                "message": message,
                "shortMessage": "",
                "replacements": [{"value": v} for v in repl(m)],
                "offset": offset,
                "length": length,
                "context": {"text": context, "offset": utf16_len(original[ctx_start:oa]),
                            "length": length},
                "sentence": plain.strip(),
                "type": {"typeName": "Other"},
                "rule": {"id": rule_id, "description": desc, "issueType": issue,
                         "category": {"id": cat, "name": CATEGORIES[cat]}},
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
    matches.sort(key=lambda x: x["offset"])
    return matches


def make_handler(state: State):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _send(self, code: int, body: str, ctype: str = "application/json") -> None:
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _quirk(self) -> bool:
            if state.mode == "html":
                self._send(200, "<html><body>502 Bad Gateway</body></html>", "text/html")
                return True
            if state.mode == "error500":
                self._send(500, "Error: Internal Error: out of memory", "text/plain")
                return True
            if state.mode == "slow":
                time.sleep(3)
            return False

        def do_GET(self):
            path = urllib.parse.urlparse(self.path).path
            if path == "/v2/healthcheck":
                self._send(200, "OK", "text/plain")
            elif path == "/v2/languages":
                if not self._quirk():
                    self._send(200, json.dumps(LANGUAGES))
            else:
                self._send(404, f"Error: unknown path {path}", "text/plain")

        def do_POST(self):
            path = urllib.parse.urlparse(self.path).path
            length = int(self.headers.get("Content-Length", 0))
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"),
                                               keep_blank_values=True))
            with state.lock:
                state.requests.append({"path": path, **form})
            if path != "/v2/check":
                self._send(404, f"Error: unknown path {path}", "text/plain")
                return
            if self._quirk():
                return
            lang = form.get("language", "")
            if lang not in KNOWN:
                self._send(400, f"Error: '{lang}' is not a language code known to LanguageTool.",
                           "text/plain")
                return
            if "text" not in form and "data" not in form:
                self._send(400, "Error: Missing 'text' or 'data' parameter", "text/plain")
                return
            long_code = "en-US" if lang in ("en", "en-US") else lang
            reply = {
                "software": SOFTWARE,
                "warnings": {"incompleteResults": False},
                "language": {"name": "English (US)", "code": long_code,
                             "detectedLanguage": {"name": "English (US)", "code": "en-US",
                                                  "confidence": 0.99}},
                "matches": check(form),
            }
            self._send(200, json.dumps(reply, ensure_ascii=False))

    return Handler


class StandIn:
    """Serve on 127.0.0.1 at a random port in a thread; `url`, `state`, `close()`."""

    def __init__(self, port: int = 0):
        self.state = State()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), make_handler(self.state))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    args, _ = ap.parse_known_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(State()))
    server.serve_forever()
