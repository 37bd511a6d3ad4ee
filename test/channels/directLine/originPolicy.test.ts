import { OriginPolicy } from '../../../bot/channels/directLine/originPolicy';

describe('OriginPolicy', () => {
  const host = 'bot.example.vn';

  it('by default allows requests without Origin, the server itself and pages on this machine', () => {
    const policy = new OriginPolicy([]);
    expect(policy.allows(undefined, host)).toBe(true);
    expect(policy.allows('https://bot.example.vn', host)).toBe(true);
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:9000', 'http://app.localhost']) {
      expect(policy.allows(origin, host)).toBe(true);
    }
    for (const origin of ['https://evil.example', 'null', 'file://', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example']) {
      expect(policy.allows(origin, host)).toBe(false);
    }
  });

  it('with a list, allows exactly the listed origins and the server itself', () => {
    const policy = new OriginPolicy(['https://xa-vinhloc.thanhhoa.gov.vn']);
    expect(policy.allows('https://xa-vinhloc.thanhhoa.gov.vn', host)).toBe(true);
    expect(policy.allows('http://xa-vinhloc.thanhhoa.gov.vn', host)).toBe(false);
    expect(policy.allows('https://xa-vinhloc.thanhhoa.gov.vn:8443', host)).toBe(false);
    expect(policy.allows('http://localhost:3000', host)).toBe(false);
    expect(policy.allows('https://bot.example.vn', host)).toBe(true);
  });

  it('"*" allows any page', () => {
    expect(new OriginPolicy(['*']).allows('https://anything.example', host)).toBe(true);
  });
});
