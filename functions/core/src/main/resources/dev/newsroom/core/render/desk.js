// The moderation desk. It signs in at the desk's user pool (authorization code with PKCE), keeps the
// access token for this tab only, and calls the moderation routes with it. Everything the API gives
// is set as text, never as markup.
'use strict';
(function () {
  var root = document.getElementById('desk');
  var signInUrl = root.dataset.signIn;
  var client = root.dataset.client;
  var scope = root.dataset.scope;
  var home = location.origin + '/desk/';
  var store = window.sessionStorage;
  var queue = 'pending';
  var next = null;

  function base64url(bytes) {
    var text = '';
    new Uint8Array(bytes).forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText(length) {
    return base64url(crypto.getRandomValues(new Uint8Array(length)));
  }

  function show(id, shown) {
    document.getElementById(id).hidden = !shown;
  }

  function say(text) {
    document.getElementById('status').textContent = text;
  }

  /** The token's claims, for what the desk shows; the API checks the token itself. */
  function claims(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), function (c) { return c.charCodeAt(0); })));
    } catch (e) {
      return {};
    }
  }

  function startSignIn() {
    var verifier = randomText(48);
    var state = randomText(16);
    store.setItem('desk.verifier', verifier);
    store.setItem('desk.state', state);
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      var url = new URL(signInUrl + '/oauth2/authorize');
      url.search = new URLSearchParams({
        response_type: 'code', client_id: client, redirect_uri: home, scope: scope, state: state,
        code_challenge: base64url(digest), code_challenge_method: 'S256'
      }).toString();
      location.assign(url.toString());
    });
  }

  function finishSignIn(params) {
    var state = store.getItem('desk.state');
    var verifier = store.getItem('desk.verifier');
    store.removeItem('desk.state');
    store.removeItem('desk.verifier');
    history.replaceState(null, '', home);
    if (!state || !verifier || params.get('state') !== state) {
      return Promise.reject(new Error('That sign-in did not start at this desk. Please sign in again.'));
    }
    return fetch(signInUrl + '/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', client_id: client, code: params.get('code'),
        redirect_uri: home, code_verifier: verifier
      }).toString()
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('The sign-in could not be completed. Please sign in again.');
      }
      return response.json();
    }).then(function (tokens) {
      store.setItem('desk.token', tokens.access_token);
    });
  }

  function signedOut(message) {
    store.removeItem('desk.token');
    if (message) {
      document.getElementById('sign-in-message').textContent = message;
    }
    show('signed-out', true);
    show('queues', false);
    show('sign-out', false);
    document.getElementById('who').textContent = '';
  }

  function api(method, path, body) {
    var token = store.getItem('desk.token');
    var headers = { Authorization: 'Bearer ' + token };
    if (body) { headers['Content-Type'] = 'application/json'; }
    return fetch('/api/moderation/' + path, {
      method: method, headers: headers, body: body || undefined, cache: 'no-store'
    }).then(function (response) {
      if (response.status === 401) {
        signedOut('Your session has ended. Please sign in again.');
        throw new Error('signed out');
      }
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.message || 'The desk could not do that.');
        }
        return body;
      });
    });
  }

  function isModerator() {
    var groups = claims(store.getItem('desk.token'))['cognito:groups'] || [];
    return groups.indexOf('moderators') >= 0;
  }

  // What each rule means, as the desk says it; the API names the rule and what it matched.
  var heldBecause = {
    manual: 'every comment waits for a moderator',
    no_captcha: 'posted without JavaScript, so without a captcha',
    link: 'a link',
    score: 'a low captcha score',
    honeypot: 'the hidden field was filled, as bots do',
    banned_word: 'a banned word',
    suspect_word: 'a suspect word',
    first_comment: "the commenter's first comment"
  };

  function entry(comment) {
    var item = document.getElementById('entry').content.firstElementChild.cloneNode(true);
    item.querySelector('.name').textContent = comment.name;
    var link = item.querySelector('.article');
    link.textContent = comment.article;
    link.href = comment.article;
    var when = item.querySelector('.when');
    when.textContent = new Date(comment.createdAt).toLocaleString();
    when.title = comment.createdAt;
    if (comment.score !== undefined) {
      item.querySelector('.score').textContent = '(captcha score ' + comment.score + ')';
    } else if (comment.captcha === 'none') {
      item.querySelector('.score').textContent = '(no captcha: posted without JavaScript)';
    }
    if (comment.reports) {
      item.querySelector('.held').textContent = 'Reported by ' + comment.reports.count + ' reader'
        + (comment.reports.count === 1 ? '' : 's') + ': ' + comment.reports.reasons.join(', ');
    } else if (comment.heldBy) {
      item.querySelector('.held').textContent = 'Held: ' + (heldBecause[comment.heldBy.rule] || comment.heldBy.rule)
        + (comment.heldBy.match ? ' (' + comment.heldBy.match + ')' : '');
    }
    item.querySelector('.body').textContent = comment.body;
    var audit = item.querySelector('.audit');
    (comment.audit || []).forEach(function (decision) {
      audit.appendChild(document.createElement('li')).textContent = decision.action + ' by ' + decision.who + ', '
        + new Date(decision.at).toLocaleString() + (decision.reason ? ': ' + decision.reason : '');
    });
    item.querySelector('.actions').hidden = !isModerator();
    item.querySelectorAll('[data-action]').forEach(function (button) {
      var action = button.dataset.action;
      button.hidden = !isModerator() || action === queue || (action === 'reject' && queue === 'rejected');
      button.addEventListener('click', function () {
        var path = 'comments/' + encodeURIComponent(comment.articleToken) + '/' + encodeURIComponent(comment.id);
        var reason = item.querySelector('.reason').value.trim();
        if (action === 'reject' && !reason) {
          say('Give a reason to reject it.');
          item.querySelector('.reason').focus();
          return;
        }
        var body = reason ? JSON.stringify({ reason: reason }) : null;
        var request = action === 'delete' ? api('DELETE', path, body) : api('POST', path + '/' + action, body);
        item.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        request.then(function () {
          item.remove();
          say({ approve: 'Approved.', spam: 'Marked as spam.', reject: 'Rejected.', 'delete': 'Deleted.' }[action]);
        }, function (error) {
          item.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
          say(error.message);
        });
      });
    });
    return item;
  }

  function load(more) {
    var list = document.getElementById('entries');
    if (!more) {
      list.textContent = '';
      next = null;
    }
    var path = 'comments?queue=' + queue + (more && next ? '&cursor=' + encodeURIComponent(next) : '');
    say('Loading…');
    api('GET', path).then(function (page) {
      page.comments.forEach(function (comment) { list.appendChild(entry(comment)); });
      next = page.nextCursor || null;
      show('more', next !== null);
      say(list.children.length === 0 ? 'Nothing waits here.' : '');
    }, function (error) {
      if (error.message !== 'signed out') {
        say(error.message);
      }
    });
  }

  function erase() {
    var email = document.getElementById('erase-email');
    if (!email.value.trim() || !email.checkValidity()) {
      say('Give the commenter\'s email.');
      email.focus();
      return;
    }
    api('POST', 'erasure', JSON.stringify({ email: email.value.trim() })).then(function (answer) {
      say('Erased from ' + answer.erased + ' comment' + (answer.erased === 1 ? '' : 's') + '.');
      email.value = '';
    }, function (error) {
      if (error.message !== 'signed out') { say(error.message); }
    });
  }

  function signedIn() {
    var who = claims(store.getItem('desk.token'));
    document.getElementById('who').textContent = (who.username || '') + (isModerator() ? ' (moderator)' : ' (editor)');
    show('signed-out', false);
    show('queues', true);
    show('sign-out', true);
    show('erasure', isModerator());
    load(false);
  }

  document.getElementById('sign-in').addEventListener('click', startSignIn);
  document.getElementById('sign-out').addEventListener('click', function () {
    store.removeItem('desk.token');
    location.assign(signInUrl + '/logout?' + new URLSearchParams({ client_id: client, logout_uri: home }).toString());
  });
  document.getElementById('more').addEventListener('click', function () { load(true); });
  document.getElementById('erase').addEventListener('click', erase);
  document.querySelectorAll('[data-queue]').forEach(function (tab) {
    tab.addEventListener('click', function () {
      queue = tab.dataset.queue;
      document.querySelectorAll('[data-queue]').forEach(function (t) {
        t.setAttribute('aria-pressed', String(t === tab));
      });
      load(false);
    });
  });

  var params = new URLSearchParams(location.search);
  var start = params.has('code') ? finishSignIn(params)
    : params.has('error') ? Promise.reject(new Error('The sign-in was refused: ' + params.get('error') + '.'))
      : Promise.resolve();
  start.then(function () {
    if (store.getItem('desk.token') && claims(store.getItem('desk.token')).exp * 1000 > Date.now()) {
      signedIn();
    } else {
      signedOut();
    }
  }, function (error) {
    history.replaceState(null, '', home);
    signedOut(error.message);
  });
}());
