import type { createBotFrameworkAuthenticationFromConfiguration } from 'botbuilder';

type Authentication = ReturnType<typeof createBotFrameworkAuthenticationFromConfiguration>;
type Factory = NonNullable<Awaited<ReturnType<Authentication['authenticateRequest']>>['connectorFactory']>;
type Identity = Parameters<Authentication['createUserTokenClient']>[0];
type Client<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** Distinct clients kept (service URLs × audiences × app ids): a handful in practice. */
const MAX_CLIENTS = 100;

/**
 * CloudAdapter builds a new connector client (an HTTP pipeline with its policies and credentials) and a new user
 * token client for every turn, which costs more than a short turn of ours. These clients hold no state of a turn,
 * so the same one serves every turn of a service URL, audience and app id (botbuilder's older BotFrameworkAdapter
 * kept them the same way). Everything else goes to botbuilder's own authentication unchanged.
 */
export function reuseClients(inner: Authentication): Authentication {
  const connectors = new Map<string, Promise<unknown>>();
  const tokenClients = new Map<string, Promise<unknown>>();
  const reuse = <T>(cache: Map<string, Promise<unknown>>, key: string, make: () => Promise<T>): Promise<T> => {
    let client = cache.get(key) as Promise<T> | undefined;
    if (!client) {
      if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value as string);
      client = make();
      cache.set(key, client);
      client.catch(() => cache.delete(key));
    }
    return client;
  };
  const wrap = (factory: Factory, appId: string): Factory =>
    Object.assign(Object.create(factory) as Factory, {
      create: (serviceUrl: string, audience?: string) =>
        reuse(connectors, `${appId}|${audience ?? ''}|${serviceUrl}`, () => factory.create(serviceUrl, audience)) as Promise<Client<Factory['create']>>,
    });
  const wrapper = Object.create(inner) as Authentication;
  return Object.assign(wrapper, {
    authenticateRequest: async (...args: Parameters<Authentication['authenticateRequest']>) => {
      const result = await inner.authenticateRequest(...args);
      return result.connectorFactory ? { ...result, connectorFactory: wrap(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
    },
    createConnectorFactory: (identity: Identity) => wrap(inner.createConnectorFactory(identity), appIdOf(identity)),
    createUserTokenClient: (identity: Identity) =>
      reuse(tokenClients, appIdOf(identity), () => inner.createUserTokenClient(identity)) as Promise<Client<Authentication['createUserTokenClient']>>,
  });
}

/** The bot's app id the request was addressed to ('' without authentication). */
function appIdOf(identity: Identity | undefined): string {
  const claims = identity?.claims ?? [];
  return claims.find((claim) => claim.type === 'aud')?.value ?? claims.find((claim) => claim.type === 'appid' || claim.type === 'azp')?.value ?? '';
}
