export { type AppOptions, buildApp, type RouteDeps } from './app.ts';
export { describeConfig, readConfig, type ServerConfig } from './config.ts';
export { startServer } from './start-server.ts';
