// vitest globalSetup entry: one real PostgreSQL for the whole run.
export { setup } from './testing';
