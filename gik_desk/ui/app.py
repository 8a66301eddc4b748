"""``gik-desk [FILES…]`` and ``gik-desk --screenshot OUT.png [FILES…]``: the window's entry point.

Only Qt and the light core modules load here; parsing, pandas and openpyxl load when first used.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QLibraryInfo, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gik_desk.model import Severity
from gik_desk.ui import settings as cfg
from gik_desk.ui.fonts import apply_app_font
from gik_desk.ui.qt_chinese import QtChinese
from gik_desk.ui.resources import resources_dir, samples_dir

_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def wants_english(choice: str | None) -> bool:
    """English only when asked for by name; the system locale never decides (简体中文 first)."""
    return bool(choice) and str(choice).strip().lower().startswith("en")


def choose_language(cli: str | None, setting: str) -> str:
    """``--lang`` wins over the saved setting; neither given → zh_CN, whatever the locale."""
    choice = cli if cli else setting
    return "en" if wants_english(choice) else "zh_CN"


def install_translations(app: QApplication, language: str) -> str:
    """English through ``gik_desk_en.qm`` when asked; otherwise Chinese, Qt's own dialogs too."""
    # Qt's own file dialogs, never the platform's: a native one (GTK, the portal) speaks the
    # system's language, not the one chosen here (issue 24)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if wants_english(language):
        t = QTranslator(app)
        if t.load(str(resources_dir() / "i18n" / "gik_desk_en.qm")):
            app.installTranslator(t)
            _translators.append(t)
        return "en"
    t = QTranslator(app)
    if t.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(t)
        _translators.append(t)
    missing = QtChinese(app)  # asked before qtbase_zh_CN: the labels it lacks
    app.installTranslator(missing)
    _translators.append(missing)
    return "zh_CN"


def _parse(args: list[str], epilog: str | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="gik-desk",
        description="政府信息公开年报审核台",
        epilog=epilog
        or "命令行(command line)：gik-desk parse|audit PATH… [--json OUT] [--xlsx OUT] "
        "[--workspace W.gikdb] [--fail-on error|warning]，详见 gik-desk audit --help。\n"
        "退出码(exit codes)：0 完成；1 出现 --fail-on 指定的问题；2 用法错误、输出会覆盖"
        "输入/工作区/其他文件，或没有可读取的输入；3 程序内部错误。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", help="报告文件或文件夹")
    p.add_argument("--screenshot", metavar="OUT.png", help="渲染主窗口截图后退出")
    p.add_argument("--original", action="store_true", help="截图时显示原件（页面或表格）")
    p.add_argument(
        "--size", metavar="WxH", type=_size, help="截图时的窗口大小，如 1366x768（默认 1600x1000）"
    )
    p.add_argument("--lang", default=None, help="界面语言：zh_CN 或 en")
    p.add_argument("--workspace", metavar="W.gikdb", help="工作区文件（默认：用户数据目录）")
    return p.parse_args(args)


def _size(text: str) -> tuple[int, int]:
    """``1366x768`` → (1366, 768); anything else is a usage error naming the value."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(v) for v in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"窗口大小应写成 宽x高，如 1366x768：{text}") from None
    if not (320 <= width <= 10_000 and 240 <= height <= 10_000):
        raise argparse.ArgumentTypeError(f"窗口大小超出范围（320x240 至 10000x10000）：{text}")
    return width, height


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    # The load job's thread runs Python (audit, unpickling worker results). Each time the UI
    # thread releases the GIL around a Qt call it waits up to the switch interval to get it
    # back: 5 ms by default, which adds up to 100 ms stalls while a batch loads. 1 ms keeps the
    # window responsive; the worker loses little (it mostly waits on the process pool).
    sys.setswitchinterval(0.001)
    app.setApplicationName("GIK Desk")
    app.setOrganizationName("gik-desk")
    return app


_XCB_LIBS = (("xcb-cursor", "libxcb-cursor0"), ("xkbcommon-x11", "libxkbcommon-x11-0"))


def missing_xcb(find: Callable[[str], str | None] | None = None) -> list[str]:
    """Debian/Ubuntu packages Qt's xcb platform needs and this Linux machine lacks. Without
    them Qt aborts with a bare "could not load the Qt platform plugin" before any window."""
    if not sys.platform.startswith("linux"):
        return []
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("xcb", ""):
        return []  # offscreen, wayland, vnc …: xcb is not used
    if find is None:
        import ctypes.util

        find = ctypes.util.find_library
    return [package for lib, package in _XCB_LIBS if find(lib) is None]


def main(args: list[str], epilog: str | None = None) -> int:
    """The window; ``epilog`` is the command line's list of subcommands for ``--help``."""
    opts = _parse(args, epilog)
    missing = [] if opts.screenshot else missing_xcb()
    if missing:
        pkgs = " ".join(missing)
        print(  # noqa: T201 - before any window can exist, the terminal is the only channel
            f"GIK Desk 需要系统库才能打开窗口，请先安装：sudo apt-get install {pkgs}\n"
            f"GIK Desk needs system libraries to open its window: sudo apt-get install {pkgs}",
            file=sys.stderr,
        )
        return 1
    app = application()
    settings = cfg.Settings()
    install_translations(app, choose_language(opts.lang, settings.get(cfg.LANGUAGE)))
    apply_app_font(app, settings.get(cfg.FONT_SIZE))
    from gik_desk.ui.main_window import MainWindow

    window = MainWindow()
    if opts.screenshot:
        files = [Path(f) for f in opts.files]
        extra: dict[str, Any] = {"original": True} if opts.original else {}
        if opts.size:
            extra["size"] = opts.size
        return screenshot(window, files, Path(opts.screenshot), **extra)
    from gik_desk.ui.lifetime import QuitOnSignal, end_jobs

    def quit_now() -> None:  # SIGTERM / SIGINT: the window's close saves what it must
        app.closeAllWindows()
        app.quit()

    quitter = QuitOnSignal(app, quit_now)
    files = start_files(window, settings, [Path(f) for f in opts.files], opts.workspace)
    window.show()
    if files:
        QTimer.singleShot(0, window, lambda: window.load_paths(files))
    code = app.exec()
    end_jobs()  # no parse worker outlives the window, however it closed
    quitter.uninstall()
    return 128 + quitter.received if quitter.received is not None else code


def start_files(
    window: Any, settings: cfg.Settings, files: list[Path], workspace: str | None
) -> list[Path]:
    """Open the workspace the window starts with and say which files to load.

    No files named: the workspace's batch comes back (issue 13). The very first start shows
    the bundled samples in a sample workspace of their own, never the reviewer's (issue 23):
    it is not remembered as the last workspace, so the next start opens the reviewer's."""
    from gik_desk.services import default_workspace_path, is_team_target, sample_workspace_path

    restore = not files
    if workspace:
        team = is_team_target(workspace)  # postgresql://… (issue 28)
        window.open_workspace_path(workspace if team else Path(workspace), restore)
        return files
    last = settings.get(cfg.LAST_WORKSPACE)
    first_start = not files and not last and not settings.get(cfg.RECENT_FILES)
    if first_start:
        samples = sample_workspace_path()
        if window.open_workspace_path(samples, False):
            settings.set(cfg.LAST_WORKSPACE, "")  # the reviewer's own comes back next time
            if not window.desk.remembered():
                return [samples_dir()]
            window.desk.restore()
            return []
    window.open_workspace_path(
        Path(last) if last and Path(last).exists() else default_workspace_path(), restore
    )
    return files


def wait_loaded(window: object, timeout_ms: int = 600_000) -> None:
    """Spin an event loop until the window's load job ends and the batch is fully shown (its
    tree painted over several turns, ``ui/staged.py``): screenshot mode, benchmarks."""
    runner = window.runner  # type: ignore[attr-defined]
    staged = window.staged  # type: ignore[attr-defined]
    for busy, signals in (
        (runner.is_running, (runner.finished, runner.failed, runner.cancelled)),
        (staged.busy, (staged.settled,)),
    ):
        if not busy():
            continue
        loop = QEventLoop()
        for sig in signals:
            sig.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop, loop.quit)
        loop.exec()


def screenshot(
    window: object,
    files: list[Path],
    out: Path,
    size: tuple[int, int] = (1600, 1000),
    original: bool = False,
) -> int:
    """Render the window at ``size`` with ``files`` loaded and the first error that has a
    suggested correction chosen (else the first error); write a PNG (``original``: with the
    原件 pane shown, once its pages or tables are drawn)."""
    from gik_desk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.fit_on_show = False  # the size asked for, whatever the screen
    window.resize(*size)
    window.show()
    if files:
        window.load_paths(files)
        wait_loaded(window)
    errors = [f for f in window.batch.findings if f.severity is Severity.ERROR]
    first_error = next((f for f in errors if f.suggestions), errors[0] if errors else None)
    if first_error is not None:
        window.selection.choose_finding(first_error)
    QApplication.processEvents()
    if original:
        window.source_pane.show_original()
        view = window.original_view
        loop = QEventLoop()
        timer = QTimer(loop)
        timer.timeout.connect(lambda: loop.quit() if view.ready() else None)
        timer.start(50)
        QTimer.singleShot(120_000, loop, loop.quit)
        loop.exec()
    ok = window.grab().save(str(out), "PNG")
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return 0 if ok else 1
