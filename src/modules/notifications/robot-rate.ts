import type { Redis } from 'ioredis';

/**
 * A sliding one-minute window per robot, in Redis so every worker process shares it: answers 0 and
 * takes a slot when the robot may receive another message now, else the milliseconds until a slot
 * frees. Atomic (one script), so concurrent workers never exceed the limit together.
 */
const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export const ROBOT_RATE_WINDOW_MS = 60_000;

export async function takeRobotSlot(redis: Redis, args: { prefix: string; channelId: string; max: number; member: string; nowMs?: number }): Promise<number> {
  const result = await redis.eval(
    SCRIPT,
    1,
    `${args.prefix}:robot-rate:${args.channelId}`,
    String(args.nowMs ?? Date.now()),
    String(ROBOT_RATE_WINDOW_MS),
    String(args.max),
    args.member,
  );
  return Number(result);
}
