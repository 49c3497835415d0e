// mkdocs-material's partials/javascripts/content.html, as a first-party file (CSP).
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) { target.checked = target.name.startsWith("__tabbed_"); }
})();
