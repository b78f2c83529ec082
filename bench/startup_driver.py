"""Opens a window and exits at its first paint, printing the peak memory; run by bench_startup.py.

`python startup_driver.py app DATA_DIR` opens CPR Desk's main window on its database;
`python startup_driver.py bare` opens a bare QMainWindow with a QTreeView (the baseline).
"""

from __future__ import annotations

import resource
import sys
import time

START = time.perf_counter()


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView

    mode = sys.argv[1]
    if mode == "app":
        from pathlib import Path

        from cprdesk_desktop.app import build_main_window, create_application, register_fonts

        app = create_application()
        register_fonts()
        window = build_main_window(app, Path(sys.argv[2]), "en", "zh")
        QTimer.singleShot(0, window.restore_last_item)
    else:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QTreeView(window))
        window.resize(1200, 760)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: ANN001, ANN201, N802
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    elapsed = time.perf_counter() - START
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{elapsed:.4f} {peak_kib}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
