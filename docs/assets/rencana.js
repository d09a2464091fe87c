/* Rencana: small behaviours of every page that work without it too.
 *
 * - The menu button: the theme opens its navigation drawer with a <label> for a hidden
 *   checkbox, which is no Tab stop. With JavaScript a real button takes its place: it
 *   says whether the menu is open, moves focus into the menu, and Escape closes it.
 * - The print button of the Cetak page (it needs JavaScript, so it is hidden without).
 */
(() => {
  "use strict";

  const drawer = document.getElementById("__drawer");
  const button = document.querySelector("[data-rc-menu]");
  const label = document.querySelector("[data-rc-menu-label]");
  if (drawer && button && label) {
    const menu = document.querySelector(".md-sidebar--primary");
    const show = (open) => {
      if (drawer.checked !== open) {
        drawer.checked = open;
        drawer.dispatchEvent(new Event("change")); // the theme follows the checkbox's changes
      }
      button.setAttribute("aria-expanded", String(open));
    };
    button.hidden = false;
    label.hidden = true;
    button.addEventListener("click", () => {
      show(!drawer.checked);
      if (drawer.checked) menu?.querySelector("a[href]")?.focus();
    });
    drawer.addEventListener("change", () => button.setAttribute("aria-expanded", String(drawer.checked)));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked) {
        show(false);
        button.focus();
      }
    });
  }

  for (const print of document.querySelectorAll("[data-rc-print]")) {
    print.hidden = false;
    print.addEventListener("click", () => window.print());
  }
})();
