import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { testIo } from '../cli/test-io.js';

const run = async (...argv: string[]) => {
  const io = testIo();
  const status = await runCli(['due', ...argv], io);
  return { status, out: io.out, err: io.err, first: io.out.split('\n')[0] };
};

describe('pledge due', () => {
  it('prints the ISO due date first on its line, then how it was reached', async () => {
    const r = await run('2026-01-31');
    expect(r.status).toBe(0);
    expect(r.first).toBe('2026-03-02');
    expect(r.out).toContain('  Received Sat 31 Jan 2026 (day 0)');
    expect(r.out).toContain('Sat 28 Feb 2026 is a Saturday; Sun 1 Mar 2026 is a Sunday -> next working day Mon 2 Mar 2026');
    expect(r.out).toContain('2026-03-02T23:59:59.999Z');
  });

  it('takes the region, extension, paused days, the 28-day method and identity proof', async () => {
    expect((await run('2026-10-30', '--region', 'scotland')).first).toBe('2026-12-01');
    expect((await run('2026-06-13', '-r', 'northern-ireland')).first).toBe('2026-07-14');
    expect((await run('2028-01-31', '--extended')).first).toBe('2028-05-02');
    expect((await run('2026-02-10', '--paused-days', '7')).first).toBe('2026-03-17');
    expect((await run('2026-01-01', '--fixed-28-days')).first).toBe('2026-01-29');
    expect((await run('2026-01-05', '--identity-received', '2026-01-12')).first).toBe('2026-02-12');
  });

  it('prints JSON with --json', async () => {
    const r = await run('2026-11-25', '--json');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ status: 'due', dueDate: '2026-12-29', applied: 'statutory', extensionNoticeDeadline: '2026-12-29' });
    expect(json.steps.length).toBeGreaterThan(2);
  });

  it('explains a bad date, a bad number and a year with no holiday data, exit 2', async () => {
    const bad = await run('2026-02-30');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('pledge due: 2026-02-30 is not a date: February 2026 has 28 days');
    const badId = await run('2026-01-05', '--identity-received', '12/01/2026');
    expect(badId.status).toBe(2);
    expect(badId.err).toContain('"12/01/2026" is not a date in the form YYYY-MM-DD');
    const n = await run('2026-01-05', '--paused-days', 'seven');
    expect(n.status).toBe(2);
    expect(n.err).toContain('--paused-days must be a whole number of days');
    const region = await run('2026-01-05', '--region', 'wales');
    expect(region.status).toBe(2);
    expect(region.err).toContain('--region must be one of: england-and-wales, scotland, northern-ireland');
    const year = await run('2028-12-15');
    expect(year.status).toBe(2);
    expect(year.err).toContain('No bank holidays loaded for 2029');
    expect(year.out).toBe('');
  });

  it('documents every flag in its help', async () => {
    const r = await run('--help');
    expect(r.status).toBe(0);
    for (const flag of ['--region', '--extended', '--paused-days', '--fixed-28-days', '--identity-received', '--json']) expect(r.out).toContain(flag);
  });
});
