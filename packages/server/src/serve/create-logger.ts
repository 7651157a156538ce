import pino, { type Logger } from 'pino';

/**
 * The service logger. Secrets and personal data never reach the logs: credentials, cookies and request bodies are
 * redacted or never logged, and request logs carry the route, status and request id only.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pledge' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.email', 'databaseUrl', 'smtpUrl', 'encryptionKeys', 'sessionSecret'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched', id: req.id }),
      },
    },
    destination,
  );
}
