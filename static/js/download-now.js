// The newsletter's "confirmed" page: start the download the person just asked for.
// Without JavaScript the link beside it does the same.
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector("a[data-download-now]");
  if (link) link.click();
});
