/*! Funnelstream survey tracking: no dependencies, no cookies.
 *
 * <script src="https://<funnelstream>/survey-tracking.js" data-token="ft1..." async></script>
 *
 * Reports the respondent's way through the survey page to POST /api/tracking/events: "viewed" on load, "started"
 * on the first interaction with the form, "progress" when a question (an element with data-question="<index>", or
 * a field inside one) is answered, "completed" on submit, "abandoned" when the page is left after starting and
 * before completing. Events go by navigator.sendBeacon (text/plain, no preflight), else fetch with keepalive; ones
 * that fail wait in a small queue and are retried with backoff, each with its own id so a retry counts once.
 *
 * Opt-out: Do-Not-Track, Global Privacy Control, data-opt-out="true" on the script or data-tracking-opt-out on
 * <html>, or the recipient's opt-out recorded on the server (the answer says so): then nothing but the completion
 * is sent, without device data.
 *
 * Options (data attributes on the script): data-token (else the link's "ft" query parameter), data-endpoint (else
 * the script's origin), data-form (a selector; else the first form), data-opt-out.
 * API: window.FunnelTracker.progress(index), .complete(), .abandon(), .flush().
 */
(function () {
  'use strict';
  if (window.FunnelTracker) {
    return;
  }
  var script = document.currentScript || document.querySelector('script[src*="survey-tracking.js"]');
  var data = (script && script.dataset) || {};
  var token = data.token || new URLSearchParams(window.location.search).get('ft');
  if (!token) {
    return;
  }
  var origin = script && script.src ? new URL(script.src, window.location.href).origin : window.location.origin;
  var endpoint = data.endpoint || origin + '/api/tracking/events';
  var nav = window.navigator;
  var optOut = nav.doNotTrack === '1' || window.doNotTrack === '1' || nav.globalPrivacyControl === true ||
      data.optOut === 'true' || document.documentElement.hasAttribute('data-tracking-opt-out');
  var MAX_QUEUE = 20;
  var MAX_TRIES = 6;
  var queue = [];
  var timer = null;
  var started = false;
  var completed = false;
  var left = false;
  var answered = {};

  function id() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var out = '';
    for (var i = 0; i < bytes.length; i++) {
      out += ('0' + bytes[i].toString(16)).slice(-2);
    }
    return out;
  }

  function client() {
    var tz;
    try {
      tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      tz = undefined;
    }
    return {
      lang: nav.language,
      screen: window.screen ? window.screen.width + 'x' + window.screen.height : undefined,
      viewport: window.innerWidth + 'x' + window.innerHeight,
      tz: tz,
      platform: nav.platform
    };
  }

  function event(type, question) {
    if (optOut && type !== 'completed') {
      return;
    }
    var body = { token: token, type: type, id: id(), at: Date.now() };
    if (question !== undefined) {
      body.question = question;
    }
    if (optOut) {
      body.optOut = true;
    } else {
      body.client = client();
    }
    queue.push({ body: JSON.stringify(body), tries: 0 });
    if (queue.length > MAX_QUEUE) {
      queue.shift();
    }
    flush();
  }

  /** Sends what waits: by beacon when the page is going away, else by fetch (to learn of a recorded opt-out). */
  function flush() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    var pending = queue.splice(0, queue.length);
    pending.forEach(function (item) {
      if (left && nav.sendBeacon && nav.sendBeacon(endpoint, new Blob([item.body], { type: 'text/plain' }))) {
        return;
      }
      send(item);
    });
  }

  function send(item) {
    item.tries++;
    var request;
    try {
      request = fetch(endpoint, {
        method: 'POST', body: item.body, keepalive: true, mode: 'cors', credentials: 'omit',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' }
      });
    } catch (e) {
      return retry(item);
    }
    request.then(function (response) {
      if (response.ok) {
        return response.json().then(function (answer) {
          if (answer && answer.optOut === true) {
            optOut = true;
          }
        }, function () {});
      }
      if (response.status === 429 || response.status >= 500) {
        retry(item);
      }
    }, function () {
      retry(item);
    });
  }

  function retry(item) {
    if (item.tries >= MAX_TRIES) {
      return;
    }
    if (left && nav.sendBeacon && nav.sendBeacon(endpoint, new Blob([item.body], { type: 'text/plain' }))) {
      return;
    }
    queue.unshift(item);
    if (queue.length > MAX_QUEUE) {
      queue.pop();
    }
    if (!timer) {
      timer = setTimeout(flush, Math.min(30000, 500 * Math.pow(2, item.tries)));
    }
  }

  function form() {
    return (data.form && document.querySelector(data.form)) || document.querySelector('form');
  }

  function start() {
    if (!started && !completed) {
      started = true;
      event('started');
    }
  }

  function progress(index) {
    start();
    if (!completed && !answered[index]) {
      answered[index] = true;
      event('progress', index);
    }
  }

  function complete() {
    if (!completed) {
      start();
      completed = true;
      event('completed');
    }
  }

  function abandon() {
    if (started && !completed && !left) {
      left = true;
      event('abandoned');
    }
  }

  function questionOf(target) {
    var holder = target && target.closest ? target.closest('[data-question]') : null;
    var index = holder ? parseInt(holder.getAttribute('data-question'), 10) : NaN;
    return isNaN(index) ? undefined : index;
  }

  function interacted(e) {
    var f = form();
    if (f && e.target && f.contains(e.target)) {
      start();
    }
  }

  function changed(e) {
    interacted(e);
    var index = questionOf(e.target);
    if (index !== undefined) {
      progress(index);
    }
  }

  ['pointerdown', 'keydown', 'input', 'focusin'].forEach(function (type) {
    document.addEventListener(type, interacted, true);
  });
  document.addEventListener('change', changed, true);
  document.addEventListener('submit', function (e) {
    var f = form();
    if (!f || e.target === f) {
      complete();
    }
  }, true);
  window.addEventListener('pagehide', function () {
    abandon();
    left = true;
    flush();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      left = true;
      flush();
      left = false;
    }
  });

  window.FunnelTracker = { progress: progress, complete: complete, abandon: abandon, flush: flush };
  event('viewed');
})();
