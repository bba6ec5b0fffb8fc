// Live updates without a front-end build: the page listens to /live (server-sent events, one data line per
// committed change of the read model: a pathway id or "dead-letters") and, when a change concerns it, fetches
// itself again and swaps its <main>. A timeline page listens to its own pathway only; board and worklists to all.
// While the user is filling in one of the page's forms (an open <details> or a focused field), the swap waits,
// so that a change elsewhere does not wipe what is being typed; it happens once the form is closed or left.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var watching = document.body.getAttribute("data-live") || "all";
  if (!window.EventSource || !status) {
    return;
  }
  var pending = false;
  var again = false;
  var deferred = false;
  function editing() {
    var content = document.getElementById("content");
    var active = document.activeElement;
    return !!content && (content.querySelector("details.action[open]") !== null
      || (active !== null && active !== document.body && content.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)));
  }
  function resume() {
    if (deferred && !editing()) {
      deferred = false;
      refresh();
    }
  }
  document.addEventListener("focusout", function () { setTimeout(resume, 0); });
  document.addEventListener("toggle", function () { setTimeout(resume, 0); }, true);
  function refresh() {
    if (editing()) {
      deferred = true;
      return;
    }
    if (pending) {
      again = true; // a change committed while this fetch ran may be missing from its answer: fetch once more after it
      return;
    }
    pending = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("content");
        var current = document.getElementById("content");
        if (next && current) {
          current.innerHTML = next.innerHTML;
          var updated = new Date().toISOString().substring(11, 19);
          status.textContent = "Live updates: on, last change " + updated + " UTC";
          document.body.setAttribute("data-refreshes", String(Number(document.body.getAttribute("data-refreshes") || 0) + 1));
        }
      })
      .catch(function (failure) { status.textContent = "Live updates: refresh failed (" + failure + ")"; })
      .finally(function () {
        pending = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }
  var source = new EventSource("/live");
  source.onopen = function () {
    status.textContent = "Live updates: on";
    // a change committed between this page's rendering and the stream's (re)connection has no message left: fetch once
    refresh();
    document.body.setAttribute("data-live-connected", "true");
  };
  source.onerror = function () { status.textContent = "Live updates: reconnecting"; };
  source.onmessage = function (event) {
    if (watching === "all" || watching === event.data) {
      refresh();
    }
  };
})();
