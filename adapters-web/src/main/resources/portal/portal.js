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

  // Done: tell the host page (which may close the frame) what is connected, then go to the return URL.
  var done = document.getElementById('done');
  if (done) {
    done.addEventListener('click', function () {
      var connected = (done.getAttribute('data-connected') || '').split(',').filter(function (s) { return s !== ''; });
      post({ type: 'done', status: 'done', connected: connected });
    });
  }

  // Config form: show a field only while the field it depends on has the value it waits for.
  var configForm = document.getElementById('config-form');
  if (configForm) {
    var valueOf = function (key) {
      var input = configForm.querySelector('[name="config.' + key + '"]');
      if (!input) { return null; }
      if (input.type === 'checkbox') { return input.checked ? 'true' : 'false'; }
      return input.value;
    };
    var dependents = Array.prototype.slice.call(configForm.querySelectorAll('[data-depends-field]'));
    var update = function () {
      dependents.forEach(function (el) {
        el.hidden = valueOf(el.getAttribute('data-depends-field')) !== el.getAttribute('data-depends-equals');
      });
    };
    configForm.addEventListener('change', update);
    configForm.addEventListener('input', update);
    update();

    // Dynamic options: search the provider's options as you type (same-origin, the session cookie).
    Array.prototype.forEach.call(configForm.querySelectorAll('[data-options-url]'), function (search) {
      var target = search.getAttribute('data-options-for');
      var timer = null;
      search.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var url = search.getAttribute('data-options-url') + '?search=' + encodeURIComponent(search.value);
          fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : { data: [] }; })
            .then(function (page) { fill(target, page.data || []); });
        }, 250);
      });
    });
    var fill = function (target, options) {
      Array.prototype.forEach.call(configForm.querySelectorAll('[data-options-list="' + target + '"]'), function (list) {
        if (list.tagName === 'SELECT') {
          var current = list.value;
          Array.prototype.slice.call(list.options).forEach(function (o) { if (o.value !== '' && o.value !== current) { list.removeChild(o); } });
          options.forEach(function (o) {
            if (o.value === current) { return; }
            var option = document.createElement('option');
            option.value = o.value; option.textContent = o.label;
            list.appendChild(option);
          });
        } else {
          var name = list.getAttribute('data-name');
          Array.prototype.slice.call(list.querySelectorAll('.check')).forEach(function (c) {
            if (!c.querySelector('input').checked) { list.removeChild(c); }
          });
          var n = Date.now();
          options.forEach(function (o, i) {
            if (list.querySelector('input[value="' + CSS.escape(o.value) + '"]')) { return; }
            var wrap = document.createElement('div'); wrap.className = 'check';
            var box = document.createElement('input'); box.type = 'checkbox'; box.value = o.value;
            box.id = target + '-n' + n + '-' + i; box.name = name + '.item.n' + n + '-' + i;
            var label = document.createElement('label'); label.htmlFor = box.id; label.textContent = o.label;
            wrap.appendChild(box); wrap.appendChild(label); list.appendChild(wrap);
          });
        }
      });
    };
    var errors = document.getElementById('config-errors');
    if (errors) { errors.focus(); }
  }

  // OAuth providers refuse to be framed: when framed, the provider's page opens in a new window.
  // The frame itself starts the connect (a same-origin fetch carries its session cookie, which may
  // be partitioned to the host site and so unknown to a top-level window) and sends the new window
  // to the provider. Back from the provider, that window hands the result to this frame and closes.
  if (framed) {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-oauth]'), function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var popup = window.open('about:blank', '_blank');
        var here = function () { if (popup) { popup.close(); } form.submit(); }; // shows the error in the frame
        if (!popup) { form.target = '_blank'; form.submit(); return; }
        fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: { 'Accept': 'application/json' },
          body: new URLSearchParams(new FormData(form)) })
          .then(function (r) {
            return r.ok && (r.headers.get('Content-Type') || '').indexOf('application/json') === 0 ? r.json() : null;
          })
          .then(function (body) {
            if (body && typeof body.authorization_url === 'string') { popup.location.href = body.authorization_url; } else { here(); }
          }, here);
      });
    });
    window.addEventListener('message', function (event) {
      if (event.origin !== window.location.origin || !event.data || event.data.source !== 'latchkey-portal'
        || typeof event.data.location !== 'string' || event.data.location.indexOf('/portal/apps/') !== 0) { return; }
      window.location.assign(event.data.location);
    });
  } else if (window.opener && /[?&]latchkey_status=/.test(window.location.search)) {
    // Back from the provider in the window the frame opened; this window may have no session (the
    // frame's cookie is partitioned), so hand the address to the frame, which checks it, and close.
    try {
      if (window.opener.location.origin !== window.location.origin) { return; } // throws for another origin
      window.opener.postMessage({ source: 'latchkey-portal', location: window.location.pathname + window.location.search },
        window.location.origin);
      window.close();
    } catch (e) { /* the opener is gone or elsewhere: stay here */ }
  }
})();
