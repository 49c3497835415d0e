// buurtsite's only script. Everything works without it; it only adds comfort:
//  - the gemeente search on the home page narrows the (fully visible) list;
//  - the profile filters (pure CSS radio buttons) get a live count of what is shown;
//  - sign-up forms get the campaign (utm_*) fields from the landing URL and the time trap `ts`.
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  var search = document.getElementById("gemeente-zoeken");
  if (search) {
    var items = document.querySelectorAll("[data-gemeente-naam]");
    var status = document.getElementById("gemeente-zoeken-status");
    var box = document.getElementById("gemeente-zoeken-veld");
    if (box) { box.hidden = false; }
    search.addEventListener("input", function () {
      var query = normalise(search.value);
      var shown = 0;
      items.forEach(function (item) {
        var match = normalise(item.getAttribute("data-gemeente-naam")).indexOf(query) !== -1;
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      if (status) { status.textContent = shown === 1 ? "1 gemeente" : shown + " gemeenten"; }
    });
  }

  var filters = document.querySelector(".bs-filter");
  if (filters) {
    var counter = document.getElementById("filter-status");
    var update = function () {
      var cards = document.querySelectorAll(".bs-cards > li");
      var visible = 0;
      cards.forEach(function (card) { if (card.offsetParent !== null) { visible += 1; } });
      if (counter) {
        counter.textContent = visible === 1 ? "1 zoekprofiel getoond" : visible + " zoekprofielen getoond";
      }
    };
    document.addEventListener("change", function (event) {
      if (event.target && event.target.classList.contains("bs-filter__input")) { update(); }
    });
  }

  var params = new URLSearchParams(location.search);
  document.querySelectorAll("form.bs-form").forEach(function (form) {
    ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      var value = params.get(name);
      if (field && value) { field.value = value.slice(0, 100); }
    });
    var ts = form.elements.namedItem("ts");
    if (ts) { ts.value = String(Date.now()); }
  });
})();
