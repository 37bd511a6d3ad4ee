import { MENU_ITEMS } from '../../dialogs/actions';
import { menuToken } from '../../dialogs/buttonMemory';
import { clip } from '../channels/delivery/splitText';
import { GraphApi } from '../channels/messenger/graphApi';
import { GET_STARTED_PAYLOAD } from '../channels/messenger/messengerEvents';
import { ZaloApi } from '../channels/zalo/zaloApi';
import { ConfigError, loadDotEnv, readConfig } from '../config';
import { createI18n } from '../i18n';
import type { Locale } from '../knowledge/types';

const USAGE = [
  'usage: npm run channel:setup -- zalo-token CODE [CODE_VERIFIER]',
  '         exchanges the code of the OA admin\'s consent for the first ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN',
  '         (needs ZALO_APP_ID and ZALO_APP_SECRET)',
  '       npm run channel:setup -- messenger-profile',
  '         sets the Page\'s "Get Started" button, greeting and persistent menu (needs the MESSENGER_* variables)',
].join('\n');

type Print = (line: string) => void;

/** One-time steps of connecting a province's OA and Page (see the README, "Connecting Zalo OA and Messenger"). */
export async function runChannelSetup(args: readonly string[], env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'zalo-token' && rest[0]) return zaloToken(rest[0], rest[1], env, print);
  if (command === 'messenger-profile') return messengerProfile(env, print);
  print(USAGE);
  return 2;
}

async function zaloToken(code: string, verifier: string | undefined, env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  const appId = env.ZALO_APP_ID?.trim();
  const appSecret = env.ZALO_APP_SECRET?.trim();
  if (!appId || !appSecret) {
    print('Set ZALO_APP_ID and ZALO_APP_SECRET first (developers.zalo.me → your app → Settings).');
    return 1;
  }
  const oauthBase = env.ZALO_OAUTH_BASE?.trim() || 'https://oauth.zaloapp.com';
  const api = new ZaloApi({ apiBase: '', oauthBase, appId, appSecret });
  const pair = await api.exchangeCode(code, verifier);
  print(`ZALO_ACCESS_TOKEN=${pair.accessToken}`);
  print(`ZALO_REFRESH_TOKEN=${pair.refreshToken}`);
  print(`# valid ${Math.round(pair.expiresInSeconds / 3600)} h; the bot refreshes it from then on. Put both lines in .env (or the environment) and restart.`);
  return 0;
}

async function messengerProfile(env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  const config = readConfig(env).messenger;
  if (!config) {
    print('Set MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN and MESSENGER_PAGE_TOKEN first.');
    return 1;
  }
  const i18n = createI18n('vi');
  const [vi, en]: Locale[] = ['vi', 'en'];
  // The main menu's tokens never go stale, so the persistent menu works at any time, like the menu in the chat.
  const menu = (locale: Locale) =>
    MENU_ITEMS.map((item) => ({ type: 'postback', title: clip(i18n.t(locale, `menu.${item}`), 30), payload: menuToken(item) }));
  await new GraphApi(config).setProfile({
    get_started: { payload: GET_STARTED_PAYLOAD },
    greeting: [
      { locale: 'default', text: clip(i18n.t(vi, 'welcome.greeting'), 160) },
      { locale: 'en_US', text: clip(i18n.t(en, 'welcome.greeting'), 160) },
    ],
    persistent_menu: [
      { locale: 'default', composer_input_disabled: false, call_to_actions: menu(vi) },
      { locale: 'en_US', composer_input_disabled: false, call_to_actions: menu(en) },
    ],
  });
  print('Messenger profile set: "Get Started" button, greeting and persistent menu (Vietnamese by default, English for en_US).');
  return 0;
}

if (require.main === module) {
  loadDotEnv();
  runChannelSetup(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? 'Configuration error: ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
