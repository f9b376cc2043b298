"""What the PyInstaller specs (frontdesk.spec, bare_window.spec) leave out of a bundle."""

# Never needed, and large: keep them out even when something imports them optionally.
EXCLUDES = [
    "tkinter", "_tkinter", "pytest", "pytestqt", "pypdf", "IPython", "matplotlib", "numpy",
    "fontTools", "setuptools", "pip", "unittest", "pydoc_data", "lib2to3",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtWebView",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DExtras", "PySide6.Qt3DAnimation",
    "PySide6.QtQuick", "PySide6.QtQuick3D", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQml", "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtGraphs",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtSpatialAudio",
    "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning", "PySide6.QtLocation",
    "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtSerialBus", "PySide6.QtRemoteObjects",
    "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtTextToSpeech", "PySide6.QtHttpServer",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvgWidgets", "PySide6.QtPdfWidgets",
    "PySide6.QtAxContainer", "PySide6.QtConcurrent",
]


# Qt pieces a keyboard-and-mouse desktop program never loads: the virtual keyboard (it drags in
# Qt Quick and QML), the GTK theme (and GTK's libraries), embedded-display platforms, network
# plugins (the program is offline; Qt PDF only links the network library), rare image formats,
# and Windows' 20 MB software OpenGL (the program draws no OpenGL).
DROP = (
    "virtualkeyboard", "Qt6Quick", "Qt6Qml", "platformthemes/libqgtk3", "egldeviceintegrations/",
    "plugins/generic/", "networkinformation/", "plugins/tls/", "platforms/libqeglfs",
    "platforms/libqlinuxfb", "platforms/libqvnc", "platforms/libqvkkhrdisplay", "platforms/libqminimalegl",
    "imageformats/libqtiff", "imageformats/libqwebp", "imageformats/libqicns", "imageformats/libqtga",
    "imageformats/libqwbmp", "imageformats/qtiff", "imageformats/qwebp", "imageformats/qicns",
    "imageformats/qtga", "imageformats/qwbmp", "opengl32sw.dll",
    "libgtk-3", "libgdk-3", "libgdk_pixbuf", "libcairo", "libpango", "libatk", "libatspi", "libepoxy",
    "libXcomposite", "libXdamage", "libXinerama", "libXrandr", "libXcursor", "libXi.so", "libwayland-cursor",
    "libgio-2.0", "libharfbuzz", "libpixman", "libjpeg.so", "libfribidi", "libthai", "Qt6EglFs",
)


def keep(entry) -> bool:
    dest = entry[0].replace("\\", "/").lower()
    return not any(part.lower() in dest for part in DROP)
