"""Exceptions raised by the DSEGym client.

``DSEGymError`` is the base of everything this package raises on purpose.
``ServerError`` is raised when the server answers a request with an ``error``
response (one subclass per error kind of the protocol); ``ServerDied`` when the
``dsegym serve`` process exits or its pipe closes while a request is in flight.
"""

from __future__ import annotations


class DSEGymError(Exception):
    """Base class of the errors raised by the DSEGym client."""


class ServerError(DSEGymError):
    """The server answered a request with an error response.

    ``kind`` is the protocol's error kind (``spec``, ``request``, ``handle``,
    ``state``, ``store``, ``version``, ``parse`` or ``internal``); ``str(e)`` and
    ``e.message`` are the server's message, the same line the CLI prints after
    ``error: `` for the same mistake. The server goes on serving: the client stays
    usable.
    """

    kind: str = "internal"

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep pickling (multiprocessing) working with two arguments
        return (type(self), (self.kind, self.message))


class ParseError(ServerError):
    """The server could not read the request line as a JSON object (kind ``parse``)."""


class RequestError(ServerError):
    """Unknown method or field, wrong type, number out of range (kind ``request``)."""


class VersionError(ServerError):
    """The server does not speak the requested protocol version (kind ``version``)."""


class HandleError(ServerError):
    """An unknown or closed environment or campaign handle (kind ``handle``)."""


class SpecError(ServerError, ValueError):
    """Bad input the CLI reports with exit code 2 (kind ``spec``): a malformed spec,
    a configuration outside the design space, an unknown agent."""


class StoreError(ServerError):
    """The database could not be read or written (kind ``store``)."""


class StateError(ServerError):
    """The request does not fit the object's state (kind ``state``), e.g. ``tell``
    past the budget or ``ask`` on an external agent's campaign."""


class InternalError(ServerError):
    """Anything else that went wrong in the server (kind ``internal``)."""


_BY_KIND: dict[str, type[ServerError]] = {
    "parse": ParseError,
    "request": RequestError,
    "version": VersionError,
    "handle": HandleError,
    "spec": SpecError,
    "store": StoreError,
    "state": StateError,
    "internal": InternalError,
}


def server_error(kind: str | None, message: str | None) -> ServerError:
    """The exception for an ``error`` response; called by the client when one arrives.

    An unknown kind (from a newer server) gives a plain ``ServerError``.
    """
    kind = kind if isinstance(kind, str) else "internal"
    message = message if isinstance(message, str) else f"{kind} error"
    return _BY_KIND.get(kind, ServerError)(kind, message)


class ServerDied(DSEGymError):
    """The ``dsegym serve`` process exited, or its pipe closed, during a request.

    ``returncode`` is the process's exit status (negative: killed by that signal,
    as in ``subprocess``), ``stderr`` the tail of what it wrote on stderr, and
    ``method`` the request that was in flight. The client cannot be used again.
    """

    def __init__(self, message: str, *, method: str | None = None,
                 returncode: int | None = None, stderr: str = "") -> None:
        super().__init__(message)
        self.method = method
        self.returncode = returncode
        self.stderr = stderr


class ServerTimeout(DSEGymError, TimeoutError):
    """No response arrived within the client's ``timeout``.

    The server is left running: its late response is skipped by the next request,
    which therefore waits for it first. Call ``Client.close()`` to give up on it.
    """
