import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths that belong to the API, never to the single-page app. */
const API_PREFIXES = ['/graphql', '/health', '/ready', '/metrics', '/api', '/agent'];

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the portal build when it exists: static files, and `index.html` for any other GET
 * that asks for HTML (client-side routes). Returns null when there is no build.
 */
export function portalStaticMiddleware(distDir: string) {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const serveStatic = express.static(distDir, { index: false, fallthrough: true, maxAge: '1h' });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isApiPath(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    serveStatic(req, res, (error?: unknown) => {
      if (error) return next(error);
      // A missing file (anything with an extension) is a 404, not the app shell.
      if (!req.accepts('html') || /\.[A-Za-z0-9]+$/.test(req.path)) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(indexFile);
    });
  };
}
