"""What every feature uses: the app context, the language switch, the record window and form, fields and
pickers, the one list model, save-as-PDF, background work with
progress and Cancel, user errors. Features import this and the layers below, never shell/."""
