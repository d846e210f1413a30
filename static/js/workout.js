// The workout page: a rest countdown after each logged set, a hold timer (a
// get-ready count, then the hold, then the other side for per-side holds), the
// screen kept awake where the browser allows, and focus moved on to the next
// set after htmx saves one. Without this script the page is plain forms.
const panel = document.getElementById("timer");
const GET_READY = 5;

if (panel) {
  const clock = panel.querySelector("[data-timer-clock]");
  const title = panel.querySelector("#timer-title");
  const announce = panel.querySelector("[data-timer-announce]");
  const stopButton = panel.querySelector("[data-timer-stop]");
  let ticking = null;
  let wakeLock = null;

  const say = (text) => {
    announce.textContent = text;
  };

  const show = (seconds) => {
    const minutes = Math.floor(seconds / 60);
    clock.textContent = `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
  };

  async function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => {
        wakeLock = null;
      });
    } catch {
      wakeLock = null; // refused (battery saver, hidden tab): the timer still runs
    }
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") keepAwake();
  });
  keepAwake();

  function stop(message) {
    clearInterval(ticking);
    ticking = null;
    panel.hidden = true;
    if (message) say(message);
  }

  // Count `seconds` down under `label`, announcing the start, the last three
  // seconds and the end; then run `next` (the next phase of a hold).
  function countdown(label, seconds, { start, end, next }) {
    clearInterval(ticking);
    panel.hidden = false;
    title.textContent = label;
    let left = seconds;
    show(left);
    say(start);
    ticking = setInterval(() => {
      left -= 1;
      show(Math.max(left, 0));
      if (left > 0 && left <= 3) say(String(left));
      if (left <= 0) {
        clearInterval(ticking);
        ticking = null;
        if (next) {
          next();
        } else {
          stop(end);
        }
      }
    }, 1000);
  }

  function rest(seconds) {
    if (!seconds) return;
    countdown("Rest", seconds, {
      start: `Rest ${seconds} seconds.`,
      end: "Rest over. Next set.",
    });
  }

  function hold(button) {
    const seconds = Number(button.dataset.hold);
    const perSide = button.dataset.perSide === "true";
    const name = button.dataset.exercise;
    const holdPhase = (side, next) => () =>
      countdown(`Hold${side ? `, ${side} side` : ""}`, seconds, {
        start: `Hold ${seconds} seconds${side ? ` on the ${side} side` : ""}.`,
        end: `Done. Log your ${name} set.`,
        next,
      });
    const switchSides = () =>
      countdown("Switch sides", GET_READY, {
        start: "Switch sides. Get ready.",
        next: holdPhase("right"),
      });
    countdown("Get ready", GET_READY, {
      start: `Get ready: ${name} in ${GET_READY} seconds.`,
      next: holdPhase(perSide ? "left" : "", perSide ? switchSides : null),
    });
  }

  stopButton.addEventListener("click", () => stop("Timer stopped."));

  for (const button of document.querySelectorAll("[data-hold]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      keepAwake();
      hold(button);
    });
  }

  // After htmx saved a set: rest, and move focus to the next set still to do
  // (the form that had it is gone, swapped for the saved one).
  let sent = null;
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-rest]")) return;
    sent = { slot: form.closest(".set-slot").id, rest: Number(form.dataset.rest) };
  });
  document.addEventListener("htmx:afterSettle", () => {
    if (!sent) return;
    const saved = document.getElementById(sent.slot);
    const { rest: seconds } = sent;
    sent = null;
    if (!saved) return;
    if (!saved.hasAttribute("data-just-logged")) {
      (saved.querySelector("details[open] input, details[open] select") || saved.querySelector("button")).focus();
      return;
    }
    rest(seconds);
    const pending = document.querySelector(".set-slot:not(.is-logged) [data-log-set]");
    (pending || saved.querySelector("[data-log-set]")).focus();
  });
}
