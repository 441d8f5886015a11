"""Errors that services raise on bad input; views show their message to the user."""


class DomainError(Exception):
    """A rule of the domain refuses the change; the message is Dutch and meant for the user."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEditError(DomainError):
    """Someone else saved the same object since this copy was loaded; nothing was changed."""

    def __init__(self, message: str, *, current: object | None = None):
        super().__init__(message)
        self.current = current
