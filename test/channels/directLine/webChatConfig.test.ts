import { readConfig } from '../../../bot/config';

describe('web chat configuration', () => {
  it('needs nothing: random token secret, same origin and localhost, one day of history, 30 posts a minute', () => {
    expect(readConfig({}).webChat).toEqual({ directLineSecret: '', allowedOrigins: [], historyTtlSeconds: 86_400, postsPerMinute: 30 });
  });

  it('reads DIRECTLINE_SECRET, WEBCHAT_ALLOWED_ORIGINS (normalised origins), the history TTL and the post limit', () => {
    const config = readConfig({
      DIRECTLINE_SECRET: 's'.repeat(40),
      WEBCHAT_ALLOWED_ORIGINS: ' https://xa-vinhloc.thanhhoa.gov.vn , http://LOCALHOST:8080/ ',
      DIRECTLINE_HISTORY_TTL_SECONDS: '3600',
      DIRECTLINE_POSTS_PER_MINUTE: '10',
    });
    expect(config.webChat).toEqual({
      directLineSecret: 's'.repeat(40),
      allowedOrigins: ['https://xa-vinhloc.thanhhoa.gov.vn', 'http://localhost:8080'],
      historyTtlSeconds: 3600,
      postsPerMinute: 10,
    });
    expect(readConfig({ WEBCHAT_ALLOWED_ORIGINS: 'https://a.example,*' }).webChat.allowedOrigins).toEqual(['*']);
  });

  it.each([
    [{ DIRECTLINE_SECRET: 'short' }, 'DIRECTLINE_SECRET: is 5 characters; use at least 32 random ones'],
    [{ WEBCHAT_ALLOWED_ORIGINS: 'xa-vinhloc.gov.vn' }, 'WEBCHAT_ALLOWED_ORIGINS: "xa-vinhloc.gov.vn" is not an origin'],
    [{ WEBCHAT_ALLOWED_ORIGINS: 'https://a.example/chat' }, 'WEBCHAT_ALLOWED_ORIGINS: "https://a.example/chat" is not an origin'],
    [{ DIRECTLINE_POSTS_PER_MINUTE: '0' }, 'DIRECTLINE_POSTS_PER_MINUTE: 0 is outside 1..100000'],
  ])('refuses %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
