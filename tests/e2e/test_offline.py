"""At the gym with no signal: install the site, open the routine and the workout
offline, tick a set that reaches the server once the connection is back, and
log out leaving nothing personal in the browser's caches."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from offline import views
from tests.accounts.factories import UserFactory
from tests.e2e.navigation import nav, open_menu
from tests.e2e.test_workout_log import log_in
from tests.plans.factories import routine_with
from workouts.models import LoggedSet, Workout

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""
WAITING_SETS = """() => new Promise((resolve) => {
  const open = indexedDB.open("runner-strength-offline", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("sets", { keyPath: "id" });
  open.onsuccess = () => {
    const count = open.result.transaction("sets").objectStore("sets").count();
    count.onsuccess = () => { open.result.close(); resolve(count.result); };
  };
})"""


def wait_for(page, script, arg=None, *, seconds=10):
    """Poll a script from the driver (wait_for_function evaluates strings, which the CSP
    forbids)."""
    for _ in range(seconds * 10):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"Still false after {seconds} s: {script}")


def wait_until_kept(page, path):
    wait_for(page, f"async path => ({CACHED_URLS})().then(urls => urls.includes(path))", path)


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_routine_and_the_log_work_offline_and_log_out_clears_them(
    site_url, page, checks, viewport
):
    user = UserFactory()
    routine = routine_with(user, "goblet-squat")
    routine.sessions.get().items.update(sets=2)
    routine_url = routine.get_absolute_url()
    log_in(page, site_url, user)

    # Installable: the manifest is fetched and valid, the worker controls the page.
    page.goto(site_url + routine_url)
    wait_for(page, "() => navigator.serviceWorker.controller !== null")
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito ones, where Chromium installs nothing: the
    # one error that is about the test browser, not the site.
    assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []
    wait_until_kept(page, routine_url)

    page.get_by_role("button", name="Start this session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{routine.name}: Session A")
    workout = Workout.objects.get()
    workout_url = workout.get_absolute_url()
    wait_until_kept(page, workout_url)

    # No signal: the routine and the workout open from the device.
    page.context.set_offline(True)
    page.goto(site_url + routine_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(routine.name)
    expect(page.get_by_text("Goblet squat").first).to_be_visible()
    checks.audit()

    # A page never opened: our offline page, with the pages that do open.
    unseen = reverse("exercises:detail", args=["glute-bridge"])
    page.goto(site_url + unseen)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    kept = page.locator("[data-offline-saved-list]")
    expect(kept.get_by_role("link", name=routine.name, exact=True)).to_have_attribute(
        "href", routine_url
    )
    expect(kept.get_by_role("link", name=f"{routine.name}: Session A")).to_be_visible()
    checks.audit()
    checks.screenshot("offline-page")

    page.goto(site_url + workout_url)
    page.get_by_role("button", name="Done: Goblet squat, set 1").click()
    slot = page.locator(".set-slot").first
    expect(slot).to_contain_text("Saved on this device, waiting to sync")
    status = page.locator("[data-offline-status]")
    expect(status).to_contain_text("1 set is saved on this device, waiting to sync")
    expect(status).to_contain_text("(Goblet squat, set 1)")
    checks.audit()
    assert not LoggedSet.objects.exists()

    # Back online: the set is sent, once, and the workout page shows it saved.
    page.context.set_offline(False)
    expect(page.locator(".set-slot.is-logged")).to_have_count(1)
    expect(status).to_contain_text("Sent 1 set saved on this device.")
    assert page.evaluate(WAITING_SETS) == 0
    page.reload()
    expect(page.locator(".set-slot.is-logged")).to_have_count(1)
    assert LoggedSet.objects.filter(workout_exercise__workout=workout).count() == 1

    # Log out: nothing of the runner's is left in the caches or the queue.
    open_menu(page, viewport)
    nav(page).get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    personal = {
        routine_url,
        workout_url,
        reverse("plans:routine-list"),
        reverse("workouts:workout-list"),
    }
    assert personal.isdisjoint(page.evaluate(CACHED_URLS))
    assert page.evaluate(WAITING_SETS) == 0
    assert LoggedSet.objects.count() == 1
    checks.assert_clean()


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_new_deployment_takes_over_and_deletes_the_old_caches(
    site_url, page, checks, monkeypatch
):
    page.goto(site_url + reverse("exercises:detail", args=["goblet-squat"]))
    wait_for(page, "() => navigator.serviceWorker.controller !== null")
    wait_until_kept(page, reverse("exercises:detail", args=["goblet-squat"]))
    old = page.evaluate("caches.keys()")
    assert old
    assert all(name.startswith("rs-") for name in old)

    # The next deployment: new static files, so a new manifest hash (the live server
    # runs in this process).
    monkeypatch.setattr(views, "deployment_version", lambda: "nextdeploy01")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    wait_for(page, "async () => (await caches.keys()).every(n => n.endsWith('-nextdeploy01'))")
    new = page.evaluate("caches.keys()")
    assert "rs-static-nextdeploy01" in new
    assert not set(old) & set(new)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goblet squat")
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    checks.assert_clean()
