"""Helpers to drive Heeded's pages as a person would, and to check each page with axe and at phone width."""
import importlib.resources
import re
import time

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

# A current axe-core, taken from the package that ships one (only its script is used, so it is installed
# without Playwright).
AXE_SOURCE = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
AXE_VERSION = re.match(r"/\*! axe v([0-9.]+)", AXE_SOURCE).group(1)
assert tuple(map(int, AXE_VERSION.split("."))) >= (4, 10), f"axe-core {AXE_VERSION} is older than 4.10"
# Only "minor" findings are let through.
FAILING_IMPACTS = {"moderate", "serious", "critical"}
DESKTOP = (1280, 1024)
PHONE = (390, 844)


class Visit:
    """A browser session that runs axe on every page it lands on and remembers what it found."""

    def __init__(self, driver, base, axe=True):
        self.driver = driver
        self.base = base
        self.axe = axe
        self.checked = []

    def check(self):
        if not self.axe:
            return
        self.checked.append(self.driver.current_url)
        self.check_axe("desktop")
        self.driver.set_window_size(*PHONE)
        try:
            width = self.driver.execute_script("return window.innerWidth")
            assert width <= PHONE[0], f"the window could not be made {PHONE[0]} px wide (it is {width} px)"
            self.check_no_sideways_scroll()
            # The phone layout differs (wide tables scroll within themselves), so axe checks it too.
            self.check_axe(f"{PHONE[0]} px")
        finally:
            self.driver.set_window_size(*DESKTOP)

    def check_axe(self, width):
        self.driver.execute_script(AXE_SOURCE)
        results = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document).then(r => done({violations: r.violations}), e => done({error: String(e)}));")
        assert "error" not in results, f"axe could not run on {self.driver.current_url}: {results['error']}"
        bad = [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]
        assert not bad, f"axe-core {AXE_VERSION} found moderate or worse problems on {self.driver.current_url} at {width} width:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in bad)

    def check_no_sideways_scroll(self):
        """Names what sticks out if the page is wider than the window."""
        overflow = self.driver.execute_script("""
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const wide = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > root.clientWidth + 0.5))
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class').trim().split(/\\s+/).join('.') : '')
                          + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
            return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide};
        """)
        assert overflow is None, (
            f"{self.driver.current_url} scrolls sideways at {PHONE[0]} px: {overflow['scrollWidth']} px of content"
            f" in {overflow['clientWidth']} px, widest: {overflow['wide']}")

    def smallest_chart_label(self, width):
        """The smallest rendered size, in CSS px, of the chart's text at this window width."""
        self.driver.set_window_size(width, DESKTOP[1])
        try:
            return self.driver.execute_script("""
                return Math.min(...[...document.querySelectorAll('svg.chart text')].map(t => {
                    const m = t.getScreenCTM();
                    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
                }));
            """)
        finally:
            self.driver.set_window_size(*DESKTOP)

    def go(self, path):
        self.driver.get(self.base + path)
        self.check()

    def h1(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def fill(self, name, value):
        field = self.driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    def choose(self, name, value):
        self.driver.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()

    def date(self, name, day, month, year):
        self.fill(name + "-day", day)
        self.fill(name + "-month", month)
        self.fill(name + "-year", year)

    def press(self, text):
        """Presses the button (or button-styled link) with this text, then checks the page it leads to."""
        self.follow_located(By.XPATH, f'//button[normalize-space(.)="{text}"] | //a[normalize-space(.)="{text}"]')

    def follow(self, element):
        """Clicks something that loads a new page, waits for it, and checks it."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        self.loaded(old)

    def follow_located(self, by, selector):
        """Finds and clicks, finding again if the page was still settling (pages load without script, so a
        click can race the end of the previous load)."""
        for attempt in range(3):
            try:
                old = self.driver.find_element(By.TAG_NAME, "html")
                self.driver.find_element(by, selector).click()
                break
            except (StaleElementReferenceException, WebDriverException):
                if attempt == 2:
                    raise
                time.sleep(0.3)
        self.loaded(old)

    def loaded(self, old):
        def gone(_):
            # Chromium reports a replaced page's element either as stale or as not in the document.
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.driver, 20).until(gone)
        WebDriverWait(self.driver, 20).until(expected_conditions.presence_of_element_located((By.TAG_NAME, "footer")))
        self.check()

    def link(self, text):
        """Follows the first link whose text (visually hidden words included) contains `text`."""
        self.follow_located(By.XPATH, f'//a[contains(normalize-space(.), "{text}")]')

    def sign_in(self, email, password):
        self.go("/sign-in")
        self.fill("email", email)
        self.fill("password", password)
        self.press("Sign in")

    def sign_out(self):
        self.follow_located(By.XPATH, '//button[normalize-space(.)="Sign out"]')

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text
