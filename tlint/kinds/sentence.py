"""`sentence`: the shape of sentences and paragraphs, chosen by `check`.

- `fragment`: a sentence broken by a stray full stop: a verbless phrase split off the
  sentence before it (`makes it different. From almost all of his predecessors.`), a
  sentence that resumes in lower case after a full stop (`responsibility. towards those`),
  a paragraph split in two by inserted page furniture (one half ends on `to`, the other
  starts in lower case), a word cut to its initial at a paragraph's end (`within the H.`).
  The fix (join the halves) needs a human look, so packs mark it unsafe.
- `capital`: a pronoun or function word capitalised mid-sentence (`implement His plan`).
  Only when the next word is lower case, so titles and honorifics (`His Majesty`,
  `The New York Times`, `Gone With the Wind`) stay quiet. Fix: lower-case it.
- `unterminated`: a body paragraph without final punctuation. Headlines, decks, captions,
  subheadings and a document's (possibly excerpted) last block are left alone.
- `unclosed-quote`: a quotation opened in a paragraph and never closed, unless the next
  paragraph opens with a quotation mark (a quotation running over several paragraphs).

Verb detection: there is no tagger that is small and runs offline without downloads
(nltk's tagger needs its downloader, spaCy a model package), so a fragment is a sentence
with no auxiliary and no word that the lemminflect lexicon (data shipped in its wheel)
knows as a verb form, a noun/verb word after a determiner counting as a noun. The
lexicon is loaded only when a candidate fragment needs it: most articles never pay.
"""
from __future__ import annotations

import functools
from typing import Iterator

import regex

from tlint import rx  # module-level patterns load precompiled (tlint.rx)

from tlint.document import PLACEHOLDER, Block, Document, ends_sentence
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.lexicon import parts_of_speech
from tlint.sentences import Sentence, inside_quote, split
from tlint.words import WordPattern, _scan, lower_in_place

CHECKS = ("fragment", "capital", "unterminated", "unclosed-quote")

# Words that are always lower case inside an English sentence. `may`, `will`, `can`, `march`
# are left out (months and names), so are single letters (`grade A`, `Plan B`).
FUNCTION_WORDS = frozenset(
    """he him his himself she her hers herself it its itself they them their theirs
    themselves we us our ours you your yours this that these those who whom whose which what
    the an some any every each both either neither another such
    is are was were be been being am has have had do does did would shall should could must
    might of in on at to for with from by about into onto upon over under after before
    between against during without within through across toward towards among and or but
    nor because although though whereas unless than just also only even still already
    very not never always often there here""".split()
)

# The capital check also knows the prepositions made of participles: ", Including the drought".
CAPITAL_WORDS = FUNCTION_WORDS | frozenset("including according regarding concerning despite except".split())

# "defeating His Indian opponent": a possessive before a nationality adjective and a
# lower-case noun is no title ("His Majesty" is listed below and never takes an adjective).
_POSSESSIVES = frozenset("his her its their our".split())
_DEMONYM_NEXT_RE = rx.compile(r"[ \t]+\p{Lu}\p{Ll}+(?:an|ish|ese|i)[ \t]+\p{Ll}")

# Titles and honorifics written with a capital pronoun; also God's pronouns (handled below).
DEFAULT_EXCEPTIONS = (
    "His Majesty", "Her Majesty", "His Holiness", "His Highness", "Her Highness",
    "His Excellency", "Her Excellency", "Your Excellency", "Her Royal Highness",
    "His Royal Highness", "Their Majesties", "Your Honor", "Your Honour",
)
_DIVINE_RE = rx.compile(r"\b(?:God|Allah|Lord|Jesus|Christ|Prophet)\b")
_DIVINE_PRONOUNS = frozenset({"he", "him", "his", "himself"})

AUXILIARIES = frozenset(
    """is are was were be been being am 's 're 'm has have had 've 'd do does did will would
    shall should can could may might must won't can't don't doesn't didn't isn't aren't
    wasn't weren't hasn't haven't hadn't wouldn't shouldn't couldn't""".split()
)
# A pronoun or adverb with its verb contracted ("'s" after a noun is a possessive).
_VERB_CONTRACTIONS = frozenset(
    f"{p}'{v}" for p, vs in (
        ("i", "m ve d ll"), ("you", "re ve d ll"), ("we", "re ve d ll"), ("they", "re ve d ll"),
        ("he", "s d ll"), ("she", "s d ll"), ("it", "s d ll"), ("that", "s d ll"),
        ("there", "s re d ll"), ("here", "s re"), ("what", "s re"), ("who", "s re d ll"),
        ("where", "s"), ("how", "s"), ("let", "s"),
    ) for v in vs.split()
)
# After these a word that can be a noun is one: "the talks", "his plan", "in power".
NOUN_CONTEXT = frozenset(
    """the a an this that these those his her its their our your my some any every each no
    of in on at to for with from by about into over under after before between against
    during without within through across among and or all both many several few more most
    other such new former per""".split()
)
# Words a paragraph cannot end on when complete: its sentence continues elsewhere.
# Particles that end phrasal verbs ("step in", "carry on", "come about", "after that") are not here.
DANGLING = frozenset(
    """the a an of to for with from and or but into than between their his her its our
    your""".split()
)
# Lower-case name particles that may open a sentence: "de Mistura said", "van Gogh".
PARTICLES = frozenset("de del della der di du da dos van von la le bin ibn ben".split())

_WORDS = WordPattern(r"[\p{L}\p{M}]", r"[\p{L}\p{M}\p{N}]", "'’", r"[\p{L}]")
_WORD_RE = _WORDS.regex
_TOKEN_RE = rx.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-]*")
_QUOTE_CHARS = frozenset("\"“”«»„")
# Caption evidence: a credit tag `(AFP)` `[APF]` `(Anatolian)`, photo words, `REUTERS/`.
# A tag mid-text counts only when it reads as a name (`(Murtadha Sudani/AFP)`), not a gloss
# in parentheses (`"هر قطره" (Every drop matters)`); at the end any capitalised tag does.
_CREDIT_RE = rx.compile(
    r"[(\[]\s*\p{Lu}[\p{L}.&'’\- ]{0,30}(?:/[\p{L} .]{0,30})?[)\]](?=\W*$)"
    r"|[(\[]\s*\p{Lu}[\p{L}.&'’\-]*(?:\s+(?:\p{Lu}[\p{L}.&'’\-]*|via|and|of|al|el|de))*"
    r"(?:/[\p{L} .]{0,30})?[)\]]"
    r"|\b(?i:photo|photograph|image|picture|credit|courtesy)s?\b|\b\p{Lu}{2,}/|/\s*\p{Lu}{2,}\b"
)
# `Deputy: It is difficult…`, `AP Interview: …`: a headline's speaker label.
_LABEL_RE = rx.compile(r"^\s*(?:\p{Lu}[\p{L}\-’']*\s+){0,2}\p{Lu}[\p{L}\-’']*:\s")
# The word or number a paragraph ends on, when it ends on one.
_LAST_TOKEN_RE = rx.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N},]*(?<!,)$")
# A whole word cut to its initial at a paragraph's end: "within the H."
_CUT_INITIAL_RE = rx.compile(
    r"\b(?:the|a|an|of|in|on|at|to|for|with|from|by|and|within|into)\s+(\p{Lu}\.)\s*$"
)
_CAPITAL_RE = rx.compile(r"\p{Lu}")


def _ends_on_initial(text: str) -> bool:
    """Necessary for _CUT_INITIAL_RE, and cheap: the text ends on a capital and a full stop
    (rstrip strips all that \\s does, and more; most paragraphs end on a lower-case word),
    where the search itself would try every position of the block."""
    end = text.rstrip()
    return len(end) >= 2 and end[-1] == "." and _CAPITAL_RE.match(end, len(end) - 2) is not None


# A reference entry's journal volume and pages: "2019;14(2):101-118", "2021;9:55-63".
_CITATION_RE = rx.compile(r"\b(?:1[89]|20)\d\d\s*;\s*\d+(?:\s*\(\d+\))?\s*:\s*\d")
# A fragment this short with a comma is an elliptical answer ("In winter, fewer.").
_ELLIPTICAL_WORDS = 5
# A paragraph's verbless first sentence counts from this length (shorter: a label, a dateline).
_PARAGRAPH_FRAGMENT_WORDS = 6


def _has_citation(block: Block) -> bool:
    memo = block.memo
    if "sentence.citation" not in memo:
        memo["sentence.citation"] = _CITATION_RE.search(block.text) is not None
    return memo["sentence.citation"]


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _body_paragraph_before(blocks: list[Block], n: int) -> bool:
    """Block n follows a body paragraph that ends a sentence (not a heading or a list)."""
    prev = blocks[n - 1]
    return prev.kind == "paragraph" and _has_words(prev, 8) and ends_sentence(prev.text.rstrip())


def _pos(word: str) -> frozenset[str]:
    return parts_of_speech(word)


def _participle(word: str) -> str | None:
    """'ing' or 'ed' when `word` is a verb's participle (`rising`, `repeated`, `stopped`,
    `carried`): its stem is a verb. `bring`, `king`, `need` are not."""
    if len(word) > 4 and word.endswith("ing"):
        stem = word[:-3]
        stems = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "")
        kind = "ing"
    elif len(word) > 4 and word.endswith("ed"):
        stems = (word[:-2], word[:-1], word[:-3] if word[-3] == word[-4] else "",
                 word[:-3] + "y" if word.endswith("ied") else "")
        kind = "ed"
    else:
        return None
    return kind if any(s and "VERB" in _pos(s) for s in stems) else None


def _is_verbal(word: str, prev: str | None) -> bool:
    """Could `word` (lower case) be the verb of a sentence that has no auxiliary?"""
    if word in AUXILIARIES or word.endswith(("n't", "’t")):
        return True
    pos = _pos(word)
    if "VERB" not in pos and "AUX" not in pos:
        return False
    participle = _participle(word)
    if participle == "ing" and prev is not None:
        # without a form of "be" (has_verb returns before this when there is one) an -ing
        # word is a gerund or an adjective: "In contrast to the rising cost of living."
        # In first place it may head its sentence: "Editing by John Doe."
        return False
    if participle == "ed" and (prev is None or prev in NOUN_CONTEXT):
        # after a determiner or a preposition it is an adjective: "the repeated warnings"
        return False
    if pos <= {"VERB", "AUX"}:
        return True
    if prev in ("this", "that") and _is_s_form(word):
        # "This leaves little room", "this accounts for": a singular determiner takes no
        # plural noun, so the -s form is the verb of a pronoun subject
        return True
    # a noun/verb word after a determiner, a preposition or an adjective is the noun
    # ("the talks", "in power", "north bank")
    # "the rising cost": a participle before it is an adjective too, unless the word is an
    # -s verb after an -ing noun ("the warning covers")
    return prev not in NOUN_CONTEXT and (
        prev is None or ("ADJ" not in _pos(prev) and not (_participle(prev) and not _is_s_form(word))))


def _verb_at_a_glance(words: list[str]) -> bool:
    """Cheap and common (`words` in lower case): an auxiliary after the first word, or a
    past form after a word that can be its subject (after "the" or "of" it is an
    adjective: "the affected villages"). True means has_verb is True."""
    return not AUXILIARIES.isdisjoint(words[1:]) or any(
        len(w) > 4 and w.endswith("ed") and p not in NOUN_CONTEXT for p, w in zip(words, words[1:]))


def has_verb(text: str) -> bool:
    return _has_verb(text, _WORDS.findall_lower(text))


def _has_verb(text: str, words: list[str]) -> bool:
    """has_verb, given the text's words in lower case."""
    if ("'" in text or "’" in text) and any(w.replace("’", "'") in _VERB_CONTRACTIONS for w in words):
        return True  # "I'm Maya Ross.", "Here's one from Priya.": the verb is in the contraction
    if _verb_at_a_glance(words):
        return True
    prev = None
    for i, m in enumerate(_WORD_RE.finditer(text)):
        w = m.group()
        if i and w[0].isupper():
            prev = None  # a name mid-sentence
            continue
        lw = w.lower().replace("’", "'")
        if i == 0 and lw in _PHRASE_OPENERS:
            prev = lw
            continue
        if lw in _ADJ_BEFORE_TO and _TO_NEXT_RE.match(text, m.end()):
            prev = lw  # "close to the sea", "next to the mosque": an adjective, not a verb
            continue
        if _is_verbal(lw, prev):
            return True
        prev = lw
    return False


class Rule(BaseRule):
    kind = "sentence"
    fields = {"check": str, "words": list, "exceptions": list, "min_words": int}
    required = frozenset({"check"})
    builtin_fix = True

    def compile(self) -> None:
        self.check_name = self.spec["check"]
        if self.check_name not in CHECKS:
            raise RuleConfigError(f"check must be one of: {', '.join(CHECKS)}", "check")
        words = self.spec.get("words")
        self.words = frozenset(w.lower() for w in words) if words is not None else CAPITAL_WORDS
        self.exceptions = tuple(self.spec.get("exceptions", ())) + DEFAULT_EXCEPTIONS
        default_min = {"fragment": 3, "capital": 1, "unterminated": 11, "unclosed-quote": 1}[self.check_name]
        self.min_words = self.spec.get("min_words", default_min)
        if self.min_words < 1:
            raise RuleConfigError("min_words is at least 1", "min_words")
        if self.check_name == "capital":
            # built here, not on first use: a compiled pack is cached (tlint.pack_cache) and a
            # pickled regex loads in well under a millisecond, where compiling this
            # alternation of ~100 words costs 10-30 ms of every one-article run
            self._cap_re = self._build_cap_re()
            # the gate's one Hyperscan pass (tlint.gate) then says which blocks could hold
            # a finding: the check runs on those only (a few in a hundred)
            self.regex = self._build_gate_re()
            self.only_candidates = True

    def _build_cap_re(self):
        forms = sorted({w for w in self.words if w}, key=len, reverse=True)
        alternation = "|".join(f"(?i:{regex.escape(w[0])}){regex.escape(w[1:])}" for w in forms)
        # Two necessary conditions of _capitals, tested by the regex engine instead of per
        # token in Python (most capitalised words open a sentence or a longer word):
        # before it, what _mid_sentence needs; after it, the end of the token (the token
        # must be one of the words).
        return regex.compile(
            rf"(?<={_MID_SENTENCE_BEFORE})(?=\p{{Uppercase}})(?:{alternation})"
            r"(?![\p{L}\p{M}\p{N}'’\-])"
        )

    def _build_gate_re(self):
        """Where a finding of _capitals can be, written for the gate, which drops
        lookarounds: the characters around the word are consumed (what _mid_sentence needs
        before it, the end of the token after it), and the capital is a set intersection (a
        capital T, not "the"). Or an attribution after a quotation (_QUOTE_VERB_RE)."""
        def initial(c: str) -> str:
            if not c.isascii():
                return r"\p{Uppercase}"
            variants = {c.lower(), c.upper()} | ({"\u212a"} if c in "kK" else set())
            return rf"[\p{{Uppercase}}&&[{''.join(map(regex.escape, sorted(variants)))}]]"
        forms = sorted({w for w in self.words if w}, key=len, reverse=True)
        alternation = "|".join(initial(w[0]) + regex.escape(w[1:]) for w in forms)
        return regex.compile(
            rf"(?V1)(?:{_MID_SENTENCE_BEFORE})(?:{alternation})(?:[^\p{{L}}\p{{M}}\p{{N}}'’\-]|\Z)"
            rf"|{_QUOTE_VERB_BEFORE}(?:{_QUOTE_VERBS})\b"
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.check_name == "capital":
            for block in self.candidate_blocks(doc):
                yield from self._capitals(block)
        elif self.check_name == "fragment":
            yield from self._fragments(doc)
        elif self.check_name == "unclosed-quote":
            yield from self._unclosed_quotes(doc)
        else:
            yield from self._unterminated(doc)

    # ------------------------------------------------------------ capital

    def _capitals(self, block: Block) -> Iterator[Finding]:
        text = block.text
        starts = {s.start for s in split(text)}
        for m in self._capitalised_tokens(text):
            w = m.group()
            if m.start() in starts or not (w[0].isupper() and w[1:].islower()):
                continue
            if w.lower() not in self.words:
                continue
            if not self._mid_sentence(text, m.start()):
                continue
            if not _next_is_lower(text, m.end()) and not (
                w.lower() in _POSSESSIVES and _DEMONYM_NEXT_RE.match(text, m.end())
            ):
                continue
            if any(text.startswith(e, m.start()) for e in self.exceptions):
                continue
            if w.lower() in _DIVINE_PRONOUNS and _DIVINE_RE.search(_sentence_before(text, m.start(), starts)):
                continue
            yield self.finding(block, m.start(), m.end(), w.lower(), word=w)
        for m in _QUOTE_VERB_RE.finditer(text):
            # `…the nature," Explained the director`: the attribution goes on in lower case
            yield self.finding(block, m.start(), m.end(), m.group().lower(), word=m.group())

    def _capitalised_tokens(self, text: str) -> Iterator:
        """The tokens (_TOKEN_RE matches, in order) that may be one of `words` written with a
        capital: a search for the capitalised words themselves finds their few positions,
        instead of visiting every token of the block. Every token that can pass the checks
        in _capitals is among them (the checks themselves are unchanged)."""
        cap_re = self.__dict__.get("_cap_re")
        if cap_re is None:
            cap_re = self._cap_re = self._build_cap_re()
        for m in cap_re.finditer(text, overlapped=True):
            pos = m.start()
            if _token_start(text, pos):
                yield _TOKEN_RE.match(text, pos)

    @staticmethod
    def _mid_sentence(text: str, pos: int) -> bool:
        """The word follows a lower-case word, a number or a comma on the same line: not a
        sentence start, quotation, heading run, list or line start."""
        j = pos - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j >= 1 and j < pos - 1 and text[j] in "\"”" and text[j - 1] == ",":
            return True  # `…cover the diesel," He said`: after a quotation closed on a comma
        if j >= 1 and text[j] == ":" and text[j - 1].islower():
            return _colon_list(text, pos)
        if j >= 2 and text[j] == "(" and text[j - 1] == " " and text[j - 2].islower():
            return True  # "the agency (Which is owned by the state)": a parenthesis mid-sentence
        if j < 0 or not (text[j].isalnum() or text[j] in ",;"):
            return False
        if text[j].isdigit() and _CLAUSE_NO_RE.match(text, text.rfind("\n", 0, pos) + 1, pos):
            return False  # "3.2 The closing date …": a clause number heads the sentence
        if text[j] == ";" and _ENTITY_END_RE.search(text, 0, j + 1):
            return False  # `&quot;` left by a scraper: the encoding pack's business
        if text[j] in ",;":
            return True  # a semicolon joins clauses of one sentence: "rose; Their income fell"
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-'’"):
            k -= 1
        if k > 0 and text[k - 1] in ".!?" and text[k:j + 1].isdigit():
            return False  # "supply.6544 Despite the …": a number glued after the stop (the glued pack's)
        return not text[k].isupper()

    # ------------------------------------------------------------ fragment

    def _fragments(self, doc: Document) -> Iterator[Finding]:
        blocks = doc.blocks
        for n, block in enumerate(blocks):
            if block.kind not in self.scope:
                continue
            text = block.text
            sents = split(text)
            safe = _safe_sentences(text, sents)
            for k in range(1, len(sents)):
                prev, sent = sents[k - 1], sents[k]
                if safe is not None and safe[k] and not prev.text.endswith(_QUOTE_ENDS):
                    continue  # _split_sentence would find nothing (tests hold the two together)
                f = self._split_sentence(block, prev, sent)
                if f is not None:
                    yield f
            m = _CUT_INITIAL_RE.search(text) if _ends_on_initial(text) else None
            if m and sents and sents[-1].start <= m.start():
                yield self.finding(block, m.start(), m.end(), None, kind="a word cut to its initial")
            if 0 < n < len(blocks) - 1:
                yield from self._split_paragraph(doc, blocks, n)
            if (sents and n > 0 and block.kind == "paragraph" and not (safe and safe[0])
                    and _body_paragraph_before(blocks, n)):
                # (safe[0]: the verdict on the first sentence would be None)
                f = self._paragraph_fragment(block, sents[0])
                if f is not None:
                    yield f

    def _paragraph_fragment(self, block: Block, sent: Sentence) -> Finding | None:
        """A paragraph that opens with a fragment split off the paragraph before: a
        verbless phrase ("Among them the mayor and his deputies.", "In order to cut the
        costs.") or a clause without a main clause ("Because the rains came late …").
        Only the strong signs count: a short verbless line may be a dateline or a label."""
        first = _WORD_RE.match(block.text, sent.start)
        if first is None or not first.group()[0].isupper() or first.group().lower() not in _PARAGRAPH_OPENERS:
            return None  # (most paragraphs open otherwise: the verb search is skipped for them)
        verdict = self._fragment_verdict(block, None, sent, first.group())
        if verdict is None:
            return None
        words = _WORDS.findall(sent.text)
        if verdict[0] == "has no verb" and not (_phrase_opener(words) and len(words) >= _PARAGRAPH_FRAGMENT_WORDS):
            return None
        return self.finding(block, sent.start, sent.end, None, kind=verdict[0])

    def _split_sentence(self, block: Block, prev: Sentence, sent: Sentence) -> Finding | None:
        text = block.text
        if prev.text.endswith(_QUOTE_ENDS) and _ATTRIBUTION_RE.match(sent.text):
            # `…feeds us." Said the director.`: the quotation's attribution cut off by a stop
            return self.finding(block, sent.start, sent.end, None, kind="is a quotation's attribution")
        if not prev.text.endswith(".") or prev.text.endswith(("..", "…")):
            return None
        period = prev.end - 1
        first = _WORD_RE.match(text, sent.start)
        if first is None:
            return None
        word = first.group()
        if word[0].islower():
            # "responsibility. towards those segments": the sentence goes on in lower case
            if any(c.isupper() for c in word) or word in PARTICLES or not _is_english(word):
                return None  # `iPhone`, `de Mistura`, `orjson`: a name, not a continuation
            return self._join(block, period, sent.start, first.end(), word, "resumes in lower case")
        verdict = self._fragment_verdict(block, prev, sent, word)
        if verdict is None:
            return None
        why, word = verdict
        return self._join(block, period, sent.start, sent.end, word, why, whole=True)

    def _fragment_verdict(self, block: Block, prev: Sentence | None, sent: Sentence, word: str):
        """Why `sent` (opening with `word`) is no sentence of its own, and the word the fix
        joins it with; None when it stands. `prev` is None for a paragraph's first sentence."""
        text = block.text
        stop = sent.text.endswith(".") or (sent.text.endswith("۔") and sent.end == len(text.rstrip()))
        if not stop or sent.text.endswith(("..", "…")):
            return None  # (an Urdu/Arabic full stop `۔` ends the paragraph's last sentence)
        if _plainly_a_sentence(sent.text):
            return None
        return self._full_verdict(block, sent, word)

    def _full_verdict(self, block: Block, sent: Sentence, word: str):
        """_fragment_verdict for a sentence ending on a full stop, without the shortcut."""
        text = block.text
        if not _QUOTE_CHARS.isdisjoint(sent.text) or inside_quote(text, sent.start):
            return None
        if PLACEHOLDER in sent.text:
            return None  # masked code or a URL stands in for words we cannot see
        if _LABEL_FIGURES_RE.search(sent.text):
            return None  # "High water at London Bridge: 13.07 and 01.32.": a label and its figures
        if _has_citation(block) and _CITATION_RE.search(text, text.rfind("\n", 0, sent.start) + 1, _line_end(text, sent.end)):
            return None  # a reference entry's journal and volume: "Ann Med. 2020;12(3):4-9."
        words = _WORDS.findall(sent.text)
        if len(words) < self.min_words:
            return None
        if _participle_tail(sent.text, words) or _AS_SAID_RE.match(sent.text):
            # "the laboratory. Noting that the farm saves water.", "before June. As he said
            # in a press conference.": a participle or an attribution without a main clause
            return "has no main clause", word.lower()
        if _subordinate_tail(sent.text, words):
            # "…arrived. Because the harvest has not begun in the south.", "… imports. Where
            # the gas covers a tenth of the demand.": a subordinate clause without a main one
            return "has no main clause", word.lower()
        if _emphatic(words):
            return None
        if _relative_tail(words):
            # "the pumping station. Which supplies the city.": a relative clause cut off
            # from its noun; it has a verb, but no subject of its own
            return "is a relative clause", word.lower()
        main = _main_clause(sent.text, words)
        if _participle_opener(words):
            # "Aiming to cut the prices of bread.": the participle heads a phrase, and the
            # phrase needs a verb of its own ("Reaching the summit took three days.")
            head = len(words[0])
            if words[0].lower() in ("having", "being") and len(words) > 2:
                # "Having become the largest …": the perfect participle's verb is no finite verb
                head = sent.text.find(words[1], head) + len(words[1])
            main = _INFINITIVE_RE.sub(" ", main[head:])  # "to reduce" is no finite verb
        if has_verb(main):
            return None
        if block.kind == "caption":
            return None  # captions and object labels go without verbs: "Silk and wool. Gift of the artist."
        if _appositive_verb(sent.text):
            return None  # "This bowl, one of a pair, keeps its lid.": the verb after an appositive
        if len(words) <= _ELLIPTICAL_WORDS and "," in sent.text:
            return None  # an elliptical answer with its topic first: "In winter, fewer."
        lower = word.lower()
        if not word.isupper() and (lower in FUNCTION_WORDS or _pos(lower)):
            word = lower  # a common word, not a name: it continues the sentence in lower case
        return "has no verb", word


    def _join(self, block, period, start, end, word, why, whole=False) -> Finding:
        """Report the fragment (from its first word); the fix turns '. From' into ' from'."""
        f = self.finding(block, start, end, None, kind=why)
        if not self.has_fix or not block.is_contiguous(period, start + 1):
            return f
        fs, _ = block.source_span(period, period + 1)
        _, fe = block.source_span(start, start + 1)
        return Finding(f.start, f.end, f.message, " " + word[0], fs, fe)

    def _split_paragraph(self, doc: Document, blocks: list[Block], n: int) -> Iterator[Finding]:
        """A paragraph cut in two by inserted text: the first half ends on a word that
        cannot end a sentence ("struggled to get to"), the second, a few blocks on, starts in
        lower case after a blank line ("the meeting due to security measures.")."""
        block = blocks[n]
        text = block.text.rstrip()
        if not _has_words(block, 6):
            return
        if _block_dangles(block):
            last = _block_words(block)[-1]
            yield self.finding(block, len(text) - len(last), len(text), None, kind="ends mid-sentence")
        first = _WORD_RE.match(text)
        if first and first.group()[0].islower() and not any(c.isupper() for c in first.group()):
            if first.group() in PARTICLES or not _after_break(doc, block):
                return
            if any(_block_dangles(b) for b in blocks[max(0, n - 5) : n]):
                yield self.finding(block, 0, first.end(), None, kind="starts mid-sentence")

    # ------------------------------------------------------------ unclosed quote

    def _unclosed_quotes(self, doc: Document) -> Iterator[Finding]:
        blocks = doc.blocks
        for n, block in enumerate(blocks[:-1]):  # the last block may be cut by excerpting
            if block.kind not in self.scope:
                continue
            pos = _unclosed_quote(block.text)
            if pos is None or blocks[n + 1].text.lstrip()[:1] in ('"', "“"):
                continue  # a quotation that goes on in the next paragraph
            yield self.finding(block, pos, pos + 1, None)

    # ------------------------------------------------------------ unterminated

    def _unterminated(self, doc: Document) -> Iterator[Finding]:
        blocks = doc.blocks
        body_started = False
        for n, block in enumerate(blocks):
            text = block.text.rstrip()
            if ends_sentence(text):
                # the body starts at the first full paragraph (not the headline or byline)
                if not body_started and block.kind == "paragraph" and _has_words(block, 20):
                    body_started = True
                continue
            if block.kind not in self.scope or not body_started:
                continue
            words = _block_words(block)
            if block.kind == "caption" and doc.is_markdown:
                continue  # in Markdown a caption is one by structure (under an image, emphasised)
            if n == len(blocks) - 1 or len(words) < self.min_words:
                continue  # the last block may be cut by excerpting, or a sign-off
            last_token = _LAST_TOKEN_RE.search(text)
            if text.endswith(PLACEHOLDER) or not words or last_token is None:
                continue  # ends on a mark or masked code: not a bare word or number
            if doc.is_markdown and _ends_on_link(doc, block, text):
                continue  # "… of the year. [Read the review](…)": a link under the last sentence
            if _FOOTNOTE_END_RE.search(text):
                continue  # "… Tikrit and Fallujah.11": a stop, then a footnote or glued number
            if last_token.group().lower() in DANGLING:
                continue  # the fragment check reports a paragraph cut mid-sentence
            if _is_captioned(text, words) or _LABEL_RE.match(text) or _LINK_PROMPT_RE.match(text):
                continue  # a caption, a headline with its speaker label, a scraped link
            lines = text.split("\n")
            if _is_verse(lines):
                continue  # a stanza quoted in the article: its lines take no stops
            if all(_LIST_LINE_RE.match(line) for line in lines) or (
                len(lines) >= 3 and all(_LIST_LINE_RE.match(line) or _FIELD_LINE_RE.match(line) for line in lines[1:])
            ):
                continue  # plain-text list lines run together; "Friday: Sunny, 34C" lines under a title
            if blocks[n + 1].kind == "list_item" or (
                blocks[n + 1].kind == "heading"
                and not _SOURCE_LINE_RE.match(blocks[n + 1].text)
                and not (len(words) >= _BODY_WORDS and _only_furniture_after(blocks, n))
                and len(words) < _BODY_WORDS  # a body-length paragraph titles no section
            ):
                continue  # a section title over a heading or list
            if _is_title_like(words):
                continue
            last = last_token.group()  # a word or a number ("in the year 2022")
            yield self.finding(block, len(text) - len(last), len(text), last + ".", word=last)


# A caption is short (under _BODY_WORDS): a longer paragraph with a tag inside it ("the
# farmers (French) were not able to reach …") is body text with a leaked credit.


def _is_captioned(text: str, words: list[str]) -> bool:
    for m in _CREDIT_RE.finditer(text):
        tag = m.group().startswith(("(", "["))  # photo words and `REUTERS/` always count
        if (not tag and len(words) >= 2 * _BODY_WORDS and m.group()[-1].isalpha()
                and m.start() > 0 and not _CREDIT_LABEL_RE.match(text, m.end())):
            continue  # "decorated with pictures of the temples" in a long body paragraph
        if not tag or len(words) < _BODY_WORDS or not text[m.end():].strip(" .)]"):
            return True
    return False


# A stop, then a footnote number or a number glued on ("Fallujah.11", "end of 2024.4912"):
# the sentence ended; a glued number is the glued pack's to report.
_FOOTNOTE_END_RE = rx.compile(r"(?:\p{L}|\b\d{4})[.!?][\"”’)]?\d+$")
# A photo word used as a credit label: "Photo: AFP", "Picture by", "photo/Reuters".
_CREDIT_LABEL_RE = rx.compile(r"\s*(?:[:/|]|(?i:by|courtesy)\b)")


def _ends_on_link(doc: Document, block: Block, text: str) -> bool:
    """The paragraph ends on a link's text and the words before the link end a sentence:
    the link is a prompt to read on, which takes no stop."""
    offsets, source = block.offsets, doc.source
    end = offsets[len(text) - 1] + 1
    if not source.startswith("](", end):
        return False
    i = len(text) - 1
    while i > 0 and len(text) - i < 200 and source[offsets[i] - 1] != "[":
        i -= 1
    return source[offsets[i] - 1] == "[" and ends_sentence(text[:i].rstrip())


def _is_verse(lines: list[str]) -> bool:
    """Three or more short lines that each open with a capital and the last without a
    stop: a stanza of a poem or song, whose lines stand without punctuation."""
    return len(lines) >= 3 and all(
        0 < len(line.strip()) <= 60 and line.strip()[0].isupper() and not ends_sentence(line)
        for line in lines
    )


# Conjunctions that open a subordinate clause; standing alone, the clause lacks its main one.
_SUBORDINATORS = frozenset("because although though whereas where when unless".split())
# Only these open a clause that can be a main verb's subject: "Where the money went is unclear."
_SUBJECT_CLAUSE_OPENERS = frozenset("where when".split())
# The comma of a clause break (not a thousands separator: "3,000 copies").
_CLAUSE_BREAK_RE = rx.compile(r"[,;:](?!\d)|[—–]")
# After the clause's comma, the rest of a list it was naming: "for the age, weight and diet."
_LIST_REST_RE = rx.compile(r"\s*[\p{L}\-]+(?:\s+[\p{L}\-]+)?\s*(?:,|\b(?:and|or)\b)")
# After a clause opened by "Where"/"Because" these make it the subject of a main clause:
# "Where the money went is unclear."
_COPULA_RE = rx.compile(
    r"\b(?:is|was|are|were|remains|remained|matters|mattered|depends|depended|seems|seemed"
    r"|does|did|do|has\s+been|had\s+been|will\s+be|would\s+be)\b")
# A short conjunction clause ("Because it works.") is a writer's deliberate answer.
_SUBORDINATE_MIN_WORDS = 7


def _subordinate_tail(text: str, words: list[str]) -> bool:
    """A sentence opened by a subordinating conjunction ("Because", "Where", "Although")
    whose clause has a verb but no main clause follows it: no comma and no second verb
    ("Because the harvest has not begun in the south."), or after the comma only another
    subordinate or verbless phrase. "Because of the rain, …" is a phrase (see
    _COMPOUND_OPENERS); "Where the money went is unclear." has its main verb; "Where is
    it." is a question."""
    first = words[0].lower()
    if first not in _SUBORDINATORS or len(words) < _SUBORDINATE_MIN_WORDS:
        return False
    nxt = words[1].lower()
    if nxt in AUXILIARIES or nxt in ("of", "possible", "necessary", "appropriate", "applicable"):
        return False  # "Where is …", "Because of …", "Where possible, …"
    comma = _CLAUSE_BREAK_RE.search(text)
    clause = text[len(words[0]): comma.start() if comma else len(text)]
    if not has_verb(clause):
        return False  # verbless: the fragment check's own business
    if comma is not None:
        after = text[comma.end():]
        head = _WORD_RE.search(after)
        if head is None:
            return False
        if _LIST_REST_RE.match(after):
            after = "the " + after  # a list's last items are nouns: "weight" is no verb there
        return head.group().lower() in _SUBORDINATE or not has_verb(after)
    if first not in _SUBJECT_CLAUSE_OPENERS:
        return True
    copula = _COPULA_RE.search(clause)
    # the clause is the subject of a main verb after it: "Where the money went is unclear."
    return not (copula and copula.start() > 0 and has_verb(clause[:copula.start()]))


# The verb after a subject and its appositive: "This fragment, about a third of the
# original, keeps its border" (the appositive opens with a function word, not a list item).
_APPOSITIVE_VERB_RE = rx.compile(
    r"(?:The|This|That|These|Those|Its|His|Her|Their|Our)\s+[\p{L}\-]+(?:\s+[\p{L}\-]+)?,"
    r"\s+(?:a|an|the|about|one|now|once|some|each|both|like|from|with|made|built|found)\s[^,]{3,80},"
    r"\s+(?P<verb>\p{Ll}+s)\b"
)


def _appositive_verb(text: str) -> bool:
    m = _APPOSITIVE_VERB_RE.match(text)
    return m is not None and _is_s_form(m.group("verb"))


def _relative_tail(words: list[str]) -> bool:
    """A statement that opens with "Which" and a verb ("Which supplies the city.") is a
    relative clause split from the sentence before it; "Which of the plans works is
    unclear." and "Which candidate wins matters." open with a noun phrase instead."""
    if len(words) >= 4 and words[1].lower() in ("which", "whom") and words[0].lower() in _PREPOSITIONS:
        return True  # "In which the port handles …": a relative clause after its preposition
    if len(words) >= 5 and words[2].lower() in ("which", "whom") and _compound_opener(words):
        return True  # "Due to which the road was closed."
    if words[0] not in ("Which", "Whom", "Whose", "Who") or len(words) < 3:
        return False
    nxt = words[1].lower()
    if words[0] == "Who" and nxt in ("knows", "cares"):
        return False  # "Who knows." is a writer's own aside
    if nxt in ("is", "was") and words[0] == "Which":
        # "Which was pumped out by morning.", but not "Which is why the plan failed."
        return words[2].lower() not in ("why", "what", "how", "to")
    if words[0] == "Who" and nxt in AUXILIARIES:
        return True  # "Who has been raising silkworms for 35 years."
    if words[0] == "Which" and nxt in _MODALS and len(words) >= 4:
        return True  # "Which must be shown at the door.", "Which could keep prices high."
    if nxt not in FUNCTION_WORDS and _participle(nxt) == "ed":
        return True  # "Which reached 82 dollars.": a past form after the pronoun is its verb
    return nxt not in FUNCTION_WORDS and _is_verbal(nxt, None)


_MODALS = frozenset("must could would can will may might should shall".split())
# Reporting participles that open a clause hung on the sentence before: "Noting that …".
_REPORTING_ING = frozenset(
    """saying noting stressing adding confirming explaining pointing indicating stating
    affirming asserting emphasizing emphasising revealing warning expressing denying
    claiming demanding announcing urging clarifying acknowledging mentioning arguing
    insisting reiterating underlining highlighting recalling reminding accusing predicting
    estimating calling praising""".split()
)
# After a participle phrase's comma these go on subordinating: no main clause follows.
_SUBORDINATE = frozenset("which who whom whose where when while as and but especially including".split())


_INFINITIVE_RE = rx.compile(r"\bto\s+[\p{L}’']+")


def _participle_opener(words: list[str]) -> bool:
    """The sentence opens with a verb's -ing form ("Aiming", "Reaching"), not a credit
    line ("Editing by John Doe") or a noun ("Building work resumed")."""
    first = words[0].lower()
    return (len(words) >= 4 and _participle(first) == "ing" and words[1].lower() != "by"
            and "NOUN" not in _pos(first))


def _participle_tail(text: str, words: list[str]) -> bool:
    """"Noting that the farm uses less water." standing alone: a reporting participle with
    its object and no main clause. "Noting that the river rose, officials closed the
    bridge." has one after the comma; "Saying that is easy." uses "that" as a pronoun."""
    if len(words) < 4 or words[0].lower() not in _REPORTING_ING or not words[0][0].isupper():
        return False
    rest = [w.lower() for w in words[1:]]
    if rest[0] == "out":
        rest = rest[1:]  # "Pointing out that …"
    if rest[0] not in ("that", "the", "to", "his", "her", "its", "their"):
        return False
    if rest[0] == "that" and (rest[1] in AUXILIARIES or rest[1] in ("was", "is")):
        return False
    comma = text.find(",")
    if comma == -1:
        return True
    after = _WORD_RE.search(text, comma)
    return after is not None and after.group().lower() in _SUBORDINATE


_REPORTING_VERBS = r"(?:said|added|explained|stated|noted|announced|confirmed|indicated|reported|mentioned|stressed|pointed\s+out|told\s+\p{L}+)"
# "As he said in a press conference on Monday." with no comma: no main clause follows.
_AS_SAID_RE = rx.compile(rf"As\s+(?:[\p{{L}}’'\-]+\s+){{0,4}}?{_REPORTING_VERBS}\b[^,;:\"“”]*\.$")
# `…low." Said one of the weavers.`: an inverted attribution standing as a sentence.
_ATTRIBUTION_RE = rx.compile(
    r"(?:Said|Added|Explained|Stated|Noted|Continued|Concluded|Confirmed|Stressed|Asked|Replied|Commented|Declared)"
    r"\s+(?:the|one|a|an|he|she|they|his|her|its|their|\p{Lu}[\p{L}\-’']+)\b[^\"“”]{0,150}\.$"
    # `…rebuilt." He said.`: the attribution alone, capitalised after the quotation's stop
    r"|(?:He|She|They)\s+(?:said|added|explained|stressed|noted|stated|continued|concluded)\.$"
)
_QUOTE_ENDS = tuple(p + q for p in ".?!" for q in "\"”")


_LABEL_FIGURES_RE = rx.compile(r"\p{L}:\s+[$£€]?\d")
# A paragraph this long is body text, not a headline of a feed item or a related story.
_BODY_WORDS = 16
_LINK_PROMPT_RE = rx.compile(r"^\s*(?i:read\s+(?:more|also)|see\s+also|also\s+read|related)\s*:")
_LIST_LINE_RE = rx.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s+\S")
# "Source: Youm7" under a paragraph credits it; it titles no section below.
_SOURCE_LINE_RE = rx.compile(r"\s*(?i:sources?|via|photos?|credits?)\s*:")
_FIELD_LINE_RE = rx.compile(r"\s*\p{Lu}[\p{L}\p{N}'’ ]{0,30}:\s+\S")


def _only_furniture_after(blocks: list[Block], n: int) -> bool:
    """No body paragraph follows block n, only short lines: the page's buttons, codes and
    comment form under the story's last paragraph, not a section the block could title."""
    return all(
        b.kind != "paragraph" or len(_WORDS.findall(b.text)) < 8 for b in blocks[n + 1 :]
    )


_CURLY_QUOTE_RE = rx.compile(r"(?P<open>“(?!\s*(?:[.,;:!?]|$)))|[”“]")


def _unclosed_quote(text: str) -> int | None:
    """Where the quotation left open at the paragraph's end starts: the last of an odd
    number of straight quotes, or a “ without its ”."""
    if text.count('"') % 2:
        return text.rfind('"')
    if "“" not in text and "”" not in text:
        return None  # (most paragraphs: no curly quotes to pair)
    depth, opened = 0, None
    # a “ before punctuation or the end is a closing quote turned the wrong way (the
    # spaced-opening-quote rule reports it): it still closes
    for m in _CURLY_QUOTE_RE.finditer(text):
        if m.group("open"):
            depth, opened = depth + 1, (m.start() if depth == 0 else opened)
        elif depth:
            depth -= 1
    return opened if depth else None


def _is_english(word: str) -> bool:
    """A word English dictionaries know (not a brand or code name like `orjson`)."""
    w = word.lower()
    return w in FUNCTION_WORDS or bool(_pos(w))


# Words that open a deliberate, emphatic fragment: "Not to a party, not to a tribe."
_EMPHATIC = frozenset("not no never nor only hardly barely scarcely still just even yet".split())
# Focusing adverbs that single out part of what the sentence before named: the phrase
# after them belongs to that sentence ("..., especially the eastern entrance").
_FOCUS = frozenset("especially particularly notably mainly mostly chiefly primarily specifically".split())
_CARDINALS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion""".split()
)


_DETERMINERS = frozenset("the a an his her its their our this these those some all most".split())
# Openers of a phrase, never a verb in first place: "Except for the repeated warnings."
_PHRASE_OPENERS = frozenset("except including unlike despite especially particularly notably mainly such according".split())
_ADJ_BEFORE_TO = frozenset("close next similar equal near prior due akin".split())
_TO_NEXT_RE = rx.compile(r"\s+to\b")


def _emphatic(words: list[str]) -> bool:
    """A fragment a journalist writes on purpose after a full sentence: a negation or an
    adverb ("Not since 1990.", "Slowly, and not very often.") or a superlative that sums up
    the figure before it ("The highest since 2008."). Translation splits a sentence before
    a preposition or a noun phrase instead."""
    first = words[0].lower()
    if first in _PREPOSITIONS or _compound_opener(words):
        # the lexicon tags "in", "by", "as" as adverbs: a split-off preposition phrase
        # ("By the river.", "As well as the roads to the port.")
        return False
    if (first not in _EMPHATIC and len(words) >= 5 and _pos(first) == {"ADV"}
            and (words[1].lower() in _PREPOSITIONS or words[1].lower() in _DETERMINERS)):
        # "Especially in the southern provinces.", "Especially the families in the
        # villages.", "Along with the statements": a phrase torn off its sentence
        return False
    if first in _FOCUS and len(words) >= 5:
        return False  # "Especially the eastern entrance and the domes.": a list torn off
    if first in _EMPHATIC or _pos(first) == {"ADV"}:
        return True
    if (first.isdigit() or first in _CARDINALS) and len(words) <= 4:
        return True  # "Forty-one days.", "Ten years.": a figure repeated for weight
    head = words[1].lower() if first == "the" and len(words) > 1 else first
    return head in ("most", "least") or _is_superlative(head)


def _is_s_form(word: str) -> bool:
    """`leaves`, `accounts`, `pushes`: the -s form of a verb (its stem is a verb)."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    stems = (word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else "")
    return any(s and "VERB" in _pos(s) for s in stems)


def _is_superlative(word: str) -> bool:
    """`highest`, `largest`, `biggest`, `earliest`: an adjective's -est form (its stem is an
    adjective), not a word that merely ends so (`interest`, `honest`)."""
    if not word.endswith("est") or "ADJ" not in _pos(word):
        return False
    stem = word[:-3]
    stems = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
             stem[:-1] + "y" if stem.endswith("i") else "")
    return any(s and len(s) > 1 and "ADJ" in _pos(s) for s in stems)


# A relative clause that follows the opening phrase directly (no comma: after one, the
# main clause may come), up to the next clause break: "that did not give it its due".
_RELATIVE_RE = rx.compile(r"^([^,;:]*?)\b(?:that|which|who|whom|whose)\b[^,;:]*", regex.IGNORECASE)
_PREPOSITIONS = frozenset(
    """of in on at to for with from by about into onto upon over under after before between
    against during without within through across toward towards among""".split()
)


# Openers of a phrase that are more than one word: "Because of the drought."
_COMPOUND_OPENERS = frozenset(
    """because of|due to|as well as|along with|together with|thanks to|according to|in addition to|as part of|
    by using|by means of|in order to|so as to""".replace("\n", "").replace("    ", "").split("|")
)
# A subordinate clause after a comma: ", as the grandfathers did", ", where the boats left".
_SUBORDINATE_RE = rx.compile(r",\s*(?:as|where|when|while|which|who|whom|whose)\b[^,;:]*")


# Their first words: most sentences open with none of them and are answered at once
# (the check runs for nearly every sentence of an article).
_COMPOUND_FIRST = frozenset(c.split()[0] for c in _COMPOUND_OPENERS)


# Each compound opener by its words ("in order to" -> ("in", "order", "to")).
_COMPOUND_BY_WORDS = {tuple(c.split()): c for c in _COMPOUND_OPENERS}


def _compound_opener(words: list[str]) -> str | None:
    """The compound opener the sentence's first two or three words make (two compounds
    never share a start, so at most one matches)."""
    if not words or words[0].lower() not in _COMPOUND_FIRST:
        return None
    head = tuple(w.lower() for w in words[:3])
    return _COMPOUND_BY_WORDS.get(head[:2]) or _COMPOUND_BY_WORDS.get(head)


def _phrase_opener(words: list[str]) -> bool:
    first = words[0].lower()
    return first in _PREPOSITIONS or first in _PHRASE_OPENERS or _compound_opener(words) is not None


def _may_hold_relative(text: str) -> bool:
    """Whether _RELATIVE_RE's words may be in `text`, a superset: "that", "which" or "who"
    in any case. (Its IGNORECASE lets "i" match "İ", whose lower case is two characters.)"""
    low = text.lower()
    return "that" in low or "which" in low or "who" in low or "\u0130" in text


def _main_clause(text: str, words: list[str]) -> str:
    """A phrase split off before a preposition ("From", "Including", "Because of") may
    carry a verb only in its relative or subordinate clauses ("From the governments that
    did not act.", "By using lime, as the grandfathers did."): those verbs do not make
    the phrase a sentence."""
    if _phrase_opener(words):
        # (the patterns try every position of the text: most sentences lack their words)
        m = _RELATIVE_RE.match(text) if _may_hold_relative(text) else None
        if m and not _determiner_that(text, m):
            text = m.group(1) + " " + text[m.end():]
        if "," in text:
            text = _SUBORDINATE_RE.sub(" ", text)
        compound = _compound_opener(words)
        if compound:
            # "Thanks to …", "Due to …": the opener's own words are no verb; a plain
            # preposition stands in for them, so the word after still reads as its object
            # "In order to cut …": the infinitive after a purpose opener is no finite verb either
            # ("of it": the main clause after its comma may open with an imperative, "register")
            text = _compound_re(compound).sub("of it" if compound in _PURPOSE_OPENERS else "of", text)
    return text


_PURPOSE_OPENERS = ("in order to", "so as to")


@functools.lru_cache(maxsize=None)
def _compound_re(compound: str):
    """A compound opener at a sentence's start (with a purpose opener's infinitive)."""
    infinitive = r"\s+[\p{L}’']+" if compound in _PURPOSE_OPENERS else ""
    return rx.compile(r"^\s*" + r"\s+".join(compound.split()) + infinitive, regex.IGNORECASE)


_DANGLING_ENDS = tuple(DANGLING)
_LONGEST_DANGLING = max(map(len, DANGLING))


def _has_words(block: Block, n: int) -> bool:
    """len(_block_words(block)) >= n, without the words: counted in C up to n (most checks
    only ask whether a block is long enough)."""
    words = block.memo.get("sentence.words")
    if words is not None:
        return len(words) >= n
    return _WORDS.count(block.text, n) >= n


def _block_dangles(block: Block) -> bool:
    """_dangles of the block's text, once per block (the fragment check asks up to 6 times)."""
    memo = block.memo
    if "sentence.dangles" not in memo:
        memo["sentence.dangles"] = _dangles(block.text.rstrip())
    return memo["sentence.dangles"]


_THAT_NEXT_RE = rx.compile(r"\s*(\w+)\s+([\w']+)")


def _determiner_that(text: str, m) -> bool:
    """"In English that suspense can feel clumsy": `that` before a noun is a determiner
    and the clause after it is the main clause, not a relative one."""
    rel = _THAT_NEXT_RE.match(text, len(m.group(1)))
    if rel is None or rel.group(1).lower() != "that":
        return False
    nxt = rel.group(2).lower()
    return nxt not in AUXILIARIES and not (_pos(nxt) & {"VERB", "AUX", "ADV"})


_LIST_ITEM_LINK_RE = rx.compile(r";\s*(?:and|or)$")


def _dangles(text: str) -> bool:
    """Ends without punctuation on a word no complete sentence ends on."""
    # necessary: the text ends with one of the (ASCII) dangling words, in any case
    if not text[-_LONGEST_DANGLING - 1 :].lower().endswith(_DANGLING_ENDS):
        return False
    if _LIST_ITEM_LINK_RE.search(text):
        return False  # a list item that links to the next: "(b) all partners are liable; and"
    words = _WORDS.findall(text)
    return (
        len(words) >= 6
        and not ends_sentence(text)
        and text.endswith(words[-1])
        and words[-1].lower() in DANGLING
    )


_TOKEN_CHAR_RE = rx.compile(r"[\p{L}\p{M}\p{N}]")


def _block_words(block: Block) -> list[str]:
    """_WORD_RE's words of a block, found once for the rules of this kind that need them."""
    words = block.memo.get("sentence.words")
    if words is None:
        words = block.memo["sentence.words"] = _WORDS.findall(block.text)
    return words


def _token_start(text: str, pos: int) -> bool:
    """Would _TOKEN_RE.finditer(text) start a token at `pos` (a letter)? Not when a token
    runs into it: a letter, digit or mark before it, possibly through ' ’ - characters."""
    j = pos - 1
    while j >= 0 and text[j] in "'’-":
        j -= 1
    return j < 0 or _TOKEN_CHAR_RE.match(text, j) is None


# A reporting verb capitalised after a quotation closed on a comma: `," Explained the`.
_QUOTE_VERBS = ("Said|Added|Explained|Stated|Noted|Continued|Concluded|Confirmed|Stressed"
                "|Asked|Replied|Commented|Declared|Told|Says|Adds|Explains|Notes|Stresses")
_QUOTE_VERB_BEFORE = r",[\"”][ \t]+"
_QUOTE_VERB_RE = rx.compile(rf"(?<={_QUOTE_VERB_BEFORE})(?:{_QUOTE_VERBS})\b")
# What _mid_sentence needs before a word, as a pattern (a superset): an alphanumeric, a
# comma or a semicolon; a quotation closed on a comma; a colon or a parenthesis after a
# word not in capitals (`[^\p{Lu}\p{Lt}]`: str.islower and \p{Lowercase} differ on a few
# characters between Unicode versions).
_MID_SENTENCE_BEFORE = (r"[\p{L}\p{N},;][ \t]*|,[\"”][ \t]+|[^\p{Lu}\p{Lt}]:[ \t]*"
                        r"|[^\p{Lu}\p{Lt}] \([ \t]*")


_ENTITY_END_RE = rx.compile(r"&#?\w{1,8};$")
# A clause or section number at a line's start: "3.2 ", "4. ", "12) ", "(b) ".
_CLAUSE_NO_RE = rx.compile(r"[ \t]*\(?(?:\d{1,3}(?:\.\d{1,3})*|\p{Ll})[.)]?[ \t]+$")


def _colon_list(text: str, pos: int) -> bool:
    """`three tasks: The increase of output, the support of farms and the fight against
    smuggling.`: a colon that opens a list of noun phrases, not a sentence (which may take
    a capital), so the list's first word goes in lower case."""
    sent = next((s for s in split(text) if s.start <= pos < s.end), None)
    if sent is None:
        return False
    tail = text[pos:sent.end]
    if tail.count(",") + tail.count(" and ") < 2 or tail.count(",") < 1:
        return False
    return not has_verb(tail)


_NEXT_LETTER_RE = rx.compile(r"[ \t]+(\p{L})")


def _next_is_lower(text: str, pos: int) -> bool:
    m = _NEXT_LETTER_RE.match(text, pos)
    return m is not None and m.group(1).islower()


def _sentence_before(text: str, pos: int, starts: set[int]) -> str:
    begin = max((s for s in starts if s <= pos), default=0)
    return text[begin:pos]


def _after_break(doc: Document, block: Block) -> bool:
    """The block's first line follows a blank line or a line that ends a sentence (not a
    hard-wrapped line of the same paragraph)."""
    line, _ = doc.position(block.start)
    if line == 1:
        return False
    prev = doc.line_text(line - 1).strip()
    return not prev or ends_sentence(prev)


def _is_title_like(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) >= 4]
    if len(long_words) < 3:
        return True
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def _plainly_a_sentence(text: str) -> bool:
    """A shortcut for most sentences that _full_verdict would answer None: a sentence with
    a verb whose first word opens none of the tails _full_verdict reports (participle,
    subordinate, relative, "As he said"), so its main clause is the whole sentence, or,
    after a phrase opener, the sentence with a compound opener replaced when no relative
    or subordinate clause is there to take out (_main_clause); or one too short to judge.
    (tests hold it to _full_verdict)"""
    lower = _WORDS.findall_lower(text)
    if not lower:
        return True  # shorter than any min_words
    first = lower[0]
    if first in _TAIL_OPENERS or (first.endswith("ing") and _participle_opener(lower)):
        return False
    if first not in _MAIN_CLAUSE_OPENERS:
        return _has_verb(text, lower)
    if _may_hold_relative(text) or _SUBORDINATE_RE.search(text):
        return False  # (_RELATIVE_RE and _SUBORDINATE_RE may take a clause out)
    compound = _compound_opener(lower)
    if compound is None:
        return _has_verb(text, lower)
    return has_verb(_compound_re(compound).sub("of it" if compound in _PURPOSE_OPENERS else "of", text))


def _safe_sentences(text: str, sents: tuple[Sentence, ...]) -> bytes | None:
    """Byte k is 1 where sentence k, after the sentence before it, surely gives
    _split_sentence nothing to find, unless that one ends on a closing quote: what
    _plainly_a_sentence says of it (and the tests before it), for a whole block in one C
    call (_scan.fragment_safe); for the first sentence, that _paragraph_fragment finds
    nothing in it. None without the extension, or where lower case changes a
    text's length or depends on context (Σ): then every sentence is asked in Python."""
    if _scan is None or not sents:
        return None
    lowered = lower_in_place(text)
    if lowered is None:
        return None
    global _safe_args
    if _safe_args is None:
        _safe_args = (*_WORDS._scan_args()[:4], _TAIL_OPENERS, _MAIN_CLAUSE_OPENERS, AUXILIARIES, NOUN_CONTEXT,
                      _COMPOUND_OPENERS, max(map(len, AUXILIARIES | NOUN_CONTEXT)), _lexicon_for_c())
    try:
        return _scan.fragment_safe(text, sents, lowered, *_safe_args)
    except ValueError:
        return None  # a text beyond the BMP: the tables do not cover it


_safe_args: tuple | None = None


def _lexicon_for_c() -> tuple | None:
    """The lexicon's table as fragment_safe reads it: a word it knows only as a verb makes
    has_verb True wherever it stands ("said", "met"); None where the table's offsets are
    not 32-bit (the C test then leaves those sentences to Python)."""
    from tlint import lexicon

    t = lexicon.table()
    if t.ends.itemsize != 4:
        return None
    def bits(*names: str) -> int:
        return sum(1 << lexicon.POS.index(p) for p in names)

    return t.words, t.ends, t.masks, bits("VERB", "AUX"), bits("VERB"), bits("NOUN"), _ADJ_BEFORE_TO


# First words (lower case) of the tails _full_verdict reports: a reporting participle, a
# subordinate clause, a relative pronoun, "As he said".
_TAIL_OPENERS = _REPORTING_ING | _SUBORDINATORS | frozenset("which whom whose who as".split())
# First words after which _main_clause may take part of a sentence out (_phrase_opener).
_MAIN_CLAUSE_OPENERS = _PREPOSITIONS | _PHRASE_OPENERS | _COMPOUND_FIRST

# The first words of the fragments a paragraph may open with (see _paragraph_fragment).
_PARAGRAPH_OPENERS = (_PREPOSITIONS | _PHRASE_OPENERS | _COMPOUND_FIRST | _SUBORDINATORS
                      | frozenset("which whom whose who".split()))
