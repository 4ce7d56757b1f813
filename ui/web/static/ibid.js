// Ibid: clicking a citation number [n] in an answer shows its card in the citation panel.
// Cards are rendered (and escaped) on the server; this script only toggles classes.
(function () {
  if (window.__ibidCitations) return;
  window.__ibidCitations = true;

  function open(key, link) {
    var card = document.getElementById("ibid-card-" + key);
    if (!card) return;
    document.querySelectorAll(".ibid-card.is-active").forEach(function (c) {
      c.classList.remove("is-active");
    });
    document.querySelectorAll("a.ibid-cite.is-open").forEach(function (a) {
      a.classList.remove("is-open");
    });
    card.classList.add("is-active");
    if (link && !link.closest(".ibid-card")) link.classList.add("is-open");
    card.focus({ preventScroll: true });
    var box = card.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight - 80) {
      card.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  }

  document.addEventListener(
    "click",
    function (ev) {
      var target = ev.target;
      if (!target || !target.closest) return;
      var link = target.closest("a.ibid-cite");
      if (!link) return;
      var m = /#ibid-cite-(\d+-\d+)$/.exec(link.getAttribute("href") || "");
      if (!m) return;
      ev.preventDefault();
      ev.stopPropagation();
      open(m[1], link);
    },
    true
  );
})();
