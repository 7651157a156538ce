import type { Permission, Role } from '../auth/permissions.js';

/** Each role as people say it. */
export const ROLE_WORDS: Record<Role, string> = {
  owner: 'Owner',
  privacy_officer: 'Privacy officer',
  agent: 'Agent',
  auditor: 'Auditor',
};

/** What each permission lets a person do, in words (auth/permissions.ts is the source of truth). */
export const PERMISSION_WORDS: Record<Permission, string> = {
  'declaration:read': 'Read the privacy declarations and their published versions',
  'declaration:publish': 'Publish a new version of the privacy declaration (and so of the public notice)',
  'ropa:read': 'Download the record of processing activities (Article 30)',
  'audit:read': 'Read, verify and export the audit trail',
  'jobs:read': 'See the background jobs and their state',
  'mail:read': 'See the mail Pledge has sent or queued',
  'users:read': 'See the staff accounts',
  'users:manage': 'Invite staff, change their roles, and disable accounts',
  'apikeys:manage': 'Create and revoke API keys',
  'account:self': 'Manage your own account: sign in, two-step verification, sign out',
  'rights:read': 'See the rights requests queue, each request and its timeline',
  'rights:work': 'Work on rights requests: assign, note, ask for clarification or proof, extend, tick tasks, reply',
  'rights:approve': 'Approve erasure and refusals of rights requests (a privacy officer\'s decision)',
  'consent:read': 'See consent receipts, the current consent state and the suppression list',
  'consent:write': 'Record consent receipts and suppressions on behalf of the organisation\'s systems',
};
