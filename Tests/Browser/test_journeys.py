"""The four journeys end to end in headless Chromium (family, assessor, manager, administrator), with axe on every page visited."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_PASSWORD
from pages import DESKTOP, PHONE, Visit


def fill_needs_request(visit, with_household=True):
    visit.press("Start now") if "Start now" in visit.driver.page_source else None
    visit.fill("requester_name", "Perpetua Lambourne")
    visit.choose("relationship", "mother")
    visit.choose("has_parental_responsibility", "yes")
    visit.choose("aged_18_or_over", "yes")
    visit.fill("contact_email", "not-an-email")
    visit.choose("preferred_contact", "email")
    visit.press("Save and continue")
    assert visit.driver.title.startswith("Error:"), "a wrong answer is shown as an error"
    summary = visit.driver.find_element(By.CLASS_NAME, "error-summary").text
    assert "Enter an email address" in summary
    visit.fill("contact_email", "perpetua@example.org")
    visit.press("Save and continue")

    assert visit.h1() == "About your child"
    visit.fill("child_name", "Orrin Lambourne")
    visit.date("child_dob", "14", "9", "2016")
    visit.fill("child_address", "12 Greatorex Lane, Netherby")
    visit.fill("child_postcode", "NB3 7QT")
    visit.press("Save and continue")

    assert visit.h1() == "Your child's needs"
    visit.choose("areas_affected", "COMM")
    visit.choose("areas_affected", "BEH")
    visit.press("Save and continue")
    for heading in ("Day-to-day care", "Growing up, learning and keeping safe"):
        assert visit.h1() == heading
        visit.press("Save and continue")

    assert visit.h1() == "Your family"
    if with_household:
        visit.press("Add one: Who else lives with you and your child?")
        visit.fill("household[0].member_name", "Mabyn Lambourne")
        visit.fill("household[0].member_age", "13")
        visit.choose("household[0].member_disabled", "no")
        visit.choose("household[0].member_helps_caring", "yes")
        visit.choose("household[0].member_cares_for_others", "no")
        visit.press("Save and continue")
        # The answer revealed "What do they do to help?": it is asked before moving on.
        assert visit.h1() == "Your family"
        visit.fill("household[0].member_caring_tasks", "Sits with Orrin when he is upset so I can cook.")
    visit.press("Save and continue")

    assert visit.h1() == "You as a carer"
    visit.choose("enough_sleep", "no")
    visit.choose("want_parent_carer_assessment", "yes")
    visit.press("Save and continue")
    assert visit.h1() == "What you are asking for"
    visit.choose("requests_made", "assessment")
    visit.choose("requests_made", "short-breaks-day")
    visit.choose("urgency", "routine")
    visit.press("Save and continue")
    assert visit.h1() == "Keeping everyone safe"
    visit.press("Save and continue")
    assert visit.h1() == "Your agreement"
    visit.choose("consent_to_assessment", "yes")
    visit.choose("privacy_notice_acknowledged", "yes")
    visit.press("Save and continue")
    assert visit.h1() == "Check your answers"
    assert "Orrin Lambourne" in visit.text()


def test_parent_journey(server, driver):
    visit = Visit(driver, server)
    visit.go("/")
    visit.press("Start now")
    assert visit.h1() == "Create an account"
    email = f"parent-{uuid.uuid4().hex[:8]}@example.org"
    visit.fill("email", email)
    visit.fill("password", "short")
    visit.fill("password_again", "short")
    visit.press("Create account")
    assert "at least 10 characters" in visit.text()
    visit.fill("password", "a long enough password")
    visit.fill("password_again", "a long enough password")
    visit.press("Create account")
    assert visit.h1() == "Sign in"
    assert "Your account is ready" in visit.text()
    visit.fill("email", email)
    visit.fill("password", "a long enough password")
    visit.press("Sign in")
    assert visit.h1() == "Ask for help for your child"
    visit.link("About you")
    fill_needs_request(visit)
    visit.press("Accept and send")
    assert visit.h1() == "Request received"
    text = visit.text()
    assert "HD-" in text
    assert "Due by" in text and "working days from" in text
    visit.link("Go to your requests")
    assert "Orrin Lambourne" in visit.text()
    # Everything held about the family, on a page that prints.
    visit.link("See and download everything we hold about your family")
    assert visit.h1() == "Everything we hold about your family"
    assert "Orrin Lambourne" in visit.text() and "Who opened this record, and when" in visit.text()

    # The demo family's own record: needs, provision, reports, and the right to comment.
    visit.sign_out()
    visit.sign_in("parent@demo.heeded.invalid", DEMO_PASSWORD)
    visit.link("View record")
    assert "Assessments and reports about your child" in visit.text()
    visit.fill("comment", "Please note he now sleeps better on Fridays.")
    visit.press("Add your comments")
    assert "Please note he now sleeps better on Fridays." in visit.text()
    if "Tell us about a session that did not happen" in visit.text():
        visit.link("Tell us about a session that did not happen")
        visit.press("Send")
        assert visit.driver.title.startswith("Error:")


def test_assessor_journey(server, driver):
    visit = Visit(driver, server)
    visit.sign_in("assessor@demo.heeded.invalid", DEMO_PASSWORD)
    assert visit.h1() == "Caseload"
    visit.follow(visit.driver.find_element(By.CSS_SELECTOR, "table.table tbody tr td a"))
    case_url = visit.driver.current_url
    # The child in need assessment when the case has one open (its sections are the longest walk), else any.
    forms = visit.driver.find_elements(By.XPATH, "//a[contains(., 'Write the assessment') and contains(., 'Child in need')]") \
        or visit.driver.find_elements(By.PARTIAL_LINK_TEXT, "Write the assessment")
    if forms:
        visit.follow(forms[0])
        sections = visit.driver.find_elements(By.CSS_SELECTOR, ".task-list__link")
        visit.follow(sections[min(2, len(sections) - 1)])
        textareas = visit.driver.find_elements(By.TAG_NAME, "textarea")
        if textareas:
            textareas[0].send_keys("Told us with picture cards that trampolining is the best part of the week.")
        visit.press("Save and come back later")
        assert "In progress" in visit.text()
    visit.driver.get(case_url)
    visit.check()
    visit.link("Record a need")
    visit.press("Save need")
    assert visit.driver.title.startswith("Error:")
    visit.choose("area", "leisure-and-community")
    visit.fill("description", "Needs support to join a Saturday club")
    visit.fill("assessor_view", "A support worker for three hours each Saturday")
    visit.press("Save need")
    assert "Needs support to join a Saturday club" in visit.text()
    visit.link("Agree provision for Needs support to join a Saturday club")
    visit.choose("service", "activity-access")
    visit.fill("description", "Saturday club support worker")
    visit.fill("quantity", "3")
    visit.choose("unit", "hours-per-week")
    visit.date("start_date", "1", "1", "2026")
    visit.fill("provider", "Tidewell Play Scheme")
    visit.choose("legal_basis", "csdpa-s2")
    visit.press("Save provision")
    assert "Saturday club support worker" in visit.text()
    visit.link("Record delivery for Saturday club support worker")
    visit.date("period_start", "1", "1", "2026")
    visit.date("period_end", "7", "1", "2026")
    visit.fill("planned_units", "3")
    visit.fill("delivered_units", "0")
    visit.press("Save delivery")
    assert "Why was less delivered than planned?" in visit.text()
    visit.choose("cancelled_by", "provider")
    visit.choose("reason", "staff-unavailable")
    visit.press("Save delivery")
    assert visit.driver.current_url.endswith("#provision")


def triage(visit):
    """A duty manager's triage of a request with nothing worrying in it: confirm what it says, and decide."""
    visit.link("The child")
    visit.choose("child_appears_disabled", "yes")
    visit.choose("child_moves_independently", "yes")
    visit.choose("disability_dominant_issue", "yes")
    visit.press("Save and continue")
    if visit.driver.find_elements(By.CSS_SELECTOR, 'input[name="autism_diagnosed"]'):
        visit.choose("autism_diagnosed", "yes")
        visit.press("Save and continue")
    assert visit.h1() == "The parent carer"
    visit.choose("parent_carer_has_parental_responsibility", "yes")
    visit.choose("parent_carer_is_adult", "yes")
    visit.choose("pcna_trigger", "requested")
    visit.press("Save and continue")
    assert visit.h1() == "Anything worrying"
    visit.press("Save and continue")
    assert visit.h1() == "Safeguarding decision (manager)"
    visit.choose("reasonable_cause_significant_harm", "no")
    visit.press("Save and continue")
    assert visit.driver.title.startswith("Error:"), "a safeguarding decision without its reasons is refused"
    visit.fill("reasonable_cause_reason", "Nothing in the request or on the phone suggests significant harm.")
    visit.press("Save and continue")
    assert visit.h1() == "Outcome"
    visit.choose("urgency", "routine")
    visit.choose("overrides_recommendation", "no")
    visit.press("Save and continue")
    assert visit.h1() == "Check your answers", visit.text()[:3000]
    assert "What the rules recommend on these facts" in visit.text()
    visit.press("Accept and send")


def test_manager_journey(server, driver):
    visit = Visit(driver, server)
    visit.sign_in("manager@demo.heeded.invalid", DEMO_PASSWORD)
    assert visit.h1() == "Overview"
    visit.link("routing decisions waiting")
    rows = visit.driver.find_elements(By.PARTIAL_LINK_TEXT, "Decide")
    if rows:
        visit.follow(rows[0])
        assert visit.h1() == "Routing decision"
        visit.press("Triage and decide")
        triage(visit)
    visit.go("/manage/unmet")
    assert visit.h1() == "Assessed but unmet need"
    assert visit.driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert "Unmet need at the end of each month" in visit.text()
    for width in (PHONE[0], DESKTOP[0]):
        smallest = visit.smallest_chart_label(width)
        assert smallest >= 14, f"the chart's labels render at {smallest:.1f} px in a {width} px window"
    visit.driver.find_element(By.CSS_SELECTOR, '#filter-service option[value="none"]').click()
    visit.press("Filter")
    assert "service=none" in visit.driver.current_url
    visit.go("/manage/overdue")
    assert visit.h1() == "Overdue work"


def test_forms_work_without_javascript(server, driver_without_javascript):
    visit = Visit(driver_without_javascript, server, axe=False)
    visit.go("/create-account")
    email = f"nojs-{uuid.uuid4().hex[:8]}@example.org"
    visit.fill("email", email)
    visit.fill("password", "a long enough password")
    visit.fill("password_again", "a long enough password")
    visit.press("Create account")
    visit.fill("email", email)
    visit.fill("password", "a long enough password")
    visit.press("Sign in")
    visit.link("About you")
    fill_needs_request(visit)
    visit.press("Accept and send")
    assert visit.h1() == "Request received"


def test_administrator_journey(server, driver):
    visit = Visit(driver, server)
    visit.sign_in("admin@demo.heeded.invalid", DEMO_PASSWORD)
    visit.link("Administration")
    assert visit.h1() == "Administration"
    visit.link("Staff accounts")
    assert visit.h1() == "Staff accounts"
    assert "manager@demo.heeded.invalid" in visit.text()
    visit.press("Invite a member of staff")
    visit.press("Invite")
    assert visit.driver.title.startswith("Error:"), "an empty invitation is refused"
    assert "Choose a team" in visit.driver.find_element(By.CLASS_NAME, "error-summary").text
    email = f"invited-{uuid.uuid4().hex[:8]}@example.org"
    visit.fill("email", email)
    visit.choose("role", "assessor")
    Select(visit.driver.find_element(By.NAME, "team")).select_by_value("early-help")
    visit.press("Invite")
    assert visit.h1() == "Invitation made"
    assert "/reset-password?token=" in visit.driver.find_element(By.ID, "one-time-link").text
    visit.link(f"Back to {email}")
    assert visit.h1() == email
    visit.choose("role", "manager")
    visit.press("Change role or team")
    assert "Role and team changed" in visit.text()
    visit.press(f"Deactivate {email}")
    assert "Account deactivated" in visit.text()
    visit.go("/admin/staff")
    visit.link("admin@demo.heeded.invalid")
    visit.press("Deactivate admin@demo.heeded.invalid")
    assert visit.driver.title.startswith("Error:")
    assert "You cannot deactivate your own account" in visit.text()
    visit.go("/admin/teams")
    assert visit.h1() == "Teams"
    assert email in visit.text()
    visit.go("/admin/audit")
    assert visit.h1() == "Audit log"
    visit.fill("actor", "admin@demo")
    visit.press("Search")
    assert "account.deactivated" in visit.text() and "account.role" in visit.text()
    visit.press("Verify the chain now")
    assert "The chain is intact" in visit.text()
