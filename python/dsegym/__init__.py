"""Python client of DSEGym, the design-space exploration gym for computer architecture.

``Client`` runs ``dsegym serve`` and speaks its JSON Lines protocol; environments
and campaigns are handles on the server, which computes every metric and reward.
``dsegym.gym`` wraps an environment as a Gymnasium ``Env`` and ``dsegym.optuna``
drives one with an Optuna sampler, logging the trials in a DSEGym store.

>>> import dsegym
>>> with dsegym.Client() as client:
...     env = client.open("environments/synthetic-hartmann6.yaml")
...     env.evaluate({"x1": 0.2}).reward
"""

from ._client import PROTOCOL, Campaign, Client, Environment, find_binary
from ._errors import (
    DSEGymError,
    HandleError,
    InternalError,
    ParseError,
    RequestError,
    ServerDied,
    ServerError,
    ServerTimeout,
    SpecError,
    StateError,
    StoreError,
    VersionError,
)
from ._space import (
    BestTrial,
    Config,
    EnvironmentKind,
    Evaluation,
    LoggedTrial,
    MetricSpec,
    Parameter,
    RunSummary,
    Space,
    TrialResult,
)

__version__ = "0.1.0"

__all__ = [
    "PROTOCOL", "Client", "Environment", "Campaign", "find_binary",
    "DSEGymError", "ServerError", "ServerDied", "ServerTimeout", "ParseError", "RequestError",
    "VersionError", "HandleError", "SpecError", "StoreError", "StateError", "InternalError",
    "Config", "Parameter", "Space", "MetricSpec", "Evaluation", "TrialResult", "LoggedTrial", "BestTrial",
    "RunSummary", "EnvironmentKind",
]
