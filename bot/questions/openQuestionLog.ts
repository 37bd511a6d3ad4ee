import type { Config } from '../config';
import type { RedisConnection } from '../storage/redisConnection';
import { FileQuestionLog } from './fileQuestionLog';
import type { QuestionLog } from './questionLog';
import { RedisQuestionLog } from './redisQuestionLog';

/**
 * The question log: a Redis stream every instance shares when there is Redis, the local file otherwise. Only the
 * bot prunes the file; a reader (kb:gaps) passes `prune: false`.
 */
export function openQuestionLog(config: Config, connection: Pick<RedisConnection, 'client'> | null, options: { prune?: boolean } = {}): QuestionLog {
  const { days, file } = config.questionLog;
  return connection ? new RedisQuestionLog(connection.client, `${config.redisPrefix}questions`, days) : new FileQuestionLog(file, days, options);
}
