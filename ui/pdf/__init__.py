"""The PDF plan pack: Qt's own PDF writer and text layout, matplotlib for the charts."""

from ui.pdf.options import ExportCancelled, ExportError, ExportOptions, Paper
from ui.pdf.writer import export_pdf

__all__ = ["ExportCancelled", "ExportError", "ExportOptions", "Paper", "export_pdf"]
