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

  // What each action says once done, and which queues it makes sense in.
  var done = {
    approve: 'Approved.', spam: 'Marked as spam.', reject: 'Rejected.', 'delete': 'Deleted.', feature: 'Featured.',
    unfeature: 'No longer featured.', reply: 'Reply published.', ban: 'Applied to the commenter.', unban: 'Ban lifted.'
  };
  // Actions that take the comment out of the list shown.
  var removes = { approve: true, spam: true, reject: true, 'delete': true };
  var shown = [];

  function path(comment) {
    return 'comments/' + encodeURIComponent(comment.articleToken) + '/' + encodeURIComponent(comment.id);
  }

  function badges(item, comment) {
    var box = item.querySelector('.badges');
    box.textContent = '';
    if (comment.staff) { box.appendChild(document.createElement('span')).textContent = 'Staff'; }
    if (comment.featured) { box.appendChild(document.createElement('span')).textContent = 'Featured'; }
    box.querySelectorAll('span').forEach(function (b) { b.className = 'badge'; });
  }

  function showButtons(item, comment) {
    var moderator = isModerator();
    var approved = comment.status === 'approved';
    item.querySelectorAll('[data-action]').forEach(function (button) {
      var action = button.dataset.action;
      var visible = {
        approve: moderator && !approved, reject: moderator && comment.status !== 'rejected', spam: moderator && comment.status !== 'spam',
        'delete': moderator, feature: approved && !comment.featured, unfeature: approved && !!comment.featured, history: true,
        reply: moderator && approved, ban: moderator, unban: moderator
      }[action];
      button.hidden = !visible;
    });
    item.querySelector('.reason-label').hidden = !moderator;
    item.querySelector('.staff-actions').hidden = !moderator;
    item.querySelector('.reply-label').hidden = !approved;
  }

  /** What the commenter's other comments came to, as the queue gives it with each comment. */
  function historyText(counts) {
    if (!counts) { return 'No history: the commenter gave no email.'; }
    var parts = Object.keys(counts).map(function (status) { return counts[status] + ' ' + status; });
    return parts.length === 0 ? 'No other comments by this commenter.' : 'Other comments by this commenter: ' + parts.join(', ') + '.';
  }

  /** The commenter's newest other comments, each with its status, under the comment. */
  function showHistory(item, comment) {
    return api('GET', path(comment) + '/history').then(function (answer) {
      var list = item.querySelector('.earlier');
      list.textContent = '';
      answer.recent.forEach(function (other) {
        list.appendChild(document.createElement('li')).textContent = other.status + ', ' + new Date(other.createdAt).toLocaleDateString()
          + ', on ' + other.article + ': ' + (other.body.length > 140 ? other.body.slice(0, 140) + '…' : other.body);
      });
      if (!answer.recent.length) { item.querySelector('.history').textContent = historyText(answer.known ? {} : null); }
    });
  }

  /** One action on one comment; resolves once done, rejects with the reason it was not. */
  function act(item, comment, action) {
    var reason = item.querySelector('.reason').value.trim() || document.getElementById('bulk-reason').value.trim();
    if (action === 'reject' && !reason) {
      item.querySelector('.reason').focus();
      return Promise.reject(new Error('Give a reason to reject it.'));
    }
    if (action === 'history') {
      return showHistory(item, comment);
    }
    var request;
    if (action === 'delete') {
      request = api('DELETE', path(comment), reason ? JSON.stringify({ reason: reason }) : null);
    } else if (action === 'reply') {
      var text = item.querySelector('.reply').value.trim();
      if (!text) {
        item.querySelector('.reply').focus();
        return Promise.reject(new Error('Write the reply first.'));
      }
      request = api('POST', path(comment) + '/reply', JSON.stringify({ body: text }));
    } else if (action === 'ban') {
      var days = item.querySelector('.ban-days').value;
      var ban = days ? { days: days } : {};
      if (reason) { ban.reason = reason; }
      request = api('POST', path(comment) + '/ban', JSON.stringify(ban));
    } else {
      request = api('POST', path(comment) + '/' + action, reason && removes[action] ? JSON.stringify({ reason: reason }) : null);
    }
    return request.then(function () {
      if (removes[action]) {
        item.remove();
        shown = shown.filter(function (entry) { return entry.item !== item; });
        countSelected();
      } else if (action === 'feature' || action === 'unfeature') {
        comment.featured = action === 'feature';
        badges(item, comment);
        showButtons(item, comment);
      } else if (action === 'reply') {
        item.querySelector('.reply').value = '';
      }
    });
  }

  function entry(comment) {
    var item = document.getElementById('entry').content.firstElementChild.cloneNode(true);
    item.querySelector('.name').textContent = comment.name;
    badges(item, comment);
    var link = item.querySelector('.article');
    link.textContent = comment.articleTitle || comment.article;
    link.href = comment.article;
    item.querySelector('.history').textContent = historyText(comment.history);
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
    showButtons(item, comment);
    item.querySelector('.select').hidden = !isModerator();
    item.querySelector('.select').addEventListener('change', countSelected);
    item.querySelectorAll('[data-action]').forEach(function (button) {
      button.addEventListener('click', function () { run(item, comment, button.dataset.action); });
    });
    shown.push({ item: item, comment: comment });
    return item;
  }

  /** An action from a button or a key, with what it led to said in the status line. */
  function run(item, comment, action) {
    item.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    act(item, comment, action).then(function () {
      say(done[action] || '');
    }, function (error) {
      if (error.message !== 'signed out') { say(error.message); }
    }).then(function () {
      item.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    });
  }

  function selected() {
    return shown.filter(function (entry) { return entry.item.querySelector('.select').checked; });
  }

  function countSelected() {
    document.getElementById('selected-count').textContent = selected().length + ' selected';
  }

  /** One action on every selected comment, one request after another; says how many it did and why the others failed. */
  function bulk(action) {
    var chosen = selected();
    if (chosen.length === 0) {
      say('Select comments first.');
      return;
    }
    var doneCount = 0;
    var failures = [];
    var buttons = document.querySelectorAll('[data-bulk]');
    buttons.forEach(function (b) { b.disabled = true; });
    chosen.reduce(function (previous, entry) {
      return previous.then(function () {
        return act(entry.item, entry.comment, action).then(function () { doneCount++; }, function (error) {
          failures.push(entry.comment.name + ': ' + error.message);
        });
      });
    }, Promise.resolve()).then(function () {
      say((done[action] || '') + ' ' + doneCount + ' of ' + chosen.length + '.'
        + (failures.length ? ' Not done: ' + failures.join('; ') : ''));
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  /** The page of comments at {@code listing} (a queue or a search): a new list, or more of it. */
  var listing = 'comments?queue=pending';

  function load(more) {
    var list = document.getElementById('entries');
    if (!more) {
      list.textContent = '';
      shown = [];
      next = null;
      document.getElementById('select-all').checked = false;
      countSelected();
    }
    var url = listing + (more && next ? '&cursor=' + encodeURIComponent(next) : '');
    say('Loading…');
    api('GET', url).then(function (page) {
      page.comments.forEach(function (comment) { list.appendChild(entry(comment)); });
      next = page.nextCursor || null;
      show('more', next !== null);
      say(list.children.length === 0 ? (next ? 'Nothing found in this part: press More to look further.' : 'Nothing here.') : '');
    }, function (error) {
      if (error.message !== 'signed out') {
        say(error.message);
      }
    });
  }

  /** The comment the keys act on: the one with focus (j and k give it), never one the moderator has not moved to. */
  function current() {
    return shown.filter(function (entry) { return entry.item === document.activeElement; })[0];
  }

  function move(step) {
    var focused = current();
    var at = focused ? shown.indexOf(focused) + step : 0;
    var target = shown[Math.max(0, Math.min(shown.length - 1, at))];
    if (target) { target.item.focus(); }
  }

  var keys = {
    j: function () { move(1); }, k: function () { move(-1); },
    x: function (entry) { var box = entry.item.querySelector('.select'); box.checked = !box.checked; countSelected(); },
    a: function (entry) { run(entry.item, entry.comment, 'approve'); },
    s: function (entry) { run(entry.item, entry.comment, 'spam'); },
    r: function (entry) { entry.item.querySelector('.reason').focus(); },
    f: function (entry) {
      if (entry.comment.status === 'approved') { run(entry.item, entry.comment, entry.comment.featured ? 'unfeature' : 'feature'); }
    },
    h: function (entry) { run(entry.item, entry.comment, 'history'); }
  };

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || document.getElementById('queues').hidden) { return; }
    if (target.classList && target.classList.contains('reason') && event.key === 'Enter') {
      var owner = shown.filter(function (entry) { return entry.item.contains(target); })[0];
      if (owner) { run(owner.item, owner.comment, 'reject'); }
      return;
    }
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    if (event.key === '/') {
      event.preventDefault();
      document.getElementById('search-q').focus();
      return;
    }
    var key = keys[event.key];
    var entry = current();
    if (!key || (!entry && event.key !== 'j' && event.key !== 'k')) { return; }
    if ((event.key === 'a' || event.key === 's' || event.key === 'x' || event.key === 'r') && !isModerator()) { return; }
    event.preventDefault();
    key(entry);
  });

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
    show('bulk', isModerator());
    load(false);
  }

  document.getElementById('sign-in').addEventListener('click', startSignIn);
  document.getElementById('sign-out').addEventListener('click', function () {
    store.removeItem('desk.token');
    location.assign(signInUrl + '/logout?' + new URLSearchParams({ client_id: client, logout_uri: home }).toString());
  });
  document.getElementById('more').addEventListener('click', function () { load(true); });
  // The preview is a page of its own, shown in a sandboxed frame: none of its scripts run, none of its forms send.
  document.getElementById('preview-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var address = document.getElementById('preview-path').value.trim();
    if (!address) { return; }
    api('GET', 'preview?path=' + encodeURIComponent(address)).then(function (preview) {
      document.getElementById('preview-title').textContent = preview.title + ' (' + preview.status + ', ' + preview.path + ')';
      var frame = document.getElementById('preview-frame');
      frame.srcdoc = preview.html;
      frame.hidden = false;
    }, function (error) {
      if (error.message !== 'signed out') { say(error.message); }
    });
  });
  document.getElementById('search').addEventListener('submit', function (event) {
    event.preventDefault();
    var q = document.getElementById('search-q').value.trim();
    if (!q) { return; }
    listing = 'search?by=' + encodeURIComponent(document.getElementById('search-by').value) + '&q=' + encodeURIComponent(q);
    document.querySelectorAll('[data-queue]').forEach(function (t) { t.setAttribute('aria-pressed', 'false'); });
    load(false);
  });
  document.getElementById('select-all').addEventListener('change', function (event) {
    shown.forEach(function (entry) { entry.item.querySelector('.select').checked = event.target.checked; });
    countSelected();
  });
  document.querySelectorAll('[data-bulk]').forEach(function (button) {
    button.addEventListener('click', function () { bulk(button.dataset.bulk); });
  });
  document.getElementById('erase').addEventListener('click', erase);
  document.querySelectorAll('[data-queue]').forEach(function (tab) {
    tab.addEventListener('click', function () {
      listing = 'comments?queue=' + tab.dataset.queue;
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
