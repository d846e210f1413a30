// Routine pages: keep keyboard focus where it was when htmx swaps the editor,
// and offer a Print button (hidden without JavaScript, where the browser's
// own print command does the same).
let focusedId = null;

document.addEventListener("htmx:beforeRequest", () => {
  focusedId = document.activeElement ? document.activeElement.id : null;
});

document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.id !== "editor") return;
  const previous = focusedId && document.getElementById(focusedId);
  (previous || document.getElementById("editor-status")).focus();
});

for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
