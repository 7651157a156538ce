import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bankHolidaysByRule } from '@pledge/core';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('explains a bad date, a bad number and a bad region, exit 2', async () => {
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
  });

  it('beyond the shipped years, computes the holidays by rule and says so (provisional)', async () => {
    const r = await run('2028-11-30');
    expect(r.status).toBe(0);
    expect(r.err).toBe('');
    // Sat 30 Dec 2028, Sun 31 Dec, Mon 1 Jan 2029 (New Year's Day by rule) -> Tue 2 Jan 2029.
    expect(r.first).toBe('2029-01-02');
    expect(r.out).toContain('Mon 1 Jan 2029 is a bank holiday: New Year\'s Day -> next working day Tue 2 Jan 2029');
    expect(r.out).toContain('  England and Wales bank holidays for 2029 are computed by rule (provisional: a one-off holiday proclaimed later is not known)');
    expect(r.out).toContain('`pledge due --holidays FILE`');
    expect(JSON.parse((await run('2028-11-30', '--json')).out).holidayYearsByRule).toEqual([2029]);
  });

  describe('--holidays FILE (GOV.UK bank-holidays.json)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pledge-due-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };
    const events = (list: readonly { date: string; name: string }[]) => list.map((h) => ({ title: h.name, date: h.date, notes: '', bunting: true }));

    it('a one-off holiday on the computed due date moves it to the next working day, and the note goes', async () => {
      const oneOff = [...bankHolidaysByRule('england-and-wales', 2029), { date: '2029-01-02', name: 'Extra bank holiday' }];
      const file = write('one-off.json', { 'england-and-wales': { division: 'england-and-wales', events: events(oneOff) } });
      const r = await run('2028-11-30', '--holidays', file);
      expect(r.status).toBe(0);
      expect(r.first).toBe('2029-01-03');
      expect(r.out).toContain('Tue 2 Jan 2029 is a bank holiday: Extra bank holiday -> next working day Wed 3 Jan 2029');
      expect(r.out).not.toContain('computed by rule');
      // The file's England and Wales list does not change Scotland's (computed) dates.
      expect((await run('2028-11-30', '--holidays', file, '--region', 'scotland')).first).toBe('2029-01-03');
      expect((await run('2028-11-30', '--holidays', file, '--region', 'scotland')).out).toContain('Scotland bank holidays for 2029 are computed by rule');
    });

    it('a bad or missing file is exit 2 naming the file, the place in it and the fix', async () => {
      const bad = write('bad.json', { 'england-and-wales': { events: [{ title: 'New Year', date: '2029-13-01' }] } });
      const r = await run('2028-11-30', '--holidays', bad);
      expect(r.status).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`--holidays: ${bad}, at england-and-wales.events[0].date: 2029-13-01 is not a date: there is no month 13. Download the file again from https://www.gov.uk/bank-holidays.json, or correct that entry.`);
      const missing = await run('2028-11-30', '--holidays', join(dir, 'nope.json'));
      expect(missing.status).toBe(2);
      expect(missing.err).toContain(`--holidays: cannot read ${join(dir, 'nope.json')} (no such file). Give the path of a file downloaded from https://www.gov.uk/bank-holidays.json.`);
      expect((await run('2028-11-30', '--holidays', dir)).err).toContain(`--holidays: cannot read ${dir} (it is a folder, not a file).`);
    });
  });

  it('documents every flag in its help', async () => {
    const r = await run('--help');
    expect(r.status).toBe(0);
    for (const flag of ['--region', '--holidays', '--extended', '--paused-days', '--fixed-28-days', '--identity-received', '--json']) expect(r.out).toContain(flag);
  });
});
