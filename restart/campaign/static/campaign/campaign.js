// The external player loads only when the visitor asks: the link then reopens this page with the
// player embedded (that response alone allows the other site in its CSP). Without JavaScript the
// link simply leads to the film on the other site.
document.querySelectorAll("a[data-embed-href]").forEach((link) => {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    window.location.assign(link.dataset.embedHref);
  });
});
