// zod schemas are the single source of input truth: routers validate with them, forms reuse them.
export * from './auth';
export * from './user';
