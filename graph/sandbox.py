"""Run SPARQL queries in child processes that can be killed: real timeouts and caps for a public endpoint.

Oxigraph's Python API cannot cancel a running query, so a runaway query would hold a server
thread and a core for as long as it likes. Here each query runs in its own process, forked from
a small single-threaded *zygote* process that holds the store (the fork shares the store's memory
copy-on-write, so it costs neither a copy nor a reload). The web server's thread waits on a pipe
with a deadline; past it, or past the result-size cap, the child is killed with SIGKILL and the
caller gets an error. Other requests go on in their own processes meanwhile.

The zygote is forked once, before the web server starts its threads; it forks nothing but
query workers and talks to the parent over a Unix socket, receiving each worker's result pipe
with SCM_RIGHTS.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import select
import signal
import socket
import struct
import threading
import time
from dataclasses import dataclass
from typing import Any

from spinekg.graph.cache import LRUCache, cacheable

from spinekg.errors import QueryError, QueryRefused, ResultTooLarge, SpineKGError, StoreError

logger = logging.getLogger(__name__)

_HEADER = struct.Struct("!cQ")  # status byte ('o' ok, 'e' error), payload length


class QueryTimeout(SpineKGError):
    """The query ran past its time limit and was stopped."""


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 30.0
    max_result_bytes: int = 64 * 1024 * 1024
    max_memory_bytes: int = 2 * 1024 * 1024 * 1024  # what a query may map beyond the store it was forked with
    max_concurrent: int = 4
    slot_wait_s: float = 2.0  # how long a query waits for a free slot before 503 (not the whole timeout)
    service_allow: tuple[str, ...] = ()  # SERVICE endpoints a query may call (checked in the worker)
    isolate_network: bool = False  # run the workers in a network namespace of their own (no SERVICE reaches out)


def _no_network() -> bool:
    """Move this process into a network namespace of its own, with no interface up: nothing it forks can
    connect anywhere (a SERVICE call fails at once). False where the kernel refuses (not root, no user
    namespaces); the policy check is then the only guard."""
    import ctypes

    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if libc.unshare(clone_newnet) == 0:
        return True
    # an unprivileged user: a user namespace first (allowed in a single-threaded process, as the zygote is)
    return bool(libc.unshare(clone_newuser | clone_newnet) == 0)


def _send_msg(sock: socket.socket, obj: Any, fds: list[int] | None = None) -> None:
    data = pickle.dumps(obj)
    payload = struct.pack("!I", len(data)) + data
    if fds:
        socket.send_fds(sock, [payload], fds)
    else:
        sock.sendall(payload)


def _recv_msg(sock: socket.socket) -> tuple[Any, list[int]]:
    msg, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, 4)
    if not msg:
        raise EOFError
    (n,) = struct.unpack("!I", msg[:4])
    data = msg[4:]
    while len(data) < n:
        more = sock.recv(n - len(data))
        if not more:
            raise EOFError
        data += more
    return pickle.loads(data), fds  # noqa: S301 - only our own parent process writes here


def _worker(store: Any, sparql: str, bindings: dict[str, str] | None, fmt: str, out_fd: int,
            limits: Limits) -> None:
    """In the forked child: run one query, write status + payload to the pipe, exit."""
    try:
        # a budget on top of what the fork already maps (the zygote's store): the limit is the address space
        # now plus max_memory_bytes, so a large store does not leave a query no memory at all
        budget = _mapped_bytes() + limits.max_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    except (ValueError, OSError):
        pass
    try:
        if limits.service_allow:
            from spinekg.graph.policy import check_services

            check_services(sparql, limits.service_allow)  # parsed here, under the query's timeout and memory
        # streamed into a capped buffer: a result past the cap stops at once (413), never built whole in memory
        data = store.serialize_capped(sparql, bindings, fmt, limits.max_result_bytes)
        status = b"o"
    except ResultTooLarge as e:
        data, status = f"T{e}".encode(), b"e"
    except QueryRefused as e:
        data, status = f"P{e}".encode(), b"e"
    except QueryError as e:
        data, status = f"Q{e}".encode(), b"e"
    except MemoryError:
        data, status = b"Mthe query needed more memory than the endpoint allows", b"e"
    except Exception as e:  # noqa: BLE001 - the child reports every failure as one line, then exits
        data, status = f"S{type(e).__name__}: {e}".encode(), b"e"
    try:
        with os.fdopen(out_fd, "wb", closefd=True) as fh:
            fh.write(_HEADER.pack(status, len(data)))
            fh.write(data)
    except BrokenPipeError:
        pass


def _mapped_bytes() -> int:
    """This process's address space now (its virtual size), or 0 where /proc is not there."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _zygote(store: Any, sock: socket.socket, limits: Limits) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if limits.isolate_network and not _no_network():
        logger.warning("query workers keep the network (no network namespace here); SERVICE is refused by the "
                       "policy check alone")
    while True:
        try:
            (sparql, bindings, fmt), fds = _recv_msg(sock)
        except (EOFError, ConnectionError, OSError):
            os._exit(0)
        out_fd = fds[0]
        pid = os.fork()
        if pid == 0:
            sock.close()
            _worker(store, sparql, bindings, fmt, out_fd, limits)
            os._exit(0)
        os.close(out_fd)
        try:
            _send_msg(sock, pid)
        except OSError:
            os._exit(0)


class QuerySandbox:
    """Runs queries of one store in killable child processes."""

    def __init__(self, store: Any, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.limits.max_concurrent)
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # the zygote
            parent.close()
            try:
                _zygote(store, child, self.limits)
            finally:
                os._exit(0)
        child.close()
        self._sock = parent
        self._pid = pid
        # a frozen store never changes while served, so the answers the workers send back can be kept
        self.cache: LRUCache[tuple[Any, ...], bytes] | None = None
        if getattr(store, "results", None) is not None:
            self.cache = LRUCache(max_entries=4096, max_weight=256 * 1024 * 1024)

    def run(self, sparql: str, bindings: dict[str, str] | None, fmt: str, *,
            timeout_s: float | None = None) -> bytes:
        """The serialized result of a query, or QueryTimeout / ResultTooLarge / QueryError / StoreError."""
        key = None
        if self.cache is not None and cacheable(sparql):
            key = (sparql, tuple(sorted((bindings or {}).items())), fmt)
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        data = self._run(sparql, bindings, fmt, timeout_s)
        if key is not None and self.cache is not None:
            self.cache.put(key, data, weight=len(data) + 200)
        return data

    def _run(self, sparql: str, bindings: dict[str, str] | None, fmt: str, timeout_s: float | None) -> bytes:
        timeout = self.limits.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + timeout
        # a short wait: a request that waited the whole timeout for a slot would hold a server thread for it
        wait = min(timeout, self.limits.slot_wait_s)
        if not self._slots.acquire(timeout=wait):
            raise QueryTimeout(f"the endpoint is busy ({self.limits.max_concurrent} queries running); "
                               "try again shortly")
        try:
            r, w = os.pipe()
            try:
                with self._lock:
                    _send_msg(self._sock, (sparql, bindings, fmt), [w])
                    pid, _ = _recv_msg(self._sock)
            except (OSError, EOFError) as e:
                os.close(r)
                raise StoreError(f"the query sandbox is gone: {e}") from None
            finally:
                os.close(w)
            try:
                return self._collect(r, pid, deadline, timeout)
            finally:
                os.close(r)
        finally:
            self._slots.release()

    def _collect(self, r: int, pid: int, deadline: float, timeout: float) -> bytes:
        buf = bytearray()
        cap = self.limits.max_result_bytes + _HEADER.size
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                _kill(pid)
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            ready, _, _ = select.select([r], [], [], left)
            if not ready:
                continue
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            buf += chunk
            if len(buf) > cap:
                _kill(pid)
                raise ResultTooLarge(f"the result is larger than {self.limits.max_result_bytes // (1 << 20)} MB; "
                                     "add a LIMIT or narrow the query")
        if len(buf) < _HEADER.size:
            raise StoreError("the query process died without an answer (out of memory?)")
        status, n = _HEADER.unpack_from(buf)
        payload = bytes(buf[_HEADER.size:_HEADER.size + n])
        if status == b"o":
            return payload
        text = payload.decode("utf-8", "replace")
        kind, msg = text[:1], text[1:]
        if kind == "P":
            raise QueryRefused(msg)
        if kind == "Q":
            raise QueryError(msg)
        if kind == "T":
            raise ResultTooLarge(msg)
        raise StoreError(msg)

    def close(self) -> None:
        """Stop the zygote (its running workers finish or are killed by their callers)."""
        if self._sock.fileno() == -1:
            return
        try:
            self._sock.close()
        finally:
            _kill(self._pid)
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
