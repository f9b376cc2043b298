"""Form providers: one module per form, each defining ``FORM = FormSpec(...)``; discovered by app.forms.registry."""
