"""Headless Chromium for the tests, driven over the DevTools protocol through a WebSocket
(websocket-client, the test extra; no Selenium, no browser download). `browser` skips when
no Chromium binary is found, or websocket-client is not installed."""
from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _Page:
    """One Chromium tab: DevTools calls, and the console errors and requests it has seen."""

    def __init__(self, ws):
        """`ws`: a connected websocket.WebSocket to the tab's webSocketDebuggerUrl."""
        self.ws, self.next_id, self.events = ws, 0, []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def _receive(self) -> dict:
        """The next message from Chromium (a reply or an event)."""
        text = self.ws.recv()
        if not text:  # websocket-client gives "" when the other side closes
            raise ConnectionError("the DevTools connection closed")
        return json.loads(text)

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = self._receive()
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        seen = len(self.events)
        while time.monotonic() < deadline:
            for msg in self.events[seen:]:
                if msg.get("method") == method:
                    return msg
            seen = len(self.events)
            self.events.append(self._receive())
        raise TimeoutError(method)

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, path: Path, width: int = 1280, height: int = 900, mobile: bool = False,
             fragment: str = "") -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=2 if mobile else 1, mobile=mobile)
        self.call("Page.navigate", url="about:blank")  # so that a change of fragment alone still loads
        self.events.clear()
        self.call("Page.navigate", url=path.resolve().as_uri() + fragment)
        self.wait_for("Page.loadEventFired")
        for _ in range(100):
            if self.js("document.documentElement.dataset.ready === '1'"):
                return
            time.sleep(0.05)
        raise TimeoutError("the report's script did not finish")

    def errors(self) -> list[str]:
        out = []
        for msg in self.events:
            method, params = msg.get("method"), msg.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(json.dumps(params.get("args"))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(params["entry"].get("text", ""))
        return out

    def requests(self) -> list[str]:
        return [m["params"]["request"]["url"] for m in self.events if m.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, full: bool = False) -> bytes:
        params = {"format": "png"}
        if full:
            size = self.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size[0], "height": min(size[1], 4000), "scale": 1})
        data = base64.b64decode(self.call("Page.captureScreenshot", **params)["data"])
        path.write_bytes(data)
        return data


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = _chromium()
    if not binary:
        pytest.skip("no chromium binary found")
    websocket = pytest.importorskip("websocket", reason="websocket-client (the test extra) is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = subprocess.Popen(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
         "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    ws = None
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.skip("chromium did not start")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/json/list")
        targets = json.loads(conn.getresponse().read())
        conn.close()
        page = next(t for t in targets if t.get("type") == "page")
        # no Origin header (a browser page's connection would send one; Chromium checks it against
        # --remote-allow-origins), as the stdlib client this replaces sent none
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        yield _Page(ws)
    finally:
        if ws:
            ws.close()
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
