import { TurnContext } from 'botbuilder';
import { DirectLineTokens } from '../../../bot/channels/directLine/tokens';
import { waitFor } from '../../helpers/http';
import {
  type BotServer,
  botTexts,
  call,
  openStream,
  poll,
  pollUntilBotSays,
  refusedStatus,
  say,
  startBotServer,
  startConversation,
  TEST_SECRET,
} from '../../helpers/directLine';

const QUESTION = 'đăng ký kết hôn cần giấy tờ gì';

/** The conversation reference a notification keeps: taken from a bot reply, turned round to face the user. */
function referenceFrom(botReply: Record<string, any>) {
  const reference = TurnContext.getConversationReference(botReply);
  return { ...reference, user: botReply.recipient, bot: botReply.from };
}

describe('Direct Line 3.0 protocol', () => {
  let app: BotServer;
  beforeAll(async () => {
    app = await startBotServer({ DIRECTLINE_POSTS_PER_MINUTE: '6' });
  });
  afterAll(() => app.close());

  it('starts a conversation: 201 with id, token, expiry and an absolute streamUrl; the bot welcomes', async () => {
    const answer = await call(app.base, 'POST', '/conversations', { body: { locale: 'vi-VN' } });
    expect(answer.status).toBe(201);
    const { conversationId, token, expires_in, streamUrl } = answer.body as Record<string, string>;
    expect(conversationId).toMatch(/^[\w-]{16,}$/);
    expect(token.split('.')).toHaveLength(3);
    expect(expires_in).toBe(1800);
    expect(streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?watermark=0&t=`));
    const seen = await pollUntilBotSays(app.base, { conversationId, token }, 1);
    expect(botTexts(seen.activities).join('\n')).toMatch(/Xin chào/);
    expect(seen.activities.every((activity) => activity.type === 'message')).toBe(true);
  });

  it('a token from /tokens/generate starts its own conversation (201), and a second start with it answers 200', async () => {
    const generated = await call(app.base, 'POST', '/tokens/generate', { token: TEST_SECRET, body: { user: { id: 'citizen-7' } } });
    expect(generated.status).toBe(200);
    expect(generated.body).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    const { conversationId, token } = generated.body as Record<string, string>;
    const first = await call(app.base, 'POST', '/conversations', { token });
    expect(first.status).toBe(201);
    expect(first.body.conversationId).toBe(conversationId);
    const again = await call(app.base, 'POST', '/conversations', { token });
    expect(again.status).toBe(200);
    const seen = await pollUntilBotSays(app.base, { conversationId, token }, 1);
    expect(seen.activities[0].recipient.id).toBe('dl_citizen-7');
  });

  it('answers a post at once with the id, echoes it with clientActivityID and role user, then the bot answers', async () => {
    const conversation = await startConversation(app.base);
    const welcome = await pollUntilBotSays(app.base, conversation, 1);
    const started = Date.now();
    const posted = await say(app.base, conversation, QUESTION, { channelData: { clientActivityID: 'client-42' } });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toBe(`${conversation.conversationId}|${String(Number(welcome.watermark)).padStart(7, '0')}`);
    const after = await pollUntilBotSays(app.base, conversation, 1, welcome.watermark);
    expect(Date.now() - started).toBeLessThan(5000);
    const [echo, ...replies] = after.activities;
    expect(echo).toMatchObject({ id: posted.body.id, text: QUESTION, from: { role: 'user' }, channelData: { clientActivityID: 'client-42' } });
    expect(echo.from.id).toMatch(/^dl_/);
    expect(replies[0]).toMatchObject({ from: { role: 'bot' }, replyToId: posted.body.id, conversation: { id: conversation.conversationId } });
    expect(replies[0].timestamp).toEqual(expect.any(String));
    expect(botTexts(replies).join('\n')).toMatch(/kết hôn/i);
    expect(Number(after.watermark)).toBe(Number(welcome.watermark) + after.activities.length);
    // Polling again from the last watermark returns nothing new.
    const empty = await poll(app.base, conversation, after.watermark);
    expect(empty.body).toEqual({ activities: [], watermark: after.watermark });
  });

  it("passes a tapped button's messageBack value { token } to the bot: the tap answers as its button, not its text", async () => {
    const conversation = await startConversation(app.base);
    const welcome = await pollUntilBotSays(app.base, conversation, 1);
    const actions = welcome.activities.flatMap((activity) => activity.suggestedActions?.actions ?? []);
    const officer = actions.find((action) => action.title === 'Gặp cán bộ');
    expect(officer).toMatchObject({ type: 'messageBack', value: { token: expect.stringMatching(/^~/) } });
    // What Web Chat posts for a messageBack tap, with another button's text to show the token decides.
    const tapped = await say(app.base, conversation, 'Nộp trực tuyến', { value: officer.value, channelData: { clientActivityID: 'tap-1', messageBack: { displayText: officer.displayText } } });
    const tapAnswer = await pollUntilBotSays(app.base, conversation, 1, welcome.watermark);
    expect(tapAnswer.activities[0]).toMatchObject({ id: tapped.body.id, value: officer.value, channelData: { messageBack: { displayText: 'Gặp cán bộ' } } });

    const typing = await startConversation(app.base);
    const typingWelcome = await pollUntilBotSays(app.base, typing, 1);
    await say(app.base, typing, 'Gặp cán bộ');
    const typedAnswer = await pollUntilBotSays(app.base, typing, 1, typingWelcome.watermark);
    expect(botTexts(tapAnswer.activities)[0]).toBe(botTexts(typedAnswer.activities)[0]);
  });

  it('delivers a proactive message (a dossier notification) to the conversation, polled or streamed', async () => {
    const conversation = await startConversation(app.base);
    const welcome = await pollUntilBotSays(app.base, conversation, 1);
    const stream = await openStream(conversation.streamUrl.replace('watermark=0', `watermark=${welcome.watermark}`));
    try {
      const reference = { ...referenceFrom(welcome.activities[0]), channelId: 'webchat' };
      await app.app.runtime.proactive(reference, (turn) => {
        turn.reply.say('Hồ sơ của bạn đã có kết quả.');
      });
      const later = await pollUntilBotSays(app.base, conversation, 1, welcome.watermark);
      expect(botTexts(later.activities)).toContain('Hồ sơ của bạn đã có kết quả.');
      expect(await waitFor(() => botTexts(stream.activities()).includes('Hồ sơ của bạn đã có kết quả.'), 5000)).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('a retried post (same clientActivityID) gets the same id and one answer', async () => {
    const conversation = await startConversation(app.base);
    const welcome = await pollUntilBotSays(app.base, conversation, 1);
    const body = { channelData: { clientActivityID: 'retry-1' } };
    const [first, second] = await Promise.all([say(app.base, conversation, 'menu', body), say(app.base, conversation, 'menu', body)]);
    expect(first.body.id).toBe(second.body.id);
    const after = await pollUntilBotSays(app.base, conversation, 1, welcome.watermark);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await poll(app.base, conversation, after.watermark);
    const echoes = [...after.activities, ...later.body.activities].filter((activity) => activity.from.role === 'user');
    expect(echoes).toHaveLength(1);
  });

  it('streams over WebSocket: replays since the watermark on connect, then pushes; empty pings are ignored', async () => {
    const conversation = await startConversation(app.base);
    await pollUntilBotSays(app.base, conversation, 1);
    const stream = await openStream(conversation.streamUrl);
    try {
      expect(await waitFor(() => botTexts(stream.activities()).length >= 1, 5000)).toBe(true);
      expect(stream.frames[0]).toMatchObject({ activities: expect.any(Array), watermark: expect.stringMatching(/^\d+$/) });
      stream.socket.send('');
      await say(app.base, conversation, QUESTION);
      expect(await waitFor(() => botTexts(stream.activities()).some((text) => /kết hôn/i.test(text)), 5000)).toBe(true);
      const ids = stream.activities().map((activity) => activity.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(stream.socket.readyState).toBe(stream.socket.OPEN);
    } finally {
      await stream.close();
    }
  });

  it('reconnect GET gives a fresh token and a streamUrl that replays only what came after the watermark', async () => {
    const conversation = await startConversation(app.base);
    const seen = await pollUntilBotSays(app.base, conversation, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new iat, so a new token string
    const answer = await call(app.base, 'GET', `/conversations/${conversation.conversationId}?watermark=${seen.watermark}`, { token: conversation.token });
    expect(answer.status).toBe(200);
    const fresh = answer.body as Record<string, string>;
    expect(fresh.conversationId).toBe(conversation.conversationId);
    expect(fresh.token).not.toBe(conversation.token);
    expect(fresh.streamUrl).toContain(`watermark=${seen.watermark}`);
    const stream = await openStream(fresh.streamUrl);
    try {
      await say(app.base, { conversationId: fresh.conversationId, token: fresh.token }, 'menu');
      expect(await waitFor(() => botTexts(stream.activities()).length >= 1, 5000)).toBe(true);
      expect(stream.activities()[0].text).toBe('menu'); // the echo first: nothing from before the watermark
    } finally {
      await stream.close();
    }
  });

  it('refreshes a token; an expired token is refused with 403 everywhere, polls included (never 401)', async () => {
    const conversation = await startConversation(app.base);
    const refreshed = await call(app.base, 'POST', '/tokens/refresh', { token: conversation.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ conversationId: conversation.conversationId, expires_in: 1800 });
    expect((await poll(app.base, { ...conversation, token: refreshed.body.token as string })).status).toBe(200);

    const claims = JSON.parse(Buffer.from(conversation.token.split('.')[1], 'base64url').toString()) as { user: string };
    const past = new DirectLineTokens(TEST_SECRET, 1800, () => Date.now() - 3600_000);
    const expired = past.issue(conversation.conversationId, claims.user).token;
    const stale = { conversationId: conversation.conversationId, token: expired };
    const answers = [
      await poll(app.base, stale),
      await say(app.base, stale, 'menu'),
      await call(app.base, 'POST', '/tokens/refresh', { token: expired }),
      await call(app.base, 'GET', `/conversations/${conversation.conversationId}`, { token: expired }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
    expect(answers[0].body).toEqual({ error: { code: 'TokenExpired', message: expect.any(String) } });
    const url = new URL(conversation.streamUrl);
    url.searchParams.set('t', expired);
    expect(await refusedStatus(url.toString())).toBe(403);
  });

  it("never lets a token read or write another conversation (403), nor a forged or foreign-signed one", async () => {
    const mine = await startConversation(app.base);
    const theirs = await startConversation(app.base);
    const crossed = { conversationId: theirs.conversationId, token: mine.token };
    const forged = new DirectLineTokens('another-secret-that-is-long-enough-1234567890').issue(theirs.conversationId, 'dl_x').token;
    for (const token of [mine.token, forged, `${theirs.token.slice(0, -2)}xx`]) {
      const target = { conversationId: theirs.conversationId, token };
      const statuses = [
        (await poll(app.base, target)).status,
        (await say(app.base, target, 'menu')).status,
        (await call(app.base, 'GET', `/conversations/${theirs.conversationId}`, { token })).status,
      ];
      expect(statuses).toEqual([403, 403, 403]);
    }
    const url = new URL(theirs.streamUrl);
    url.searchParams.set('t', crossed.token);
    expect(await refusedStatus(url.toString())).toBe(403);
    const theirHistory = await pollUntilBotSays(app.base, theirs, 1);
    expect(theirHistory.activities.some((activity) => activity.text === 'menu')).toBe(false);
  });

  it('limits posts per conversation with 429 and Retry-After, while its polls stay 200', async () => {
    const conversation = await startConversation(app.base);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await say(app.base, conversation, `câu ${i}`)).status);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const limited = await say(app.base, conversation, 'nữa');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toEqual({ error: { code: 'TooManyRequests', message: expect.any(String) } });
    expect((await poll(app.base, conversation)).status).toBe(200);
    // A fresh token for the same conversation does not reset the count.
    const refreshed = await call(app.base, 'POST', '/tokens/refresh', { token: conversation.token });
    expect((await say(app.base, { ...conversation, token: refreshed.body.token as string }, 'lại')).status).toBe(429);
  });

  it('answers odd polls with 200 and an empty set, never 4xx other than 403/404, never 5xx', async () => {
    const conversation = await startConversation(app.base);
    for (const watermark of ['abc', '-1', '99999', '1e9', '']) {
      const answer = await poll(app.base, conversation, watermark);
      expect(answer.status).toBe(200);
      expect(Array.isArray(answer.body.activities)).toBe(true);
    }
    expect((await call(app.base, 'GET', `/conversations/${conversation.conversationId}/activities`)).status).toBe(403);
  });

  it('errors are {"error":{"code","message"}}: bad JSON, a bad activity, no token, an unknown conversation', async () => {
    const conversation = await startConversation(app.base);
    const path = `/conversations/${conversation.conversationId}/activities`;
    const answers = [
      await call(app.base, 'POST', path, { token: conversation.token, body: '{"type":' }),
      await call(app.base, 'POST', path, { token: conversation.token, body: { type: 'message', text: 'x'.repeat(5000) } }),
      await call(app.base, 'POST', path, { token: conversation.token, body: { type: 'message', attachments: [{ contentType: 'image/png' }] } }),
      await call(app.base, 'POST', path, { body: { type: 'message', text: 'hi' } }),
      await call(app.base, 'GET', '/conversations/unknown-conversation/activities', { token: TEST_SECRET }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 401, 404]);
    for (const answer of answers) expect(answer.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('CORS: allows localhost pages with the headers directlinejs sends (X-Requested-With too); refuses other origins', async () => {
    const preflight = await call(app.base, 'OPTIONS', '/conversations', {
      headers: {
        Origin: 'http://localhost:8080',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-ms-bot-agent,x-requested-with',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with']) expect(allowed).toContain(header);
    const evil = await call(app.base, 'OPTIONS', '/conversations', { headers: { Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const evilStart = await call(app.base, 'POST', '/conversations', { body: {}, headers: { Origin: 'https://evil.example' } });
    expect(evilStart.status).toBe(403);
    const conversation = await startConversation(app.base);
    expect(await refusedStatus(conversation.streamUrl, { Origin: 'https://evil.example' })).toBe(403);
    const stream = await openStream(conversation.streamUrl, { Origin: 'http://127.0.0.1:3000' });
    await stream.close();
  });
});

describe('Direct Line with WEBCHAT_ALLOWED_ORIGINS', () => {
  let app: BotServer;
  beforeAll(async () => {
    app = await startBotServer({ WEBCHAT_ALLOWED_ORIGINS: 'https://xa-vinhloc.example.vn' });
  });
  afterAll(() => app.close());

  it('allows the listed origin and the server itself, no longer localhost', async () => {
    const start = (origin: string) => call(app.base, 'POST', '/conversations', { body: {}, headers: { Origin: origin } });
    const listed = await start('https://xa-vinhloc.example.vn');
    expect(listed.status).toBe(201);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://xa-vinhloc.example.vn');
    expect((await start(app.base)).status).toBe(201);
    expect((await start('http://localhost:8080')).status).toBe(403);
  });
});
