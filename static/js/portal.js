// The browser's time zone, so dates are shown in it (portal/timezones.py reads the cookie).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
      document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (error) { /* an old browser keeps the server's time zone */ }
})();

// Toasts fade after a while; the server adds them with an HX-Trigger "toast" event or messages.
(function () {
  function dismissLater(toast) {
    setTimeout(function () { toast.remove(); }, 6000);
  }
  function showToast(text, level) {
    var box = document.getElementById("toasts");
    if (!box) return;
    var toast = document.createElement("div");
    toast.className = "toast toast-" + (level || "info");
    toast.setAttribute("role", "status");
    toast.textContent = text;
    box.appendChild(toast);
    dismissLater(toast);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#toasts .toast").forEach(dismissLater);
  });
  document.body && document.body.addEventListener("toast", function (event) {
    showToast(event.detail.message, event.detail.level);
  });
  document.addEventListener("htmx:responseError", function (event) {
    showToast("The request failed. Please try again.", "error");
  });
  document.addEventListener("htmx:sendError", function () {
    showToast("The portal could not be reached. Check your connection.", "error");
  });
  window.portalToast = showToast;
})();

// Confirmations load into one <dialog>; without JavaScript the same links open full pages.
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target && event.detail.target.id === "modal-body") {
    var dialog = document.getElementById("modal");
    if (dialog && !dialog.open) dialog.showModal();
  }
});
document.addEventListener("click", function (event) {
  var closer = event.target.closest("[data-close-modal]");
  if (closer) {
    event.preventDefault();
    document.getElementById("modal").close();
  }
  var copier = event.target.closest("[data-copy]");
  if (copier) {
    var source = document.getElementById(copier.getAttribute("data-copy"));
    navigator.clipboard.writeText(source.innerText || source.value).then(function () {
      window.portalToast("Copied to the clipboard.", "success");
    });
  }
});

// A box that scrolls sideways (a wide table on a phone) must be reachable by keyboard:
// give it focus when it does scroll, and take it back when it no longer does.
(function () {
  var SCROLLERS = ".table-responsive, .secret, pre";
  function mark(root) {
    var scope = root.querySelectorAll ? root : document;
    var boxes = Array.prototype.slice.call(scope.querySelectorAll(SCROLLERS));
    if (scope.matches && scope.matches(SCROLLERS)) boxes.push(scope);
    boxes.forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("role")) {
          var caption = box.querySelector("caption");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Scrollable content");
        }
      } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { mark(document); });
  document.addEventListener("htmx:afterSettle", function (event) { mark(event.target || document); });
  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { mark(document); }, 150);
  });
})();
