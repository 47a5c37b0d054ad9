// The article page's comments: the page carries the newest threads; this adds reply buttons, loads
// older threads from the API, and posts the form with fetch. Reader text is only ever set as
// textContent, never as HTML (F1-F3). Without this script the threads still show and the form still posts.
(function () {
  'use strict';
  var section = document.getElementById('comments');
  var list = document.getElementById('comment-list');
  var notice = document.getElementById('comment-notice');
  var form = document.getElementById('comment-form');
  var api = section.getAttribute('data-api');
  // The interface's words in the page's language, by name (Word.java); the page writes them.
  var words = JSON.parse(section.getAttribute('data-words'));
  function said(word, value) { return words[word].replace('{}', function () { return value; }); }
  var lang = document.documentElement.lang;
  var required = { body: words.BODY_MISSING, name: words.NAME_MISSING };
  var malformed = { email: words.EMAIL_INVALID, website: words.WEBSITE_INVALID };

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined) { element.textContent = text; }
    return element;
  }

  function replyButton(item, comment) {
    var reply = node('button', 'reply', words.REPLY);
    reply.type = 'button';
    reply.setAttribute('aria-label', said('REPLY_TO', comment.name));
    reply.addEventListener('click', function () { replyTo(comment); });
    item.insertBefore(reply, item.querySelector(':scope > ol'));
  }

  // A reader's report, with a reason, sent once; enough readers' reports bring a moderator.
  var reasons = { spam: words.REPORT_SPAM, abuse: words.REPORT_ABUSE, off_topic: words.REPORT_OFF_TOPIC, other: words.REPORT_OTHER };
  function reportButton(item, comment) {
    var button = node('button', 'report', words.REPORT);
    button.type = 'button';
    button.addEventListener('click', function () {
      button.hidden = true;
      var box = node('fieldset', 'report-reasons');
      box.appendChild(node('legend', null, words.REPORT_WHY));
      Object.keys(reasons).forEach(function (reason, index) {
        var label = node('label');
        var radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'report-' + comment.id;
        radio.value = reason;
        radio.checked = index === 0;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(' ' + reasons[reason]));
        box.appendChild(label);
      });
      var send = node('button', 'report-send', words.SEND_REPORT);
      send.type = 'button';
      send.addEventListener('click', function () {
        var chosen = box.querySelector('input:checked').value;
        send.disabled = true;
        fetch(api + '/' + encodeURIComponent(comment.id) + '/report', {
          method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ reason: chosen })
        }).then(function (response) {
          box.replaceWith(node('p', 'reported', response.ok ? words.REPORTED : words.NOT_SENT));
        }).catch(function () { send.disabled = false; });
      });
      box.appendChild(send);
      button.after(box);
      box.querySelector('input').focus();
    });
    item.insertBefore(button, item.querySelector(':scope > ol'));
  }

  function show(comment) {
    if (document.getElementById('c-' + comment.id)) { return null; }
    var item = node('li', comment.featured ? 'comment comment-featured' : 'comment');
    item.id = 'c-' + comment.id;
    var header = node('p', 'comment-meta');
    var author;
    if (comment.website && /^https?:\/\//i.test(comment.website)) {
      author = node('a', 'comment-author', comment.name);
      author.href = comment.website;
      author.rel = 'nofollow ugc noopener';
    } else {
      author = node('span', 'comment-author', comment.name);
    }
    header.appendChild(author);
    if (comment.staff) {
      header.appendChild(document.createTextNode(' '));
      header.appendChild(node('span', 'badge badge-staff', words.STAFF));
    }
    // The same form as the article's own dates: 24 November 2026 in English, the language's long date in others.
    var date = new Date(comment.createdAt);
    var time = node('time', null, /^en\b/.test(lang)
      ? date.getDate() + ' ' + date.toLocaleDateString(lang, { month: 'long' }) + ' ' + date.getFullYear()
      : date.toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric' }));
    time.dateTime = comment.createdAt;
    header.appendChild(document.createTextNode(' · '));
    header.appendChild(time);
    if (comment.featured) {
      header.appendChild(document.createTextNode(' '));
      header.appendChild(node('span', 'badge badge-featured', words.FEATURED));
    }
    item.appendChild(header);
    item.appendChild(node('p', 'comment-body', comment.body));
    if (form) { replyButton(item, comment); }
    reportButton(item, comment);
    var parent = comment.parentId && document.getElementById('c-' + comment.parentId);
    if (parent) {
      var replies = parent.querySelector(':scope > ol') || parent.appendChild(node('ol', 'replies'));
      replies.appendChild(item);
    } else {
      list.appendChild(item);
    }
    return item;
  }

  function load(cursor) {
    // Revalidate: a reader who just posted and reloads must not get the browser's older copy.
    fetch(api + '?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
      { headers: { Accept: 'application/json' }, cache: 'no-cache' })
      .then(function (response) { return response.ok ? response.json() : { comments: [] }; })
      .then(function (page) {
        page.comments.forEach(show);
        if (page.nextCursor) { load(page.nextCursor); }
      })
      .catch(function () { /* the page still works without the list */ });
  }

  function say(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }

  // The page carries the newest threads; older ones, if any, load from the API, and the list is shown whole, oldest first.
  if (list.hasAttribute('data-more')) {
    list.textContent = '';
    load();
  } else {
    Array.prototype.forEach.call(list.querySelectorAll('li.comment'), function (item) {
      var comment = { id: item.id.slice(2), name: item.querySelector('.comment-author').textContent };
      if (form) { replyButton(item, comment); }
      reportButton(item, comment);
    });
  }
  if (!form) { return; }
  form.noValidate = true;
  // Refusals by the API's error code, in the page's language; other codes keep the API's own message.
  var refusals = {
    captcha_failed: words.CAPTCHA_FAILED,
    captcha_score: words.CAPTCHA_SCORE,
    validation_failed: words.VALIDATION_FAILED,
    rate_limited: words.RATE_LIMITED
  };

  var parentField = form.elements.parentId;
  var replying = document.getElementById('comment-replying');
  function replyTo(comment) {
    parentField.value = comment.id;
    replying.querySelector('span').textContent = comment.name;
    replying.hidden = false;
    form.elements.body.focus();
  }
  document.getElementById('comment-cancel-reply').addEventListener('click', function () {
    parentField.value = '';
    replying.hidden = true;
  });

  function fieldError(name, message) {
    var field = form.elements[name];
    var slot = document.getElementById('comment-' + name + '-error');
    if (!field || !slot) { return false; }
    slot.textContent = message;
    field.setAttribute('aria-invalid', 'true');
    return true;
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (slot) { slot.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (field) { field.removeAttribute('aria-invalid'); });
    formError('');
  }

  function formError(message) {
    var slot = document.getElementById('comment-form-error');
    slot.textContent = message;
  }

  var captcha = { provider: form.getAttribute('data-captcha'), siteKey: form.getAttribute('data-site-key') };
  function captchaToken() {
    if (captcha.provider === 'recaptcha') {
      return new Promise(function (resolve, reject) {
        if (!window.grecaptcha) { reject(new Error('no captcha')); return; }
        window.grecaptcha.ready(function () {
          window.grecaptcha.execute(captcha.siteKey, { action: 'comment' }).then(resolve, reject);
        });
      });
    }
    var box = document.getElementById('comment-captcha');
    if (captcha.provider === 'hcaptcha') {
      if (!window.hcaptcha) { return Promise.reject(new Error('no captcha')); }
      if (captcha.id === undefined) { captcha.id = window.hcaptcha.render(box, { sitekey: captcha.siteKey, size: 'invisible' }); }
      return window.hcaptcha.execute(captcha.id, { async: true }).then(function (result) { return result.response; });
    }
    return new Promise(function (resolve, reject) {
      if (!window.turnstile) { reject(new Error('no captcha')); return; }
      if (captcha.id !== undefined) { window.turnstile.remove(captcha.id); }
      captcha.id = window.turnstile.render(box, { sitekey: captcha.siteKey, action: 'comment', execution: 'execute', callback: resolve, 'error-callback': reject });
      window.turnstile.execute(captcha.id);
    });
  }

  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    say('');
    var first = null;
    ['body', 'name'].forEach(function (name) {
      if (!form.elements[name].value.trim()) {
        fieldError(name, required[name]);
        first = first || form.elements[name];
      }
    });
    ['email', 'website'].forEach(function (name) {
      if (form.elements[name].validity.typeMismatch) {
        fieldError(name, malformed[name]);
        first = first || form.elements[name];
      }
    });
    if (first) { first.focus(); return; }
    var data = {};
    ['name', 'email', 'website', 'body', 'parentId', 'company'].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) { data[name] = value; }
    });
    button.disabled = true;
    captchaToken()
      .then(function (token) {
        data.captchaToken = token;
        return fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(data) });
      })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        if (result.status === 201) {
          var item = show({ id: result.body.id, parentId: data.parentId, name: data.name.trim(), website: data.website, body: data.body.trim(), createdAt: new Date().toISOString() })
            || document.getElementById('c-' + result.body.id);
          form.reset();
          parentField.value = '';
          replying.hidden = true;
          say(words.THANKS);
          item.scrollIntoView({ block: 'nearest' });
        } else if (result.status === 202) {
          form.reset();
          say(words.THANKS_PENDING);
        } else if (result.body.fields) {
          var focus = null;
          Object.keys(result.body.fields).forEach(function (name) {
            if (fieldError(name, result.body.fields[name])) { focus = focus || form.elements[name]; } else { formError(result.body.fields[name]); }
          });
          if (focus) { focus.focus(); }
        } else {
          formError(refusals[result.body.error] || result.body.message || words.NOT_POSTED);
        }
      })
      .catch(function () { formError(words.NOT_SENT); })
      .then(function () { button.disabled = false; });
  });
})();
