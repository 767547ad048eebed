import { createHmac } from 'node:crypto';
import { signingKeyOf } from './secret.ts';

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com/): the HMAC-SHA256 of
 * `id.timestamp.body` under the secret, in base64, sent as `v1,<signature>`. Receivers can use
 * the convention's libraries, and refuse a message whose timestamp is too far from their clock,
 * which a replayed one soon is.
 */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', signingKeyOf(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

export function signedHeaders(secret: string, id: string, now: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}
