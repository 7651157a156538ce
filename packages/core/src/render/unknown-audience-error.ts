/** Thrown when a notice is asked for a subject group the declaration does not declare. */
export class UnknownAudienceError extends Error {
  readonly code = 'unknown-audience';

  constructor(
    readonly audience: string,
    readonly known: readonly string[],
  ) {
    super(
      known.length
        ? `Unknown audience "${audience}". The declaration's subject groups are: ${known.join(', ')}.`
        : `Unknown audience "${audience}". The declaration declares no subject groups; add them under "subjects".`,
    );
    this.name = 'UnknownAudienceError';
  }
}
