export { exportAccount, exportPeopleVcf } from './account-export.ts';
export { type AppOptions, buildApp, type RouteDeps } from './app.ts';
export { describeConfig, readConfig, type ServerConfig } from './config.ts';
export { importPeopleFromVcf } from './import-people.ts';
export { type QrTarget, qrMatrix, renderQr } from './render-qr.ts';
export { startServer } from './start-server.ts';
