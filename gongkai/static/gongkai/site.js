/*
 * gongkai's only script, and every page works without it. It adds:
 * - a confirmation before a form marked data-confirm is sent (publish, sign off);
 * - a "print" button on pages that ask for one (data-print).
 */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });
})();
