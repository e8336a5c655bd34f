/*
 * gongkai's only script, and every page works without it. It adds:
 * - a confirmation before a form marked data-confirm is sent (publish, sign off);
 * - a "print" button on pages that ask for one (data-print);
 * - the menu button on a phone (the menu folds behind it; aria-expanded);
 * - the 长者模式 button (larger text, stronger contrast), remembered in the browser
 *   (prefs.js applies it before the page is drawn);
 * - a table wider than its box (a report's table 三 on a phone, a list of records)
 *   can be scrolled from the keyboard (tabindex), named by its caption.
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

  var header = document.querySelector(".site-header");
  var menu = document.querySelector("[data-menu-button]");
  var nav = menu && document.getElementById(menu.getAttribute("aria-controls"));
  if (header && menu && nav) {
    header.classList.add("has-menu");
    menu.hidden = false;
    menu.addEventListener("click", function () {
      var open = menu.getAttribute("aria-expanded") !== "true";
      menu.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.getAttribute("aria-expanded") === "true") {
        menu.setAttribute("aria-expanded", "false");
        nav.classList.remove("is-open");
        menu.focus();
      }
    });
  }

  var mode = document.querySelector("[data-easy-reading]");
  if (mode) {
    var root = document.documentElement;
    mode.hidden = false;
    mode.setAttribute("aria-pressed", root.classList.contains("easy-reading") ? "true" : "false");
    mode.addEventListener("click", function () {
      var on = !root.classList.contains("easy-reading");
      root.classList.toggle("easy-reading", on);
      mode.setAttribute("aria-pressed", on ? "true" : "false");
      try {
        if (on) {
          window.localStorage.setItem("gongkai-easy-reading", "1");
        } else {
          window.localStorage.removeItem("gongkai-easy-reading");
        }
      } catch (e) {
        /* not remembered, still applied to this page */
      }
      markScrollingTables();
    });
  }

  function markScrollingTables() {
    var boxes = document.querySelectorAll(".gk-table-wrap, .table-wrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        if (caption && caption.textContent.trim()) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption.textContent.trim());
        }
      }
    }
  }
  markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
})();
