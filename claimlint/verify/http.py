"""HTTP for every source: one set of limits, one retry policy, honest failures.

Each service (Crossref, NCBI) has its own `NetworkGate` (its rate and concurrency limits, its
breaker), and all of them share the run's `NetworkBudget`, so the run's network time is bounded
once whatever the sources. `HttpService` makes the GET requests a source cannot leave to a
dedicated client library, through requests (one session per worker thread): the status decides
before any body is read, a body is read as it arrives and refused past MAX_RESPONSE_BYTES, and
every attempt is over within its timeout whatever the server does (`_within`), trickled headers
or bodies included.

Every call returns an `Answer`; nothing here raises for network trouble. "missing" is only ever
what the service itself says (a clean 404, or the parser's reading of the body); everything else
that went wrong is a "fault", which the engine reports as unverified.
"""

from __future__ import annotations

import contextvars
import email.utils
import json
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

import requests

from claimlint import __version__
from claimlint.verify.settings import VerifySettings

AnswerKind = Literal["ok", "missing", "fault", "too_long"]

POLITE_RATE, POLITE_CONCURRENCY = 10.0, 3  # Crossref limits since Dec 2025, with mailto
BREAKER_THRESHOLD = 3  # consecutive failed calls after which the service counts as down
STALL_THRESHOLD = 2  # consecutive attempts without an answer in time: a stalled host, skip the rest
MAX_BACKOFF = 8.0
CONNECT_TIMEOUT = 3.0  # seconds: a host that does not accept the connection
# A batch of 100 selected records (or 200 summaries) is well under 1 MB; larger is no answer of theirs.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
ERROR_TEXT_BYTES = 2048  # of an error body, only what a message needs


@dataclass
class Answer:
    kind: AnswerKind
    body: Any = None
    detail: str = ""
    status: int | None = None


@dataclass
class _Attempt:
    """One HTTP attempt's outcome, before retry policy is applied."""

    answer: Answer
    retryable: bool = False
    retry_after: float | None = None
    headers: dict[str, str] = field(default_factory=dict)
    timed_out: bool = False


class _Answered(Exception):
    """Ends an HTTP exchange early with a known outcome: a status decided before any body was
    read, a body over MAX_RESPONSE_BYTES, or the request's deadline passing mid-body."""

    def __init__(self, attempt: _Attempt) -> None:
        super().__init__(attempt.answer.detail)
        self.attempt = attempt


def _too_large() -> _Answered:
    return _Answered(_Attempt(Answer("fault", detail=f"answer larger than {MAX_RESPONSE_BYTES // 2**20} MB")))


def _too_slow(timeout: float) -> _Answered:
    return _Answered(_Attempt(Answer("fault", detail=f"no complete answer within {timeout:.1f}s"),
                              retryable=True, timed_out=True))


def _read_bounded(chunks: Any, deadline: float, timeout: float, limit: int = MAX_RESPONSE_BYTES) -> bytes:
    """A body, chunk by chunk as it arrives, refused past `limit` bytes or the deadline."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _too_large()
        if time.monotonic() > deadline:
            raise _too_slow(timeout)
        parts.append(chunk)
    return b"".join(parts)


def _error_text(chunks: Any, deadline: float, timeout: float) -> str:
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size >= ERROR_TEXT_BYTES or time.monotonic() > deadline:
            break
    return b"".join(parts)[:ERROR_TEXT_BYTES].decode("utf-8", "replace")


def _within(seconds: float, function: Callable[[], _Attempt]) -> _Attempt | None:
    """function() in a daemon thread, or None when it has not finished within `seconds`.

    Socket timeouts bound each read, not a whole exchange: a server trickling a byte a second
    into the headers or the body would hold a request forever. No HTTP client here offers an
    overall deadline, so the caller stops waiting; the abandoned daemon thread ends when the
    server lets go (or with the process), and its connection is never reused."""
    context = contextvars.copy_context()
    box: list[_Attempt] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            box.append(context.run(function))
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            failure.append(error)

    thread = threading.Thread(target=target, name="claimlint-request", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        return None
    if failure:
        raise failure[0]
    return box[0]


class NetworkBudget:
    """The run's network time, shared by every service: past its deadline no request starts."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.deadline = clock() + seconds

    def remaining(self) -> float:
        return self.deadline - self.clock()


class NetworkGate:
    """One service's limits, shared by all worker threads: concurrency cap, request rate, breaker,
    within the run's shared budget.

    The rate is a token bucket ("N requests per second" allows a burst of N); the limits start
    from the service's published values and only ever go down when response headers announce
    lower ones.
    """

    def __init__(self, service: str = "Crossref", rate: float = POLITE_RATE, concurrency: int = POLITE_CONCURRENCY,
                 budget: NetworkBudget | None = None, burst: float | None = None) -> None:
        self.service = service
        self.budget = budget or NetworkBudget(60.0)
        self._clock = self.budget.clock
        self._lock = threading.Condition()
        self.max_rate = rate
        self.max_concurrency = concurrency
        self.rate = self.max_rate
        self.concurrency = self.max_concurrency
        self._burst = burst  # None: a second's worth of requests at once; 1: evenly spaced
        self._tokens = self._capacity()
        self._refilled_at = self._clock()
        self._in_flight = 0
        self._paused_until = 0.0
        self._consecutive_failures = 0
        self._consecutive_timeouts = 0
        self.requests_made = 0

    @property
    def deadline(self) -> float:
        return self.budget.deadline

    def remaining(self) -> float:
        return self.deadline - self._clock()

    @property
    def tripped(self) -> bool:
        return self._consecutive_failures >= BREAKER_THRESHOLD or self.stalled

    @property
    def stalled(self) -> bool:
        return self._consecutive_timeouts >= STALL_THRESHOLD

    def acquire(self) -> str | None:
        """Wait for a slot and a token. Returns None, or why no request may be made."""
        with self._lock:
            while True:
                if self.stalled:
                    return f"{self.service} did not answer in time, so the remaining lookups were skipped"
                if self.tripped:
                    return f"{self.service} kept failing, so the remaining lookups were skipped"
                now = self._clock()
                if now >= self.deadline:
                    return "the run's network time budget was used up"
                self._refill(now)
                if now < self._paused_until:  # a 429 asked everyone to wait
                    wait = self._paused_until - now
                elif self._in_flight >= self.concurrency:
                    wait = self.deadline - now  # until a release() notifies
                elif self._tokens < 1:
                    wait = (1 - self._tokens) / self.rate
                else:
                    self._tokens -= 1
                    self._in_flight += 1
                    self.requests_made += 1
                    return None
                self._lock.wait(timeout=max(0.001, min(wait, self.deadline - now)))

    def release(self, headers: dict[str, str] | None = None, pause: float = 0.0) -> None:
        with self._lock:
            self._in_flight -= 1
            if headers:
                self._observe(headers)
            if pause:
                self._paused_until = max(self._paused_until, self._clock() + pause)
            self._lock.notify_all()

    def record(self, success: bool) -> None:
        with self._lock:
            self._consecutive_failures = 0 if success else self._consecutive_failures + 1
            if success:
                self._consecutive_timeouts = 0

    def record_timeout(self) -> None:
        with self._lock:
            self._consecutive_timeouts += 1
            self._lock.notify_all()

    def _capacity(self) -> float:
        return min(self.rate, self._burst) if self._burst else self.rate

    def _refill(self, now: float) -> None:
        self._tokens = min(self._capacity(), self._tokens + (now - self._refilled_at) * self.rate)
        self._refilled_at = now

    def _observe(self, headers: dict[str, str]) -> None:
        lowered = {k.lower(): v for k, v in headers.items()}
        limit = _as_float(lowered.get("x-rate-limit-limit"))
        interval = _parse_interval(lowered.get("x-rate-limit-interval"))
        if limit and interval:
            self.rate = max(0.2, min(self.max_rate, limit / interval))
            self._tokens = min(self._tokens, self._capacity())
        concurrency = _as_float(lowered.get("x-concurrency-limit"))
        if concurrency and concurrency >= 1:
            self.concurrency = int(min(self.max_concurrency, concurrency))


def _as_float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _parse_interval(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", value or "")
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "s"
    seconds = number / 1000 if unit == "ms" else number * 60 if unit == "m" else number
    return seconds or None


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After is seconds or an HTTP date."""
    if not value:
        return None
    seconds = _as_float(value.strip())
    if seconds is not None:
        return max(0.0, seconds)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())



def user_agent(mailto: str | None) -> str:
    return f"claimlint/{__version__} (mailto:{mailto})" if mailto else f"claimlint/{__version__}"


Parser = Callable[[int, dict[str, str], bytes], Answer]


class HttpService:
    """GET requests to one service through requests, within its gate, with bounded retries."""

    def __init__(self, settings: VerifySettings, gate: NetworkGate, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.gate = gate
        self._sleep = sleep
        self._local = threading.local()  # one requests.Session per worker thread
        self._session_in_use: contextvars.ContextVar[requests.Session | None] = contextvars.ContextVar(
            "claimlint_session", default=None)

    def _session(self) -> requests.Session:
        session = self._session_in_use.get() or getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = user_agent(self.settings.mailto)
            session.headers["Accept"] = "application/json"
            session.max_redirects = 5  # an alias DOI redirects once; a loop must end quickly
            self._local.session = session
        return session

    def get(self, url: str, params: dict[str, str] | None = None, parse: Parser | None = None,
            read_404: bool = False) -> Answer:
        """One GET with retries. `parse` reads a 200 (and, with read_404, a 404) body; by default a
        JSON object is expected. Without read_404 a 404 is "missing"."""
        return self._with_retries(lambda timeout: self._get(url, timeout, params, parse or json_object, read_404))

    def _get(self, url: str, timeout: float, params: dict[str, str] | None, parse: Parser, read_404: bool) -> _Attempt:
        deadline = time.monotonic() + timeout
        try:
            with self._session().get(url, params=params, timeout=(min(CONNECT_TIMEOUT, timeout), timeout),
                                     stream=True) as response:
                headers = dict(response.headers)
                status = response.status_code
                if status == 200 or (read_404 and status == 404):
                    content = _read_bounded(response.iter_content(None), deadline, timeout)
                else:
                    text = _error_text(response.iter_content(None), deadline, timeout)
        except _Answered as answered:
            return answered.attempt
        except requests.Timeout:
            return _Attempt(Answer("fault", detail=f"timed out after {timeout:.1f}s"), retryable=True, timed_out=True)
        except requests.TooManyRedirects:
            return _Attempt(Answer("fault", detail="redirect loop"))
        except requests.ConnectionError as error:
            if "timed out" in str(error).lower():  # a read timeout inside the body
                return _Attempt(Answer("fault", detail=f"timed out after {timeout:.1f}s"), retryable=True,
                                timed_out=True)
            return _Attempt(Answer("fault", detail=f"connection failed ({_short(error)})"),
                            retryable=not _unresolvable(error))
        except requests.RequestException as error:
            return _Attempt(Answer("fault", detail=f"request failed ({_short(error)})"))
        if status == 200 or (read_404 and status == 404):
            return _Attempt(parse(status, headers, content), headers=headers)
        if status == 404:
            return _Attempt(Answer("missing", detail="404 " + _short(text), status=404), headers=headers)
        return status_attempt(status, headers, text)

    # -- retry policy --------------------------------------------------------------------

    def _with_retries(self, call: Callable[[float], Any]) -> Answer:
        attempts = max(0, self.settings.max_retries) + 1
        answer = Answer("fault", detail="not attempted")
        for attempt in range(attempts):
            refusal = self.gate.acquire()
            if refusal:
                return Answer("fault", detail=refusal)
            timeout = max(0.05, min(self.settings.timeout, self.gate.remaining()))
            outcome = self._attempt(call, timeout)
            pause = outcome.retry_after if outcome.answer.status == 429 and outcome.retry_after else 0.0
            self.gate.release(outcome.headers, pause=pause)
            answer = outcome.answer
            if outcome.timed_out:  # a host that accepts and never answers trips the breaker soon
                self.gate.record_timeout()
            if not outcome.retryable:
                self.gate.record(success=answer.kind != "fault")
                return answer
            if attempt + 1 == attempts:
                break
            wait = outcome.retry_after if outcome.retry_after is not None else self._backoff(attempt)
            if wait >= self.gate.remaining():
                answer.detail += "; no network time left to retry"
                break
            self._sleep(wait)
        self.gate.record(success=False)
        if attempts > 1:
            answer.detail += f" (after {attempts} attempts)"
        return answer

    def _backoff(self, attempt: int) -> float:
        base = self.settings.retry_backoff
        return min(MAX_BACKOFF, base * (2**attempt)) * random.uniform(0.5, 1.5)

    def _attempt(self, call: Callable[[float], Any], timeout: float) -> _Attempt:
        """One attempt, over within `timeout` seconds whatever the server does (see _within)."""
        token = self._session_in_use.set(self._session())  # this worker's connections, reused
        try:
            outcome = _within(timeout + 0.25, lambda: self._attempt_now(call, timeout))
        finally:
            self._session_in_use.reset(token)
        if outcome is None:
            self._local.session = None  # a connection of it is still held by the abandoned request
            return _too_slow(timeout).attempt
        return outcome

    def _attempt_now(self, call: Callable[[float], Any], timeout: float) -> _Attempt:
        try:
            result = call(timeout)
        except _Answered as answered:
            return answered.attempt
        except Exception as error:  # noqa: BLE001 - every failure mode of a client library is a fault
            return self.library_failure(error)
        if isinstance(result, _Attempt):
            return result
        return self.library_result(result)

    def library_failure(self, error: Exception) -> _Attempt:
        """What a client library's exception means (sources with a library of their own refine it)."""
        return _Attempt(Answer("fault", detail=f"unexpected failure ({type(error).__name__}: {_short(error)})"))

    def library_result(self, result: Any) -> _Attempt:
        return _Attempt(Answer("fault", detail="unexpected answer shape"))


NAME_RESOLUTION_FAILURES = ("name or service not known", "temporary failure in name resolution",
                            "nodename nor servname", "no address associated", "getaddrinfo failed")


def _unresolvable(error: BaseException) -> bool:
    """A host name that does not resolve (no network, offline CI) will not resolve in a second
    either: retrying only makes a run without network slow."""
    return any(text in str(error).lower() for text in NAME_RESOLUTION_FAILURES)


def _short(value: object, limit: int = 120) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_attempt(status: int, headers: dict[str, str], text: str) -> _Attempt:
    lowered = {k.lower(): v for k, v in headers.items()}
    if status == 414:
        return _Attempt(Answer("too_long", detail="request line too long (414)", status=414), headers=headers)
    if status == 429:
        retry_after = parse_retry_after(lowered.get("retry-after"))
        return _Attempt(Answer("fault", detail="rate limited (429)", status=429), True, retry_after, headers)
    if status >= 500:
        return _Attempt(Answer("fault", detail=f"server error {status}", status=status), True, None, headers)
    return _Attempt(Answer("fault", detail=f"HTTP {status}: {_short(text, 80)}", status=status), headers=headers)


def json_object(status: int, headers: dict[str, str], content: bytes) -> Answer:
    """A JSON object (the body itself), or a fault."""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if "json" not in content_type.lower():
        return Answer("fault", detail=f"answered with {content_type or 'no content type'} instead of JSON", status=status)
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return Answer("fault", detail="answered with invalid JSON", status=status)
    if not isinstance(body, dict):
        return Answer("fault", detail="answered JSON of an unexpected shape", status=status)
    return Answer("ok", body=body, status=status)
