// ./redis (the Redis token and ticket stores), from both consumers: its import and require()
// entries resolve to declarations that check with skipLibCheck off, and name both stores.
// test-types.sh adds this file only when the package has ./redis.
import { redisTicketStore, redisTokenStore } from 'wx-cloudbase-service/redis';

export const stores: [Function, Function] = [redisTokenStore, redisTicketStore];
