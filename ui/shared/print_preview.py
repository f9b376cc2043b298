"""Print preview for any form: the real PDF pages, then 打印 (system print dialog) or 另存为PDF.

Other pages call :func:`preview_form`::

    from ui.shared.print_preview import preview_form
    preview_form(self.env, self, "work-order", number=row.number)

The form is rendered on ``env.runner`` (never on the GUI thread); the preview window
opens when it is ready. Printing or saving archives a copy under ``archive/YYYY/MM/``
and adds a print-log entry (also on the runner). Pages are drawn on white.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv

log = logging.getLogger(__name__)

ZOOMS = [("适合宽度", 0.0), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("125%", 1.25), ("150%", 1.5)]
SCREEN_DPI = 96.0


def render_page(doc: QPdfDocument, index: int, size: QSize) -> QImage:
    """One page as an opaque image on white paper."""
    raw = doc.render(index, size)
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    p = QPainter(page)
    p.drawImage(0, 0, raw)
    p.end()
    return page


class _Page(QWidget):
    """One page, rendered when it is first painted (a small cache keeps memory low)."""

    def __init__(self, view: "PdfPagesView", index: int, parent: QWidget):
        super().__init__(parent)
        self.view = view
        self.index = index
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event):  # noqa: N802 - Qt API
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        img = self.view.image(self.index, self.size())
        if img is not None:
            p.drawImage(0, 0, img)
        p.setPen(QColor(150, 150, 150))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()


class PdfPagesView(QScrollArea):
    """A scrolling column of PDF pages on a grey desk."""

    CACHE = 8

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._cache: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self.zoom = 0.0
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._inner = QWidget()
        self._inner.setAutoFillBackground(True)
        pal = self._inner.palette()
        pal.setColor(self._inner.backgroundRole(), QColor(110, 110, 110))
        self._inner.setPalette(pal)
        self._layout = QVBoxLayout(self._inner)
        self._layout.setSpacing(12)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._inner)
        self.pages: list[_Page] = []

    def load(self, pdf: bytes) -> int:
        self._cache.clear()
        for w in self.pages:
            w.deleteLater()
        self.pages = []
        self.doc.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.doc.load(self._buffer)
        for i in range(self.doc.pageCount()):
            page = _Page(self, i, self._inner)
            self._layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(page)
        self.relayout()
        return self.doc.pageCount()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.relayout()

    def page_size(self, index: int) -> QSize:
        pt = self.doc.pagePointSize(index)
        if self.zoom > 0:
            scale = self.zoom * SCREEN_DPI / 72.0
        else:  # fit width
            avail = max(200, self.viewport().width() - 40)
            scale = avail / max(pt.width(), 1.0)
        return QSize(int(pt.width() * scale), int(pt.height() * scale))

    def relayout(self) -> None:
        for page in self.pages:
            page.setFixedSize(self.page_size(page.index))

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.zoom == 0:
            self.relayout()

    def image(self, index: int, size: QSize) -> QImage | None:
        key = (index, size.width(), size.height())
        img = self._cache.get(key)
        if img is None:
            if self.doc.status() != QPdfDocument.Status.Ready:
                return None
            img = render_page(self.doc, index, size)
            self._cache[key] = img
            while len(self._cache) > self.CACHE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return img


class FormPreview(QWidget):
    """The preview with its buttons; embedded in 报表与导出 and in :class:`PreviewDialog`."""

    archived = Signal(object)  # PrintLogRow

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.rendered = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.caption = QLabel("尚未生成预览")
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.zoom = QComboBox()
        for label, value in ZOOMS:
            self.zoom.addItem(label, value)
        self.zoom.currentIndexChanged.connect(lambda _: self.view.set_zoom(self.zoom.currentData()))
        self.print_button = QPushButton("打印…")
        self.save_button = QPushButton("另存为PDF…")
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.caption)
        bar.addWidget(QLabel("缩放"))
        bar.addWidget(self.zoom)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("background:#fff4d6; color:#7a4b00; padding:4px;")
        self.notes.hide()
        layout.addWidget(self.notes)
        self.view = PdfPagesView(self)
        layout.addWidget(self.view, 1)
        self.status = QLabel()
        layout.addWidget(self.status)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.save_button.setEnabled(on)

    def show_rendered(self, rendered) -> None:
        self.rendered = rendered
        pages = self.view.load(rendered.pdf)
        period = f" {rendered.period_label}" if rendered.period_label else (
            f" {rendered.subject}" if rendered.subject else "")
        self.caption.setText(f"{rendered.code}《{rendered.name}》{period}，共 {pages} 页")
        if rendered.warnings:
            self.notes.setText("\n".join(rendered.warnings))
            self.notes.show()
        else:
            self.notes.hide()
        self.status.setText("")
        self._set_enabled(True)

    # -- actions ---------------------------------------------------------
    def ask_printer(self):
        """The system print dialog; returns a configured QPrinter or None (tests replace this)."""
        from PySide6.QtGui import QPageLayout
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pt = self.view.doc.pagePointSize(0)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if pt.width() > pt.height()
                                   else QPageLayout.Orientation.Portrait)
        printer.setDocName(self.rendered.suggested_filename() if self.rendered else "表单")
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle("打印表单")
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def print_(self) -> bool:
        if self.rendered is None:
            return False
        printer = self.ask_printer()
        if printer is None:
            return False
        try:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.paint_to(printer)
        except Exception as exc:  # noqa: BLE001 - told to the user
            Dialogs.error(self, f"打印失败：{exc}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._archive("打印")
        return True

    def paint_to(self, printer) -> None:
        """Draw every page into the printer's printable area, on white, at up to 300 dpi."""
        doc = self.view.doc
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError("无法连接打印机")
        try:
            dpi = min(printer.resolution(), 300)
            for i in range(doc.pageCount()):
                if i:
                    printer.newPage()
                pt = doc.pagePointSize(i)
                img = render_page(doc, i, QSize(int(pt.width() / 72 * dpi), int(pt.height() / 72 * dpi)))
                area = painter.viewport()
                scale = min(area.width() / img.width(), area.height() / img.height())
                w, h = int(img.width() * scale), int(img.height() * scale)
                painter.drawImage(QRect(area.x() + (area.width() - w) // 2, area.y(), w, h), img)
        finally:
            painter.end()

    def save(self) -> Path | None:
        if self.rendered is None:
            return None
        default = str(Path.home() / self.rendered.suggested_filename())
        path = Dialogs.save_file(self, "另存为PDF", default, "PDF 文件 (*.pdf)")
        if not path:
            return None
        from app.forms import printing

        try:
            written = printing.save_pdf(self.rendered, path)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return None
        self.status.setText(f"已保存 {written}")
        self._archive("另存为PDF")
        return written

    def _archive(self, action: str) -> None:
        from app.forms import printing

        def done(row):
            self.status.setText((self.status.text() + "；" if self.status.text() else "") +
                                f"已归档 {row.archive_path}")
            self.archived.emit(row)

        self.env.runner.submit(printing.archive_form, self.env.ctx, self.rendered, action=action,
                               on_done=done, on_error=lambda e: Dialogs.error(self, e), label="归档表单")


class PreviewDialog(QDialog):
    """A window around :class:`FormPreview`."""

    def __init__(self, env: UiEnv, rendered, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 - {rendered.code} {rendered.name}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.preview = FormPreview(env, self)
        layout.addWidget(self.preview)
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else QRect(0, 0, 1280, 800)
        self.resize(min(1200, int(avail.width() * 0.9)), min(900, int(avail.height() * 0.9)))
        self.preview.show_rendered(rendered)


def preview_form(env: UiEnv, parent: QWidget | None, form_key: str, *,
                 on_shown: Callable[[PreviewDialog], None] | None = None, **params) -> int:
    """Render ``form_key`` with ``params`` on the worker, then open the preview window.

    Errors (a missing record, no font, bad input) are shown as a message. Returns the task id.
    """
    from app.forms import printing

    def alive(widget: QWidget | None) -> QWidget | None:
        """The parent, unless it was closed and deleted while the form was rendering."""
        if widget is None:
            return None
        try:
            widget.objectName()
        except RuntimeError:
            return None
        return widget

    def done(rendered):
        dlg = PreviewDialog(env, rendered, alive(parent))
        dlg.show()
        if on_shown:
            on_shown(dlg)

    return env.runner.submit(printing.render_form, env.ctx, form_key, on_done=done,
                             on_error=lambda exc: Dialogs.error(alive(parent), exc), label="生成表单", **params)
