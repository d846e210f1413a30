// Click-to-play form videos: nothing is requested from the video host until
// the reader presses play; then the link to the video is replaced by the
// player. Before this script runs (or without it) the link opens the video on
// its host, and a ctrl-, shift- or cmd-click still opens it in a new tab.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".video-play[data-embed-url]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = link.dataset.embedUrl;
  frame.title = link.dataset.title;
  frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(frame);
  frame.focus();
});
