// Vigie's pages work without this script; it only adds to them (DESIGN.md §12): focus on the
// error summary, commune suggestions, questions shown only when they apply, the live preview of
// the diagnosis, copy and print buttons on the receipt, and one submission per tap.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }

  // Commune suggestions as you type: names or postal codes, from Vigie's own API.
  document.querySelectorAll("input[data-communes]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || /\(\d{5}\)$/.test(text)) { return; }
      timer = setTimeout(function () {
        var query = /^\d{5}$/.test(text) ? "postalCode=" : "q=";
        fetch("/api/v1/geo/communes?" + query + encodeURIComponent(text) + "&limit=10")
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (body) {
            list.textContent = "";
            body.items.forEach(function (c) {
              var option = document.createElement("option");
              option.value = c.name + " (" + (c.postalCodes[0] || c.departement) + ")";
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  });

  // Questions that only apply to some answers of the same step.
  var form = document.querySelector("form[data-step]");
  function applies(field) {
    var name = field.getAttribute("data-show-if-field");
    var wanted = field.getAttribute("data-show-if").split(" ");
    var checked = form.querySelectorAll("[name='" + name + "']:checked");
    for (var i = 0; i < checked.length; i++) {
      if (wanted.indexOf(checked[i].value) >= 0) { return true; }
    }
    return false;
  }
  function refresh() {
    form.querySelectorAll("[data-show-if-field]").forEach(function (field) {
      field.hidden = !applies(field);
    });
  }

  // The live preview: what the answers so far mean, computed by Vigie; nothing is stored.
  var preview = document.querySelector("[data-preview]");
  var pending = null;
  function update() {
    if (!preview) { return; }
    clearTimeout(pending);
    pending = setTimeout(function () {
      fetch(form.getAttribute("data-apercu") || "/signaler/apercu", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)).toString()
      }).then(function (r) {
        if (r.status !== 200) { preview.hidden = true; return null; }
        return r.text();
      }).then(function (html) {
        if (html) { preview.innerHTML = html; preview.hidden = false; }
      }).catch(function () {});
    }, 300);
  }
  if (form) {
    refresh();
    form.addEventListener("change", function () { refresh(); update(); });
    update();
  }

  // One submission per tap (the server is idempotent anyway).
  document.querySelectorAll("button[data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function (event) {
      if (event.submitter === button) {
        setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  });

  // Receipt: copy the follow-up code, print the page.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var code = document.getElementById(button.getAttribute("data-copy")).textContent;
      var done = document.querySelector("[data-copied]");
      if (navigator.clipboard) {
        navigator.clipboard.writeText(code).then(function () {
          if (done) { done.textContent = "Code de suivi copié."; }
        }, function () {});
      }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
