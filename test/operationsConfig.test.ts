import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ConfigError, readConfig } from '../bot/config';

describe('operations configuration (#14)', () => {
  it('runs one process per core with Redis and one without, unless WORKERS says otherwise', () => {
    expect(readConfig({}).workers).toBe(1);
    expect(readConfig({ WORKERS: 'auto' }).workers).toBe(1);
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(availableParallelism());
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379', WORKERS: '3' }).workers).toBe(3);
    expect(readConfig({ WORKERS: '1' }).workers).toBe(1);
  });

  it.each([
    [{ WORKERS: '2' }, 'WORKERS: 2 processes need REDIS_URL: without Redis each would keep its own state'],
    [{ WORKERS: 'many', REDIS_URL: 'redis://h' }, 'WORKERS: "many" is not a whole number'],
    [{ QUESTION_LOG_DAYS: '0' }, 'QUESTION_LOG_DAYS: 0 is outside 1..3650'],
    [{ REDIS_URL: 'redis+sentinel://10.0.0.5:26379' }, 'needs the primary\'s name after the hosts'],
  ])('refuses %p', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('reads a Sentinel group as REDIS_URL, and where the question log goes', () => {
    const config = readConfig({ REDIS_URL: 'redis+sentinel://:pw@10.0.0.5,10.0.0.6:26380/ttb/1', QUESTION_LOG_FILE: 'logs/q.jsonl', QUESTION_LOG_DAYS: '30' });
    expect(config.redisUrl).toBe('redis+sentinel://:pw@10.0.0.5,10.0.0.6:26380/ttb/1');
    expect(config.questionLog).toEqual({ file: path.resolve('logs/q.jsonl'), days: 30 });
    expect(readConfig({}).questionLog).toEqual({ file: path.resolve('data/questions.jsonl'), days: 90 });
  });
});
