// ESM entry of wx-cloudbase-service/redis: re-exports the CommonJS source (index.cjs), so there
// is one copy of the code and `import` and `require` share it.
export { redisTokenStore, redisTicketStore, RedisStoreError } from './index.cjs';
