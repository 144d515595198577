/* tlint._scan: the word scanner behind tlint.words, in C (and the repeat search of the
   repetition kind, over the words it found).

   A word pattern of tlint's kinds has the shape  F B* (J T+)?  or  F B* (J T+)*  (F, B,
   J, T: character classes). The regex module finds such words at ~50 ns a character;
   this loop does it at a few. The classes arrive as tables (a byte per character) over the
   Basic Multilingual Plane, filled from the regex module itself (tlint.rx.char_table), so
   both agree on every character; a text with characters beyond the BMP (emoji) is left to
   the regex module (words() returns None).

   words(text, first, body, joiners, tail, repeat, out) -> list[str] | None
     the words of `text`, taken from `out` at the same spans (`out` is `text`, or its
     lower-case copy when that has the same length: one lower() per text, not per word).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static inline int
member(const unsigned char *table, Py_UCS4 c)
{
    return table[c];
}

static PyObject *
scan_words(PyObject *self, PyObject *args)
{
    PyObject *text, *out;
    Py_buffer first, body, joiners, tail;
    int repeat;
    if (!PyArg_ParseTuple(args, "Uy*y*y*y*pU", &text, &first, &body, &joiners, &tail,
                          &repeat, &out))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    if (first.len < 65536 || body.len < 65536 || joiners.len < 65536 || tail.len < 65536) {
        PyErr_SetString(PyExc_ValueError, "class tables cover the BMP: 65536 bytes each");
        goto done;
    }
    if (PyUnicode_GET_LENGTH(out) != n) {
        PyErr_SetString(PyExc_ValueError, "out must be as long as text");
        goto done;
    }
    if (kind == PyUnicode_4BYTE_KIND) {
        /* characters beyond the BMP may be there: the caller asks the regex module */
        Py_INCREF(Py_None);
        result = Py_None;
        goto done;
    }
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
        Py_ssize_t j = i + 1;
        while (j < n && member(B, PyUnicode_READ(kind, data, j)))
            j++;
        /* the tail: a joiner and at least one tail character, once or repeated */
        while (j + 1 < n && member(J, PyUnicode_READ(kind, data, j))
               && member(T, PyUnicode_READ(kind, data, j + 1))) {
            j += 2;
            while (j < n && member(T, PyUnicode_READ(kind, data, j)))
                j++;
            if (!repeat)
                break;
        }
        PyObject *word = PyUnicode_Substring(out, i, j);
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
    if (starts == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t n = min_n; n <= max_n && 2 * n <= len; n++) {
        Py_ssize_t run = 0;
        for (Py_ssize_t i = 0; i + n < len; i++) {
            int same = PyObject_RichCompareBool(PyList_GET_ITEM(words, i),
                                                PyList_GET_ITEM(words, i + n), Py_EQ);
            if (same < 0) {
                PyMem_Free(starts);
                return NULL;
            }
            run = same ? run + 1 : 0;
            if (run >= n)
                starts[i - n + 1] = 1;
        }
    }
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
    if (table.len < 65536) {
        PyBuffer_Release(&table);
        PyErr_SetString(PyExc_ValueError, "the class table covers the BMP: 65536 bytes");
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
    if (classes.len < 65536) {
        PyErr_SetString(PyExc_ValueError, "the class table covers the BMP: 65536 bytes");
        goto done;
    }
    if (!PyType_IsSubtype(type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "sentence_type must be a tuple type");
        goto done;
    }
    if (PyUnicode_KIND(text) == PyUnicode_4BYTE_KIND) {
        Py_INCREF(Py_None);
        result = Py_None;
        goto done;
    }
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

static PyMethodDef methods[] = {
    {"words", scan_words, METH_VARARGS, "The words of a text (see the module's comment)."},
    {"repeat_starts", repeat_starts, METH_VARARGS, "Where a unit of words may repeat back to back."},
    {"split", split_sentences, METH_VARARGS, "The sentences of a text (tlint.sentences.split)."},
    {"find_class", find_class, METH_VARARGS, "The first index of a character of a class, or -1."},
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
