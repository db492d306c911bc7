"""Design spaces, metrics and results as the server describes them.

Everything here is built from the server's JSON (``open``, ``evaluate``,
``tell``, ``best`` results); nothing is computed in Python beyond listing the
choices of a discrete parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

#: A configuration: parameter name -> value (a string for categorical choices,
#: a number otherwise). Parameters left out take their defaults on the server.
Config = dict[str, Any]


@dataclass(frozen=True)
class Parameter:
    """One knob of a design space, as in the ``parameters`` of an ``open`` result.

    ``kind`` is ``categorical`` (``values``: strings), ``ordinal`` (``values``:
    numbers), ``integer`` (``low``, ``high``, ``step``) or ``real`` (``low``,
    ``high``, ``log``).
    """

    name: str
    kind: str
    values: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    step: int | None = None
    log: bool = False
    default: Any = None
    summary: str = ""

    @classmethod
    def from_json(cls, p: Mapping[str, Any]) -> "Parameter":
        """Builds a parameter from one item of an ``open`` result's ``parameters``."""
        kind = p["kind"]
        values = p.get("values")
        return cls(
            name=p["name"],
            kind=kind,
            values=tuple(values) if values is not None else None,
            low=p.get("low"),
            high=p.get("high"),
            step=(p.get("step") or 1) if kind == "integer" else p.get("step"),
            log=bool(p.get("log", False)),
            default=p.get("default"),
            summary=p.get("summary") or "",
        )

    @property
    def is_discrete(self) -> bool:
        """True for categorical, ordinal and integer parameters."""
        return self.kind != "real"

    @property
    def size(self) -> int | None:
        """The number of choices of a discrete parameter; None for a real one."""
        if self.values is not None:
            return len(self.values)
        if self.kind == "integer":
            return (int(self.high) - int(self.low)) // int(self.step or 1) + 1
        return None

    def choices(self) -> list[Any]:
        """Every value of a discrete parameter, in order (integers: low, low+step, ...)."""
        if self.values is not None:
            return list(self.values)
        if self.kind == "integer":
            return list(range(int(self.low), int(self.high) + 1, int(self.step or 1)))
        raise ValueError(f"{self.name}: a real parameter has no finite list of choices")

    def value_at(self, index: int) -> Any:
        """The ``index``-th choice of a discrete parameter (for an integer range,
        ``low + index * step``). Raises ``ValueError`` outside ``0 ..< size``."""
        n = self.size
        if n is None:
            raise ValueError(f"{self.name}: a real parameter has no indexed choices")
        if not 0 <= index < n:
            raise ValueError(f"{self.name}: choice index {index} outside 0...{n - 1}")
        if self.values is not None:
            return self.values[index]
        return int(self.low) + index * int(self.step or 1)

    def index_of(self, value: Any) -> int:
        """The index of ``value`` among the choices of a discrete parameter."""
        if self.values is not None:
            for i, v in enumerate(self.values):
                if v == value:
                    return i
            raise ValueError(f"{self.name}: {value!r} is not one of {list(self.values)}")
        if self.kind == "integer":
            i, r = divmod(int(value) - int(self.low), int(self.step or 1))
            if r or not 0 <= i < (self.size or 0):
                raise ValueError(f"{self.name}: {value!r} is not in the integer range "
                                 f"{self.low}...{self.high} step {self.step}")
            return i
        raise ValueError(f"{self.name}: a real parameter has no indexed choices")


class Space(list[Parameter]):
    """The parameters of an environment, in the server's order (a ``list``)."""

    @property
    def names(self) -> list[str]:
        """The parameter names, in order."""
        return [p.name for p in self]

    def default_config(self) -> Config:
        """The configuration of every parameter's default."""
        return {p.name: p.default for p in self}

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name`` (``KeyError`` if there is none)."""
        for p in self:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class MetricSpec:
    """One metric of an environment. ``key`` (``name_unit``, e.g. ``latency_ns``)
    is how metrics are keyed in results, the store and CSV exports."""

    name: str
    unit: str
    key: str
    direction: str
    summary: str = ""

    @classmethod
    def from_json(cls, m: Mapping[str, Any]) -> "MetricSpec":
        """Builds a metric from one item of an ``open`` result's ``metrics``."""
        unit = m.get("unit") or ""
        key = m.get("key") or (f"{m['name']}_{unit}" if unit else m["name"])
        return cls(m["name"], unit, key, m.get("direction") or "", m.get("summary") or "")


@dataclass(slots=True)
class Evaluation:
    """The result of evaluating one configuration (``evaluate``, ``evaluate_batch``).

    ``metrics`` maps metric keys to numbers (``None`` where the value was not
    finite); ``reward`` is None when the point is infeasible, and ``reason`` then
    says why; ``cached`` is true when this server had already evaluated the same
    configuration on the same environment.
    """

    metrics: dict[str, float | None]
    reward: float | None
    feasible: bool
    reason: str | None
    cached: bool


def evaluation(r: Mapping[str, Any]) -> Evaluation:
    """An ``Evaluation`` from one ``evaluate`` result (hot path: keep it plain)."""
    return Evaluation(r["metrics"], r.get("reward"), r["feasible"], r.get("reason"), r.get("cached", False))


@dataclass(slots=True)
class TrialResult:
    """A trial logged by ``Campaign.tell``: its index in the campaign and its result."""

    index: int
    metrics: dict[str, float | None]
    reward: float | None
    feasible: bool
    reason: str | None
    cached: bool

    @classmethod
    def from_json(cls, t: Mapping[str, Any]) -> "TrialResult":
        """Builds a trial from one item of a ``tell`` result's ``trials``."""
        return cls(t["index"], t["metrics"], t.get("reward"), t["feasible"], t.get("reason"), t.get("cached", False))


@dataclass(slots=True)
class LoggedTrial:
    """A trial as the store logged it (``Campaign.trials``): what an outside agent
    replays to rebuild its state when it reopens a campaign."""

    index: int
    config: Config
    metrics: dict[str, float | None]
    reward: float | None
    feasible: bool
    reason: str | None

    @classmethod
    def from_json(cls, t: Mapping[str, Any]) -> "LoggedTrial":
        """Builds a trial from one item of a ``trials`` result."""
        return cls(t["index"], t.get("config") or {}, t.get("metrics") or {}, t.get("reward"), t["feasible"],
                   t.get("reason"))


@dataclass(slots=True)
class BestTrial:
    """A feasible trial of a campaign, as ``best`` returns it (and as the incumbent
    ``best`` of ``tell`` and ``run`` results, which carries no metrics)."""

    index: int
    reward: float | None
    config: Config
    metrics: dict[str, float | None] | None = None

    @classmethod
    def from_json(cls, t: Mapping[str, Any] | None) -> "BestTrial | None":
        """Builds a trial from a ``best`` item, or None for a JSON null."""
        if t is None:
            return None
        return cls(t["index"], t.get("reward"), t.get("config") or {}, t.get("metrics"))


@dataclass(slots=True)
class RunSummary:
    """The result of ``Campaign.run``: trials logged in all, new ones, the best so far
    and the budget left."""

    trials: int
    new: int
    best: BestTrial | None
    remaining: int


@dataclass(frozen=True)
class EnvironmentKind:
    """An environment kind the server knows (``Client.environments``): its name, a
    one-line summary and its spec settings (key -> help text)."""

    name: str
    summary: str
    settings: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, e: Mapping[str, Any]) -> "EnvironmentKind":
        """Builds a kind from one item of an ``environments`` result."""
        settings = {s["key"]: s.get("help") or "" for s in e.get("settings") or ()}
        return cls(e["name"], e.get("summary") or "", settings)


def as_configs(configs: Iterable[Config]) -> list[Config]:
    """A list of configurations from any iterable (a list is passed through)."""
    return configs if isinstance(configs, list) else list(configs)
