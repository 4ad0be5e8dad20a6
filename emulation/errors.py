class DomainError(Exception):
    """A business rule refused an action; the message is shown to the user as it is."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
