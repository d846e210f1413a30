// Click-to-play form videos: nothing is requested from the video host until
// the reader presses play; then the button is replaced by the player.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".video-play[data-embed-url]");
  if (!button) return;
  const frame = document.createElement("iframe");
  frame.src = button.dataset.embedUrl;
  frame.title = button.dataset.title;
  frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  button.replaceWith(frame);
  frame.focus();
});
