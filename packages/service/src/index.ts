export { default as promClient } from 'prom-client';
export { createOpsServer, createRegistry, type HealthCheck, listen, type RouteHandler } from './http';
export { createLogger, type Logger } from './log';
export { onShutdown } from './shutdown';
