/**
 * Thrown by a handler (or the queue) when retrying cannot help, e.g. a payload that does not validate:
 * the job goes straight to `failed` with this message instead of using up its retries.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
