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

static PyMethodDef methods[] = {
    {"words", scan_words, METH_VARARGS, "The words of a text (see the module's comment)."},
    {"repeat_starts", repeat_starts, METH_VARARGS, "Where a unit of words may repeat back to back."},
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
