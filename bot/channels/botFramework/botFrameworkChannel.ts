import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import type restify from 'restify';
import type { Runtime } from '../../app';
import { tagActivity } from '../../correlation';
import { refusedBecause } from '../../refusal';
import type { ChannelModule } from '../channelModule';
import { validateActivity } from '../validateActivity';
import { isLoopbackUrl } from './loopback';
import { reuseClients } from './reusedClients';

/**
 * The Bot Framework channel: POST /api/messages through botbuilder's CloudAdapter (the Emulator, Azure Bot
 * Service channels). Every activity is validated first (400 with the reason). With MicrosoftAppId set, requests
 * are authenticated by the adapter as Bot Framework requires. Without it the route is for local development only:
 * it answers only activities whose serviceUrl is a loopback address (the Emulator), and refuses any other with 401
 * before a turn runs, so nobody who reaches the port can make the server connect where they choose.
 */
export function createBotFrameworkChannel(runtime: Runtime): ChannelModule {
  const { config, logger } = runtime;
  const cloud = new CloudAdapter(reuseClients(authentication(runtime)));
  // Every Bot Framework channel (Emulator, Teams...) and any channel no other module claims.
  const adapter = runtime.attach(cloud, {
    channels: ['*'],
    continueConversation: (reference, logic) => cloud.continueConversationAsync(config.microsoftApp.id, reference, logic),
  });
  const authenticated = config.microsoftApp.id !== '';
  const handler = async (req: restify.Request, res: restify.Response) => {
    const checked = validateActivity(req.body);
    if (!checked.ok) {
      logger.warn({ reqId: req.id(), reason: checked.reason }, 'Bot Framework activity refused');
      refusedBecause(res, 'invalid_activity');
      res.json(400, { error: checked.reason });
      return;
    }
    if (!authenticated && !isLoopbackUrl(checked.activity.serviceUrl ?? '')) {
      logger.warn({ reqId: req.id(), serviceUrl: checked.activity.serviceUrl }, 'no MicrosoftAppId: refused an activity whose serviceUrl is not a loopback address');
      refusedBecause(res, 'service_url_not_loopback');
      res.json(401, { error: 'without MicrosoftAppId, only activities from a local Emulator (loopback serviceUrl) are answered' });
      return;
    }
    tagActivity(checked.activity, req.id());
    req.body = checked.activity;
    await adapter.process(req, res, runtime.logic);
  };
  return {
    name: 'botFramework',
    routes: [{ method: 'post', path: '/api/messages', handler }],
    health: () => ({ authenticated }),
    close: async () => undefined,
  };
}

function authentication(runtime: Runtime) {
  const app = runtime.config.microsoftApp;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: app.id,
    MicrosoftAppPassword: app.password,
    MicrosoftAppType: app.type,
    MicrosoftAppTenantId: app.tenantId,
  });
  return createBotFrameworkAuthenticationFromConfiguration(null, credentials);
}
