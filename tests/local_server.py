"""A waitress server on 127.0.0.1 in a thread, for the tests that talk HTTP to the real server.

Closing a waitress server from another thread can catch its loop inside select() on a socket just closed
(EBADF in the server thread, which pytest reports as an error of whichever test ran last): the loop here
ends quietly once the server is being closed.
"""

from __future__ import annotations

import errno
import threading
from typing import Any


class LocalServer:
    def __init__(self, app: Any, threads: int = 4) -> None:
        import waitress.server

        self.srv = waitress.server.create_server(app, host="127.0.0.1", port=0, threads=threads)
        self.url = f"http://127.0.0.1:{self.srv.effective_port}"
        self._closing = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.srv.run()
        except (OSError, ValueError) as e:
            if not self._closing or (isinstance(e, OSError) and e.errno not in (errno.EBADF, None)):
                raise

    def close(self) -> None:
        self._closing = True
        self.srv.close()
        self._thread.join(10)
