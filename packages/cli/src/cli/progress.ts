/**
 * A one-line progress indicator on standard error for long work. Drawn only on a terminal; elsewhere (CI, pipes)
 * it prints nothing, so output stays clean. `update` is throttled to about ten redraws a second.
 */
export function progress(label: string, isTTY: boolean, write: (s: string) => void): { update(done: number, total?: number): void; done(): void } {
  let last = 0;
  return {
    update(done, total) {
      if (!isTTY) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      if (total) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
      } else write(`\r${label} ${done}`);
    },
    /** Clears the progress line. */
    done() {
      if (isTTY) write('\r\u001b[2K');
    },
  };
}
