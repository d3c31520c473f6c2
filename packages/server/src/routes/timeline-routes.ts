import type { RouteDeps, ZodApp } from '../app.ts';
import { registerEncounterRoutes } from './encounter-routes.ts';
import { registerInsightRoutes } from './insight-routes.ts';
import { registerMessageRoutes } from './message-routes.ts';
import { registerOutcomeRoutes } from './outcome-routes.ts';
import { registerReflectionRoutes } from './reflection-routes.ts';
import { registerReminderRoutes } from './reminder-routes.ts';

/** What happens after meeting someone: encounters and their asks, messages, reminders, insights. */
export function registerTimelineRoutes(app: ZodApp, deps: RouteDeps): void {
  registerEncounterRoutes(app, deps);
  registerOutcomeRoutes(app, deps);
  registerReflectionRoutes(app, deps);
  registerMessageRoutes(app, deps);
  registerReminderRoutes(app, deps);
  registerInsightRoutes(app, deps);
}
