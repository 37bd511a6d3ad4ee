import type restify from 'restify';
import type { PushApi } from './dossiers/pushApi';
import type { Route } from './server';

/** POST /api/dossiers when a push token is configured; no route otherwise (404, nothing to guess at). */
export function dossierRoutes(push: PushApi | null): Route[] {
  if (!push) return [];
  return [
    {
      method: 'post',
      path: '/api/dossiers',
      async handler(req: restify.Request, res: restify.Response) {
        const reply = await push.handle(req.header('authorization') || undefined, req.body);
        for (const [name, value] of Object.entries(reply.headers ?? {})) res.header(name, value);
        res.json(reply.status, reply.body);
      },
    },
  ];
}
