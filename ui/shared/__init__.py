"""What every screen uses: the UI environment and dialogs, the background worker, the table
model and form dialog, print preview, and the tabbed pages."""
