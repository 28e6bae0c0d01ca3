// zod schemas are the single source of input truth: routers validate with them, forms reuse them.
export * from './ai';
export * from './auth';
export * from './battle';
export * from './character';
export * from './collab';
export * from './leaderboard';
export * from './learning';
export * from './match';
export * from './notification';
export * from './problem';
export * from './social';
export * from './submission';
export * from './user';
