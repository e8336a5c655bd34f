"""Log files that several gunicorn workers write at once.

``TimedRotatingFileHandler`` rotates in whichever process writes first after
midnight; a second worker would then delete the day's rotated file and rename
the new one over it, losing a day of the security log. Here the first worker
renames, and the others, finding the day's file already there, only reopen.
"""

from __future__ import annotations

import os
import time
from logging.handlers import TimedRotatingFileHandler


class SharedTimedRotatingFileHandler(TimedRotatingFileHandler):
    """A daily log file, safe to rotate from several processes."""

    def doRollover(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        now = int(time.time())
        ended = self.rolloverAt - self.interval
        stamp = time.gmtime(ended) if self.utc else time.localtime(ended)
        rotated = self.rotation_filename(
            f"{self.baseFilename}.{time.strftime(self.suffix, stamp)}"
        )
        if not os.path.exists(rotated) and os.path.exists(self.baseFilename):
            self.rotate(self.baseFilename, rotated)
        if self.backupCount > 0:
            for old in self.getFilesToDelete():
                os.remove(old)
        if not self.delay:
            self.stream = self._open()
        self.rolloverAt = self.computeRollover(now)
