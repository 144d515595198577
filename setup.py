"""The one part of the build pyproject.toml cannot declare stably: the C word scanner.

Optional: without a C compiler the install still succeeds, and tlint.words finds the same
words with the regex module (slower). Everything else is in pyproject.toml.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("tlint._scan", ["tlint/_scan.c"], optional=True)])
