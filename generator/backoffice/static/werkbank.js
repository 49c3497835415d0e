// The workbench's live privacy check and preview (generator/backoffice/live.py).
// First-party, no inline code, no third-party requests: the backoffice's CSP allows
// scripts and fetches from 'self' only. Without this script the form's "Controleren" and
// "Voorbeeld" buttons post the same draft to the server and show the same answers.
(function () {
  "use strict";
  var CHECK_URL = "/backoffice/profielen/controle";
  var PREVIEW_URL = "/backoffice/profielen/voorbeeld";
  var CHECK_PAUSE = 400;   // ms after the last keystroke
  var PREVIEW_PAUSE = 1000;
  var TEXT_FIELDS = ["titel", "verhaal", "wensen", "steunvorm_anders",
    "frequentie_toelichting", "facebook.tekst"];
  var ACCEPTED = "privacy.toegestaan";
  var SEVERITY = { error: "fout", check: "controleren", warning: "waarschuwing", info: "info" };

  var story = document.querySelector('form textarea[name="verhaal"]');
  if (!story || !story.form) { return; }
  var form = story.form;
  form.classList.add("werkbank-actief");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(fn, wait);
    };
  }

  var status = el("p", { "class": "werkbank-status", "role": "status", "aria-live": "polite" });
  form.insertBefore(status, form.firstChild);

  // One marked copy under each text field: the text with every finding in a <mark>,
  // then the findings with message, suggestion and an "Accepteren" form.
  var copies = {};
  TEXT_FIELDS.forEach(function (name) {
    var input = form.elements.namedItem(name);
    if (!input || !input.parentNode) { return; }
    var box = el("div", { "class": "werkbank-kopie", "data-veld": name, "hidden": "" });
    input.parentNode.insertBefore(box, input.nextSibling);
    copies[name] = { input: input, box: box };
  });

  function fieldOf(finding) {
    var name = finding.field || "";
    return name.indexOf("wensen[") === 0 ? "wensen" : name;
  }

  function markedText(text, findings) {
    var spans = [];
    findings.forEach(function (f) {
      if (!f.text) { return; }
      var from = 0, at;
      while ((at = text.indexOf(f.text, from)) >= 0) {
        var end = at + f.text.length;
        var clash = spans.some(function (s) { return s.start < end && at < s.end; });
        if (!clash) { spans.push({ start: at, end: end, f: f }); }
        from = end;
      }
    });
    spans.sort(function (a, b) { return a.start - b.start; });
    var out = el("p", { "class": "gemarkeerd" });
    var pos = 0;
    spans.forEach(function (s) {
      out.appendChild(document.createTextNode(text.slice(pos, s.start)));
      var mark = el("mark", { "class": "melding-" + s.f.severity,
        "title": s.f.message }, text.slice(s.start, s.end));
      out.appendChild(mark);
      pos = s.end;
    });
    out.appendChild(document.createTextNode(text.slice(pos)));
    return out;
  }

  function acceptForm(finding) {
    var wrap = el("div", { "class": "accepteren" });
    var id = "reden-" + Math.random().toString(36).slice(2);
    wrap.appendChild(el("label", { "for": id }, "Reden om ‘" + finding.text + "’ te laten staan"));
    var reason = el("input", { "id": id, "type": "text" });
    wrap.appendChild(reason);
    var button = el("button", { "type": "button" }, "Accepteren");
    button.addEventListener("click", function () {
      var why = reason.value.trim();
      var target = form.elements.namedItem(ACCEPTED);
      if (why.length < 3 || !target) {
        status.textContent = "Geef een reden van minstens drie tekens.";
        reason.focus();
        return;
      }
      var line = finding.text + " | " + why;
      target.value = target.value.trim() ? target.value.trim() + "\n" + line : line;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      check();
    });
    wrap.appendChild(button);
    return wrap;
  }

  function show(findings) {
    Object.keys(copies).forEach(function (name) {
      var copy = copies[name];
      var own = findings.filter(function (f) {
        return fieldOf(f) === name && f.code.indexOf("privacy-") === 0;
      });
      copy.box.textContent = "";
      if (!own.length) { copy.box.hidden = true; copy.input.removeAttribute("aria-invalid"); return; }
      copy.box.hidden = false;
      copy.box.appendChild(el("p", { "class": "werkbank-kop" }, "Privacycontrole van dit veld:"));
      copy.box.appendChild(markedText(copy.input.value, own));
      var list = el("ul", { "class": "meldingen" });
      own.forEach(function (f) {
        var item = el("li", { "class": "melding melding-" + f.severity });
        item.appendChild(el("strong", {}, SEVERITY[f.severity] || f.severity));
        item.appendChild(document.createTextNode(": " + f.message));
        if (f.suggestion) {
          item.appendChild(el("br"));
          item.appendChild(el("span", { "class": "suggestie" }, f.suggestion));
        }
        if (f.severity !== "info" && f.text) { item.appendChild(acceptForm(f)); }
        list.appendChild(item);
      });
      copy.box.appendChild(list);
      var blocking = own.some(function (f) { return f.severity === "error"; });
      copy.input.setAttribute("aria-invalid", blocking ? "true" : "false");
    });
    var privacy = findings.filter(function (f) { return f.code.indexOf("privacy-") === 0; });
    var open = privacy.filter(function (f) { return f.severity !== "info"; }).length;
    status.textContent = open ? open + " privacymelding(en) in de tekst; zie de markeringen."
      : "Privacycontrole: niets gevonden.";
  }

  var checking = 0;
  function check() {
    var ticket = ++checking;
    fetch(CHECK_URL, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (data) {
      if (ticket === checking) { show(data.findings || []); }
    }).catch(function () {
      status.textContent = "De controle is nu niet bereikbaar; gebruik de knop Controleren.";
    });
  }

  var pane = document.getElementById("werkbank-voorbeeld");
  if (!pane) {
    pane = el("section", { "id": "werkbank-voorbeeld", "class": "werkbank-voorbeeld",
      "aria-label": "Voorbeeld", "tabindex": "0" });
    form.parentNode.insertBefore(pane, form.nextSibling);
  }
  var previewing = 0;
  function preview() {
    var ticket = ++previewing;
    fetch(PREVIEW_URL, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Werkbank": "deel" }
    }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.text();
    }).then(function (html) {
      if (ticket !== previewing) { return; }
      var doc = new DOMParser().parseFromString(html, "text/html");
      pane.textContent = "";
      pane.appendChild(el("h2", {}, "Voorbeeld"));
      Array.prototype.forEach.call(doc.body.childNodes, function (node) {
        pane.appendChild(document.importNode(node, true));
      });
    }).catch(function () {
      pane.textContent = "Het voorbeeld is nu niet bereikbaar; gebruik de knop Voorbeeld.";
    });
  }

  var later = debounce(check, CHECK_PAUSE);
  var laterPreview = debounce(preview, PREVIEW_PAUSE);
  form.addEventListener("input", function () { later(); laterPreview(); });
  form.addEventListener("change", function () { later(); laterPreview(); });
  check();
  preview();
}());
