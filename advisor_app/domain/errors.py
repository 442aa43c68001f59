"""Errors about the data files an office may edit (co-financing schemes, the clause library, the
competencies): each is one translated sentence naming the file, shown as is in a window or on the
command line, like a store error."""


class DataFileError(ValueError):
    """An office-editable data file cannot be used; ``str()`` is the sentence to show."""
