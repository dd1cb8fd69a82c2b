// What the data plane serves requests with: the request pipeline over the local ALB's live state, the
// health checker it and the API's health answers read, and the demo backends of the demo server groups.
import type { EmulatorState } from '../state.js';
import { startDemoBackends, type DemoBackends } from './demo-backends.js';
import { HealthChecker } from './health.js';
import { createPipeline } from './pipeline.js';
import type { RequestHandler } from './request-context.js';

export interface ServingOptions {
  /** Where the servers' health is to be told (the API's `GetListenerHealthStatus`). */
  useHealthSource: (checker: HealthChecker | undefined) => void;
  /** A line for each demo backend that could not start (its port taken). */
  log?: (line: string) => void;
  /** Changes whenever the state does (lets the pipeline index rules and servers once per change). */
  revision?: () => number;
}

/** The request handler for the data plane: pipeline, health checks and demo backends, closed together. */
export function servingHandler(state: EmulatorState, options: ServingOptions): RequestHandler {
  const health = new HealthChecker({ state: () => state });
  options.useHealthSource(health);
  let demo: DemoBackends | undefined;
  let closed = false;
  const backendsStarted = startDemoBackends(state).then(
    (started) => {
      demo = started;
      if (closed) return started.close();
      for (const { server, reason } of started.failed)
        options.log?.(`demo backend ${server.serverId}:${server.port} not started: ${reason}`);
      health.start();
      return undefined;
    },
    (error: unknown) => options.log?.(`demo backends not started: ${(error as Error).message}`),
  );
  const pipeline = createPipeline({
    state: () => state,
    health,
    ...(options.revision ? { revision: options.revision } : {}),
  });
  return {
    handle: (req, res, context) => pipeline.handle(req, res, context),
    async close() {
      closed = true;
      pipeline.close();
      health.close();
      options.useHealthSource(undefined);
      await backendsStarted;
      await demo?.close();
    },
  };
}
