"""Helpers to drive Heeded's pages as a person would, and to check each page with axe."""
from axe_selenium_python import Axe
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
        candidates = self.driver.find_elements(By.XPATH, f'//button[normalize-space(.)="{text}"] | //a[normalize-space(.)="{text}"]')
        assert candidates, f"no button '{text}' on {self.driver.current_url}"
        self.follow(candidates[0])

    def follow(self, element):
        """Clicks something that loads a new page, waits for it, and checks it."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.driver, 20).until(expected_conditions.staleness_of(old))
        self.check()

    def link(self, text):
        """Follows the first link whose text (visually hidden words included) contains `text`."""
        self.follow(self.driver.find_element(By.XPATH, f'//a[contains(normalize-space(.), "{text}")]'))

    def sign_in(self, email, password):
        self.go("/sign-in")
        self.fill("email", email)
        self.fill("password", password)
        self.press("Sign in")

    def sign_out(self):
        self.follow(self.driver.find_element(By.XPATH, '//button[normalize-space(.)="Sign out"]'))

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text
