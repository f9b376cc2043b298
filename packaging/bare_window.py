"""The yardstick for start-up time: a bare PySide6 window, frozen the same way as the program
(packaging/bare_window.spec). Prints ``shown <perf_counter>`` once the window is up, then quits."""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def main() -> int:
    app = QApplication(sys.argv)
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(380, 240)
    window.show()

    def report():
        print(f"shown {time.perf_counter():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)  # runs once the event loop has shown the window
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
