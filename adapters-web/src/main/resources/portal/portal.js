// The hosted portal's little bit of script: app search, and telling a framing host page what
// happened (postMessage, only to the workspace's allowed origins). Everything works without it.
(function () {
  'use strict';
  var body = document.body;
  var origins = [];
  try { origins = JSON.parse(body.getAttribute('data-origins') || '[]'); } catch (e) { origins = []; }
  var framed = window.parent !== window;

  function post(message) {
    if (!framed) { return; }
    message.source = 'latchkey';
    origins.forEach(function (origin) {
      try { window.parent.postMessage(message, origin); } catch (e) { /* another origin: not ours to tell */ }
    });
  }

  // Search the app list as you type.
  var search = document.getElementById('app-search');
  if (search) {
    var items = Array.prototype.slice.call(document.querySelectorAll('[data-app-name]'));
    var none = document.getElementById('no-apps');
    var count = document.getElementById('search-count');
    search.addEventListener('input', function () {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var match = item.getAttribute('data-app-name').toLowerCase().indexOf(q) >= 0;
        item.hidden = !match;
        if (match) { shown++; }
      });
      if (none) { none.hidden = shown !== 0; }
      if (count) { count.textContent = String(shown); }
    });
  }

  // A result on this page (connected, disconnected, failed): tell the host page.
  var result = body.getAttribute('data-result');
  if (result) {
    try { post(JSON.parse(result)); } catch (e) { /* no result */ }
  }

  // Done: tell the host page (which may close the frame), then go to the return URL.
  var done = document.getElementById('done');
  if (done) {
    done.addEventListener('click', function () {
      post({ type: 'done', status: done.getAttribute('data-status') || 'done' });
    });
  }

  // OAuth providers refuse to be framed: when framed, the provider's page opens in a new window,
  // which tells this frame the result when it comes back.
  if (framed) {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-oauth]'), function (form) {
      form.target = '_blank';
      form.setAttribute('rel', 'opener');
    });
    window.addEventListener('message', function (event) {
      if (event.origin !== window.location.origin || !event.data || event.data.source !== 'latchkey-portal') { return; }
      window.location.assign(event.data.location);
    });
  } else if (window.opener && result) {
    try {
      if (window.opener.location.origin !== window.location.origin) { return; } // throws for another origin
      window.opener.postMessage({ source: 'latchkey-portal', location: window.location.pathname + window.location.search },
        window.location.origin);
      window.close();
    } catch (e) { /* the opener is gone or elsewhere: stay here */ }
  }
})();
