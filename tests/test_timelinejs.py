"""timeline.timelinejs.json opens in TimelineJS 3 as it is: the library (fetched by
.ci/run with npm into build/timelinejs/, never committed) renders it in headless
Chromium, one slide per dated event. Skips when Chromium or the library is absent."""
from __future__ import annotations

import json
import time

import pytest

from tests.browser import browser  # noqa: F401  (the fixture)
from tests.conftest import ROOT

DIST = ROOT / "build" / "timelinejs" / "package" / "dist"


def test_timelinejs_renders_every_dated_event(browser, corpus_run, tmp_path):  # noqa: F811
    if not (DIST / "js" / "timeline.js").is_file():
        pytest.skip("TimelineJS is not in build/timelinejs (.ci/run fetches it with npm)")
    _, out, _ = corpus_run
    data = json.loads((out / "timeline.timelinejs.json").read_text(encoding="utf-8"))
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    dated = [e for e in timeline["events"] if e["time"]]
    page = tmp_path / "timeline.html"
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(DIST / 'css' / 'timeline.css').as_uri()}"></head>
<body><div id="tl" style="width:1100px;height:650px"></div>
<script src="{(DIST / 'js' / 'timeline.js').as_uri()}"></script>
<script>window.tl = new TL.Timeline("tl", {json.dumps(data, ensure_ascii=False)}, {{font: null}});</script>
</body></html>""", encoding="utf-8")
    browser.call("Page.navigate", url="about:blank")
    browser.events.clear()
    browser.call("Page.navigate", url=page.as_uri())
    browser.wait_for("Page.loadEventFired")
    counts = None
    for _ in range(200):
        counts = browser.js("({slides: document.querySelectorAll('.tl-slide').length,"
                            " markers: document.querySelectorAll('.tl-timemarker').length})")
        if counts["markers"] == len(dated):
            break
        time.sleep(0.05)
    assert counts == {"slides": len(dated) + 1, "markers": len(dated)}  # + the title slide
    headlines = browser.js("[...document.querySelectorAll('.tl-slide .tl-headline')].map(h => h.textContent)")
    assert "vnevents timeline" in headlines
    assert f"{dated[0]['type']}: {dated[0]['trigger']['text']}" in headlines
    assert browser.errors() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in browser.requests())
    browser.screenshot(tmp_path / "timelinejs.png")
