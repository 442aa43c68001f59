"""The agreement editor: parties, terms, clauses and signing on the left, the live preview on the right."""

from advisor_app.ui.agreement_editor.window import AgreementWindow

__all__ = ["AgreementWindow"]
