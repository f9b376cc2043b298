"""The form dialog of the residents screen and the settings tabs: the shared
:class:`ui.shared.form_dialog.FormDialog`, narrower, with Enter keeping its usual meaning
(a new line in a multi-line field; no save from an editable combo or by Ctrl+Enter)."""

from __future__ import annotations

from ui.shared.form_dialog import FormDialog as BaseFormDialog


class FormDialog(BaseFormDialog):
    MIN_WIDTH = 380
    KEYBOARD_SAVE = False
