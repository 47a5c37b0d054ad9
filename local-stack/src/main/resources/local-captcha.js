// ./newsroom up's stand-in for the captcha widgets (reCAPTCHA v3, hCaptcha, Turnstile): the same
// calls the page makes, answered with the local siteverify server's test tokens. The kind comes from
// the page's ?captcha= parameter (test-pass by default), e.g. ?captcha=test-fail.
(function () {
  'use strict';
  function token() {
    var kind = new URLSearchParams(location.search).get('captcha') || 'test-pass';
    return kind + ':' + Date.now() + '-' + Math.random().toString(36).slice(2);
  }
  window.grecaptcha = {
    ready: function (callback) { callback(); },
    execute: function () { return Promise.resolve(token()); }
  };
  window.hcaptcha = {
    render: function () { return 0; },
    execute: function () { return Promise.resolve({ response: token() }); }
  };
  var callbacks = {};
  window.turnstile = {
    render: function (element, options) { callbacks[0] = options.callback; return 0; },
    execute: function (id) { callbacks[id](token()); },
    remove: function () {}
  };
})();
