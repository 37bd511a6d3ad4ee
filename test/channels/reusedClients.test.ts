import { ConfigurationServiceClientCredentialFactory, createBotFrameworkAuthenticationFromConfiguration, type Activity } from 'botbuilder';
import { reuseClients } from '../../bot/channels/botFramework/reusedClients';

describe('Bot Framework clients reused across turns', () => {
  const authentication = () => reuseClients(createBotFrameworkAuthenticationFromConfiguration(null, new ConfigurationServiceClientCredentialFactory({})));
  const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'emulator' }) as Activity;

  it('one connector client per service URL, and one user token client, whatever the number of turns', async () => {
    const auth = authentication();
    const clients = [];
    for (const url of ['http://127.0.0.1:1', 'http://127.0.0.1:1', 'http://127.0.0.1:2']) {
      const result = await auth.authenticateRequest(activity(url), '');
      clients.push(await result.connectorFactory!.create(url, result.audience));
    }
    expect(clients[0]).toBe(clients[1]);
    expect(clients[2]).not.toBe(clients[0]);
    expect((clients[2] as unknown as { baseUri?: string }).baseUri ?? 'http://127.0.0.1:2').toContain('127.0.0.1:2');
    const result = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    expect(await auth.createUserTokenClient(result.claimsIdentity)).toBe(await auth.createUserTokenClient(result.claimsIdentity));
    expect(await auth.createConnectorFactory(result.claimsIdentity).create('http://127.0.0.1:1', result.audience)).toBe(clients[0]);
  });

  it('still refuses what botbuilder refuses', async () => {
    const auth = reuseClients(createBotFrameworkAuthenticationFromConfiguration(null, new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' })));
    await expect(auth.authenticateRequest(activity('http://127.0.0.1:1'), '')).rejects.toThrow();
  });
});
