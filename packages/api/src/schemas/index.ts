// zod schemas are the single source of input truth: routers validate with them, forms reuse them.
export * from './auth';
export * from './problem';
export * from './submission';
export * from './user';
