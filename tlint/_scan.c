/* tlint._scan: the word scanner behind tlint.words, in C (and the repeat search of the
   repetition kind, over the words it found).

   A word pattern of tlint's kinds has the shape  F B* (J T+)?  or  F B* (J T+)*  (F, B,
   J, T: character classes). The regex module finds such words at ~50 ns a character;
   this loop does it at a few. The classes arrive as tables (a byte per character) over the
   Basic Multilingual Plane, filled from the regex module itself (tlint.rx.char_table), so
   both agree on every character; a text with characters beyond the BMP (emoji) is left to
   the regex module (words() returns None).

   words(text, first, body, joiners, tail, repeat, out[, spans]) -> list[str] | None
     the words of `text`, taken from `out` at the same spans (`out` is `text`, or its
     lower-case copy when that has the same length: one lower() per text, not per word);
     with `spans`, each as (start, end, word).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* The answer None, for the caller to ask Python instead (a text beyond the BMP, which the
   class tables do not cover): sets `result` and leaves through the function's `done`. */
#define NONE_IF(condition)          \
    do {                            \
        if (condition) {            \
            Py_INCREF(Py_None);     \
            result = Py_None;       \
            goto done;              \
        }                           \
    } while (0)

static inline int
member(const unsigned char *table, Py_UCS4 c)
{
    return table[c];
}

/* 1 when each table covers the Basic Multilingual Plane (a byte per character), else 0
   with a ValueError: the check every function taking class tables starts with */
static int
cover_bmp(const Py_buffer *tables, int count)
{
    for (int k = 0; k < count; k++)
        if (tables[k].len < 65536) {
            PyErr_SetString(PyExc_ValueError, "class tables cover the BMP: 65536 bytes each");
            return 0;
        }
    return 1;
}

/* The end of the word that starts at i (a first character), scanning to n:
   F B* (J T+)? , or with `repeat` F B* (J T+)* . Every word scan here is this one. */
static inline Py_ssize_t
word_end_r(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const unsigned char *B,
           const unsigned char *J, const unsigned char *T, int repeat)
{
    Py_ssize_t j = i + 1;
    while (j < n && member(B, PyUnicode_READ(kind, data, j)))
        j++;
    /* the tail: a joiner and at least one tail character, once or repeated */
    while (j + 1 < n && member(J, PyUnicode_READ(kind, data, j)) && member(T, PyUnicode_READ(kind, data, j + 1))) {
        j += 2;
        while (j < n && member(T, PyUnicode_READ(kind, data, j)))
            j++;
        if (!repeat)
            break;
    }
    return j;
}

static inline Py_ssize_t
word_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const unsigned char *B,
         const unsigned char *J, const unsigned char *T)
{
    return word_end_r(kind, data, n, i, B, J, T, 0);
}

static PyObject *
scan_words(PyObject *self, PyObject *args)
{
    PyObject *text, *out;
    Py_buffer first, body, joiners, tail;
    int repeat, spans = 0;
    if (!PyArg_ParseTuple(args, "Uy*y*y*y*pU|p", &text, &first, &body, &joiners, &tail,
                          &repeat, &out, &spans))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    if (!cover_bmp((Py_buffer[]){first, body, joiners, tail}, 4))
        goto done;
    if (PyUnicode_GET_LENGTH(out) != n) {
        PyErr_SetString(PyExc_ValueError, "out must be as long as text");
        goto done;
    }
    /* characters beyond the BMP may be there: the caller asks the regex module */
    NONE_IF(kind == PyUnicode_4BYTE_KIND);
    const void *data = PyUnicode_DATA(text);
    const unsigned char *F = first.buf, *B = body.buf, *J = joiners.buf, *T = tail.buf;
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    Py_ssize_t i = 0;
    while (i < n) {
        if (!member(F, PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = word_end_r(kind, data, n, i, B, J, T, repeat);
        PyObject *word = PyUnicode_Substring(out, i, j);
        if (word != NULL && spans)  /* (N: the tuple takes the word's reference) */
            word = Py_BuildValue("nnN", i, j, word);
        if (word == NULL || PyList_Append(result, word) < 0) {
            Py_XDECREF(word);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(word);
        i = j;
    }
done:
    PyBuffer_Release(&first);
    PyBuffer_Release(&body);
    PyBuffer_Release(&joiners);
    PyBuffer_Release(&tail);
    return result;
}

/* count_words(text, first, body, joiners, tail, repeat, limit) -> int | None
     how many words words() would find, counting no further than `limit` (a check that
     needs "at least 8 words" stops at the eighth); None beyond the BMP, as words(). */
static PyObject *
count_words(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer first, body, joiners, tail;
    int repeat;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "Uy*y*y*y*pn", &text, &first, &body, &joiners, &tail, &repeat, &limit))
        return NULL;
    PyObject *result = NULL;
    if (!cover_bmp((Py_buffer[]){first, body, joiners, tail}, 4))
        goto done;
    int kind = PyUnicode_KIND(text);
    NONE_IF(kind == PyUnicode_4BYTE_KIND);
    const void *data = PyUnicode_DATA(text);
    const unsigned char *F = first.buf, *B = body.buf, *J = joiners.buf, *T = tail.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, count = 0;
    while (i < n && count < limit) {
        if (!member(F, PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = word_end_r(kind, data, n, i, B, J, T, repeat);
        count++;
        i = j;
    }
    result = PyLong_FromSsize_t(count);
done:
    PyBuffer_Release(&first);
    PyBuffer_Release(&body);
    PyBuffer_Release(&joiners);
    PyBuffer_Release(&tail);
    return result;
}

/* repeat_starts(words, min_n, max_n) -> list[int]
     the sorted positions i where, for some n in [min_n, max_n], words[i + k] == words[i + n + k]
     for every k < n: where an n-word unit may repeat back to back (tlint.kinds.repetition). */
static PyObject *
repeat_starts(PyObject *self, PyObject *args)
{
    PyObject *words;
    Py_ssize_t min_n, max_n;
    if (!PyArg_ParseTuple(args, "O!nn", &PyList_Type, &words, &min_n, &max_n))
        return NULL;
    if (min_n < 1 || max_n < min_n) {
        PyErr_SetString(PyExc_ValueError, "need 1 <= min_n <= max_n");
        return NULL;
    }
    Py_ssize_t len = PyList_GET_SIZE(words);
    char *starts = PyMem_Calloc(len > 0 ? len : 1, 1);
    /* each word's hash, once: the passes compare hashes and look at the words only where
       two hashes are equal (a str caches its hash, so a second call pays nothing) */
    Py_hash_t *hashes = PyMem_Malloc((len > 0 ? len : 1) * sizeof(Py_hash_t));
    if (starts == NULL || hashes == NULL) {
        PyMem_Free(starts);
        PyMem_Free(hashes);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        hashes[i] = PyObject_Hash(PyList_GET_ITEM(words, i));
        if (hashes[i] == -1 && PyErr_Occurred()) {
            PyMem_Free(starts);
            PyMem_Free(hashes);
            return NULL;
        }
    }
    for (Py_ssize_t n = min_n; n <= max_n && 2 * n <= len; n++) {
        Py_ssize_t run = 0;
        for (Py_ssize_t i = 0; i + n < len; i++) {
            int same = 0;
            if (hashes[i] == hashes[i + n]) {
                same = PyObject_RichCompareBool(PyList_GET_ITEM(words, i),
                                                PyList_GET_ITEM(words, i + n), Py_EQ);
                if (same < 0) {
                    PyMem_Free(starts);
                    PyMem_Free(hashes);
                    return NULL;
                }
            }
            run = same ? run + 1 : 0;
            if (run >= n)
                starts[i - n + 1] = 1;
        }
    }
    PyMem_Free(hashes);
    PyObject *result = PyList_New(0);
    for (Py_ssize_t i = 0; result != NULL && i < len; i++) {
        if (!starts[i])
            continue;
        PyObject *pos = PyLong_FromSsize_t(i);
        if (pos == NULL || PyList_Append(result, pos) < 0)
            Py_CLEAR(result);
        Py_XDECREF(pos);
    }
    PyMem_Free(starts);
    return result;
}



/* find_class(text, table) -> int
     the first index of `text` whose character is in the class `table` (a byte per BMP
     character), or beyond the BMP (which the table cannot answer for: the caller looks
     closer there); -1 when there is none. A prefilter: a block with no character of a
     rule's class cannot hold its match. */
static PyObject *
find_class(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer table;
    if (!PyArg_ParseTuple(args, "Uy*", &text, &table))
        return NULL;
    if (!cover_bmp(&table, 1)) {
        PyBuffer_Release(&table);
        return NULL;
    }
    const unsigned char *T = table.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), found = -1;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (T[s[i]]) { found = i; break; }
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *s = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (T[s[i]]) { found = i; break; }
    }
    else {
        const Py_UCS4 *s = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (s[i] > 0xFFFF || T[s[i]]) { found = i; break; }
    }
    PyBuffer_Release(&table);
    return PyLong_FromSsize_t(found);
}

/* text_repeat_starts(text, lowered, first, body, joiners, tail, repeat, min_n, max_n
                      [, offsets]) -> list[int] | None
     repeat_starts over the words of `text` (as words() finds them, read in lower case from
     `lowered`: text.lower(), as long as text), without a string per word: the words are
     spans, hashed (FNV-1a over code points) and compared by code points where two hashes
     are equal; with `offsets`, each start as the offset of its word in `text`, not its
     index. None beyond the BMP (the caller scans in Python). */
typedef struct {
    Py_ssize_t start, end;
    uint64_t hash;
} Span;

static int
spans_equal(int kind, const void *data, const Span *a, const Span *b)
{
    if (a->hash != b->hash || a->end - a->start != b->end - b->start)
        return 0;
    for (Py_ssize_t k = 0; k < a->end - a->start; k++)
        if (PyUnicode_READ(kind, data, a->start + k) != PyUnicode_READ(kind, data, b->start + k))
            return 0;
    return 1;
}

static PyObject *
text_repeat_starts(PyObject *self, PyObject *args)
{
    PyObject *text, *lowered;
    Py_buffer first, body, joiners, tail;
    int repeat, offsets = 0;
    Py_ssize_t min_n, max_n;
    if (!PyArg_ParseTuple(args, "UUy*y*y*y*pnn|p", &text, &lowered, &first, &body, &joiners, &tail,
                          &repeat, &min_n, &max_n, &offsets))
        return NULL;
    PyObject *result = NULL;
    Span *spans = NULL;
    char *starts = NULL;
    if (!cover_bmp((Py_buffer[]){first, body, joiners, tail}, 4))
        goto done;
    if (min_n < 1 || max_n < min_n) {
        PyErr_SetString(PyExc_ValueError, "need 1 <= min_n <= max_n");
        goto done;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    NONE_IF(kind == PyUnicode_4BYTE_KIND || PyUnicode_GET_LENGTH(lowered) != n
            || PyUnicode_KIND(lowered) == PyUnicode_4BYTE_KIND);
    const void *data = PyUnicode_DATA(text);
    int lk = PyUnicode_KIND(lowered);
    const void *ld = PyUnicode_DATA(lowered);
    const unsigned char *F = first.buf, *B = body.buf, *J = joiners.buf, *T = tail.buf;
    Py_ssize_t cap = 64, len = 0, i = 0;
    spans = PyMem_Malloc(cap * sizeof(Span));
    if (spans == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    while (i < n) {  /* the words, as scan_words finds them */
        if (!member(F, PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = word_end_r(kind, data, n, i, B, J, T, repeat);
        if (len == cap) {
            Span *more = PyMem_Realloc(spans, 2 * cap * sizeof(Span));
            if (more == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            spans = more;
            cap *= 2;
        }
        uint64_t h = 1469598103934665603ULL;
        for (Py_ssize_t k = i; k < j; k++)
            h = (h ^ PyUnicode_READ(lk, ld, k)) * 1099511628211ULL;
        spans[len].start = i;
        spans[len].end = j;
        spans[len].hash = h;
        len++;
        i = j;
    }
    starts = PyMem_Calloc(len > 0 ? len : 1, 1);
    if (starts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t m = min_n; m <= max_n && 2 * m <= len; m++) {
        Py_ssize_t run = 0;
        for (Py_ssize_t k = 0; k + m < len; k++) {
            run = spans_equal(lk, ld, &spans[k], &spans[k + m]) ? run + 1 : 0;
            if (run >= m)
                starts[k - m + 1] = 1;
        }
    }
    result = PyList_New(0);
    for (Py_ssize_t k = 0; result != NULL && k < len; k++) {
        if (!starts[k])
            continue;
        PyObject *pos = PyLong_FromSsize_t(offsets ? spans[k].start : k);
        if (pos == NULL || PyList_Append(result, pos) < 0)
            Py_CLEAR(result);
        Py_XDECREF(pos);
    }
done:
    PyMem_Free(spans);
    PyMem_Free(starts);
    PyBuffer_Release(&first);
    PyBuffer_Release(&body);
    PyBuffer_Release(&joiners);
    PyBuffer_Release(&tail);
    return result;
}

/* ------------------------------------------------------------------ sentence split

   split(text, classes, abbreviations, sentence_type, is_abbreviation) -> tuple | None
     tlint.sentences.split in C: the same sentences (a differential test holds it to the
     Python function, which stays the specification). `classes` is a table of class bits
     per BMP character (SPACE: the regex module's \s, DIGIT: \d, LETTER: \p{L}, UPPER:
     \p{Lu}); str methods (isspace, islower, isalpha, isupper) are CPython's own. A text
     with characters beyond the BMP gets None (the caller splits it in Python), and so
     does a full stop after a non-ASCII token: `is_abbreviation(text, dot)` (the Python
     test) decides those. */

#define C_SPACE 1
#define C_DIGIT 2
#define C_LETTER 4
#define C_UPPER 8

static inline int
is_punct(Py_UCS4 c)  /* [.!?…] */
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static inline int
is_close(Py_UCS4 c)  /* ["'”’»)\]] */
{
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB || c == ')' || c == ']';
}

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
    const unsigned char *cls;
} Text;

static inline Py_UCS4
at(const Text *t, Py_ssize_t i)
{
    return PyUnicode_READ(t->kind, t->data, i);
}

static inline int
has(const Text *t, Py_ssize_t i, int bit)
{
    return i >= 0 && i < t->n && (t->cls[at(t, i)] & bit);
}

/* (?=\s+|$) at i */
static inline int
space_or_end(const Text *t, Py_ssize_t i)
{
    return i >= t->n || has(t, i, C_SPACE);
}

/* (?=\s+["“‘(]?\p{Lu}|\s*$) at i */
static int
capital_or_end_follows(const Text *t, Py_ssize_t i)
{
    Py_ssize_t w = i;
    while (w < t->n && has(t, w, C_SPACE))
        w++;
    if (w >= t->n)
        return 1;  /* \s*$ */
    if (w == i)
        return 0;  /* \s+ needs one */
    Py_UCS4 c = at(t, w);
    if (c == '"' || c == 0x201C || c == 0x2018 || c == '(')
        return has(t, w + 1, C_UPPER);
    return has(t, w, C_UPPER);
}

/* (?<=[\p{L})][.!?]["”’)]?) at i */
static int
glued_number_behind(const Text *t, Py_ssize_t i)
{
    if (i >= 3) {
        Py_UCS4 q = at(t, i - 1), p = at(t, i - 2), l = at(t, i - 3);
        if ((q == '"' || q == 0x201D || q == 0x2019 || q == ')')
            && (p == '.' || p == '!' || p == '?') && (l == ')' || has(t, i - 3, C_LETTER)))
            return 1;
    }
    if (i >= 2) {
        Py_UCS4 p = at(t, i - 1), l = at(t, i - 2);
        if ((p == '.' || p == '!' || p == '?') && (l == ')' || has(t, i - 2, C_LETTER)))
            return 1;
    }
    return 0;
}

/* The end of _END_RE's match for the run of [.!?…] starting at s (ending at r), or -1.
   Backtracking into the runs never helps: a shorter run leaves a stop or closing mark
   where the pattern needs a space, "[", a digit or the end. */
static Py_ssize_t
end_match(const Text *t, Py_ssize_t r)
{
    Py_ssize_t q = r;
    while (q < t->n && is_close(at(t, q)))
        q++;
    if (q < t->n && at(t, q) == '[') {
        /* (?:\[\d{1,3}\])+ then (?=\s+|$), the repeat giving back units one by one */
        Py_ssize_t ends[64];
        int k = 0;
        Py_ssize_t j = q;
        while (j < t->n && at(t, j) == '[') {
            Py_ssize_t d = j + 1;
            while (d < t->n && d - (j + 1) < 3 && has(t, d, C_DIGIT))
                d++;
            if (d == j + 1 || d >= t->n || at(t, d) != ']')
                break;
            j = d + 1;
            if (k < 64)
                ends[k++] = j;
            else {
                k = -1;  /* absurdly many: let the caller's Python decide */
                break;
            }
        }
        if (k < 0)
            return -2;
        for (int u = k - 1; u >= 0; u--)
            if (space_or_end(t, ends[u]))
                return ends[u];
    }
    else if (q < t->n && has(t, q, C_DIGIT) && glued_number_behind(t, q)) {
        Py_ssize_t d = q;
        while (d < t->n && has(t, d, C_DIGIT))
            d++;
        if (d - q <= 3 && capital_or_end_follows(t, d) && space_or_end(t, d))
            return d;
    }
    return space_or_end(t, q) ? q : -1;
}

/* _is_abbreviation for a token of ASCII letters and dots; -1: not such a token (ask Python) */
static int
ascii_abbreviation(const Text *t, Py_ssize_t dot, PyObject *abbreviations)
{
    Py_ssize_t lo = dot - 24 > 0 ? dot - 24 : 0;
    Py_ssize_t i = dot;
    while (i > lo) {
        Py_UCS4 c = at(t, i - 1);
        if (c == '.' || (c < 128 && Py_UNICODE_ISALPHA(c)))
            i--;
        else if (c >= 128 && (Py_UNICODE_ISALPHA(c)))
            return -1;
        else
            break;
    }
    if (i == dot || (i == lo && lo > 0))
        return 0;
    /* token = text[i:dot], ASCII letters and dots */
    char buf[32];
    Py_ssize_t len = 0, letters = 0;
    Py_ssize_t a = i, b = dot;
    while (a < b && at(t, a) == '.')  /* strip(".") */
        a++;
    while (b > a && at(t, b - 1) == '.')
        b--;
    for (Py_ssize_t x = a; x < b; x++) {
        Py_UCS4 c = at(t, x);
        buf[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    PyObject *word = PyUnicode_FromStringAndSize(buf, len);
    if (word == NULL)
        return -2;
    int found = PySet_Contains(abbreviations, word);
    Py_DECREF(word);
    if (found != 0)
        return found < 0 ? -2 : 1;
    for (Py_ssize_t x = i; x < dot; x++)
        if (at(t, x) != '.')
            letters++;
    Py_UCS4 last = at(t, dot - 1);
    if (letters == 1 && last >= 'A' && last <= 'Z')
        return 1;
    /* (?:\p{Lu}\.)+\p{Lu} over the whole token */
    Py_ssize_t len_tok = dot - i;
    if (len_tok < 3 || len_tok % 2 == 0)
        return 0;
    for (Py_ssize_t x = i; x < dot; x++) {
        Py_UCS4 c = at(t, x);
        int upper_slot = ((x - i) % 2 == 0);
        if (upper_slot ? !(c >= 'A' && c <= 'Z') : c != '.')
            return 0;
    }
    return 1;
}

static PyObject *
new_sentence(PyTypeObject *type, PyObject *text, Py_ssize_t start, Py_ssize_t end, int terminated)
{
    /* a named tuple made as tuple.__new__(type, ...) makes it */
    PyObject *s = type->tp_alloc(type, 4);
    if (s == NULL)
        return NULL;
    PyObject *a = PyLong_FromSsize_t(start), *b = PyLong_FromSsize_t(end);
    PyObject *sub = PyUnicode_Substring(text, start, end);
    PyObject *flag = terminated ? Py_True : Py_False;
    Py_INCREF(flag);
    PyTuple_SET_ITEM(s, 0, a);
    PyTuple_SET_ITEM(s, 1, b);
    PyTuple_SET_ITEM(s, 2, sub);
    PyTuple_SET_ITEM(s, 3, flag);
    if (a == NULL || b == NULL || sub == NULL) {
        Py_DECREF(s);
        return NULL;
    }
    return s;
}

static PyObject *
split_sentences(PyObject *self, PyObject *args)
{
    PyObject *text, *abbreviations, *is_abbreviation;
    Py_buffer classes;
    PyTypeObject *type;
    if (!PyArg_ParseTuple(args, "Uy*O!O!O", &text, &classes, &PySet_Type, &abbreviations,
                          &PyType_Type, &type, &is_abbreviation))
        return NULL;
    PyObject *found = NULL, *result = NULL;
    if (!cover_bmp(&classes, 1))
        goto done;
    if (!PyType_IsSubtype(type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "sentence_type must be a tuple type");
        goto done;
    }
    NONE_IF(PyUnicode_KIND(text) == PyUnicode_4BYTE_KIND);
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), classes.buf};
    found = PyList_New(0);
    if (found == NULL)
        goto done;
    Py_ssize_t n = t.n, start = 0, i = 0;
    while (start < n && Py_UNICODE_ISSPACE(at(&t, start)))
        start++;
    while (i < n) {
        if (!is_punct(at(&t, i))) {
            i++;
            continue;
        }
        Py_ssize_t s = i, r = i;
        while (r < n && is_punct(at(&t, r)))
            r++;
        Py_ssize_t end = end_match(&t, r);
        if (end == -2)
            goto fallback;
        if (end < 0) {
            i = r;  /* no match from any position of this run */
            continue;
        }
        i = end;
        if (end <= start)
            continue;
        if (r - s == 1 && at(&t, s) == '.') {
            int abbr = ascii_abbreviation(&t, s, abbreviations);
            if (abbr == -2)
                goto error;
            if (abbr == -1) {
                PyObject *dot = PyLong_FromSsize_t(s);
                PyObject *verdict = dot ? PyObject_CallFunctionObjArgs(is_abbreviation, text, dot, NULL) : NULL;
                Py_XDECREF(dot);
                if (verdict == NULL)
                    goto error;
                abbr = PyObject_IsTrue(verdict);
                Py_DECREF(verdict);
                if (abbr < 0)
                    goto error;
            }
            if (abbr)
                continue;
        }
        /* _NEXT_RE: \s+(["'“‘«(\[]?)(\S): the next sentence's first character */
        Py_ssize_t w = end;
        while (w < n && has(&t, w, C_SPACE))
            w++;
        if (w > end && w < n) {
            Py_UCS4 c = at(&t, w);
            if ((c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0xAB || c == '('
                 || c == '[') && w + 1 < n && !has(&t, w + 1, C_SPACE))
                c = at(&t, w + 1);
            int ellipsis = (r - s == 3 && at(&t, s) == '.' && at(&t, s + 1) == '.' && at(&t, s + 2) == '.')
                           || (r - s == 1 && at(&t, s) == 0x2026);
            if (Py_UNICODE_ISLOWER(c) && ellipsis)
                continue;  /* "... then": the sentence goes on */
        }
        PyObject *sent = new_sentence(type, text, start, end, 1);
        if (sent == NULL || PyList_Append(found, sent) < 0) {
            Py_XDECREF(sent);
            goto error;
        }
        Py_DECREF(sent);
        start = end;
        while (start < n && Py_UNICODE_ISSPACE(at(&t, start)))
            start++;
    }
    if (start < n) {
        Py_ssize_t end = n;
        while (end > 0 && Py_UNICODE_ISSPACE(at(&t, end - 1)))
            end--;
        PyObject *sent = new_sentence(type, text, start, end, 0);
        if (sent == NULL || PyList_Append(found, sent) < 0) {
            Py_XDECREF(sent);
            goto error;
        }
        Py_DECREF(sent);
    }
    result = PyList_AsTuple(found);
    goto done;
fallback:
    Py_INCREF(Py_None);
    result = Py_None;
    goto done;
error:
    result = NULL;
done:
    Py_XDECREF(found);
    PyBuffer_Release(&classes);
    return result;
}



/* ends_sentence(text, classes) -> bool | None
     tlint.document.ends_sentence in C: whether text ends with final punctuation, closing
     marks and citations after it, perhaps a quote detached by a space, then only spaces:
       [.!?…:;](?:["”’»)\]*_]|\[\d{1,3}\])*(?:\s+["”])?\s*$
     read backwards from the end. `classes` as for split() (C_SPACE, C_DIGIT). None for a
     text beyond the BMP (the caller asks the regex). */
static int
closes_sentence_at(int kind, const void *data, Py_ssize_t x, const unsigned char *cls)
{
    /* does text[:x] end with [.!?…:;] and then closing marks or citations? */
    char small[256];
    char *reach = x + 1 <= (Py_ssize_t)sizeof small ? small : PyMem_Calloc(x + 1, 1);
    if (reach == NULL)
        return -1;
    if (reach == small)
        memset(small, 0, x + 1);
    reach[x] = 1;
    Py_ssize_t low = x;
    int found = 0;
    for (Py_ssize_t y = x; y >= 1 && y >= low && !found; y--) {
        if (!reach[y])
            continue;
        Py_UCS4 c = PyUnicode_READ(kind, data, y - 1);
        if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':' || c == ';') {
            found = 1;
            break;
        }
        if (c == '"' || c == 0x201D || c == 0x2019 || c == 0xBB || c == ')' || c == ']' || c == '*' || c == '_') {
            reach[y - 1] = 1;
            if (y - 1 < low)
                low = y - 1;
        }
        if (c == ']') {
            /* \[\d{1,3}\] */
            Py_ssize_t d = y - 2, digits = 0;
            while (d >= 0 && digits < 4 && (cls[PyUnicode_READ(kind, data, d)] & C_DIGIT)) {
                d--;
                digits++;
            }
            if (digits >= 1 && digits <= 3 && d >= 0 && PyUnicode_READ(kind, data, d) == '[') {
                reach[d] = 1;
                if (d < low)
                    low = d;
            }
        }
    }
    if (reach != small)
        PyMem_Free(reach);
    return found;
}

static PyObject *
ends_sentence(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer classes;
    if (!PyArg_ParseTuple(args, "Uy*", &text, &classes))
        return NULL;
    PyObject *result = NULL;
    if (!cover_bmp(&classes, 1))
        goto done;
    int kind = PyUnicode_KIND(text);
    NONE_IF(kind == PyUnicode_4BYTE_KIND);
    const void *data = PyUnicode_DATA(text);
    const unsigned char *cls = classes.buf;
    Py_ssize_t e = PyUnicode_GET_LENGTH(text);
    while (e > 0 && (cls[PyUnicode_READ(kind, data, e - 1)] & C_SPACE))
        e--;  /* \s*$ */
    int found = closes_sentence_at(kind, data, e, cls);
    if (found == 0 && e >= 2) {
        /* (?:\s+["”]): a closing quote detached by spaces */
        Py_UCS4 q = PyUnicode_READ(kind, data, e - 1);
        Py_ssize_t w = e - 1;
        while (w > 0 && (cls[PyUnicode_READ(kind, data, w - 1)] & C_SPACE))
            w--;
        if ((q == '"' || q == 0x201D) && w < e - 1)
            found = closes_sentence_at(kind, data, w, cls);
    }
    if (found < 0) {
        PyErr_NoMemory();
        goto done;
    }
    result = PyBool_FromLong(found);
done:
    PyBuffer_Release(&classes);
    return result;
}

/* ------------------------------------------------------------------ fragment shortcut

   fragment_safe(text, sentences, lowered, first, body, joiners, tail, tail_openers,
                 clause_openers, auxiliaries, noun_context, compounds, max_short, lexicon) -> bytes
     For the `fragment` check (tlint.kinds.sentence): byte k is 1 where sentence k, after
     the one before it, surely yields no finding unless that one ends on a closing quote
     (the attribution test, which stays in Python). That is: no word starts the sentence,
     or it does not end on a single full stop, or its first word is capitalised, opens none
     of the tails the verdict reads (`tail_openers`, an -ing word), nor a phrase
     (`clause_openers`) that _main_clause would cut (see clause_taken_out; `compounds`
     the compound openers), and a verb shows at a glance (an auxiliary after the first word, or an -ed word
     of five letters or more after a word that is not in `noun_context`): what
     _plainly_a_sentence answers True for. 0: ask the Python check. The words are the
     sentence kind's (tables as for words()), in lower case from `lowered` (text.lower(),
     as long as text); words longer than `max_short` are never auxiliaries or
     noun-context words, so no string is made for them. `lexicon` (tlint.lexicon's table,
     or None) lets a word the lexicon knows only as a verb count too (surely_verbal). */


/* A frozenset of words as a table probed with a span of a text, no string made: span_in
   asks thousands a document. Built on a set's first use and kept, with a reference to the
   set (frozen, and never freed while kept, so its address names it); the sets are the
   sentence kind's constants, a handful. */
#define WORDSETS 16
typedef struct {
    PyObject *set;
    Py_ssize_t mask;  /* slots - 1, slots a power of two */
    uint64_t *hash;   /* 0: an empty slot */
    PyObject **word;  /* the set's own str members */
} WordSet;
static WordSet wordsets[WORDSETS];

static inline uint64_t
set_word_hash(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t k = a; k < b; k++)
        h = (h ^ PyUnicode_READ(kind, data, k)) * 1099511628211ULL;
    return h | 1;
}

static WordSet *
wordset(PyObject *set)
{
    for (int k = 0; k < WORDSETS; k++) {
        if (wordsets[k].set == set)
            return &wordsets[k];
        if (wordsets[k].set == NULL) {
            WordSet *ws = &wordsets[k];
            Py_ssize_t slots = 8;
            while (slots < 2 * PySet_GET_SIZE(set))
                slots *= 2;
            ws->hash = PyMem_Calloc(slots, sizeof(uint64_t));
            ws->word = PyMem_Calloc(slots, sizeof(PyObject *));
            PyObject *it = PyObject_GetIter(set), *w;
            if (ws->hash == NULL || ws->word == NULL || it == NULL) {
                PyMem_Free(ws->hash);
                PyMem_Free(ws->word);
                Py_XDECREF(it);
                PyErr_Clear();
                return NULL;
            }
            ws->mask = slots - 1;
            while ((w = PyIter_Next(it)) != NULL) {
                if (PyUnicode_Check(w)) {
                    uint64_t h = set_word_hash(PyUnicode_KIND(w), PyUnicode_DATA(w), 0, PyUnicode_GET_LENGTH(w));
                    Py_ssize_t i = (Py_ssize_t)(h & ws->mask);
                    while (ws->hash[i])
                        i = (i + 1) & ws->mask;
                    ws->hash[i] = h;
                    ws->word[i] = w;  /* (borrowed: the set, kept below, holds it) */
                }
                Py_DECREF(w);
            }
            Py_DECREF(it);
            if (PyErr_Occurred()) {
                PyErr_Clear();
                PyMem_Free(ws->hash);
                PyMem_Free(ws->word);
                return NULL;
            }
            Py_INCREF(set);
            ws->set = set;
            return ws;
        }
    }
    return NULL;  /* all slots taken: the caller asks the set itself */
}

/* 1: lowered[a:b] is in the frozenset; 0: not; -1: error */
static int
span_in(PyObject *lowered, Py_ssize_t a, Py_ssize_t b, PyObject *set)
{
    WordSet *ws = wordset(set);
    if (ws == NULL) {
        PyObject *w = PyUnicode_Substring(lowered, a, b);
        if (w == NULL)
            return -1;
        int found = PySet_Contains(set, w);
        Py_DECREF(w);
        return found;
    }
    int kind = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(lowered);
    uint64_t h = set_word_hash(kind, data, a, b);
    for (Py_ssize_t i = (Py_ssize_t)(h & ws->mask); ws->hash[i]; i = (i + 1) & ws->mask) {
        PyObject *w = ws->word[i];
        if (ws->hash[i] != h || PyUnicode_GET_LENGTH(w) != b - a)
            continue;
        int wk = PyUnicode_KIND(w);
        const void *wd = PyUnicode_DATA(w);
        Py_ssize_t k = 0;
        while (k < b - a && PyUnicode_READ(wk, wd, k) == PyUnicode_READ(kind, data, a + k))
            k++;
        if (k == b - a)
            return 1;
    }
    return 0;
}

static int
has_at(int kind, const void *data, Py_ssize_t i, Py_ssize_t end, const char *ascii)
{
    Py_ssize_t len = (Py_ssize_t)strlen(ascii);
    if (i + len > end)
        return 0;
    for (Py_ssize_t k = 0; k < len; k++)
        if (PyUnicode_READ(kind, data, i + k) != (Py_UCS4)(unsigned char)ascii[k])
            return 0;
    return 1;
}

/* 1 when _main_clause may take a relative or subordinate clause out of [a, end) (a
   superset): "that", "which" or "who" anywhere (_RELATIVE_RE; `lowered` keeps each
   character, so no İ, which its IGNORECASE reads as i, is there); a comma, then no letter,
   then "as" or "wh" (_SUBORDINATE_RE). */
static int
may_cut_clause(PyObject *lowered, Py_ssize_t a, Py_ssize_t end, const unsigned char *F)
{
    int kind = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(lowered);
    for (Py_ssize_t i = a; i < end; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if ((c == 't' && has_at(kind, data, i, end, "that")) || (c == 'w' && (has_at(kind, data, i, end, "which")
                                                                            || has_at(kind, data, i, end, "who"))))
            return 1;
        if (c == ',') {
            Py_ssize_t k = i + 1;
            while (k < end && !F[PyUnicode_READ(kind, data, k)])
                k++;
            if (has_at(kind, data, k, end, "as") || has_at(kind, data, k, end, "wh"))
                return 1;
        }
    }
    return 0;
}

/* Whether the first two or three words ([a, b) the first) make a compound opener, as
   _compound_opener joins them: 1 (*m_end: the end of its last word, when its words are one
   space apart, as its replacement pattern then matches them), 2 (a compound, other
   spacing), 0 (none), -1 (error). */
static int
compound_opener(PyObject *lowered, Py_ssize_t a, Py_ssize_t b, Py_ssize_t end,
                const unsigned char **tables, PyObject *compounds, Py_ssize_t *m_end)
{
    const unsigned char *F = tables[0], *B = tables[1], *J = tables[2], *T = tables[3];
    int kind = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(lowered);
    Py_ssize_t spans[3][2] = {{a, b}, {0, 0}, {0, 0}};
    int count = 1;
    Py_ssize_t i = b;
    while (count < 3 && i < end) {
        if (!F[PyUnicode_READ(kind, data, i)]) {
            i++;
            continue;
        }
        Py_ssize_t j = word_end(kind, data, end, i, B, J, T);
        spans[count][0] = i;
        spans[count][1] = j;
        count++;
        i = j;
    }
    for (int words = 2; words <= count; words++) {
        PyObject *parts = PyList_New(words);
        if (parts == NULL)
            return -1;
        for (int k = 0; k < words; k++) {
            PyObject *w = PyUnicode_Substring(lowered, spans[k][0], spans[k][1]);
            if (w == NULL) {
                Py_DECREF(parts);
                return -1;
            }
            PyList_SET_ITEM(parts, k, w);
        }
        PyObject *space = PyUnicode_FromString(" ");
        PyObject *head = space ? PyUnicode_Join(space, parts) : NULL;
        Py_XDECREF(space);
        Py_DECREF(parts);
        if (head == NULL)
            return -1;
        int found = PySet_Contains(compounds, head);
        Py_DECREF(head);
        if (found < 0)
            return -1;
        if (found) {
            for (int k = 1; k < words; k++)
                if (spans[k][0] != spans[k - 1][1] + 1 || PyUnicode_READ(kind, data, spans[k - 1][1]) != ' ')
                    return 2;
            *m_end = spans[words - 1][1];
            return 1;
        }
    }
    return 0;
}

/* 1 when _main_clause may take part of the sentence [a, end) out after its phrase opener
   (the first word, [a, b)): a relative or subordinate clause (may_cut_clause), or a
   compound opener its first words make. 0: the sentence is its main clause. -1: error. */
static int
clause_taken_out(PyObject *lowered, Py_ssize_t a, Py_ssize_t b, Py_ssize_t end,
                 const unsigned char **tables, PyObject *compounds)
{
    if (may_cut_clause(lowered, a, end, tables[0]))
        return 1;
    Py_ssize_t m_end;
    int found = compound_opener(lowered, a, b, end, tables, compounds, &m_end);
    return found < 0 ? -1 : found != 0;
}

/* tlint.lexicon's table: the sorted words concatenated, their end offsets, a mask of parts
   of speech per word */
typedef struct {
    PyObject *words;
    const unsigned int *ends;
    const unsigned char *masks;
    Py_ssize_t count;
    unsigned verbal;  /* the VERB and AUX bits */
    unsigned verb, noun;  /* the VERB bit, the NOUN bit */
    PyObject *adjectives;  /* _ADJ_BEFORE_TO: "close to", "next to" are no verbs */
} Lexicon;

/* the parts-of-speech mask of lowered[a:b], 0 if the lexicon does not know it (binary
   search comparing code points, as the Python table's bisect compares strings) */
static unsigned
lexicon_mask(const Lexicon *lex, PyObject *lowered, Py_ssize_t a, Py_ssize_t b, Py_UCS4 extra)
{
    /* the key: lowered[a:b], then `extra` when it is not 0 (a stem + "e") */
    int lk = PyUnicode_KIND(lowered), wk = PyUnicode_KIND(lex->words);
    const void *ld = PyUnicode_DATA(lowered), *wd = PyUnicode_DATA(lex->words);
    Py_ssize_t klen = (b - a) + (extra != 0);
    Py_ssize_t lo = 0, hi = lex->count;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        Py_ssize_t s = mid ? lex->ends[mid - 1] : 0, e = lex->ends[mid];
        int cmp = 0;
        Py_ssize_t k = 0;
        for (; k < klen && s + k < e; k++) {
            Py_UCS4 x = a + k < b ? PyUnicode_READ(lk, ld, a + k) : extra, y = PyUnicode_READ(wk, wd, s + k);
            if (x != y) {
                cmp = x < y ? -1 : 1;
                break;
            }
        }
        if (cmp == 0)
            cmp = klen < (e - s) ? -1 : (klen > (e - s) ? 1 : 0);
        if (cmp == 0)
            return lex->masks[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* 1 when the word [i, j) makes has_verb True whatever precedes it: written in lower case
   (or `first`: the first word, where a capital is no name), no joiner, no participle
   ending, not an adjective before "to", and only a verb (or auxiliary) to the lexicon
   ("said", "met", "told"). 0: not sure. -1: error. */
static int
surely_verbal(const Lexicon *lex, PyObject *text, PyObject *lowered, Py_ssize_t i, Py_ssize_t j,
              int first)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (lex == NULL || (!first && Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, i))))
        return 0;  /* a capitalised word mid-sentence is a name to has_verb */
    for (Py_ssize_t k = i; k < j; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == '\'' || c == 0x2019)
            return 0;
    }
    int lk = PyUnicode_KIND(lowered);
    const void *ld = PyUnicode_DATA(lowered);
    Py_ssize_t len = j - i;
    if (len > 4 && ((PyUnicode_READ(lk, ld, j - 3) == 'i' && PyUnicode_READ(lk, ld, j - 2) == 'n'
                     && PyUnicode_READ(lk, ld, j - 1) == 'g')
                    || (PyUnicode_READ(lk, ld, j - 2) == 'e' && PyUnicode_READ(lk, ld, j - 1) == 'd')))
        return 0;  /* a participle: has_verb weighs the word before it */
    unsigned mask = lexicon_mask(lex, lowered, i, j, 0);
    if (!(mask & lex->verbal) || (mask & ~lex->verbal))
        return 0;
    int adjective = span_in(lowered, i, j, lex->adjectives);
    return adjective < 0 ? -1 : !adjective;
}

/* Whether has_verb(text[a:end]) is surely True, as has_verb scans that text again: an
   auxiliary after its first word, an -ed form of five letters or more after a word not in
   `noun` (a possible subject), or a word the lexicon knows only as a verb; the first word
   too when `first_counts` (has_verb's loop passes a first word among _PHRASE_OPENERS: the
   caller says when it cannot be one). 1 yes, 0 not sure, -1 error. */
static int
verb_in(PyObject *text, PyObject *lowered, Py_ssize_t a, Py_ssize_t end, const unsigned char **tables,
        PyObject *aux, PyObject *noun, Py_ssize_t max_short, const Lexicon *lex, int first_counts)
{
    const unsigned char *F = tables[0], *B = tables[1], *J = tables[2], *T = tables[3];
    int kind = PyUnicode_KIND(text), lk = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(text), *ld = PyUnicode_DATA(lowered);
    Py_ssize_t i = a, count = 0, prev_a = -1, prev_b = -1;
    while (i < end) {
        if (!F[PyUnicode_READ(kind, data, i)]) {
            i++;
            continue;
        }
        Py_ssize_t j = word_end(kind, data, end, i, B, J, T), len = j - i;
        if (count == 0) {
            if (first_counts) {
                int verbal = surely_verbal(lex, text, lowered, i, j, 1);
                if (verbal != 0)
                    return verbal;
            }
        }
        else {
            if (len <= max_short) {
                int found = span_in(lowered, i, j, aux);
                if (found != 0)
                    return found < 0 ? -1 : 1;  /* an auxiliary after the first word */
            }
            if (len > 4 && PyUnicode_READ(lk, ld, j - 2) == 'e' && PyUnicode_READ(lk, ld, j - 1) == 'd') {
                /* a past form after a word that can be its subject */
                if (prev_b - prev_a > max_short)
                    return 1;
                int found = span_in(lowered, prev_a, prev_b, noun);
                if (found < 0)
                    return -1;
                if (!found)
                    return 1;
            }
            int verbal = surely_verbal(lex, text, lowered, i, j, 0);
            if (verbal != 0)
                return verbal;  /* (the loop of has_verb would stop on this word) */
        }
        count++;
        prev_a = i;
        prev_b = j;
        i = j;
    }
    return 0;
}

static inline int
ends_ing(int lk, const void *ld, Py_ssize_t i, Py_ssize_t j)
{
    return j - i >= 3 && PyUnicode_READ(lk, ld, j - 3) == 'i' && PyUnicode_READ(lk, ld, j - 2) == 'n'
           && PyUnicode_READ(lk, ld, j - 1) == 'g';
}

/* _participle_opener: a sentence of 4 words or more opening with a verb's -ing form
   (its stem, stem + "e" or its stem without a doubled last letter a verb), not a noun, and
   not before "by" ("Editing by ..."). [i, j) the first word, [i1, j1) the second,
   `words` their count. 1, 0, -1 error (none: the lexicon answers). */
static int
participle_opener(const Lexicon *lex, PyObject *lowered, Py_ssize_t i, Py_ssize_t j,
                  Py_ssize_t i1, Py_ssize_t j1, Py_ssize_t words)
{
    int lk = PyUnicode_KIND(lowered);
    const void *ld = PyUnicode_DATA(lowered);
    if (words < 4 || j - i <= 4 || !ends_ing(lk, ld, i, j))
        return 0;
    if (j1 - i1 == 2 && PyUnicode_READ(lk, ld, i1) == 'b' && PyUnicode_READ(lk, ld, i1 + 1) == 'y')
        return 0;
    if (lexicon_mask(lex, lowered, i, j, 0) & lex->noun)
        return 0;
    Py_ssize_t stem = j - 3;
    if ((lexicon_mask(lex, lowered, i, stem, 0) & lex->verb) || (lexicon_mask(lex, lowered, i, stem, 'e') & lex->verb))
        return 1;
    if (stem - i > 2 && PyUnicode_READ(lk, ld, stem - 1) == PyUnicode_READ(lk, ld, stem - 2)
        && (lexicon_mask(lex, lowered, i, stem - 1, 0) & lex->verb))
        return 1;
    return 0;
}

/* 1 when lowered[a:end] holds "to" after no letter or digit: where _INFINITIVE_RE
   (\bto\s+[\p{L}’']+) may match (a superset) */
static int
may_hold_infinitive(PyObject *lowered, Py_ssize_t a, Py_ssize_t end, const unsigned char *B)
{
    int lk = PyUnicode_KIND(lowered);
    const void *ld = PyUnicode_DATA(lowered);
    for (Py_ssize_t p = a; p + 1 < end; p++)
        if (PyUnicode_READ(lk, ld, p) == 't' && PyUnicode_READ(lk, ld, p + 1) == 'o'
            && (p == a || !B[PyUnicode_READ(lk, ld, p - 1)]))
            return 1;
    return 0;
}

/* 1: safe, 0: ask Python, -1: error */
static int
sentence_safe(PyObject *text, PyObject *lowered, Py_ssize_t start, Py_ssize_t end,
              Py_ssize_t stripped_len, const unsigned char **tables, PyObject **sets,
              Py_ssize_t max_short, const Lexicon *lex)
{
    const unsigned char *F = tables[0], *B = tables[1], *J = tables[2], *T = tables[3];
    PyObject *tail_openers = sets[0], *clause_openers = sets[1], *aux = sets[2], *noun = sets[3];
    PyObject *compounds = sets[4];
    int kind = PyUnicode_KIND(text), lk = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(text), *ld = PyUnicode_DATA(lowered);
    if (start >= end || !F[PyUnicode_READ(kind, data, start)])
        return 1;  /* no word at the start: _WORD_RE.match is None */
    if (Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, start)))
        return 0;  /* "resumes in lower case": Python's */
    Py_UCS4 last = PyUnicode_READ(kind, data, end - 1);
    int stop = last == '.' || (last == 0x06D4 && end == stripped_len);
    if (!stop || (last == '.' && end - 2 >= start && PyUnicode_READ(kind, data, end - 2) == '.'))
        return 1;
    /* the first word, an opener the verdict reads or a participle heading the sentence */
    Py_ssize_t i = start, j = word_end(kind, data, end, start, B, J, T);
    int found = span_in(lowered, i, j, tail_openers);
    if (found != 0)
        return found < 0 ? -1 : 0;
    int opener = span_in(lowered, i, j, clause_openers);
    if (opener < 0)
        return -1;
    if (j - i > 4 && ends_ing(lk, ld, i, j)) {
        /* the second word and the count of words (up to 4) */
        Py_ssize_t i1 = -1, j1 = -1, words = 1, k = j;
        while (k < end && words < 4) {
            if (!F[PyUnicode_READ(kind, data, k)]) {
                k++;
                continue;
            }
            Py_ssize_t e = word_end(kind, data, end, k, B, J, T);
            if (words == 1) {
                i1 = k;
                j1 = e;
            }
            words++;
            k = e;
        }
        int p = lex == NULL ? 1 : participle_opener(lex, lowered, i, j, i1, j1, words);
        if (p != 0) {
            /* "According to the agency, prices rose.": _full_verdict looks for a verb in
               the main clause from the participle's length on (the opener's words taken
               out first, a compound replaced by "of"), infinitives taken out */
            if (p < 0 || lex == NULL || (j - i == 6 && has_at(lk, ld, i, j, "having"))
                || (j - i == 5 && has_at(lk, ld, i, j, "being")))
                return p < 0 ? -1 : 0;  /* (no lexicon; "having", "being": Python's) */
            Py_ssize_t from = start + (j - i);
            if (opener) {
                if (may_cut_clause(lowered, i, end, F))
                    return 0;
                Py_ssize_t m_end;
                int compound = compound_opener(lowered, i, j, end, tables, compounds, &m_end);
                if (compound < 0)
                    return -1;
                if (compound == 2)
                    return 0;  /* words not one space apart: the replacement's match is Python's */
                if (compound)
                    from = m_end + (j - i) - 2;  /* ("of" + the rest)[len(first):] */
            }
            if (from >= end || may_hold_infinitive(lowered, from, end, B))
                return 0;
            return verb_in(text, lowered, from, end, tables, aux, noun, max_short, lex, 0);
        }
    }
    if (opener) {
        /* after a phrase opener the main clause is the whole sentence unless a relative
           or subordinate clause or a compound opener is taken out */
        found = clause_taken_out(lowered, i, j, end, tables, compounds);
        if (found != 0)
            return found < 0 ? -1 : 0;
    }
    /* has_verb's loop passes a first word among _PHRASE_OPENERS (all of them openers) */
    return verb_in(text, lowered, start, end, tables, aux, noun, max_short, lex, !opener);
}

static PyObject *
fragment_safe(PyObject *self, PyObject *args)
{
    PyObject *text, *sentences, *lowered;
    Py_buffer tb[4];
    PyObject *sets[5], *lexicon;
    Py_ssize_t max_short;
    if (!PyArg_ParseTuple(args, "UO!Uy*y*y*y*O!O!O!O!O!nO", &text, &PyTuple_Type, &sentences, &lowered,
                          &tb[0], &tb[1], &tb[2], &tb[3], &PyFrozenSet_Type, &sets[0],
                          &PyFrozenSet_Type, &sets[1], &PyFrozenSet_Type, &sets[2],
                          &PyFrozenSet_Type, &sets[3], &PyFrozenSet_Type, &sets[4], &max_short, &lexicon))
        return NULL;
    PyObject *result = NULL;
    Py_buffer ends = {0}, masks = {0};
    Lexicon lex, *lexp = NULL;
    if (lexicon != Py_None) {
        /* (words: str, ends: uint32 buffer, masks: bytes, verbal bits, verb bit, noun bit,
           adjectives: frozenset) */
        unsigned verbal, verb, noun;
        if (!PyArg_ParseTuple(lexicon, "Uy*y*IIIO!", &lex.words, &ends, &masks, &verbal, &verb, &noun,
                              &PyFrozenSet_Type, &lex.adjectives))
            goto done;
        lex.verb = verb;
        lex.noun = noun;
        if (ends.itemsize != 4 || ends.len / 4 != masks.len) {
            PyErr_SetString(PyExc_ValueError, "the lexicon's ends are uint32, one per mask");
            goto done;
        }
        lex.ends = ends.buf;
        lex.masks = masks.buf;
        lex.count = masks.len;
        lex.verbal = verbal;
        lexp = &lex;
    }
    const unsigned char *tables[4];
    if (!cover_bmp(tb, 4))
        goto done;
    for (int k = 0; k < 4; k++)
        tables[k] = tb[k].buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_GET_LENGTH(lowered) != n || PyUnicode_KIND(text) == PyUnicode_4BYTE_KIND) {
        PyErr_SetString(PyExc_ValueError, "lowered must be as long as text, text within the BMP");
        goto done;
    }
    Py_ssize_t stripped = n;
    while (stripped > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, stripped - 1)))
        stripped--;
    Py_ssize_t count = PyTuple_GET_SIZE(sentences);
    result = PyBytes_FromStringAndSize(NULL, count);
    if (result == NULL)
        goto done;
    char *flags = PyBytes_AS_STRING(result);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *s = PyTuple_GET_ITEM(sentences, k);
        Py_ssize_t start, end;
        if (!PyTuple_Check(s) || PyTuple_GET_SIZE(s) < 2
            || (start = PyLong_AsSsize_t(PyTuple_GET_ITEM(s, 0))) == -1
            || (end = PyLong_AsSsize_t(PyTuple_GET_ITEM(s, 1))) == -1
            || start < 0 || end > n) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "sentences are (start, end, ...) within text");
            Py_CLEAR(result);
            goto done;
        }
        int safe = sentence_safe(text, lowered, start, end, stripped, tables, sets, max_short, lexp);
        if (safe < 0) {
            Py_CLEAR(result);
            goto done;
        }
        flags[k] = (char)safe;
    }
done:
    for (int k = 0; k < 4; k++)
        PyBuffer_Release(&tb[k]);
    if (ends.obj != NULL)
        PyBuffer_Release(&ends);
    if (masks.obj != NULL)
        PyBuffer_Release(&masks);
    return result;
}

/* ------------------------------------------------------------------ duplicate candidates

   The candidate pairs of the duplicate kind (tlint.kinds.duplicate), which aligns only the
   few pairs of units that share enough text: these find those pairs without a Python
   object per bigram or per sentence. `_line_candidates_python` and
   `_sentence_candidates_python` in duplicate.py are the specification (a differential
   test holds these to them). Words are compared by their code points, never by hash alone.

   line_candidates(lines, min_words, common, max_candidates, findall_lower, first, body,
                   joiners, tail, repeat) -> list[(n, list[int])]
     The units are the lines with min_words words or more: the words findall_lower(line)
     returns (tlint.words.WordPattern; scanned here, over the same class tables, when the
     line's lower case is character for character). A bigram is evidence when 2 to
     `common` units hold it; for each unit with two evidence bigrams or more, the units
     sharing the most evidence bigrams with it (two at least; ties by order;
     `max_candidates` of them), kept when they share max(2, (min(len) - 1) // 2) or more.

   sentence_candidates(texts, splits, min_words, far_words, edge_punct)
       -> list[(i, j, list[(i, j)])] | None
     texts: lines; splits: their sentences (tlint.sentences.Sentence). A sentence of
     min_words whitespace tokens or more has two keys, its first two and its last two
     tokens stripped of `edge_punct` and lower-cased. For sentence j of line i: the
     earlier sentences of its line sharing a key with it; or, when it is the first of its
     line, the whole line, and far_words long, the earlier sentences of other lines
     (far_words long, not whole lines) sharing a key with it, in document order; of
     those, the ones it could copy (could_copy, below). */

static inline Py_uhash_t
mix_hash(Py_uhash_t a, Py_uhash_t b)
{
    Py_uhash_t h = a * (Py_uhash_t)0x9E3779B97F4A7C15ULL ^ b;
    h ^= h >> 29;
    h *= (Py_uhash_t)0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}

static Py_ssize_t
table_size(Py_ssize_t n)
{
    Py_ssize_t size = 8;
    while (size < 2 * n + 1)
        size *= 2;
    return size;
}

typedef struct {
    PyObject *text;  /* borrowed: the lower-case line, or one word */
    Py_ssize_t start, len;
    Py_uhash_t hash;  /* of its code points (span_hash) */
} Word;

typedef struct {
    Word *at;
    Py_ssize_t len, cap;
} Words;

static Py_uhash_t
span_hash(PyObject *text, Py_ssize_t start, Py_ssize_t len)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_uhash_t h = (Py_uhash_t)0xCBF29CE484222325ULL;  /* FNV-1a over code points */
    for (Py_ssize_t k = start; k < start + len; k++)
        h = (h ^ PyUnicode_READ(kind, data, k)) * (Py_uhash_t)0x100000001B3ULL;
    return h;
}

static int
same_word(const Word *x, const Word *y)
{
    if (x->hash != y->hash || x->len != y->len)
        return 0;
    int xk = PyUnicode_KIND(x->text), yk = PyUnicode_KIND(y->text);
    const void *xd = PyUnicode_DATA(x->text), *yd = PyUnicode_DATA(y->text);
    if (xk == yk)
        return memcmp((const char *)xd + x->start * xk, (const char *)yd + y->start * yk,
                      x->len * xk) == 0;
    for (Py_ssize_t k = 0; k < x->len; k++) {
        if (PyUnicode_READ(xk, xd, x->start + k) != PyUnicode_READ(yk, yd, y->start + k))
            return 0;
    }
    return 1;
}

static int
add_word(Words *words, PyObject *text, Py_ssize_t start, Py_ssize_t len)
{
    if (words->len == words->cap) {
        Py_ssize_t cap = words->cap ? 2 * words->cap : 1024;
        Word *at = PyMem_Realloc(words->at, cap * sizeof(Word));
        if (at == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        words->at = at;
        words->cap = cap;
    }
    words->at[words->len++] = (Word){text, start, len, span_hash(text, start, len)};
    return 0;
}

/* the words scan_words finds in `text`, as spans of `lowered` (the same loop) */
static int
scan_line_words(Words *words, PyObject *text, PyObject *lowered, const unsigned char *F,
                const unsigned char *B, const unsigned char *J, const unsigned char *T, int repeat)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    while (i < n) {
        if (!member(F, PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = word_end_r(kind, data, n, i, B, J, T, repeat);
        if (add_word(words, lowered, i, j - i) < 0)
            return -1;
        i = j;
    }
    return 0;
}

/* the lower-case words of `line`, as WordPattern.findall_lower finds them: scanned here
   when the line's lower case keeps its length, has no capital sigma and no character
   beyond the BMP; else the words `findall_lower(line)` returns. `*owner` receives the
   object the words point into. */
static int
line_words(Words *words, PyObject *line, PyObject **owner, PyObject *findall_lower,
           const unsigned char *F, const unsigned char *B, const unsigned char *J,
           const unsigned char *T, int repeat)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    PyObject *lowered = PyObject_CallMethod(line, "lower", NULL);
    if (lowered == NULL)
        return -1;
    if (PyUnicode_GET_LENGTH(lowered) == n && PyUnicode_KIND(line) != PyUnicode_4BYTE_KIND
        && PyUnicode_FindChar(line, 0x3A3, 0, n, 1) == -1) {
        *owner = lowered;
        return scan_line_words(words, line, lowered, F, B, J, T, repeat);
    }
    Py_DECREF(lowered);
    PyObject *found = PyObject_CallOneArg(findall_lower, line);
    if (found == NULL)
        return -1;
    *owner = found;
    if (!PyList_CheckExact(found)) {
        PyErr_SetString(PyExc_TypeError, "findall_lower returns a list of str");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(found); k++) {
        PyObject *word = PyList_GET_ITEM(found, k);
        if (!PyUnicode_CheckExact(word)) {
            PyErr_SetString(PyExc_TypeError, "findall_lower returns a list of str");
            return -1;
        }
        if (add_word(words, word, 0, PyUnicode_GET_LENGTH(word)) < 0)
            return -1;
    }
    return 0;
}

typedef struct {
    Py_ssize_t a, b;   /* its words (indices in Words) */
    Py_uhash_t hash;
    Py_ssize_t units;  /* how many units hold it */
    Py_ssize_t last;   /* the last unit that counted it, then the fill cursor of its units */
    Py_ssize_t start;  /* where its units begin in the index */
} Bigram;

/* the id of the bigram of words a, a + 1 in `table`, added if new */
static Py_ssize_t
bigram_id(Py_ssize_t *table, Py_ssize_t mask, Bigram *bigrams, Py_ssize_t *count,
          const Word *words, Py_ssize_t a)
{
    Py_uhash_t hash = mix_hash(words[a].hash, words[a + 1].hash);
    Py_ssize_t slot = (Py_ssize_t)(hash & (Py_uhash_t)mask);
    while (table[slot] >= 0) {
        Bigram *g = &bigrams[table[slot]];
        if (g->hash == hash && same_word(&words[g->a], &words[a]) && same_word(&words[g->b], &words[a + 1]))
            return table[slot];
        slot = (slot + 1) & mask;
    }
    Py_ssize_t id = (*count)++;
    bigrams[id] = (Bigram){a, a + 1, hash, 0, -1, 0};
    table[slot] = id;
    return id;
}

/* the n units sharing the most (then the earliest) with the unit: moved to the front */
static void
select_top(Py_ssize_t *near, Py_ssize_t len, const Py_ssize_t *shared, Py_ssize_t n)
{
    for (Py_ssize_t t = 0; t < n && t < len; t++) {
        Py_ssize_t best = t;
        for (Py_ssize_t k = t + 1; k < len; k++) {
            Py_ssize_t o = near[k], b = near[best];
            if (shared[o] > shared[b] || (shared[o] == shared[b] && o < b))
                best = k;
        }
        Py_ssize_t keep = near[t];
        near[t] = near[best];
        near[best] = keep;
    }
}

static PyObject *
line_candidates(PyObject *self, PyObject *args)
{
    PyObject *lines, *findall_lower;
    Py_ssize_t min_words, common, max_candidates;
    Py_buffer first, body, joiners, tail;
    int repeat;
    if (!PyArg_ParseTuple(args, "O!nnnOy*y*y*y*p", &PyList_Type, &lines, &min_words, &common,
                          &max_candidates, &findall_lower, &first, &body, &joiners, &tail, &repeat))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n_lines = PyList_GET_SIZE(lines);
    Words words = {NULL, 0, 0};
    PyObject **owners = PyMem_Calloc(n_lines + 1, sizeof(PyObject *));
    Py_ssize_t *words_at = PyMem_Malloc((n_lines + 1) * sizeof(Py_ssize_t));
    Py_ssize_t *table = NULL, *held = NULL, *held_at = NULL, *index = NULL, *shared = NULL, *near = NULL;
    Bigram *bigrams = NULL;
    if (owners == NULL || words_at == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (!cover_bmp((Py_buffer[]){first, body, joiners, tail}, 4))
        goto done;
    /* the words of every line; the units are the lines of min_words words or more */
    Py_ssize_t n_pairs = 0;
    for (Py_ssize_t u = 0; u < n_lines; u++) {
        PyObject *line = PyList_GET_ITEM(lines, u);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "lines are str");
            goto done;
        }
        words_at[u] = words.len;
        if (line_words(&words, line, &owners[u], findall_lower, first.buf, body.buf,
                       joiners.buf, tail.buf, repeat) < 0)
            goto done;
        if (words.len - words_at[u] >= min_words)
            n_pairs += words.len - words_at[u] - 1;
    }
    words_at[n_lines] = words.len;
#define UNIT_WORDS(u) (words_at[(u) + 1] - words_at[(u)])
    Py_ssize_t size = table_size(n_pairs), mask = size - 1, n_bigrams = 0;
    table = PyMem_Malloc(size * sizeof(Py_ssize_t));
    bigrams = PyMem_Malloc((n_pairs + 1) * sizeof(Bigram));
    held = PyMem_Malloc((n_pairs + 1) * sizeof(Py_ssize_t));  /* per unit, its bigrams */
    held_at = PyMem_Malloc((n_lines + 1) * sizeof(Py_ssize_t));
    index = PyMem_Malloc((n_pairs + 1) * sizeof(Py_ssize_t));  /* per bigram, its units */
    shared = PyMem_Calloc(n_lines + 1, sizeof(Py_ssize_t));
    near = PyMem_Malloc((n_lines + 1) * sizeof(Py_ssize_t));
    if (!table || !bigrams || !held || !held_at || !index || !shared || !near) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t s = 0; s < size; s++)
        table[s] = -1;
    /* the distinct bigrams of each unit, and how many units hold each */
    Py_ssize_t n_held = 0;
    for (Py_ssize_t u = 0; u < n_lines; u++) {
        held_at[u] = n_held;
        if (UNIT_WORDS(u) < min_words)
            continue;
        for (Py_ssize_t a = words_at[u]; a + 1 < words_at[u + 1]; a++) {
            Py_ssize_t id = bigram_id(table, mask, bigrams, &n_bigrams, words.at, a);
            if (bigrams[id].last != u) {
                bigrams[id].last = u;
                bigrams[id].units++;
                held[n_held++] = id;
            }
        }
    }
    held_at[n_lines] = n_held;
    /* evidence: in 2 to `common` units; the index lists the units of each */
    Py_ssize_t filled = 0;
    for (Py_ssize_t id = 0; id < n_bigrams; id++) {
        Bigram *g = &bigrams[id];
        int evidence = g->units >= 2 && g->units <= common;
        g->start = filled;
        g->last = filled;
        if (evidence)
            filled += g->units;
        else
            g->units = 0;  /* no evidence: no units listed */
    }
    /* keep only the evidence bigrams of each unit (in place) and list the units */
    Py_ssize_t kept = 0;
    for (Py_ssize_t u = 0; u < n_lines; u++) {
        Py_ssize_t from = held_at[u], to = held_at[u + 1];
        held_at[u] = kept;
        for (Py_ssize_t k = from; k < to; k++) {
            Bigram *g = &bigrams[held[k]];
            if (g->units) {
                index[g->last++] = u;
                held[kept++] = held[k];
            }
        }
    }
    held_at[n_lines] = kept;
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    for (Py_ssize_t u = 0; u < n_lines; u++) {
        if (held_at[u + 1] - held_at[u] < 2)
            continue;
        Py_ssize_t n_near = 0;
        for (Py_ssize_t k = held_at[u]; k < held_at[u + 1]; k++) {
            Bigram *g = &bigrams[held[k]];
            for (Py_ssize_t x = g->start; x < g->start + g->units; x++) {
                if (shared[index[x]]++ == 0)
                    near[n_near++] = index[x];
            }
        }
        /* the units sharing two bigrams or more, the unit itself left out */
        Py_ssize_t n_two = 0;
        for (Py_ssize_t k = 0; k < n_near; k++) {
            Py_ssize_t o = near[k];
            if (o != u && shared[o] >= 2)
                near[n_two++] = o;
            else
                shared[o] = 0;
        }
        select_top(near, n_two, shared, max_candidates);
        PyObject *tried = NULL;
        for (Py_ssize_t k = 0; k < n_two && k < max_candidates && result != NULL; k++) {
            Py_ssize_t o = near[k];
            Py_ssize_t fewer = UNIT_WORDS(u) < UNIT_WORDS(o) ? UNIT_WORDS(u) : UNIT_WORDS(o);
            Py_ssize_t need = (fewer - 1) / 2;  /* _need: fewer >= 3 here, no negative floor */
            if (shared[o] < (need > 2 ? need : 2))
                continue;
            PyObject *other = PyLong_FromSsize_t(o);
            if (tried == NULL)
                tried = PyList_New(0);
            if (other == NULL || tried == NULL || PyList_Append(tried, other) < 0)
                Py_CLEAR(result);
            Py_XDECREF(other);
        }
        for (Py_ssize_t k = 0; k < n_two; k++)
            shared[near[k]] = 0;
        if (tried != NULL && result != NULL) {
            PyObject *item = Py_BuildValue("(nO)", u, tried);
            if (item == NULL || PyList_Append(result, item) < 0)
                Py_CLEAR(result);
            Py_XDECREF(item);
        }
        Py_XDECREF(tried);
        if (result == NULL)
            goto done;
    }
#undef UNIT_WORDS
done:
    for (Py_ssize_t u = 0; owners != NULL && u < n_lines; u++)
        Py_XDECREF(owners[u]);
    PyMem_Free(owners);
    PyMem_Free(words_at);
    PyMem_Free(words.at);
    PyMem_Free(table);
    PyMem_Free(bigrams);
    PyMem_Free(held);
    PyMem_Free(held_at);
    PyMem_Free(index);
    PyMem_Free(shared);
    PyMem_Free(near);
    PyBuffer_Release(&first);
    PyBuffer_Release(&body);
    PyBuffer_Release(&joiners);
    PyBuffer_Release(&tail);
    return result;
}

/* A whitespace token stripped of edge punctuation, in lower case, without a string of its
   own when it is ASCII: a span of the sentence read through ASCII lower case. */
typedef struct {
    PyObject *text;  /* the sentence (borrowed), or the token's own lower case (owned) */
    Py_ssize_t start, len;
    Py_uhash_t hash;  /* of its lower-case code points */
    int owned;
} Token;

typedef struct {
    unsigned char ascii[128];
    Py_UCS4 other[64];
    Py_ssize_t n_other;
} CharSet;

typedef struct {
    Py_ssize_t line, sent;
    PyObject *text;   /* borrowed: the sentence */
    Py_ssize_t size;  /* its whitespace tokens */
    Token edge[4];    /* the first two and the last two tokens */
    Py_uhash_t key[2];  /* hashes of the first pair and of the last pair */
    Token *words;     /* made when first needed: every token */
} Edges;

typedef struct {  /* the sources under one key hash, in document order */
    Py_uhash_t hash;
    Py_ssize_t first, last;  /* first = -1: an empty slot */
} Chain;

static inline int
in_set(Py_UCS4 c, const CharSet *set)
{
    if (c < 128)
        return set->ascii[c];
    for (Py_ssize_t k = 0; k < set->n_other; k++) {
        if (set->other[k] == c)
            return 1;
    }
    return 0;
}

static inline Py_UCS4
token_char(const Token *t, Py_ssize_t k)
{
    Py_UCS4 c = PyUnicode_READ(PyUnicode_KIND(t->text), PyUnicode_DATA(t->text), t->start + k);
    return !t->owned && c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* text[a:b].strip(punct).lower(): a span when ASCII (lower() changes A-Z only), else the
   string lower() makes; -1 on error */
static int
make_token(Token *t, PyObject *text, Py_ssize_t a, Py_ssize_t b, const CharSet *punct)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (a < b && in_set(PyUnicode_READ(kind, data, a), punct))
        a++;
    while (b > a && in_set(PyUnicode_READ(kind, data, b - 1), punct))
        b--;
    Py_UCS4 any = 0;
    for (Py_ssize_t k = a; k < b; k++)
        any |= PyUnicode_READ(kind, data, k);
    *t = (Token){text, a, b - a, 0, 0};
    if (any >= 128) {
        PyObject *sub = PyUnicode_Substring(text, a, b);
        if (sub == NULL)
            return -1;
        PyObject *lowered = PyObject_CallMethod(sub, "lower", NULL);
        Py_DECREF(sub);
        if (lowered == NULL)
            return -1;
        *t = (Token){lowered, 0, PyUnicode_GET_LENGTH(lowered), 0, 1};
    }
    Py_uhash_t h = (Py_uhash_t)0xCBF29CE484222325ULL;  /* FNV-1a over code points */
    for (Py_ssize_t k = 0; k < t->len; k++)
        h = (h ^ token_char(t, k)) * (Py_uhash_t)0x100000001B3ULL;
    t->hash = h;
    return 0;
}

static void
drop_token(Token *t)
{
    if (t->owned)
        Py_CLEAR(t->text);
}

static int
same_token(const Token *x, const Token *y)
{
    if (x->hash != y->hash || x->len != y->len)
        return 0;
    for (Py_ssize_t k = 0; k < x->len; k++) {
        if (token_char(x, k) != token_char(y, k))
            return 0;
    }
    return 1;
}

static inline int
same_key(const Edges *x, const Edges *y, int which)
{
    return x->key[which] == y->key[which] && same_token(&x->edge[2 * which], &y->edge[2 * which])
           && same_token(&x->edge[2 * which + 1], &y->edge[2 * which + 1]);
}

/* e->words: every token of the sentence, normalised as its edge tokens are; -1 on error */
static int
sentence_words(Edges *e, const CharSet *punct)
{
    if (e->words != NULL)
        return 0;
    e->words = PyMem_Calloc(e->size, sizeof(Token));
    if (e->words == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int kind = PyUnicode_KIND(e->text);
    const void *data = PyUnicode_DATA(e->text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(e->text), count = 0, k = 0;
    while (k < n && count < e->size) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) {
            k++;
            continue;
        }
        Py_ssize_t start = k;
        while (k < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)))
            k++;
        if (make_token(&e->words[count++], e->text, start, k, punct) < 0)
            return -1;
    }
    return 0;
}

/* _could_copy: the shorter sentence's tokens are nearly all among the longer one's, and
   the later one is no more than 1.25 times the earlier (the same float comparisons as
   Python's); 1, 0, or -1 on error */
static int
could_copy(Edges *later, Edges *earlier, const CharSet *punct)
{
    if ((double)later->size > 1.25 * (double)earlier->size)
        return 0;
    Edges *short_ = later->size <= earlier->size ? later : earlier;
    Edges *long_ = short_ == later ? earlier : later;
    if (sentence_words(short_, punct) < 0 || sentence_words(long_, punct) < 0)
        return -1;
    /* the longer one's tokens in a set (open addressing over their indices) */
    Py_ssize_t stack[512], size = table_size(long_->size), mask = size - 1;
    Py_ssize_t *table = size <= 512 ? stack : PyMem_Malloc(size * sizeof(Py_ssize_t));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < size; k++)
        table[k] = -1;
    for (Py_ssize_t k = 0; k < long_->size; k++) {
        Py_ssize_t slot = (Py_ssize_t)(long_->words[k].hash & (Py_uhash_t)mask);
        while (table[slot] >= 0)
            slot = (slot + 1) & mask;
        table[slot] = k;
    }
    double limit = 0.1 * (double)short_->size;
    Py_ssize_t missing = 0;
    for (Py_ssize_t k = 0; k < short_->size && (double)missing <= limit; k++) {
        const Token *word = &short_->words[k];
        Py_ssize_t slot = (Py_ssize_t)(word->hash & (Py_uhash_t)mask);
        int in_long = 0;
        for (; table[slot] >= 0 && !in_long; slot = (slot + 1) & mask)
            in_long = same_token(&long_->words[table[slot]], word);
        missing += !in_long;
    }
    if (table != stack)
        PyMem_Free(table);
    return (double)missing <= limit;
}

static Chain *
find_chain(Chain *table, Py_ssize_t mask, Py_uhash_t hash)
{
    Py_ssize_t slot = (Py_ssize_t)(hash & (Py_uhash_t)mask);
    while (table[slot].first >= 0 && table[slot].hash != hash)
        slot = (slot + 1) & mask;
    return &table[slot];
}

/* bounds of text.strip() */
static void
strip_bounds(PyObject *text, Py_ssize_t *a, Py_ssize_t *b)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t lo = 0, hi = PyUnicode_GET_LENGTH(text);
    while (lo < hi && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, lo)))
        lo++;
    while (hi > lo && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, hi - 1)))
        hi--;
    *a = lo;
    *b = hi;
}

/* sentence.strip() == line.strip() */
static int
same_stripped(PyObject *sentence, PyObject *line)
{
    Py_ssize_t sa, sb, la, lb;
    strip_bounds(sentence, &sa, &sb);
    strip_bounds(line, &la, &lb);
    if (sb - sa != lb - la)
        return 0;
    int sk = PyUnicode_KIND(sentence), lk = PyUnicode_KIND(line);
    const void *sd = PyUnicode_DATA(sentence), *ld = PyUnicode_DATA(line);
    for (Py_ssize_t k = 0; k < sb - sa; k++) {
        if (PyUnicode_READ(sk, sd, sa + k) != PyUnicode_READ(lk, ld, la + k))
            return 0;
    }
    return 1;
}

/* the whitespace tokens of `text` (str.split()): how many, and the spans of the first two
   (span[0], span[1]) and of the last two (span[2], span[3]) */
static Py_ssize_t
token_spans(PyObject *text, Py_ssize_t span[4][2])
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0, k = 0;
    while (k < n) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) {
            k++;
            continue;
        }
        Py_ssize_t start = k;
        while (k < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)))
            k++;
        if (count < 2) {
            span[count][0] = start;
            span[count][1] = k;
        }
        span[2][0] = span[3][0];
        span[2][1] = span[3][1];
        span[3][0] = start;
        span[3][1] = k;
        count++;
    }
    return count;
}

static int
append_pair(PyObject **others, Py_ssize_t line, Py_ssize_t sent)
{
    if (*others == NULL && (*others = PyList_New(0)) == NULL)
        return -1;
    PyObject *pair = Py_BuildValue("(nn)", line, sent);
    int failed = pair == NULL || PyList_Append(*others, pair) < 0;
    Py_XDECREF(pair);
    return failed ? -1 : 0;
}

static PyObject *
sentence_candidates(PyObject *self, PyObject *args)
{
    PyObject *texts, *splits, *punct_text;
    Py_ssize_t min_words, far_words;
    if (!PyArg_ParseTuple(args, "O!O!nnU", &PyList_Type, &texts, &PyList_Type, &splits,
                          &min_words, &far_words, &punct_text))
        return NULL;
    Py_ssize_t n_lines = PyList_GET_SIZE(texts), n_sents = 0;
    if (PyList_GET_SIZE(splits) != n_lines || min_words < 2)
        Py_RETURN_NONE;
    for (Py_ssize_t i = 0; i < n_lines; i++) {
        PyObject *sents = PyList_GET_ITEM(splits, i);
        if (!PyUnicode_CheckExact(PyList_GET_ITEM(texts, i)) || !PyTuple_CheckExact(sents))
            Py_RETURN_NONE;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(sents); j++) {
            PyObject *s = PyTuple_GET_ITEM(sents, j);
            if (!PyTuple_Check(s) || PyTuple_GET_SIZE(s) < 3 || !PyUnicode_CheckExact(PyTuple_GET_ITEM(s, 2)))
                Py_RETURN_NONE;
        }
        n_sents += PyTuple_GET_SIZE(sents);
    }
    CharSet punct = {{0}, {0}, 0};
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(punct_text); k++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(punct_text, k);
        if (c < 128)
            punct.ascii[c] = 1;
        else if (punct.n_other < 64)
            punct.other[punct.n_other++] = c;
        else
            Py_RETURN_NONE;
    }
    PyObject *result = NULL;
    Py_ssize_t n_edges = 0, size = table_size(n_sents), mask = size - 1;
    Edges *edges = PyMem_Malloc((n_sents + 1) * sizeof(Edges));
    Chain *chains[2] = {PyMem_Malloc(size * sizeof(Chain)), PyMem_Malloc(size * sizeof(Chain))};
    Py_ssize_t *next[2] = {PyMem_Malloc((n_sents + 1) * sizeof(Py_ssize_t)),
                           PyMem_Malloc((n_sents + 1) * sizeof(Py_ssize_t))};
    Py_ssize_t *found[2] = {PyMem_Malloc((n_sents + 1) * sizeof(Py_ssize_t)),
                            PyMem_Malloc((n_sents + 1) * sizeof(Py_ssize_t))};
    if (!edges || !chains[0] || !chains[1] || !next[0] || !next[1] || !found[0] || !found[1]) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t s = 0; s < size; s++)
        chains[0][s].first = chains[1][s].first = -1;
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n_lines; i++) {
        PyObject *line = PyList_GET_ITEM(texts, i), *sents = PyList_GET_ITEM(splits, i);
        Py_ssize_t line_first = n_edges;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(sents); j++) {
            PyObject *text = PyTuple_GET_ITEM(PyTuple_GET_ITEM(sents, j), 2);
            Py_ssize_t span[4][2] = {{0, 0}};
            Py_ssize_t size_ = token_spans(text, span);
            if (size_ < min_words)
                continue;
            Edges *e = &edges[n_edges++];
            *e = (Edges){.line = i, .sent = j, .text = text, .size = size_};
            for (int t = 0; t < 4; t++) {
                if (make_token(&e->edge[t], text, span[t][0], span[t][1], &punct) < 0)
                    goto fail;
            }
            for (int w = 0; w < 2; w++)
                e->key[w] = mix_hash(e->edge[2 * w].hash, e->edge[2 * w + 1].hash);
            int whole = same_stripped(text, line), far = size_ >= far_words;
            PyObject *others = NULL;
            if (e > &edges[line_first]) {
                for (Edges *v = &edges[line_first]; v < e; v++) {
                    if (!same_key(e, v, 0) && !same_key(e, v, 1))
                        continue;
                    int copy = could_copy(e, v, &punct);
                    if (copy < 0 || (copy && append_pair(&others, v->line, v->sent) < 0))
                        goto fail_others;
                }
            }
            else if (whole && far) {
                /* the sources under each key, merged in document order */
                Py_ssize_t n_found[2] = {0, 0};
                for (int w = 0; w < 2; w++) {
                    Chain *c = find_chain(chains[w], mask, e->key[w]);
                    for (Py_ssize_t v = c->first; c->first >= 0 && v >= 0; v = next[w][v]) {
                        if (same_key(e, &edges[v], w))
                            found[w][n_found[w]++] = v;
                    }
                }
                Py_ssize_t a = 0, b = 0;
                while (a < n_found[0] || b < n_found[1]) {
                    Py_ssize_t v;
                    if (a < n_found[0] && (b >= n_found[1] || found[0][a] <= found[1][b])) {
                        v = found[0][a++];
                        if (b < n_found[1] && found[1][b] == v)
                            b++;  /* under both keys: once */
                    }
                    else
                        v = found[1][b++];
                    int copy = could_copy(e, &edges[v], &punct);
                    if (copy < 0 || (copy && append_pair(&others, edges[v].line, edges[v].sent) < 0))
                        goto fail_others;
                }
            }
            if (others != NULL) {
                PyObject *item = Py_BuildValue("(nnO)", i, j, others);
                if (item == NULL || PyList_Append(result, item) < 0) {
                    Py_XDECREF(item);
                    goto fail_others;
                }
                Py_DECREF(item);
                Py_DECREF(others);
            }
            if (!whole && far) {  /* a source for the sentences of later lines */
                Py_ssize_t v = e - edges;
                for (int w = 0; w < 2; w++) {
                    Chain *c = find_chain(chains[w], mask, e->key[w]);
                    if (c->first < 0) {
                        c->hash = e->key[w];
                        c->first = v;
                    }
                    else
                        next[w][c->last] = v;
                    c->last = v;
                    next[w][v] = -1;
                }
            }
            continue;
        fail_others:
            Py_XDECREF(others);
            goto fail;
        }
    }
    goto done;
fail:
    Py_CLEAR(result);
done:
    for (Py_ssize_t k = 0; edges != NULL && k < n_edges; k++) {
        for (int t = 0; t < 4; t++)
            drop_token(&edges[k].edge[t]);
        for (Py_ssize_t t = 0; edges[k].words != NULL && t < edges[k].size; t++)
            drop_token(&edges[k].words[t]);
        PyMem_Free(edges[k].words);
    }
    PyMem_Free(edges);
    for (int w = 0; w < 2; w++) {
        PyMem_Free(chains[w]);
        PyMem_Free(next[w]);
        PyMem_Free(found[w]);
    }
    return result;
}


static PyMethodDef methods[] = {
    {"words", scan_words, METH_VARARGS, "The words of a text (see the module's comment)."},
    {"count_words", count_words, METH_VARARGS, "How many words words() finds, up to a limit."},
    {"repeat_starts", repeat_starts, METH_VARARGS, "Where a unit of words may repeat back to back."},
    {"text_repeat_starts", text_repeat_starts, METH_VARARGS, "repeat_starts over a text's words, as spans."},
    {"split", split_sentences, METH_VARARGS, "The sentences of a text (tlint.sentences.split)."},
    {"find_class", find_class, METH_VARARGS, "The first index of a character of a class, or -1."},
    {"ends_sentence", ends_sentence, METH_VARARGS, "Whether a text ends a sentence (tlint.document)."},
    {"fragment_safe", fragment_safe, METH_VARARGS, "Sentences the fragment check need not look at."},
    {"line_candidates", line_candidates, METH_VARARGS, "Line pairs worth aligning (tlint.kinds.duplicate)."},
    {"sentence_candidates", sentence_candidates, METH_VARARGS, "Sentence pairs sharing a key (tlint.kinds.duplicate)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tlint._scan", "The word scanner behind tlint.words.", -1, methods,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    return PyModule_Create(&module);
}
