"""report.html and the web room in a real headless Chromium (Debian chromium + chromedriver, via selenium).

The browser runs with every non-loopback request sent to a dead proxy, so a
report that needed the network would show it; the tests also read the page's
own performance entries to prove no resource besides the file was requested.
Screenshots land in test-artifacts/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from sitroom.export import export_all
from situation_factory import HOSTILE, hostile_situation, make_situation

CHROMIUM = Path(os.environ.get("SITROOM_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("SITROOM_CHROMEDRIVER", "/usr/bin/chromedriver"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian chromium/chromedriver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1800",
                # Everything but loopback goes to a port where nothing listens: the network is unplugged.
                "--proxy-server=127.0.0.1:9",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def wait_for(driver, script: str, timeout: float = 10.0):
    """Poll a JS expression until it is truthy (the page's own state, not a sleep)."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return " + script))


def open_report(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    wait_for(driver, "window.sitroomReady === true")


def requested_resources(driver) -> list[str]:
    return driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")


def severe_console(driver) -> list[str]:
    try:
        return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    except Exception:  # some drivers do not expose logs
        return []


def no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    export_all(make_situation(), out)
    return out / "report.html"


def test_report_opens_offline_and_draws_the_map(browser, report):
    open_report(browser, report)
    assert requested_resources(browser) == []
    assert severe_console(browser) == []
    n_borders = browser.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path:not(.leaflet-interactive)').length")
    assert n_borders >= 4  # Iraq, Syria, Turkey, Iran at least
    assert browser.execute_script("return document.querySelectorAll('path.event-marker').length") == 2
    assert browser.execute_script("return document.querySelectorAll('.ctl-icon').length") == 2
    countries = browser.execute_script(
        "return Array.from(document.querySelectorAll('.country-label')).map(function (n) { return n.textContent; })")
    assert "Syria" in countries and "Iran" in countries
    browser.find_element("id", "map-section").screenshot(str(ARTIFACTS / "report-map.png"))
    browser.save_screenshot(str(ARTIFACTS / "report.png"))


def test_clicking_an_event_shows_its_evidence(browser, report):
    open_report(browser, report)
    from selenium.webdriver.common.action_chains import ActionChains

    marker = browser.find_elements("css selector", "path.event-marker")[0]
    ActionChains(browser).move_to_element(marker).click().perform()
    shown = wait_for(browser, "document.getElementById('evidence').getAttribute('data-shown')")
    assert shown in ("ev-battle", "ev-strike")
    panel = browser.find_element("id", "evidence-body").text
    expected = {"ev-battle": "two days of fighting", "ev-strike": "airstrike hit a convoy"}[shown]
    assert expected in panel

    browser.find_element("css selector", 'tr[data-fact="cl-2"]').click()
    wait_for(browser, "document.getElementById('evidence').getAttribute('data-shown') === 'cl-2'")
    panel = browser.find_element("id", "evidence-body").text
    assert "More than 40 soldiers died" in panel and "Daily Example" in panel
    browser.save_screenshot(str(ARTIFACTS / "report-evidence.png"))


def test_filters_hide_rows_and_marks(browser, report):
    open_report(browser, report)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "f-type")).select_by_value("Battles")
    wait_for(browser, "document.querySelectorAll('path.event-marker').length === 1")
    assert browser.find_element("css selector", '#events tr[data-fact="ev-strike"]').get_attribute("class") == "hidden"
    assert browser.find_element("css selector", '#events tr[data-fact="ev-battle"]').is_displayed()


@pytest.fixture(scope="module")
def crowded_report(tmp_path_factory) -> Path:
    """Two towns a few kilometres apart (their names would overlap at the first zoom) and a province-wide event."""
    from sitroom.contract import Event, Place

    sit = make_situation()
    ev = sit.events[0].evidence[0]
    sit.places += [Place(id="p-near", name="Tal Afar East", lat=36.38, lon=42.50, feature="village", precision="town",
                         mentions=1, evidence=[ev]),
                   Place(id="p-prov", name="Nineveh", lat=36.2, lon=42.9, feature="region", precision="region",
                         evidence=[ev])]
    sit.events += [Event(id="ev-near", type="Battles", subtype="Armed clash", date="2014-06-16", place="p-near",
                         summary="Clash east of Tal Afar", evidence=[ev]),
                   Event(id="ev-prov", type="Battles", subtype="Armed clash", date="2014-06-16", place="p-prov",
                         summary="Clashes across Nineveh", evidence=[ev])]
    out = tmp_path_factory.mktemp("crowded")
    export_all(sit, out)
    return out / "report.html"


def _visible_labels(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.place-label')).filter(function (n) {"
        "  return getComputedStyle(n).visibility !== 'hidden'; }).map(function (n) { return n.textContent; })")


def test_map_labels_never_overlap_and_show_on_zoom(browser, crowded_report):
    open_report(browser, crowded_report)
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('.place-label')).filter(function (n) {"
        "  return getComputedStyle(n).visibility !== 'hidden'; }).map(function (n) {"
        "  var r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    shown = _visible_labels(browser)
    # the place with more marks keeps its name where it is; the other moves to a free side or waits for a zoom
    assert "Tal Afar" in shown
    side = browser.execute_script(
        "var n = Array.from(document.querySelectorAll('.place-label')).find(function (n) {"
        "  return n.textContent === 'Tal Afar'; }); return n.classList.contains('leaflet-tooltip-left');")
    assert side
    browser.execute_script("window.sitroomMap.setView([36.38, 42.47], 11)")
    wait_for(browser, "Array.from(document.querySelectorAll('.place-label')).every(function (n) {"
                      "  return getComputedStyle(n).visibility !== 'hidden' || n.textContent !== 'Tal Afar East'; })")
    assert "Tal Afar East" in _visible_labels(browser)


@pytest.fixture(scope="module")
def neighbour_report(tmp_path_factory) -> Path:
    """A town just east of Mosul: written to the west of its dot, its name would lie on Mosul's mark."""
    from sitroom.contract import Event, Place

    sit = make_situation()
    ev = sit.events[0].evidence[0]
    sit.places.append(Place(id="p-east", name="Bashiqa Village", lat=36.335, lon=43.24, feature="village",
                            precision="town", mentions=1, evidence=[ev]))
    sit.events.append(Event(id="ev-east", type="Battles", subtype="Armed clash", date="2014-06-16", place="p-east",
                            summary="Clash east of Mosul", evidence=[ev]))
    out = tmp_path_factory.mktemp("neighbour")
    export_all(sit, out)
    return out / "report.html"


UNCOVERED = (
    "var marks = Array.from(document.querySelectorAll('path.event-marker, .ctl-icon')).map(function (n) {"
    "  return n.getBoundingClientRect(); }).filter(function (r) { return r.width > 0; });"
    "return Array.from(document.querySelectorAll('.place-label')).filter(function (n) {"
    "  return getComputedStyle(n).visibility !== 'hidden'; }).filter(function (n) {"
    "  var r = n.getBoundingClientRect();"
    "  return marks.some(function (o) { return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom; });"
    "}).map(function (n) { return n.textContent; })")


def test_no_mark_covers_a_shown_place_name(browser, report, crowded_report, neighbour_report):
    for page in (neighbour_report, report, crowded_report):
        open_report(browser, page)
        assert browser.execute_script(UNCOVERED) == []
        assert _visible_labels(browser)  # names move aside rather than all hiding
    browser.execute_script("window.sitroomMap.setView([36.38, 42.47], 9)")
    wait_for(browser, "true")
    assert browser.execute_script(UNCOVERED) == []


def test_a_province_is_drawn_as_a_hollow_mark_in_a_dashed_area(browser, crowded_report):
    open_report(browser, crowded_report)
    areas = browser.find_elements("css selector", "path.approx-area")
    assert len(areas) == 1 and areas[0].get_attribute("stroke-dasharray")
    hollow = browser.find_elements("css selector", "path.event-marker.approx")
    assert len(hollow) == 1 and hollow[0].get_attribute("fill-opacity") == "0"
    solid = browser.find_elements("css selector", "path.event-marker:not(.approx)")
    assert len(solid) == 3 and all(p.get_attribute("fill-opacity") != "0" for p in solid)
    browser.find_element("id", "map-section").screenshot(str(ARTIFACTS / "report-map-approx.png"))


def test_the_time_slider_hides_what_happened_later(browser, report):
    open_report(browser, report)
    assert browser.execute_script("return document.querySelectorAll('path.event-marker').length") == 2
    browser.execute_script("var s = document.getElementById('f-until'); s.value = 0;"
                           "s.dispatchEvent(new Event('input', { bubbles: true }));")
    wait_for(browser, "document.querySelectorAll('path.event-marker').length === 1")
    assert browser.find_element("id", "f-until-day").text == "2014-06-15"
    assert browser.find_element("css selector", '#events tr[data-fact="ev-strike"]').get_attribute("class") == "hidden"


def test_the_speaker_filter_leaves_armed_actors_alone(browser, report):
    open_report(browser, report)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "f-speaker")).select_by_value("Ali Hamdan")
    wait_for(browser, "document.querySelector('#events tr[data-fact=\"ev-battle\"]').classList.contains('hidden')")
    assert browser.find_element("css selector", 'blockquote[data-fact="q-1"]').is_displayed()
    Select(browser.find_element("id", "f-speaker")).select_by_value("")
    Select(browser.find_element("id", "f-actor")).select_by_value("militants")
    wait_for(browser, "document.querySelector('blockquote[data-fact=\"q-1\"]').classList.contains('hidden')")
    assert browser.find_element("css selector", '#events tr[data-fact="ev-battle"]').is_displayed()


def _assert_inert(driver) -> None:
    assert driver.execute_script("return typeof window.pwned") == "undefined"
    assert no_alert(driver)


def test_hostile_markup_never_runs_in_the_report(browser, tmp_path):
    export_all(hostile_situation(), tmp_path)
    open_report(browser, tmp_path / "report.html")
    _assert_inert(browser)
    # The markup is shown as text, and showing its evidence keeps it text.
    assert "window.pwned=1" in browser.find_element("tag name", "body").text
    browser.find_element("css selector", 'blockquote[data-fact="q-h"]').click()
    wait_for(browser, "document.getElementById('evidence').getAttribute('data-shown') === 'q-h'")
    _assert_inert(browser)
    assert browser.execute_script("return document.querySelectorAll('#evidence img, #evidence a, #evidence script').length") == 0


def test_a_hostile_article_run_through_sitroom_never_runs(browser, tmp_path):
    import sitroom

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(
        "Fighters seize border crossing <script>window.pwned=1;alert(1)</script>\n\n"
        "By Staff Reporter\n\n"
        "June 12, 2014\n\n"
        "Armed men seized the border crossing at Rabia on Thursday, a police officer said. "
        "<img src=x onerror=\"window.pwned=2;alert(2)\">\n\n"
        "\u201cWe lost control of the post before dawn <a href=\"javascript:window.pwned=3\">read more</a>,\u201d "
        "said border guard commander Karim Saleh.\n\n"
        "At least 12 guards were killed in the attack, the officer said. <svg onload=\"window.pwned=4\"></svg>\n",
        encoding="utf-8")
    out = tmp_path / "out"
    sitroom.run([str(folder)], out)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "onerror" in page or "pwned" in page  # the hostile text did reach the report (escaped)
    open_report(browser, out / "report.html")
    _assert_inert(browser)
    for node in browser.find_elements("css selector", "[data-fact]")[:20]:
        browser.execute_script("arguments[0].click()", node)
    _assert_inert(browser)
    assert requested_resources(browser) == []  # the <img src=x> never turned into a request
    browser.save_screenshot(str(ARTIFACTS / "hostile-report.png"))


# --------------------------------------------------------------------------- the web room


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    pytest.importorskip("uvicorn")
    import uvicorn

    from sitroom.store import open_store
    from sitroom.surfaces.web import create_app

    out = tmp_path_factory.mktemp("room")
    store = open_store(out / "sitroom.db")
    store.save(hostile_situation())
    store.close()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(out), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)


def test_search_in_the_room_finds_a_sentence(browser, room):
    browser.get(room)
    wait_for(browser, "window.sitroomReady === true")
    browser.find_element("id", "q").send_keys("convoy")
    browser.find_element("css selector", "#search-form button").click()
    wait_for(browser, "document.querySelectorAll('#search-results li.hit').length > 0")
    click_now(browser, "#search-results li.hit")
    wait_for(browser, "document.querySelectorAll('#article mark').length > 0")
    marks = browser.execute_script("return Array.from(document.querySelectorAll('#article mark')).map(function (m) { return m.textContent; })")
    assert any("convoy" in m.lower() for m in marks)
    browser.save_screenshot(str(ARTIFACTS / "room-search.png"))


def click_now(browser, selector: str) -> None:
    """Click what the selector finds at this moment: the evidence panel re-renders when its
    fetch completes, so an element found a moment earlier can already be stale."""
    browser.execute_script("document.querySelector(arguments[0]).click()", selector)


def test_a_fact_opens_its_sentence_in_the_article(browser, room):
    browser.get(room)
    wait_for(browser, "window.sitroomReady === true")
    browser.find_element("css selector", '#events tr[data-fact="ev-strike"]').click()
    wait_for(browser, "document.querySelector('#evidence-body button.open')")
    click_now(browser, "#evidence-body button.open")
    wait_for(browser, "document.querySelectorAll('#article mark').length > 0")
    # read at this moment, in the page: the article re-renders when its second fetch lands
    mark = browser.execute_script("return document.querySelector('#article mark').innerText")
    assert mark == "An airstrike hit a convoy near Mosul late on Monday, the defence ministry said."
    # The hostile article opened in the room stays text too.
    browser.find_element("css selector", 'blockquote[data-fact="q-h"]').click()
    wait_for(browser, "document.querySelector('#evidence-body button.open')")
    click_now(browser, "#evidence-body button.open")
    wait_for(browser, "document.querySelector('#article mark') && document.querySelector('#article mark').textContent.indexOf('pwned') >= 0")
    _assert_inert(browser)
    assert HOSTILE in browser.execute_script("return document.getElementById('article').textContent")
    resources = requested_resources(browser)
    assert resources and all(r.startswith(room) for r in resources)  # only its own API, nothing else


# --------------------------------------------------------------------------- the seeds


def test_seed_report_in_the_browser(browser, seeds_run):
    sit, out = seeds_run
    open_report(browser, out / "report.html")
    assert requested_resources(browser) == []
    assert severe_console(browser) == []
    located = {p.id for p in sit.places if p.lat is not None and p.lon is not None}
    on_map = sum(1 for e in sit.events if e.place in located)
    assert browser.execute_script("return document.querySelectorAll('path.event-marker').length") == on_map
    if on_map:
        assert browser.execute_script(
            "return document.querySelectorAll('.leaflet-overlay-pane path:not(.leaflet-interactive)').length") > 0
        browser.find_element("id", "map-section").screenshot(str(ARTIFACTS / "seeds-map.png"))
    browser.save_screenshot(str(ARTIFACTS / "seeds-report.png"))
    shutil.copy(out / "report.html", ARTIFACTS / "seeds-report.html")
