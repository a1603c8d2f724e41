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
  // Only a 5xx reaches htmx:responseError (the 4xx handler below takes the others).
  document.addEventListener("htmx:responseError", function () {
    showToast("Something went wrong on our side and nothing was changed. Please try again.", "error");
  });
  document.addEventListener("htmx:sendError", function () {
    showToast("The portal could not be reached, so nothing was changed. Check your connection and try again.", "error");
  });
  window.portalToast = showToast;
})();

// A 4xx answer to htmx carries the server's sentence; it is never dropped. A fragment (a form
// with its errors, a dialog with its refusal) is swapped into the target like a success; a
// full page or an empty body becomes a toast: the server's HX-Trigger "toast" when it sent
// one, otherwise the sentence the page itself states.
(function () {
  var FULL_PAGE = /^\s*(<!doctype|<html)/i;

  function sentToast(xhr) {
    var header = xhr.getResponseHeader("HX-Trigger");
    if (!header) return false;
    try {
      var events = JSON.parse(header);
      return Boolean(events && typeof events === "object" && events.toast);
    } catch (error) {
      return header.split(",").some(function (name) { return name.trim() === "toast"; });
    }
  }

  function sentenceOf(xhr, body) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    var text = "";
    if (type.indexOf("text/plain") === 0) {
      text = body.trim();
    } else if (body.trim()) {
      var page = new DOMParser().parseFromString(body, "text/html");
      var said = page.querySelector("[data-error-sentence], .empty-subtitle, .alert, main p");
      text = said ? said.textContent.replace(/\s+/g, " ").trim() : "";
    }
    if (text && text.length <= 300) return text;
    if (xhr.status === 403) return "You do not have permission to do that. Nothing was changed.";
    if (xhr.status === 404) return "That no longer exists. Reload the page to see the current state.";
    if (xhr.status === 429) return "Too many requests. Nothing was changed: wait a minute and try again.";
    return "The request was refused and nothing was changed.";
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.status < 400 || xhr.status >= 500) return;
    var body = xhr.responseText || "";
    var type = xhr.getResponseHeader("Content-Type") || "";
    event.detail.isError = false;
    if (body.trim() && type.indexOf("text/html") === 0 && !FULL_PAGE.test(body)) {
      event.detail.shouldSwap = true;
      return;
    }
    event.detail.shouldSwap = false;
    if (!sentToast(xhr)) window.portalToast(sentenceOf(xhr, body), "error");
  });

  // After a form comes back with its errors, the first field to correct has the focus.
  document.addEventListener("htmx:afterSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.status < 400 || xhr.status >= 500) return;
    var target = event.detail.target;
    var invalid = target && target.isConnected && target.querySelector("[aria-invalid=true]");
    if (invalid) invalid.focus();
  });
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
