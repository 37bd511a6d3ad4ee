/*
 * Thủ tục bot chat bubble. One tag on any page adds it:
 *   <script src="https://BOT-SERVER/webchat.js" data-title="..." data-color="#0b5394" data-avatar="..."
 *           data-welcome="..." defer></script>
 * Everything it loads comes from the server the script came from: the Web Chat bundle, Direct Line, nothing
 * else. It sets no cookie; the conversation id and the client's current token stay in this tab's
 * sessionStorage, so a reload resumes the same conversation with its history.
 */
(function () {
  'use strict';
  var SETTINGS = /*__SETTINGS__*/ null;
  var script = document.currentScript;
  if (!SETTINGS || !script || window.ThuTucBot) return;

  var origin = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var storageKey = 'thutucbot:' + origin;
  var state = readState();
  var locale = pickLocale(state.locale || data.locale || SETTINGS.locale);
  var color = validColor(data.color) || '#0b5394';
  var nodes = {};
  var chat = null; // { directLine, store, subscriptions } once Web Chat runs
  var loading = null;
  var pending = [];
  var autoRestarts = 0; // conversations this page restarted by itself (bounded, in case the server keeps refusing)

  function strings() {
    return SETTINGS.strings[locale];
  }

  function pickLocale(tag) {
    return /^en/i.test(tag || '') ? 'en-US' : 'vi-VN';
  }

  function validColor(value) {
    return value && window.CSS && CSS.supports('color', value) ? value : null;
  }

  function readState() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || '{}') || {};
    } catch (error) {
      return {};
    }
  }

  function writeState(changes) {
    for (var key in changes) state[key] = changes[key];
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(state));
    } catch (error) {
      // Private mode or storage full: the chat works, a reload starts a new conversation.
    }
  }

  /** Seconds left on a Direct Line token (its middle part is JSON with `exp`). */
  function secondsLeft(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(part)).exp - Date.now() / 1000;
    } catch (error) {
      return -1;
    }
  }

  function element(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  function icon(path) {
    return '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="' + path + '"/></svg>';
  }

  var CHAT_ICON = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h10V9zm0-3v2h10V6zm0 6v2h7v-2z';
  var CLOSE_ICON = 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z';
  var RESTART_ICON = 'M12 5V1L7 6l5 5V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z';

  function addStyles() {
    var css =
      '.ttb-bubble{position:fixed;right:16px;bottom:16px;width:60px;height:60px;border-radius:50%;border:0;' +
      'background:var(--ttb-color);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.3);cursor:pointer;z-index:2147483000;' +
      'display:flex;align-items:center;justify-content:center}' +
      '.ttb-bubble svg{width:30px;height:30px}' +
      '.ttb-bubble:focus-visible,.ttb-head button:focus-visible,.ttb-teaser button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}' +
      '.ttb-teaser{position:fixed;right:16px;bottom:88px;max-width:min(280px,calc(100vw - 32px));background:#fff;color:#222;' +
      'border-radius:12px;box-shadow:0 4px 14px rgba(0,0,0,.25);padding:12px 36px 12px 14px;font:15px/1.4 system-ui,sans-serif;z-index:2147483000;cursor:pointer}' +
      '.ttb-teaser button{position:absolute;top:4px;right:4px;border:0;background:none;color:#555;width:28px;height:28px;cursor:pointer;padding:2px}' +
      '.ttb-teaser button svg{width:18px;height:18px}' +
      '.ttb-panel{position:fixed;right:16px;bottom:88px;width:400px;height:min(680px,calc(100vh - 104px));background:#fff;' +
      'border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;z-index:2147483001;' +
      'font-family:system-ui,sans-serif}' +
      '.ttb-panel[hidden],.ttb-teaser[hidden]{display:none}' +
      '.ttb-head{display:flex;align-items:center;gap:10px;padding:10px 8px 10px 14px;background:var(--ttb-color);color:#fff;flex:none}' +
      '.ttb-head img{width:36px;height:36px;border-radius:50%;background:#fff;object-fit:cover}' +
      '.ttb-head h2{flex:1;margin:0;font-size:17px;font-weight:600;line-height:1.25}' +
      '.ttb-head button{border:0;background:none;color:#fff;width:44px;height:44px;border-radius:50%;cursor:pointer;display:flex;align-items:center;justify-content:center}' +
      '.ttb-head button:hover{background:rgba(255,255,255,.15)}' +
      '.ttb-body{flex:1;min-height:0;position:relative}' +
      '.ttb-note{padding:24px;color:#444;font-size:16px}' +
      // Web Chat shows each line of plain text as a paragraph with its own padding: lines of one message closer,
      // an empty line a short gap, and buttons big enough for a thumb.
      '.ttb-body .webchat__text-content--is-plain+.webchat__text-content--is-plain{padding-top:0}' +
      '.ttb-body .webchat__text-content--is-plain:empty{padding:0;height:6px}' +
      '.ttb-body .webchat__suggested-action{min-height:40px;height:auto;padding:6px 14px}' +
      // A long title wraps instead of being cut, and many buttons scroll in their own box, so the answer stays
      // in view on a phone.
      '.ttb-body .webchat__suggested-action__text{white-space:normal;overflow:visible;text-overflow:clip;text-align:left}' +
      '.ttb-body .webchat__suggested-actions__flow-box{max-height:34vh;overflow-y:auto;overscroll-behavior:contain}' +
      '@media (max-width:480px){.ttb-panel{inset:0;width:100%;height:100%;border-radius:0}' +
      '.ttb-open .ttb-bubble,.ttb-open .ttb-teaser{display:none}}';
    var style = element('style');
    style.textContent = css;
    document.head.appendChild(style);
  }

  function build() {
    addStyles();
    var root = element('div', 'ttb-root');
    root.style.setProperty('--ttb-color', color);
    nodes.root = root;
    nodes.bubble = element('button', 'ttb-bubble', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'ttb-panel' });
    nodes.bubble.innerHTML = icon(CHAT_ICON);
    nodes.bubble.addEventListener('click', function () {
      state.open ? close() : open();
    });
    nodes.teaser = element('div', 'ttb-teaser', { hidden: '' });
    nodes.teaserText = element('span');
    nodes.teaserClose = element('button', '', { type: 'button' });
    nodes.teaserClose.innerHTML = icon(CLOSE_ICON);
    nodes.teaser.appendChild(nodes.teaserText);
    nodes.teaser.appendChild(nodes.teaserClose);
    nodes.teaser.addEventListener('click', function (event) {
      writeState({ teaserDismissed: true });
      nodes.teaser.hidden = true;
      if (!nodes.teaserClose.contains(event.target)) open();
    });
    nodes.panel = element('section', 'ttb-panel', { id: 'ttb-panel', role: 'dialog', 'aria-labelledby': 'ttb-title', hidden: '' });
    var head = element('div', 'ttb-head');
    if (data.avatar) head.appendChild(element('img', '', { src: new URL(data.avatar, location.href).href, alt: '' }));
    nodes.title = element('h2', '', { id: 'ttb-title' });
    nodes.restart = element('button', '', { type: 'button' });
    nodes.restart.innerHTML = icon(RESTART_ICON);
    nodes.restart.addEventListener('click', restart);
    nodes.close = element('button', '', { type: 'button' });
    nodes.close.innerHTML = icon(CLOSE_ICON);
    nodes.close.addEventListener('click', close);
    head.appendChild(nodes.title);
    head.appendChild(nodes.restart);
    head.appendChild(nodes.close);
    nodes.body = element('div', 'ttb-body');
    nodes.panel.appendChild(head);
    nodes.panel.appendChild(nodes.body);
    nodes.panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') close();
    });
    root.appendChild(nodes.teaser);
    root.appendChild(nodes.panel);
    root.appendChild(nodes.bubble);
    document.body.appendChild(root);
    label();
    var welcome = data.welcome === undefined ? strings().welcome : data.welcome;
    if (welcome && !state.teaserDismissed && !state.open) {
      nodes.teaserText.textContent = welcome;
      nodes.teaser.hidden = false;
    }
  }

  /** Texts and labels in the current language. */
  function label() {
    var text = strings();
    nodes.panel.setAttribute('lang', locale.slice(0, 2));
    nodes.title.textContent = data.title || text.title;
    nodes.bubble.setAttribute('aria-label', state.open ? text.close : text.open);
    nodes.bubble.title = nodes.bubble.getAttribute('aria-label');
    nodes.close.setAttribute('aria-label', text.close);
    nodes.close.title = text.close;
    nodes.restart.setAttribute('aria-label', text.restart);
    nodes.restart.title = text.restart;
    nodes.teaserClose.setAttribute('aria-label', text.dismiss);
  }

  function open() {
    writeState({ open: true });
    nodes.root.classList.add('ttb-open');
    nodes.panel.hidden = false;
    nodes.teaser.hidden = true;
    nodes.bubble.setAttribute('aria-expanded', 'true');
    label();
    loadBundle().then(startChat, function () {
      showNote(strings().loadFailed);
    });
  }

  function close() {
    writeState({ open: false });
    nodes.root.classList.remove('ttb-open');
    nodes.panel.hidden = true;
    nodes.bubble.setAttribute('aria-expanded', 'false');
    label();
    nodes.bubble.focus();
  }

  function showNote(text) {
    nodes.body.innerHTML = '';
    var note = element('p', 'ttb-note', { role: 'status' });
    note.textContent = text;
    nodes.body.appendChild(note);
  }

  function loadBundle() {
    if (window.WebChat) return Promise.resolve();
    if (loading) return loading;
    showNote(strings().loading);
    loading = new Promise(function (resolve, reject) {
      var tag = element('script', '', { src: origin + SETTINGS.bundle, async: '' });
      tag.onload = function () {
        window.WebChat ? resolve() : reject(new Error('no WebChat'));
      };
      tag.onerror = function () {
        loading = null;
        reject(new Error('bundle failed'));
      };
      document.head.appendChild(tag);
    });
    return loading;
  }

  function startChat() {
    if (chat) return focusSendBox();
    var options = { domain: origin + '/v3/directline', webSocket: true, conversationStartProperties: { locale: locale } };
    var resuming = Boolean(state.conversationId && state.token && secondsLeft(state.token) > 30);
    if (resuming) {
      options.conversationId = state.conversationId;
      options.token = state.token;
    } else {
      writeState({ conversationId: null, token: null });
    }
    var directLine = window.WebChat.createDirectLine(options);
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') onActivity(action.payload.activity);
          return next(action);
        };
      };
    });
    var wasOnline = false;
    var status = directLine.connectionStatus$.subscribe(function (value) {
      // 2 Online, 3 ExpiredToken, 4 FailedToConnect, 5 Ended.
      if (value === 2) {
        wasOnline = true;
        saveToken();
      } else if (autoRestarts >= 5) {
        // Something is wrong on the server's side: leave Web Chat's own "cannot connect" notice in view.
      } else if (value === 3 || ((value === 4 || value === 5) && resuming && !wasOnline)) {
        // The stored conversation has expired on the server, or the token did (a computer that slept for an
        // hour): a new conversation rather than a chat that no longer answers.
        autoRestarts += 1;
        setTimeout(restart, 0);
      } else if (value === 4 && !wasOnline) {
        // The server could not start a conversation (restarting, Redis away for a moment): try again shortly.
        autoRestarts += 1;
        setTimeout(restart, 3000 * autoRestarts);
      }
    });
    var timer = setInterval(saveToken, 30000);
    chat = { directLine: directLine, store: store, status: status, timer: timer };
    nodes.body.innerHTML = '';
    render();
    focusSendBox();
    flushPending();
  }

  function saveToken() {
    if (chat && chat.directLine.conversationId && chat.directLine.token) {
      writeState({ conversationId: chat.directLine.conversationId, token: chat.directLine.token, locale: locale });
    }
  }

  /** The bot said something in another language (the user switched): the UI strings follow. */
  function onActivity(activity) {
    saveToken();
    if (!activity || !activity.from || activity.from.role !== 'bot' || !activity.locale) return;
    var next = pickLocale(activity.locale);
    if (next === locale) return;
    locale = next;
    writeState({ locale: locale });
    label();
    setTimeout(render, 0);
  }

  function render() {
    var avatar = data.avatar ? new URL(data.avatar, location.href).href : undefined;
    window.WebChat.renderWebChat(
      {
        directLine: chat.directLine,
        store: chat.store,
        locale: locale,
        styleOptions: {
          accent: color,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
          fontSizeSmall: '80%',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: color,
          bubbleFromUserTextColor: '#fff',
          bubbleMinHeight: 36,
          botAvatarImage: avatar,
          botAvatarInitials: avatar ? undefined : 'TT',
          hideUploadButton: true,
          sendBoxHeight: 48,
          suggestedActionLayout: 'flow',
          suggestedActionHeight: 'auto',
          suggestedActionBorderRadius: 18,
          suggestedActionTextColor: color,
          suggestedActionBorderColor: color,
          transcriptVisualKeyboardIndicatorColor: color,
        },
      },
      nodes.body,
    );
  }

  function focusSendBox() {
    // On touch screens focusing would pop the keyboard over the answer; there the user taps the box.
    if (window.matchMedia && matchMedia('(pointer: coarse)').matches) return;
    setTimeout(function () {
      var input = nodes.body.querySelector('[data-id="webchat-sendbox-input"]');
      if (input) input.focus();
    }, 50);
  }

  /** A new conversation: for a shared computer, or when the stored one has ended on the server. */
  function restart() {
    if (chat) {
      chat.status.unsubscribe();
      clearInterval(chat.timer);
      chat.directLine.end();
      chat = null;
    }
    writeState({ conversationId: null, token: null });
    var body = element('div', 'ttb-body');
    nodes.panel.replaceChild(body, nodes.body);
    nodes.body = body;
    if (state.open) loadBundle().then(startChat);
  }

  function ask(text) {
    pending.push(text);
    if (!state.open) open();
    else flushPending();
  }

  function flushPending() {
    if (!chat) return;
    while (pending.length > 0) chat.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: pending.shift() } });
  }

  /** Elements with data-ttb-ask="question" on the page ask it when clicked (the demo page's examples). */
  function wireExamples() {
    document.addEventListener('click', function (event) {
      var target = event.target.closest && event.target.closest('[data-ttb-ask]');
      if (target) ask(target.getAttribute('data-ttb-ask'));
    });
  }

  function init() {
    build();
    wireExamples();
    if (state.open) open();
    window.addEventListener('pagehide', saveToken);
  }

  window.ThuTucBot = { open: open, close: close, ask: ask };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
