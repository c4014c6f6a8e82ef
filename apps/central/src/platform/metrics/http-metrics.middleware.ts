import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service.js';

/** Mounted routers (Apollo) have no `req.route`: one label each keeps cardinality bounded. */
const MOUNTED = ['/graphql'];

/**
 * Times every web-port request by method, route and status. The route is the matched route
 * pattern (never the raw path, which would carry ids); anything unmatched (portal files,
 * 404s) shares one label.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? '';
    res.on('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route =
        typeof pattern === 'string'
          ? `${req.baseUrl}${pattern}`
          : (MOUNTED.find((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ?? 'other');
      metrics.httpRequest(
        req.method,
        route,
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
