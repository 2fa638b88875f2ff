"""spinekg: an open knowledge graph of rare spinal tumors built from published case reports."""

import os as _os

__version__ = "0.1.0"

# In a source checkout the subpackages live beside this folder (graph/, loaders/, ontology/, queries/,
# webui/), mapped into spinekg by pyproject's package-dir. When this folder is imported as `spinekg` from
# the checkout's root (`python -m spinekg` there, which puts the root first on sys.path and so shadows an
# installed spinekg), the root joins the package path, so `spinekg.loaders` is ./loaders as installed.
_here = _os.path.dirname(_os.path.abspath(__file__))
_root = _os.path.dirname(_here)
if (not _os.path.isdir(_os.path.join(_here, "loaders"))
        and _os.path.isfile(_os.path.join(_root, "pyproject.toml"))
        and _os.path.isfile(_os.path.join(_root, "loaders", "__init__.py"))):
    __path__.append(_root)

__all__ = ["__version__"]
