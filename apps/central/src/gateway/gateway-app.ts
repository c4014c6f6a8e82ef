import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { excerpt } from '@printbeat/payload';
import type { Logger } from 'pino';
import { z } from 'zod';
import { oncePerBurst } from '../platform/logging/once-per-burst.js';
import { requestContext } from '../platform/logging/request-context.js';
import { requestLoggingMiddleware } from '../platform/logging/request-logging.middleware.js';
import type { MetricsService } from '../platform/metrics/metrics.service.js';
import { AgentsService, etagOf } from '../modules/agents/agents.service.js';
import { CommandsService } from '../modules/commands/commands.service.js';
import {
  enrollRequestSchema,
  renewRequestSchema,
} from '../modules/enrollment/enrollment.inputs.js';
import { EnrollmentService } from '../modules/enrollment/enrollment.service.js';
import { ReleasesService, updateReportSchema } from '../modules/releases/releases.service.js';
import { UploadsService } from '../modules/uploads/uploads.service.js';
import { AgentAuthenticator } from './agent-authenticator.js';
import { AGENT_FACTS_HEADER, parseAgentFacts } from './agent-facts.js';
import { parseByteRange } from './byte-range.js';
import { runAsAgent, type AgentPrincipal } from '../platform/auth/agent-principal.js';
import type { GatewayAuditor } from './gateway-auditor.js';
import { GatewayRefusal, toRefusal } from './gateway.errors.js';
import { RELEASE_PLATFORM_PATTERN } from '@printbeat/domain';

/** Refusal messages may quote input: at most this much of it goes back. */
const MAX_MESSAGE_LENGTH = 400;

export type GatewayAppDependencies = {
  authenticator: AgentAuthenticator;
  enrollment: EnrollmentService;
  uploads: UploadsService;
  commands: CommandsService;
  agents: AgentsService;
  releases: ReleasesService;
  auditor: GatewayAuditor;
  metrics: MetricsService;
  logger: Logger;
  uploadMaxBytes: number;
};

const updateQuerySchema = z.object({
  platform: z.string().regex(RELEASE_PLATFORM_PATTERN),
  version: z.string().min(1).max(60),
});
/** Artifacts go out in slices of this size, each read from the database as it is sent. */
const ARTIFACT_SLICE_BYTES = 1024 * 1024;

const commandResultSchema = z.object({
  status: z.enum(['SUCCEEDED', 'FAILED', 'REFUSED']),
  message: z.string().max(4000).nullish(),
  result: z.record(z.string(), z.unknown()).nullish(),
  finishedAt: z.iso.datetime({ offset: true }).nullish(),
});

/**
 * The agent gateway's HTTP pipeline (docs/agent-protocol.md): request id and child logger,
 * client-certificate authentication before any body is read (except enroll), per-route body
 * limits, the agent's tenant context around each handler, and one JSON error shape.
 */
export function createGatewayApp(deps: GatewayAppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLoggingMiddleware(deps.logger));

  const json = express.json({ limit: '64kb', type: () => true });
  const authenticate: RequestHandler = async (req, res, next) => {
    const agent = await deps.authenticator.authenticate(req);
    res.locals['agent'] = agent;
    requestContext.bind({ tenantId: agent.tenantId, agentId: agent.agentId });
    next();
  };
  const asAgent =
    (
      handler: (agent: AgentPrincipal, req: Request, res: Response) => Promise<void>,
    ): RequestHandler =>
    (req, res) => {
      const agent = res.locals['agent'] as AgentPrincipal;
      return runAsAgent(agent, async () => {
        await recordFacts(agent, req);
        await handler(agent, req, res);
      });
    };
  // Facts are informative: a bad header or a failed write never refuses the call.
  const recordFacts = async (agent: AgentPrincipal, req: Request): Promise<void> => {
    const facts = parseAgentFacts(req.headers[AGENT_FACTS_HEADER]);
    if (!facts) return;
    try {
      await deps.agents.recordFacts(agent, facts);
    } catch (error) {
      (requestContext.tryGet()?.logger ?? deps.logger).warn(
        { err: error },
        'agent facts not recorded',
      );
    }
  };

  const router = express.Router();
  router.post('/enroll', json, async (req, res) => {
    const request = enrollRequestSchema.parse(req.body);
    res.json(await deps.enrollment.enroll(request, deps.authenticator.sourceAddress(req)));
    deps.metrics.enrolled('enrolled');
  });
  router.post(
    '/uploads',
    authenticate,
    // One byte over the limit is enough for unpackUpload to answer TOO_LARGE itself.
    express.raw({ type: () => true, limit: deps.uploadMaxBytes + 1 }),
    asAgent(async (agent, req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers['x-upload-id'];
      const receivedAt = process.hrtime.bigint();
      const ack = await deps.uploads.receive(
        agent,
        body,
        typeof header === 'string' ? header : undefined,
      );
      deps.metrics.uploadAnswered(ack, receivedAt);
      res.json(ack);
    }),
  );
  router.get(
    '/commands',
    authenticate,
    asAgent(async (agent, _req, res) => {
      const commands = await deps.commands.pullForAgent(agent);
      // Read after the pull: covers any consent a delivered command was queued under.
      const configVersion = await deps.agents.currentConfigVersion(agent);
      res.json({ commands, configVersion });
    }),
  );
  router.post(
    '/commands/:id/result',
    authenticate,
    json,
    asAgent(async (agent, req, res) => {
      const report = commandResultSchema.parse(req.body);
      res.json(await deps.commands.reportResult(agent, String(req.params['id']), report));
    }),
  );
  router.get(
    '/config',
    authenticate,
    asAgent(async (agent, req, res) => {
      const answer = await deps.agents.configFor(agent, req.headers['if-none-match']);
      if (answer.status === 304) {
        res.status(304).setHeader('etag', etagOf(answer.version)).end();
        return;
      }
      res.setHeader('etag', etagOf(answer.config.version)).json(answer.config);
    }),
  );
  router.post(
    '/renew',
    authenticate,
    json,
    asAgent(async (agent, req, res) => {
      const { csr } = renewRequestSchema.parse(req.body);
      res.json(await deps.enrollment.renew(agent, csr));
      deps.metrics.enrolled('renewed');
    }),
  );
  router.get(
    '/update',
    authenticate,
    asAgent(async (agent, req, res) => {
      const query = updateQuerySchema.parse(req.query);
      res.json(await deps.releases.updateFor(agent, query));
    }),
  );
  router.post(
    '/update/report',
    authenticate,
    json,
    asAgent(async (agent, req, res) => {
      const report = updateReportSchema.parse(req.body);
      res.json(await deps.releases.recordReport(agent, report));
    }),
  );
  router.get(
    '/releases/:releaseId/artifact',
    authenticate,
    asAgent(async (_agent, req, res) => {
      const id = z.uuid().safeParse(req.params['releaseId']);
      const release = id.success ? await deps.releases.release(id.data) : null;
      if (!release) throw new GatewayRefusal('NOT_FOUND', 'No such release');
      const range = parseByteRange(req.headers.range, release.size);
      if (range === 'unsatisfiable') {
        res.status(416).setHeader('content-range', `bytes */${release.size}`).end();
        return;
      }
      const { start, end } = range ?? { start: 0, end: release.size - 1 };
      res.status(range ? 206 : 200);
      res.setHeader('content-type', 'application/gzip');
      res.setHeader('accept-ranges', 'bytes');
      res.setHeader('content-length', String(end - start + 1));
      if (range) res.setHeader('content-range', `bytes ${start}-${end}/${release.size}`);
      try {
        for (let at = start; at <= end && !res.destroyed; at += ARTIFACT_SLICE_BYTES) {
          const slice = await deps.releases.artifactSlice(
            release.id,
            at,
            Math.min(ARTIFACT_SLICE_BYTES, end - at + 1),
          );
          if (!res.write(slice)) {
            await new Promise((resolve) => {
              res.once('drain', resolve);
              res.once('close', resolve);
            });
          }
        }
        res.end();
      } catch (error) {
        if (!res.headersSent) throw error;
        // The status line is out: the agent sees a cut transfer and resumes it later.
        (requestContext.tryGet()?.logger ?? deps.logger).warn(
          { err: error, releaseId: release.id },
          'release download cut short',
        );
        res.destroy();
      }
    }),
  );
  app.use('/agent/v1', router);
  app.use((_req: Request, _res: Response, next: NextFunction) =>
    next(new GatewayRefusal('NOT_FOUND', 'No such gateway endpoint')),
  );

  const reportOverload = oncePerBurst<{ code: string; log: Logger }>(({ code, log }, suppressed) =>
    log.warn({ code, suppressedSinceLast: suppressed }, 'gateway answering 503: come back later'),
  );
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const refusal = toRefusal(error);
    const context = requestContext.tryGet();
    const requestId = context?.requestId ?? 'unknown';
    const log = context?.logger ?? deps.logger;
    deps.metrics.gatewayRefused(req.originalUrl.split('?')[0] ?? '', refusal.code);
    const respond = () => {
      if (res.headersSent) return;
      for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value);
      // Messages may quote input: never echo more than a bounded excerpt.
      const message = excerpt(refusal.message, MAX_MESSAGE_LENGTH);
      res.status(refusal.status).json({ error: { code: refusal.code, message, requestId } });
    };
    // "Come back later" (database down or frozen, lanes or parsers full): answered at once,
    // counted in metrics and logged once per burst; an audit row per refusal would wait on
    // the very database that is unavailable.
    if (refusal.status === 503) {
      reportOverload({ code: refusal.code, log });
      respond();
      return;
    }
    if (refusal.status >= 500) log.error({ err: error }, 'gateway request failed');
    else log.info({ code: refusal.code, status: refusal.status }, 'gateway refused request');
    const agent = res.locals['agent'] as AgentPrincipal | undefined;
    const sourceAddress = deps.authenticator.sourceAddress(req);
    void deps.auditor
      .refused(
        { status: refusal.status, code: refusal.code, path: req.path, sourceAddress },
        agent,
        refusal.scope,
      )
      .finally(respond);
  });
  return app;
}
