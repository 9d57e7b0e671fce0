"""Helpers to drive Heeded's pages as a person would, and to check each page with axe."""
import time

from axe_selenium_python import Axe
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

SERIOUS = {"serious", "critical"}


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
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in SERIOUS]
        self.checked.append(self.driver.current_url)
        assert not bad, f"axe found serious or critical problems on {self.driver.current_url}:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad)

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
