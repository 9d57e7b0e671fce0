"""Real-browser tests: starts `heeded serve --demo` on a free loopback port with a temporary data directory,
and gives each test a headless Chromium driven by Selenium, with axe checking every page visited."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO_PASSWORD = "heeded-demo-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("HEEDED_BIN", os.path.join(ROOT, ".build", "debug", "heeded"))
    data = tempfile.mkdtemp(prefix="heeded-browser-")
    port = free_port()
    log = open(os.path.join(data, "server.log"), "w")
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--demo-password", DEMO_PASSWORD, "--data", data, "--port", str(port),
         "--forms", os.path.join(ROOT, "Forms")],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError("heeded serve stopped: " + open(os.path.join(data, "server.log")).read())
            try:
                if urllib.request.urlopen(base + "/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("heeded serve did not answer /health within 60 seconds")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


def chrome(javascript=True):
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM_BIN", shutil.which("chromium") or "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture
def driver():
    browser = chrome()
    yield browser
    browser.quit()


@pytest.fixture
def driver_without_javascript():
    browser = chrome(javascript=False)
    yield browser
    browser.quit()


def pytest_terminal_summary(terminalreporter):
    from pages import AXE_VERSION
    terminalreporter.write_line(f"pages checked with axe-core {AXE_VERSION}, failing on moderate or worse")
