/* Public site: on narrow screens the section navigation folds behind a "Menu" button.
   Without JavaScript the navigation simply stays open. */
(function () {
  var nav = document.getElementById("site-nav");
  var button = document.getElementById("nav-toggle");
  if (!nav || !button) return;
  document.documentElement.classList.add("js");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("is-open", !open);
  });
})();
