// The customer console's idle logout, announced: shortly before the session's idle timeout
// (a minute, or half the timeout when it is shorter than two minutes) a dialog counts down
// and offers "Stay signed in", which tells the portal the customer is still there, and
// "Sign out". Every page load and every htmx request (but timed polls, which do not keep the
// session alive) starts the count again. The script tag carries the timeout in seconds
// (data-idle-timeout) and the addresses it needs.
(function () {
  var script = document.querySelector("script[data-idle-timeout]");
  if (!script) return;
  var timeout = Number(script.getAttribute("data-idle-timeout")) * 1000;
  if (!(timeout > 0)) return;
  var pingUrl = script.getAttribute("data-ping-url");
  var logoutUrl = script.getAttribute("data-logout-url");
  var endedUrl = script.getAttribute("data-ended-url");
  var POLL_HEADER = "X-Console-Poll";
  // The portal ends the session once it has been idle longer than the timeout; going to the
  // login page a moment after that shows why the customer was signed out.
  var MARGIN = 1500;
  var lead = Math.min(60000, Math.floor(timeout / 2));

  var deadline = 0;
  var warnTimer = null;
  var endTimer = null;
  var tickTimer = null;
  var dialog = null;
  var countdown = null;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildDialog() {
    dialog = element("dialog", "modal-dialog-native");
    dialog.id = "idle-logout";
    dialog.setAttribute("aria-labelledby", "idle-logout-title");
    dialog.setAttribute("aria-describedby", "idle-logout-text");
    var card = element("div", "card");
    var header = element("div", "card-header");
    var title = element("h2", "card-title", "Are you still there?");
    title.id = "idle-logout-title";
    header.appendChild(title);
    var body = element("div", "card-body");
    var text = element("p", "mb-0");
    text.id = "idle-logout-text";
    countdown = element("span", "fw-bold");
    countdown.setAttribute("role", "timer");
    text.appendChild(document.createTextNode("You will be signed out in "));
    text.appendChild(countdown);
    text.appendChild(document.createTextNode(" s because you have been inactive."));
    body.appendChild(text);
    var footer = element("div", "card-footer");
    var form = element("form", "btn-list justify-content-end");
    form.method = "post";
    form.action = logoutUrl;
    var token = element("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = csrfToken();
    var signOut = element("button", "btn btn-outline-secondary", "Sign out");
    signOut.type = "submit";
    signOut.id = "idle-sign-out";
    var stay = element("button", "btn btn-primary", "Stay signed in");
    stay.type = "button";
    stay.id = "idle-stay";
    stay.addEventListener("click", staySignedIn);
    form.appendChild(token);
    form.appendChild(signOut);
    form.appendChild(stay);
    footer.appendChild(form);
    card.appendChild(header);
    card.appendChild(body);
    card.appendChild(footer);
    dialog.appendChild(card);
    // Escape closes a dialog: here it means "I am still here".
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      staySignedIn();
    });
    document.body.appendChild(dialog);
  }

  function secondsLeft() {
    return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  }

  function showCountdown() {
    countdown.textContent = String(secondsLeft());
  }

  function warn() {
    if (!dialog) buildDialog();
    showCountdown();
    if (!dialog.open) dialog.showModal();
    document.getElementById("idle-stay").focus();
    tickTimer = setInterval(showCountdown, 1000);
  }

  function ended() {
    window.location.assign(endedUrl);
  }

  function restart() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tickTimer);
    if (dialog && dialog.open) dialog.close();
    deadline = Date.now() + timeout;
    warnTimer = setTimeout(warn, timeout - lead);
    endTimer = setTimeout(ended, timeout + MARGIN);
  }

  function staySignedIn() {
    fetch(pingUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      if (response.status === 204) {
        restart();
        if (window.portalToast) window.portalToast("You are still signed in.", "success");
      } else {
        ended();
      }
    }, function () {
      if (window.portalToast) {
        window.portalToast("The portal could not be reached. Check your connection.", "error");
      }
    });
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var headers = (config && config.headers) || {};
    if (headers[POLL_HEADER] === "1") return;
    if (event.detail.xhr && event.detail.xhr.status === 0) return; // never reached the portal
    restart();
  });

  restart();
})();
