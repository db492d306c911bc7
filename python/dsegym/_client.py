"""The connection to a ``dsegym serve`` process, and the handles it gives out.

``Client`` starts ``dsegym serve`` as a child process and speaks the JSON Lines
protocol of ``docs/protocol.md`` over its stdin/stdout: one request line, one
response line, in order. ``Environment`` and ``Campaign`` wrap the server's
environment and campaign handles. All model logic runs in the server.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import threading
import weakref
from pathlib import Path
from typing import IO, Any, Iterable, Mapping

from ._errors import DSEGymError, HandleError, ServerDied, ServerTimeout, server_error
from ._space import (
    BestTrial,
    Config,
    Evaluation,
    EnvironmentKind,
    LoggedTrial,
    MetricSpec,
    Parameter,
    RunSummary,
    Space,
    TrialResult,
    as_configs,
    evaluation,
)

#: The protocol version this client speaks.
PROTOCOL = 1

#: The repository root when the package runs from a checkout (``python/dsegym/..``).
_REPOSITORY = Path(__file__).resolve().parent.parent.parent

_STDERR_TAIL_BYTES = 16384  # how much of the server's stderr is kept for error messages
_CLOSE_GRACE = 5.0  # seconds to wait for the server to exit before killing it


def _json_default(o: Any) -> Any:
    """Encodes what ``json`` cannot: numpy scalars and arrays, paths, mappings, iterables."""
    item = getattr(o, "item", None)
    if item is not None and getattr(o, "shape", None) == ():
        return item()
    tolist = getattr(o, "tolist", None)
    if tolist is not None:
        return tolist()
    if isinstance(o, os.PathLike):
        return os.fspath(o)
    if isinstance(o, Mapping):
        return dict(o)
    if isinstance(o, (tuple, set, frozenset)) or hasattr(o, "__iter__"):
        return list(o)
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


# Built once: json.dumps with keyword arguments would build an encoder per call.
# NaN and infinities are rejected here (the protocol has no such numbers).
_encode = json.JSONEncoder(separators=(",", ":"), allow_nan=False, default=_json_default).encode
_raw_decode = json.JSONDecoder().raw_decode  # a response line starts with '{'; skips json.loads' checks


def _decode(line: bytes) -> Any:
    """Decodes one response line (raises ``ValueError`` if it is not JSON)."""
    try:
        return _raw_decode(line.decode())[0]
    except ValueError:
        return json.loads(line)  # leading whitespace, or really not JSON


def find_binary(cwd: str | os.PathLike[str] | None = None) -> str:
    """The ``dsegym`` executable to run; called by ``Client`` when no binary is given.

    Looks at ``$DSEGYM_BINARY``, then ``PATH``, then ``.build/release/dsegym``
    under ``cwd`` (default: the current directory) and under the repository root
    (the parent of ``python/``). Raises ``DSEGymError`` if none is found.
    """
    configured = os.environ.get("DSEGYM_BINARY")
    if configured:
        path = os.path.abspath(configured)
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise DSEGymError(f"DSEGYM_BINARY={configured!r} is not an executable file")
        return path
    on_path = shutil.which("dsegym")
    if on_path:
        return os.path.abspath(on_path)
    candidates = [Path(cwd or os.getcwd()).resolve() / ".build/release/dsegym",
                  _REPOSITORY / ".build/release/dsegym"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    looked = ", ".join(str(c) for c in dict.fromkeys(candidates))
    raise DSEGymError("cannot find the dsegym binary: set DSEGYM_BINARY, put dsegym on PATH, "
                      f"or build it with `swift build -c release` (looked for {looked})")


def _drain(stream: IO[bytes], tail: bytearray) -> None:
    """Keeps the last bytes the server writes on stderr (runs on a daemon thread)."""
    try:
        while True:
            chunk = stream.read1(65536)
            if not chunk:
                break
            tail += chunk
            if len(tail) > _STDERR_TAIL_BYTES:
                del tail[:-_STDERR_TAIL_BYTES]
    except (OSError, ValueError):
        pass
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _reap(process: subprocess.Popen, grace: float) -> None:
    """Ends the server: sends ``shutdown`` (so it closes its campaigns), closes its
    stdin and waits, then kills.

    Runs from ``Client.close`` or, through ``weakref.finalize``, when the client is
    garbage collected or the interpreter exits; it never waits longer than ``grace``
    seconds before killing. The response to this ``shutdown`` is not read.
    """
    try:
        if process.poll() is None:
            process.stdin.write(b'{"id":0,"method":"shutdown"}\n')
            process.stdin.flush()
    except (OSError, ValueError):
        pass
    try:
        process.stdin.close()
    except (OSError, ValueError):
        pass
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    # Only now: a thread blocked reading stdout holds its lock until the server is gone.
    try:
        process.stdout.close()
    except (OSError, ValueError):
        pass


def _exit_text(returncode: int | None) -> str:
    if returncode is None:
        return "closed its output"
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with status {returncode}"


class Client:
    """A ``dsegym serve`` process and the connection to it.

    ``binary`` is the ``dsegym`` executable (default: ``find_binary``), ``jobs`` the
    server's ``--jobs`` (threads for batches), ``cwd`` its working directory (spec
    and database paths are relative to it), ``timeout`` the seconds to wait for one
    response (default: forever; see ``ServerTimeout``). The constructor starts the
    server and checks its ``hello``.

    Use it as a context manager, or call ``close()``; a client that is garbage
    collected or still open at interpreter exit closes its server too. ``request``
    is thread-safe: concurrent requests are sent one after the other.
    """

    def __init__(self, binary: str | os.PathLike[str] | None = None, jobs: int | None = None,
                 cwd: str | os.PathLike[str] | None = None, timeout: float | None = None) -> None:
        self.binary = os.path.abspath(binary) if binary is not None else find_binary(cwd)
        self.timeout = timeout
        self.version: str | None = None
        self._lock = threading.Lock()
        self._next_id = 0
        self._closed = False
        self._died: ServerDied | None = None
        self._stale = False  # a response to an interrupted request may still be on its way
        args = [self.binary, "serve"]
        if jobs is not None:
            args += ["--jobs", str(int(jobs))]
        try:
            # A session of its own: Ctrl-C in a terminal or notebook interrupts Python,
            # not the server (the interrupted request's response is skipped later).
            self._process = subprocess.Popen(
                args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=cwd, bufsize=65536, start_new_session=True)
        except OSError as e:
            raise DSEGymError(f"cannot start {self.binary} serve: {e}") from e
        self._stdin = self._process.stdin
        self._stdout = self._process.stdout
        self._stdout_fd = self._stdout.fileno()
        self._stderr_tail = bytearray()
        self._stderr_thread = threading.Thread(
            target=_drain, args=(self._process.stderr, self._stderr_tail),
            name=f"dsegym-serve-{self._process.pid}-stderr", daemon=True)
        self._stderr_thread.start()
        self._finalizer = weakref.finalize(self, _reap, self._process, _CLOSE_GRACE)
        try:
            hello = self.request("hello", {"protocol": PROTOCOL})
            if hello.get("protocol") != PROTOCOL or hello.get("server") != "dsegym":
                raise DSEGymError(f"{self.binary} serve answered hello with {hello!r}; "
                                  f"expected protocol {PROTOCOL} from server 'dsegym'")
        except BaseException:
            self._closed = True
            self._finalizer()
            raise
        self.version = hello.get("version")

    # -- the connection ---------------------------------------------------------------

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self._process.pid

    @property
    def closed(self) -> bool:
        """True after ``close()`` or once the server died."""
        return self._closed or self._died is not None

    def stderr_tail(self) -> str:
        """The last lines the server wrote on stderr (at most 16 KiB)."""
        return bytes(self._stderr_tail).decode("utf-8", "replace")

    def request(self, method: str, params: Mapping[str, Any] | None = None) -> Any:
        """Sends one request and returns its ``result``; called by every method here.

        Raises a ``ServerError`` subclass for an ``error`` response, ``ServerDied`` if
        the server exits or its pipe closes, ``ServerTimeout`` after ``timeout``.
        """
        if params is None:
            message = {"id": 0, "method": method}
        else:
            message = {"id": 0, "method": method, "params": params}
        with self._lock:
            if self._closed or self._died is not None:
                raise self._died or DSEGymError("the DSEGym client is closed")
            self._next_id += 1
            rid = message["id"] = self._next_id
            data = _encode(message).encode()
            return self._exchange(data, rid, method, self.timeout)

    def _exchange(self, data: bytes, rid: int, method: str, timeout: float | None) -> Any:
        """Writes one request line and reads its response line (lock held)."""
        try:
            self._stdin.write(data + b"\n")
            self._stdin.flush()
        except (OSError, ValueError):
            raise self._server_died(method) from None
        try:
            if timeout is not None and not self._stale:
                self._wait_readable(method, timeout)
            line = self._stdout.readline()
        except BaseException:
            self._stale = True  # interrupted: the response will come later
            raise
        if line[-1:] != b"\n":
            raise self._server_died(method)
        try:
            response = _decode(line)
        except ValueError:
            response = None
        if response is None or response.get("id") != rid:
            try:
                response = self._resynchronise(line, response, rid, method)
            except DSEGymError:
                raise
            except BaseException:
                self._stale = True  # interrupted while skipping: this response comes later too
                raise
        self._stale = False  # every earlier response has been read by now
        try:
            return response["result"]
        except KeyError:
            pass
        error = response.get("error")
        if not isinstance(error, dict):
            raise self._protocol_error(f"response without result or error: {line[:200]!r}")
        raise server_error(error.get("kind"), error.get("message"))

    def _wait_readable(self, method: str, timeout: float) -> None:
        ready, _, _ = select.select([self._stdout_fd], [], [], timeout)
        if not ready:
            self._stale = True
            raise ServerTimeout(f"dsegym serve did not answer '{method}' within {timeout} s")

    def _resynchronise(self, line: bytes, response: Any, rid: int, method: str) -> dict:
        """Skips responses to interrupted requests until the one for ``rid``.

        Any other mismatch means the stream cannot be trusted: the server is killed.
        """
        while True:
            if isinstance(response, dict):
                rid_seen = response.get("id")
                if rid_seen == rid:
                    return response
                if rid_seen is None and isinstance(response.get("error"), dict):
                    return response  # the server could not read the request's id
                stale = isinstance(rid_seen, int) and rid_seen < rid
            else:
                stale = False
            if not (stale or (self._stale and response is None)):
                raise self._protocol_error(f"unexpected response to request {rid}: {line[:200]!r}")
            line = self._stdout.readline()
            if line[-1:] != b"\n":
                raise self._server_died(method)
            try:
                response = _decode(line)
            except ValueError:
                response = None

    def _protocol_error(self, text: str) -> DSEGymError:
        self._closed = True
        self._finalizer()
        return DSEGymError(f"protocol error from dsegym serve: {text}; the server was stopped")

    def _server_died(self, method: str) -> ServerDied:
        """The exception for a server that exited or closed its pipe during ``method``."""
        process = self._process
        try:
            returncode = process.wait(2.0)
        except subprocess.TimeoutExpired:  # closed its stdout but lingers: end it
            process.kill()
            returncode = process.wait()
        self._stderr_thread.join(1.0)
        tail = self.stderr_tail().strip()
        lines = tail.splitlines()[-20:]
        text = f"dsegym serve {_exit_text(returncode)} during '{method}'"
        if lines:
            text += "; its stderr ends with:\n" + "\n".join(lines)
        self._died = ServerDied(text, method=method, returncode=returncode, stderr=tail)
        self._finalizer()
        return self._died

    def close(self) -> None:
        """Sends ``shutdown`` (the server closes every campaign and exits) and waits.

        Idempotent. Waits a few seconds at most for a request in flight on another
        thread, and as long again for the server to exit, then kills it.
        """
        if self._closed:
            return
        self._closed = True
        acquired = self._lock.acquire(timeout=_CLOSE_GRACE)  # let a request in flight end
        try:
            self._finalizer()
        finally:
            if acquired:
                self._lock.release()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"pid {self.pid}"
        return f"<dsegym.Client {self.binary} serve ({state})>"

    # -- methods of the protocol --------------------------------------------------------

    def environments(self) -> list[EnvironmentKind]:
        """Every environment kind the server knows (as ``dsegym envs`` lists them)."""
        return [EnvironmentKind.from_json(e) for e in self.request("environments")["environments"]]

    def open(self, spec: str | os.PathLike[str], /, **settings: Any) -> "Environment":
        """Opens an environment from a spec file (relative to the server's working
        directory) or ``proxy:<model.json>``; ``settings`` override spec settings, as
        ``--set key=value`` does for non-parameter keys."""
        params: dict[str, Any] = {"spec": os.fspath(spec)}
        if settings:
            params["settings"] = settings
        return Environment(self, self.request("open", params), os.fspath(spec))

    def campaign(self, env: "Environment | str", db: str | os.PathLike[str], name: str, agent: str,
                 seed: int, budget: int, hyperparameters: Mapping[str, Any] | None = None) -> "Campaign":
        """Opens a campaign in the store ``db``, new or (same name) to continue it.

        ``agent`` is a built-in agent (``ga``, ``bo``, ...), a preset file, or
        ``external:<label>`` for an agent that lives here (then only ``tell``).
        """
        handle = env.handle if isinstance(env, Environment) else env
        params: dict[str, Any] = {"db": os.fspath(db), "name": name, "handle": handle,
                                  "agent": agent, "seed": seed, "budget": budget}
        if hyperparameters is not None:
            params["hyperparameters"] = hyperparameters
        return Campaign(self, env if isinstance(env, Environment) else None, self.request("campaign", params))


class _ServerObject:
    """An object the server holds under a handle: closing is idempotent, quiet
    once the client is gone, and ``with`` closes it. Subclasses set ``client``,
    ``handle``, ``closed``, ``_request`` and ``_handle_key`` (the request field)."""

    _handle_key = "handle"
    client: "Client"
    handle: str
    closed: bool

    def close(self) -> None:
        """Closes the handle on the server; idempotent, and quiet if the client is gone."""
        if self.closed:
            return
        self.closed = True
        if self.client.closed:
            return
        try:
            self._request("close", {self._handle_key: self.handle})
        except (HandleError, ServerDied):
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Environment(_ServerObject):
    """An environment opened on the server (``Client.open``).

    ``space`` lists its parameters, ``metrics`` its metrics (in the order used by
    ``dsegym.gym`` observations), ``objective`` the objective as the server states it.
    """

    def __init__(self, client: Client, result: Mapping[str, Any], spec: str = "") -> None:
        self.client = client
        self.spec = spec
        self.handle: str = result["handle"]
        self.name: str = result.get("environment", "")
        self.fingerprint: str = result.get("fingerprint", "")
        self.space = Space(Parameter.from_json(p) for p in result.get("parameters", ()))
        self.metrics = [MetricSpec.from_json(m) for m in result.get("metrics", ())]
        self.objective: dict[str, Any] = result.get("objective") or {}
        self.closed = False
        self._request = client.request

    def evaluate(self, config: Config | None = None) -> Evaluation:
        """Evaluates one configuration (parameters left out take their defaults).

        An infeasible point is a result (``feasible`` false); a value outside the
        design space raises ``SpecError``.
        """
        return evaluation(self._request("evaluate", {"handle": self.handle, "config": config or {}}))

    def evaluate_batch(self, configs: Iterable[Config]) -> list[Evaluation]:
        """Evaluates configurations on the server's ``--jobs`` threads, results in order.

        If any is invalid nothing is evaluated and ``SpecError`` names the first
        (``configs[3]: ...``).
        """
        result = self._request("evaluate_batch", {"handle": self.handle, "configs": as_configs(configs)})
        return [evaluation(r) for r in result["results"]]

    def __repr__(self) -> str:
        return (f"<dsegym.Environment {self.handle} {self.name} ({len(self.space)} parameters, "
                f"{len(self.metrics)} metrics)>")


class Campaign(_ServerObject):
    """A campaign in a DSEGym store (``Client.campaign``): trials told or run through
    it are evaluated by the server and logged with full provenance.

    ``logged`` counts the trials logged so far, ``remaining`` the budget left;
    ``incumbent`` is the best trial after the last ``tell`` or ``run``.
    """

    _handle_key = "campaign"

    def __init__(self, client: Client, env: Environment | None, result: Mapping[str, Any]) -> None:
        self.client = client
        self.environment = env
        self.handle: str = result["campaign"]
        self.name: str = result.get("name", "")
        self.agent: str = result.get("agent", "")
        self.budget: int = result.get("budget", 0)
        self.logged: int = result.get("trials", 0)
        self.resumed: bool = bool(result.get("resumed", False))
        self.remaining: int = self.budget - self.logged
        self.incumbent: BestTrial | None = None
        self.closed = False
        self._request = client.request

    def ask(self, count: int | None = None) -> list[Config]:
        """The built-in agent's next configurations (not evaluated until told)."""
        params: dict[str, Any] = {"campaign": self.handle}
        if count is not None:
            params["count"] = count
        return self._request("ask", params)["configs"]

    def tell(self, configs: Iterable[Config]) -> list[TrialResult]:
        """Evaluates and logs configurations as trials, in order; returns them.

        For a built-in agent, ``configs`` must be exactly those of the last ``ask``.
        Telling past the budget raises ``StateError``.
        """
        result = self._request("tell", {"campaign": self.handle, "configs": as_configs(configs)})
        trials = [TrialResult.from_json(t) for t in result["trials"]]
        self.logged += len(trials)
        self.remaining = result.get("remaining", self.remaining)
        self.incumbent = BestTrial.from_json(result.get("best"))
        return trials

    def run(self, trials: int | None = None) -> RunSummary:
        """Lets the built-in agent ask, evaluate and tell until the budget is used
        (or ``trials`` more are logged)."""
        params: dict[str, Any] = {"campaign": self.handle}
        if trials is not None:
            params["trials"] = trials
        r = self._request("run", params)
        summary = RunSummary(r["trials"], r.get("new", 0), BestTrial.from_json(r.get("best")), r.get("remaining", 0))
        self.logged, self.remaining, self.incumbent = summary.trials, summary.remaining, summary.best
        return summary

    def trials(self, start: int = 0) -> list[LoggedTrial]:
        """The trials logged so far from index ``start`` on, in index order (paged
        through the server's ``trials`` method), for replaying after a reopen."""
        out: list[LoggedTrial] = []
        while True:
            r = self._request("trials", {"campaign": self.handle, "start": start})
            page = [LoggedTrial.from_json(t) for t in r.get("trials", ())]
            out.extend(page)
            if not page or out[-1].index + 1 >= r.get("total", 0):
                return out
            start = out[-1].index + 1

    def best(self, count: int = 5) -> list[BestTrial]:
        """The best feasible trials by reward, best first."""
        r = self._request("best", {"campaign": self.handle, "count": count})
        return [BestTrial.from_json(t) for t in r.get("trials", ())]

    def pareto(self, count: int = 5) -> list[BestTrial]:
        """The trials on the Pareto front (empty unless the objective is ``pareto``)."""
        r = self._request("best", {"campaign": self.handle, "count": count})
        return [BestTrial.from_json(t) for t in r.get("pareto") or ()]

    def close(self) -> None:
        """Closes the campaign: finished, or interrupted if budget is left (it can be
        reopened with ``Client.campaign``). Idempotent."""
        super().close()

    def __repr__(self) -> str:
        return (f"<dsegym.Campaign {self.handle} {self.name!r} agent {self.agent} "
                f"{self.logged}/{self.budget} trials>")
