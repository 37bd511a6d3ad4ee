import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
  type Activity,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type restify from 'restify';
import type { Runtime } from '../../app';
import { tagActivity } from '../../correlation';
import { refusedBecause } from '../../refusal';
import { SendFailure } from '../../sendFailure';
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
  const cloud = new TimedCloudAdapter(reuseClients(authentication(runtime)), config.channelQueues.sendTimeoutMs);
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

/**
 * CloudAdapter with a bound on each send to the channel's connector (CHANNEL_SEND_TIMEOUT_MS): botbuilder sets
 * none, so a connector that never answers held the turn, its conversation and the webhook's request for good.
 * A send given up is a failed send (logged and counted as a timeout; the turn's state is kept); it is not tried
 * again, and a connector that took it late may still show it.
 */
class TimedCloudAdapter extends CloudAdapter {
  constructor(
    auth: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly timeoutMs: number,
  ) {
    super(auth);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new SendFailure('timeout', `the Bot Framework connector did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([super.sendActivities(context, activities), late]);
    } finally {
      clearTimeout(timer);
    }
  }
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
