import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Declaration } from '../declaration/schema/declaration.js';
import { nextStatus, RequestTransitionError, REQUEST_STATUSES, ACTION_RULES } from './request-status.js';
import { promiseFromResponsePeriod, requestCanExtend, requestDue, type RequestClockState } from './request-clock.js';
import { recipientsToNotify, tasksFromDeclaration } from './tasks-from-declaration.js';

const jupiter = Declaration.parse(parse(readFileSync(fileURLToPath(new URL('../../../../examples/jupiter-edtech/corrected/declaration.yaml', import.meta.url)), 'utf8')));
const base: RequestClockState = { receivedOn: '2026-01-31', relevantTimeEvents: [], pauses: [], extension: null, waitingFor: null };
const ew = { region: 'england-and-wales' as const };

describe('request statuses', () => {
  it('moves a received request into progress when work starts, and refuses moves the status forbids, saying why', () => {
    expect(nextStatus('unverified', 'verify')).toBe('received');
    expect(nextStatus('received', 'assign')).toBe('in_progress');
    expect(nextStatus('received', 'note')).toBe('received');
    expect(nextStatus('in_progress', 'ask_clarification')).toBe('awaiting_clarification');
    expect(nextStatus('awaiting_clarification', 'clarification_answered')).toBe('in_progress');
    expect(() => nextStatus('completed', 'complete')).toThrow(RequestTransitionError);
    expect(() => nextStatus('unverified', 'assign')).toThrow(/cannot assign the request while the request is unverified/);
    expect(() => nextStatus('refused', 'extend')).toThrow(/only when it is received, in progress/);
  });
  it('waits for authority apart from identity, and closes an unpaid fee as refused only while the fee is awaited', () => {
    expect(nextStatus('in_progress', 'ask_authority')).toBe('awaiting_authority');
    expect(nextStatus('awaiting_authority', 'authority_received')).toBe('in_progress');
    expect(() => nextStatus('awaiting_authority', 'identity_received')).toThrow(/cannot record proof of identity while the request is awaiting authority/);
    expect(nextStatus('awaiting_fee', 'close_fee_unpaid')).toBe('refused');
    expect(() => nextStatus('in_progress', 'close_fee_unpaid')).toThrow(RequestTransitionError);
    const waiting = requestDue({ ...base, waitingFor: 'authority' }, ew);
    expect(waiting).toMatchObject({ status: 'waiting', dueDate: null, steps: [expect.stringContaining('evidence of authority')] });
    expect(requestCanExtend({ ...base, waitingFor: 'authority' }, ew, '2026-02-02')).toMatchObject({ allowed: false, reason: expect.stringContaining('evidence of authority') });
    expect(requestDue({ ...base, relevantTimeEvents: [{ kind: 'authority_received', date: '2026-02-10' }] }, ew)).toMatchObject({ dueDate: '2026-03-10' });
  });
  it('never lets a closed request be reopened by any action but a note or a late Art 19 notification', () => {
    for (const closed of ['completed', 'refused'] as const) {
      for (const [action, rule] of Object.entries(ACTION_RULES)) {
        if (rule.from.includes(closed)) expect(['note', 'notify_recipient']).toContain(action);
      }
    }
    expect(REQUEST_STATUSES).toContain('awaiting_customer');
  });
});

describe('the clock of one request', () => {
  it('reads a shorter promise in days or weeks, and ignores "1 month", longer periods and "TBC"', () => {
    expect(promiseFromResponsePeriod('30 days')).toEqual({ days: 30 });
    expect(promiseFromResponsePeriod('2 weeks')).toEqual({ days: 14 });
    expect(promiseFromResponsePeriod('1 month')).toBeUndefined();
    expect(promiseFromResponsePeriod('2 months')).toBeUndefined();
    expect(promiseFromResponsePeriod('TBC')).toBeUndefined();
    expect(promiseFromResponsePeriod(undefined)).toBeUndefined();
  });
  it('has no due date while identity or a fee is awaited, and runs from its arrival (Art 12(6))', () => {
    const waiting = requestDue({ ...base, waitingFor: 'identity' }, ew);
    expect(waiting).toMatchObject({ status: 'waiting', dueDate: null });
    const moved = requestDue({ ...base, relevantTimeEvents: [{ kind: 'identity_received', date: '2026-02-03' }] }, ew);
    expect(moved).toMatchObject({ status: 'due', dueDate: '2026-03-03', relevantTime: '2026-02-03' });
    expect(requestDue(base, ew)).toMatchObject({ status: 'due', dueDate: '2026-03-02' });
  });
  it('honours a stricter promise and says it applied; a pause moves the date on; extension only within the first month', () => {
    const promised = requestDue(base, { ...ew, promise: { days: 14 } });
    expect(promised).toMatchObject({ applied: 'promise', dueDate: '2026-02-13' });
    const paused = requestDue({ ...base, pauses: [{ askedOn: '2026-02-10', answeredOn: '2026-02-17' }] }, ew);
    expect(paused).toMatchObject({ status: 'due', pausedDays: 7, dueDate: '2026-03-09' });
    expect(requestDue({ ...base, pauses: [{ askedOn: '2026-02-10' }] }, ew)).toMatchObject({ status: 'paused', dueDate: null });
    expect(requestCanExtend(base, ew, '2026-02-20')).toMatchObject({ allowed: true });
    expect(requestCanExtend(base, ew, '2026-03-03')).toMatchObject({ allowed: false });
    expect(requestCanExtend({ ...base, extension: { on: '2026-02-20', reason: 'complex' } }, ew, '2026-02-21')).toMatchObject({ allowed: false, reason: expect.stringContaining('already extended') });
    expect(requestDue({ ...base, extension: { on: '2026-02-20', reason: 'complex' } }, ew)).toMatchObject({ dueDate: '2026-04-30' });
  });
});

describe('tasks and recipients from the declaration', () => {
  it('plans one task per system: our own, then each processor the purposes use, once', () => {
    const tasks = tasksFromDeclaration(jupiter, 'erasure');
    expect(tasks[0]).toMatchObject({ key: 'own-systems', system: expect.stringContaining('JUPITER EDTECH LIMITED') });
    const keys = tasks.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('recipient:aws');
    expect(tasks.every((t) => t.action.startsWith('Delete'))).toBe(true);
  });
  it('plans the customer instruction with the promised period, and the activity\'s subprocessors, in processor mode', () => {
    const tasks = tasksFromDeclaration(jupiter, 'erasure', { processorActivityId: 'learner_data' });
    expect(tasks[0]).toMatchObject({ key: 'customer-instruction', action: expect.stringContaining('within 30 days') });
    expect(tasks.map((t) => t.key)).toEqual(['customer-instruction', 'recipient:aws', 'recipient:cloudflare', 'recipient:resend', 'recipient:anthropic']);
  });
  it('lists recipients to tell of an erasure, rectification or restriction (Art 19), and none for access', () => {
    expect(recipientsToNotify(jupiter, 'erasure').length).toBeGreaterThan(0);
    expect(recipientsToNotify(jupiter, 'access')).toEqual([]);
  });
});
