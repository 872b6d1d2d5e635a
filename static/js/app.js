// thi đua — small behaviours without inline scripts (CSP).

// Nothing typed is lost: a form marked data-unsaved-warning counts as changed from its first input until htmx has
// saved it (a response whose fragment is marked data-invalid did not save: the form stays changed). Before leaving
// the page with such a form, the browser asks. A form marked data-save-answers-first (an evidence upload, the final
// submit: both reload the page) first saves the answers still being typed elsewhere, and goes on only if they were
// saved. A form marked data-confirm asks first, once.
(function () {
  var dirty = new Set();

  function pending() {
    return Array.from(dirty).filter(function (form) { return document.body.contains(form); });
  }

  function answerForm(element) {
    return element && element.closest ? element.closest("form[data-unsaved-warning]") : null;
  }

  document.addEventListener("input", function (event) {
    var form = answerForm(event.target);
    if (form) dirty.add(form);
  });

  // True when an htmx response saved the answers (a fragment marked data-invalid shows why they were not).
  function saved(event) {
    var text = event.detail.xhr ? event.detail.xhr.responseText || "" : "";
    return event.detail.successful && text.indexOf("data-invalid") === -1;
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = answerForm(event.detail.elt);
    if (form && saved(event)) dirty.delete(form);
  });

  // Save every pending answer form with htmx, then call done(true) when all were saved, done(false) otherwise.
  function saveAll(forms, done) {
    var left = forms.length;
    var allSaved = true;
    forms.forEach(function (form) {
      form.addEventListener("htmx:afterRequest", function finished(event) {
        form.removeEventListener("htmx:afterRequest", finished);
        allSaved = allSaved && saved(event);
        left -= 1;
        if (left === 0) done(allSaved);
      });
      window.htmx.trigger(form, "submit");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (answerForm(form) === form) return; // an answer form: htmx saves it
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var forms = form.hasAttribute("data-save-answers-first") && window.htmx ? pending() : [];
    if (!forms.length) return; // nothing to save first: the form goes as it is
    event.preventDefault();
    event.stopImmediatePropagation();
    saveAll(forms, function (allSaved) {
      if (allSaved) form.submit(); // a programmatic submit fires no submit event: no second question
    });
  }, true);

  window.addEventListener("beforeunload", function (event) {
    if (pending().length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// The navbar's bell: its unread count is fetched after the page (so pages keep their query counts), then every minute.
(function () {
  var bell = document.querySelector("[data-bell-url]");
  if (!bell || !window.fetch) return;
  function refresh() {
    fetch(bell.getAttribute("data-bell-url"), { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { bell.innerHTML = html; })
      .catch(function () { /* offline: keep the last count */ });
  }
  refresh();
  setInterval(refresh, 60000);
})();
