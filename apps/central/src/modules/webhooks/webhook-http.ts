import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { WebhookTargetRefusedError, type WebhookTargets } from './webhook-target.js';

export type WebhookPost = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
};

/**
 * POSTs one delivery and resolves with the status code; redirects are not followed (a 3xx is
 * the answer). The connection goes only to an address the targets rule accepts, checked on
 * the address actually connected to.
 */
export function postWebhook(targets: WebhookTargets, post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    const refusal = targets.refusalFor(host);
    if (refusal) return Promise.reject(new WebhookTargetRefusedError(refusal));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
        lookup: targets.checkedLookup,
      },
      (response) => {
        clearTimeout(timer);
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${post.timeoutMs} ms`)),
      post.timeoutMs,
    );
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(post.body);
  });
}
