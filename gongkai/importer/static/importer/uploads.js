// The import page follows the files of an upload as the background worker reads
// them: it asks the page's JSON (data-state-url) every two seconds until every file
// has finished, and fills each row in. Plain JavaScript, no library.
(function () {
  "use strict";
  var section = document.getElementById("upload-results");
  if (!section) { return; }
  var url = section.getAttribute("data-state-url");
  var openLabel = section.getAttribute("data-label-open");

  function text(value) { return value === null || value === undefined ? "" : String(value); }

  function resultCell(cell, file) {
    cell.textContent = "";
    var node;
    if (file.result === "failed") {
      node = document.createElement("span");
      node.className = "badge badge--bad";
      node.textContent = file.error;
    } else if (file.url) {
      node = document.createElement("a");
      node.href = file.url;
      node.textContent = file.result_label + ": " + openLabel;
    } else if (file.finished) {
      node = document.createTextNode(file.result_label);
    } else {
      node = document.createElement("span");
      node.className = "badge";
      node.textContent = file.status_label;
    }
    cell.appendChild(node);
  }

  function show(state) {
    state.files.forEach(function (file) {
      var row = section.querySelector('tr[data-upload="' + file.id + '"]');
      if (!row) { return; }
      ["agency", "year", "format", "errors", "warnings"].forEach(function (name) {
        row.querySelector('[data-field="' + name + '"]').textContent = text(file[name]);
      });
      resultCell(row.querySelector('[data-field="result"]'), file);
    });
    return state.finished;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && !show(state)) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (section.querySelector(".badge:not(.badge--bad)")) { poll(); }
})();
