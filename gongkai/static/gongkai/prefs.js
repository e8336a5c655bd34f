/*
 * The visitor's reading preference (长者模式: larger text, stronger contrast), set on
 * <html> before the page is drawn, so it never flickers. Kept in the browser only
 * (localStorage), never sent to the server. site.js has the button that changes it.
 */
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("gongkai-easy-reading") === "1") {
      document.documentElement.classList.add("easy-reading");
    }
  } catch (e) {
    /* storage refused (private mode): the page as it is */
  }
})();
