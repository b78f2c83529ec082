"""Background work: run a function on the thread pool, deliver its progress, result or error on the main thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Calls `function(progress=…, cancelled=…)` on a worker thread; the worker never touches widgets."""

    def __init__(self, function: Callable[..., Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._function = function
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._function(
                progress=lambda done, total, label: self.signals.progress.emit(done, total, label),
                cancelled=self._cancel.is_set,
            )
        except BaseException as exc:  # noqa: BLE001 - every failure reaches the main thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[Task] = set()


def run_task(
    function: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Task:
    """Start `function` in the background; the callbacks run on the main thread."""
    task = Task(function)
    _running.add(task)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(task)
        callback(value)

    task.signals.finished.connect(lambda result: finish(on_done, result))
    task.signals.failed.connect(lambda exc: finish(on_error, exc))
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task
