import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/*
 * The correlation id of a message, from the webhook that brought it to the replies it caused: the HTTP request id
 * (x-request-id from a proxy, or restify's own), carried on the activity object itself rather than in an
 * AsyncLocalStorage, which would put a hook on every promise of every turn. A symbol key: it is never
 * serialised with the activity. A channel that queues an event keeps the id in the job and tags the activity
 * again when it runs the turn, so the log lines of the send carry the same id.
 */
const CORRELATION = Symbol('correlationId');

type Tagged = Partial<Activity> & { [CORRELATION]?: string };

/** Marks an activity with the id of the request (or queued event) it came with; returns the id. */
export function tagActivity(activity: Partial<Activity>, id: string = randomUUID()): string {
  (activity as Tagged)[CORRELATION] = id;
  return id;
}

/** The activity's correlation id, if its channel tagged it. */
export function correlationOf(activity: Partial<Activity> | undefined): string | undefined {
  return activity ? (activity as Tagged)[CORRELATION] : undefined;
}
