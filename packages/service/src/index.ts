export { createLogger, type Logger } from './log';
export { createOpsServer, createRegistry, listen, type HealthCheck, type RouteHandler } from './http';
export { onShutdown } from './shutdown';
export { default as promClient } from 'prom-client';
