"""spinekg: an open knowledge graph of rare spinal tumors built from published case reports."""

__version__ = "0.1.0"

__all__ = ["__version__"]
