"""Talking to Crossref (and doi.org) politely, within limits, and honestly about failures.

Two HTTP paths, one set of limits (`NetworkGate`):
- habanero (`Crossref.works`) for the list queries it builds well: batched
  `filter=doi:A,doi:B` lookups, the `updates:` filter and `query.bibliographic` searches.
  It is called with warn=False, so a 429/5xx raises instead of becoming None (None would
  read as "not found"). habanero cannot send `mailto` as a query parameter and does not
  expose the headers of a successful response, so on this path mailto rides in the
  User-Agent (Crossref's polite pool accepts either) and rate-limit headers are read only
  from error responses.
- requests for what habanero cannot do safely: `/works/{doi}` and `/works/{doi}/agency`
  (habanero puts the DOI into the path unencoded, so "?", "#" or "/.." would change the
  URL), the doi.org handle API (not Crossref), and reading X-Rate-Limit-*/X-Concurrency-Limit
  on every answer. These send mailto both as a parameter and in the User-Agent.

On both paths (habanero's through `_HabaneroHTTP`) the status decides before any body is read,
a body is read as it arrives and refused past MAX_RESPONSE_BYTES, and every attempt is over
within its timeout whatever the server does (`_within`): trickled headers or bodies included.

Every call returns an `Answer`; nothing here raises for network trouble. "missing" is only
ever a clean 404 (or handle responseCode 100); everything else that went wrong is a "fault",
which the engine reports as unverified.
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

import httpx2
import requests
from habanero import Crossref
from habanero.exceptions import RequestError

from claimlint import __version__
from claimlint.verify import doi as doi_syntax
from claimlint.verify.settings import VerifySettings

AnswerKind = Literal["ok", "missing", "fault", "too_long"]

POLITE_RATE, POLITE_CONCURRENCY = 10.0, 3  # Crossref limits since Dec 2025, with mailto
PUBLIC_RATE, PUBLIC_CONCURRENCY = 5.0, 1  # without mailto
BREAKER_THRESHOLD = 3  # consecutive failed calls after which the service counts as down
STALL_THRESHOLD = 2  # consecutive attempts without an answer in time: a stalled host, skip the rest
MAX_BACKOFF = 8.0
CONNECT_TIMEOUT = 3.0  # seconds: a host that does not accept the connection
# A batch of 100 selected records is well under 1 MB; an answer larger than this is not Crossref's.
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


class NetworkGate:
    """Shared by all worker threads: concurrency cap, request rate, run budget, breaker.

    The rate is a token bucket (Crossref's "N requests per second" allows a burst of N);
    the limits start from the pool's published values and only ever go down when response
    headers announce lower ones.
    """

    def __init__(self, polite: bool, budget_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Condition()
        self.max_rate = POLITE_RATE if polite else PUBLIC_RATE
        self.max_concurrency = POLITE_CONCURRENCY if polite else PUBLIC_CONCURRENCY
        self.rate = self.max_rate
        self.concurrency = self.max_concurrency
        self._tokens = self.rate
        self._refilled_at = clock()
        self._in_flight = 0
        self._paused_until = 0.0
        self.deadline = clock() + budget_seconds
        self._consecutive_failures = 0
        self._consecutive_timeouts = 0
        self.requests_made = 0

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
                    return "Crossref did not answer in time, so the remaining lookups were skipped"
                if self.tripped:
                    return "Crossref kept failing, so the remaining lookups were skipped"
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

    def _refill(self, now: float) -> None:
        self._tokens = min(self.rate, self._tokens + (now - self._refilled_at) * self.rate)
        self._refilled_at = now

    def _observe(self, headers: dict[str, str]) -> None:
        lowered = {k.lower(): v for k, v in headers.items()}
        limit = _as_float(lowered.get("x-rate-limit-limit"))
        interval = _parse_interval(lowered.get("x-rate-limit-interval"))
        if limit and interval:
            self.rate = max(0.2, min(self.max_rate, limit / interval))
            self._tokens = min(self._tokens, self.rate)
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


@dataclass
class _HabaneroCall:
    mailto: str | None
    deadline: float
    timeout: float
    headers: dict[str, str] = field(default_factory=dict)


_HABANERO_CALL: contextvars.ContextVar[_HabaneroCall | None] = contextvars.ContextVar(
    "claimlint_habanero_call", default=None
)


class _HabaneroHTTP:
    """What habanero's request module sees as `httpx2`: the same library, except that `get`, in a
    claimlint call, adds the `mailto` query parameter (habanero puts mailto only in the
    User-Agent; Crossref's polite pool asks for either, the issue for both) and keeps the
    response headers (habanero shows them only on errors), so X-Rate-Limit-* and
    X-Concurrency-Limit steer every request. Outside a claimlint call it changes nothing."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def get(self, url: Any, *args: Any, params: Any = None, **kwargs: Any) -> Any:
        call = _HABANERO_CALL.get()
        if call is None:
            return self._real.get(url, *args, params=params, **kwargs)
        if call.mailto:
            params = {**(params or {}), "mailto": call.mailto}
        with self._real.stream("GET", url, *args, params=params, **kwargs) as response:
            call.headers = dict(response.headers)
            if response.status_code != 200:
                # Decided by the status before habanero reads the body: it raises TypeError on
                # a JSON error body whose message is a string (a proxy's 429).
                text = _error_text(response.iter_bytes(), call.deadline, call.timeout)
                raise _Answered(_status_attempt(response.status_code, call.headers, text))
            body = _read_bounded(response.iter_bytes(), call.deadline, call.timeout)
        # The body is decoded already: the rebuilt response must not decode it again.
        headers = [(k, v) for k, v in response.headers.items()
                   if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
        return self._real.Response(response.status_code, headers=headers, content=body, request=response.request)


def _install_habanero_http() -> None:
    import habanero.request
    import habanero.request_class

    for module in (habanero.request, habanero.request_class):  # the two places habanero calls get()
        if not isinstance(module.httpx2, _HabaneroHTTP):
            module.httpx2 = _HabaneroHTTP(module.httpx2)


def user_agent(mailto: str | None) -> str:
    return f"claimlint/{__version__} (mailto:{mailto})" if mailto else f"claimlint/{__version__}"


class CrossrefClient:
    def __init__(self, settings: VerifySettings, gate: NetworkGate, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.gate = gate
        self._sleep = sleep
        self._base = settings.crossref_url.rstrip("/")
        self._resolver = settings.resolver_url.rstrip("/")
        self._local = threading.local()  # one requests.Session per worker thread
        self._session_in_use: contextvars.ContextVar[requests.Session | None] = contextvars.ContextVar(
            "claimlint_session", default=None)

    # -- list queries through habanero -------------------------------------------------

    def works_by_filter(self, name: str, values: list[str], select: tuple[str, ...]) -> Answer:
        """`/works?filter=name:v1,name:v2,...` (repeated filter names are OR)."""
        return self._with_retries(
            lambda timeout: self._via_habanero(timeout, lambda crossref: crossref.works(
                filter={name: list(values)}, limit=max(len(values), 20) if name == "doi" else 1000,
                select=list(select), warn=False,
            ))
        )

    def search(self, text: str, rows: int, select: tuple[str, ...]) -> Answer:
        """`/works?query.bibliographic=...`: Crossref's reference-string matching search."""
        return self._with_retries(
            lambda timeout: self._via_habanero(timeout, lambda crossref: crossref.works(
                query_bibliographic=text, limit=rows, select=list(select), warn=False
            ))
        )

    def _via_habanero(self, timeout: float, call: Callable[[Crossref], Any]) -> Any:
        """Run one habanero call with claimlint's mailto parameter added to its request and the
        response headers kept for the rate limiter (see _HabaneroHTTP)."""
        _install_habanero_http()
        crossref = Crossref(
            base_url=self._base, mailto=self.settings.mailto, ua_string=f"claimlint/{__version__}", timeout=timeout
        )
        context = _HabaneroCall(mailto=self.settings.mailto, deadline=time.monotonic() + timeout, timeout=timeout)
        token = _HABANERO_CALL.set(context)
        try:
            result = call(crossref)
        finally:
            _HABANERO_CALL.reset(token)
        if isinstance(result, dict) and isinstance(result.get("message"), dict):
            return _Attempt(Answer("ok", body=result["message"], status=200), headers=context.headers)
        return result

    # -- single lookups through requests -------------------------------------------------

    def work(self, doi: str) -> Answer:
        return self._with_retries(lambda t: self._get(f"{self._base}/works/{doi_syntax.path_segment(doi)}", t))

    def agency(self, doi: str) -> Answer:
        return self._with_retries(lambda t: self._get(f"{self._base}/works/{doi_syntax.path_segment(doi)}/agency", t))

    def handle(self, doi: str) -> Answer:
        """doi.org handle API: responseCode 1 = the DOI exists, 100 = it does not."""
        url = f"{self._resolver}/api/handles/{doi_syntax.path_segment(doi)}"
        return self._with_retries(lambda t: self._get(url, t, handle_api=True))

    def _session(self) -> requests.Session:
        session = self._session_in_use.get() or getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = user_agent(self.settings.mailto)
            session.headers["Accept"] = "application/json"
            session.max_redirects = 5  # an alias DOI redirects once; a loop must end quickly
            self._local.session = session
        return session

    def _get(self, url: str, timeout: float, handle_api: bool = False) -> _Attempt:
        params = {"mailto": self.settings.mailto} if self.settings.mailto and not handle_api else None
        deadline = time.monotonic() + timeout
        try:
            with self._session().get(url, params=params, timeout=(min(CONNECT_TIMEOUT, timeout), timeout),
                                     stream=True) as response:
                headers = dict(response.headers)
                status = response.status_code
                if status == 200 or (handle_api and status == 404):
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
        if handle_api and status in (200, 404):
            return _Attempt(_handle_answer(status, content), headers=headers)
        if status == 404:
            return _Attempt(Answer("missing", detail="404 " + _short(text), status=404), headers=headers)
        if status != 200:
            return _status_attempt(status, headers, text)
        return _Attempt(_json_answer(headers.get("Content-Type", ""), content), headers=headers)

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
        except Exception as error:  # noqa: BLE001 - every failure mode of the HTTP stack is a fault
            return _habanero_failure(error)
        if isinstance(result, _Attempt):
            return result
        if not isinstance(result, dict) or not isinstance(result.get("message"), dict):
            # e.g. None from a warn=True path, or a list: never read as "not found"
            return _Attempt(Answer("fault", detail="unexpected answer shape"))
        return _Attempt(Answer("ok", body=result["message"], status=200))


NAME_RESOLUTION_FAILURES = ("name or service not known", "temporary failure in name resolution",
                            "nodename nor servname", "no address associated", "getaddrinfo failed")


def _unresolvable(error: BaseException) -> bool:
    """A host name that does not resolve (no network, offline CI) will not resolve in a second
    either: retrying only makes a run without network slow."""
    return any(text in str(error).lower() for text in NAME_RESOLUTION_FAILURES)


def _short(value: object, limit: int = 120) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _status_attempt(status: int, headers: dict[str, str], text: str) -> _Attempt:
    lowered = {k.lower(): v for k, v in headers.items()}
    if status == 414:
        return _Attempt(Answer("too_long", detail="request line too long (414)", status=414), headers=headers)
    if status == 429:
        retry_after = parse_retry_after(lowered.get("retry-after"))
        return _Attempt(Answer("fault", detail="rate limited (429)", status=429), True, retry_after, headers)
    if status >= 500:
        return _Attempt(Answer("fault", detail=f"server error {status}", status=status), True, None, headers)
    return _Attempt(Answer("fault", detail=f"HTTP {status}: {_short(text, 80)}", status=status), headers=headers)


def _json_answer(content_type: str, content: bytes) -> Answer:
    if "json" not in content_type.lower():
        return Answer("fault", detail=f"answered with {content_type or 'no content type'} instead of JSON", status=200)
    try:
        body = json.loads(content)
    except ValueError:
        return Answer("fault", detail="answered with invalid JSON", status=200)
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        return Answer("fault", detail="answered JSON of an unexpected shape", status=200)
    return Answer("ok", body=body["message"], status=200)


def _handle_answer(status: int, content: bytes) -> Answer:
    try:
        body = json.loads(content)
        code = body.get("responseCode")
    except (ValueError, AttributeError):
        return Answer("fault", detail=f"handle API answered {status} without JSON")
    if code == 1 and status == 200:
        return Answer("ok", body=body, status=status)
    if code == 100:
        return Answer("missing", detail="doi.org does not know this DOI", status=status)
    return Answer("fault", detail=f"handle API responseCode {_short(code, 40)}", status=status)


def _habanero_failure(error: Exception) -> _Attempt:
    """Map what habanero/httpx2 raise onto an attempt outcome."""
    if isinstance(error, httpx2.HTTPStatusError):
        response = error.response
        return _status_attempt(response.status_code, dict(response.headers), response.text)
    if isinstance(error, RequestError):  # a JSON error body, or a non-JSON 200 body
        status = error.status_code if isinstance(error.status_code, int) else 0
        if status == 200:
            return _Attempt(Answer("fault", detail="answered 200 with a non-JSON body", status=200))
        return _status_attempt(status, {}, str(error.error))
    cause = error.__cause__ if isinstance(error, RuntimeError) and error.__cause__ else error
    if isinstance(cause, httpx2.TimeoutException):
        return _Attempt(Answer("fault", detail="timed out"), retryable=True, timed_out=True)
    if isinstance(cause, httpx2.TooManyRedirects):
        return _Attempt(Answer("fault", detail="redirect loop"))
    if isinstance(cause, httpx2.TransportError):
        return _Attempt(Answer("fault", detail=f"connection failed ({_short(cause)})"),
                        retryable=not _unresolvable(cause))
    if isinstance(error, ValueError):
        return _Attempt(Answer("fault", detail="answered with invalid JSON"))
    return _Attempt(Answer("fault", detail=f"unexpected answer ({type(error).__name__}: {_short(error)})"))
