import { z } from 'zod';
import { IsoDate, Text } from './common.js';
import { Cookies } from './cookies.js';
import { Organisation } from './organisation.js';
import { AutomatedDecision, DataCategory, ProcessorActivity, Purpose, Subject } from './processing.js';
import { Recipient } from './recipients.js';
import { RetentionRule } from './retention.js';
import { Changes, Children, Complaints, Rights, Security } from './rights.js';

export const NoticeMeta = z
  .object({
    title: Text.default('Privacy notice'),
    url: z.string().optional(),
    language: z.string().default('en-GB'),
    last_updated: IsoDate.optional(),
    introduction: Text.optional(),
    statements: z.array(Text).optional().describe('Other statements the notice makes, kept verbatim so the checks can read them.'),
    sections: z.array(z.object({ title: Text, body: Text }).strict()).optional().describe('Extra sections rendered at the end.'),
  })
  .strict();

export const DataResidency = z
  .object({
    default: Text,
    options: z.array(Text).optional(),
  })
  .strict();

/** The whole declaration: what an organisation processes, why, on what basis, for how long and with whom. */
export const Declaration = z
  .object({
    $schema: z.string().optional(),
    pledge: z.literal(1).describe('Declaration format version.'),
    include: z.array(z.string()).optional().describe('Other YAML files (relative paths) whose lists are added to this one.'),
    organisation: Organisation,
    notice: NoticeMeta.default({ title: 'Privacy notice', language: 'en-GB' }),
    subjects: z.array(Subject).default([]),
    data_categories: z.array(DataCategory).default([]),
    purposes: z.array(Purpose).default([]),
    processor_activities: z.array(ProcessorActivity).default([]),
    recipients: z.array(Recipient).default([]),
    retention: z.array(RetentionRule).default([]),
    cookies: Cookies.optional(),
    automated_decisions: z.array(AutomatedDecision).default([]),
    data_residency: DataResidency.optional(),
    security: Security.optional(),
    children: Children.optional(),
    rights: Rights.optional(),
    complaints: Complaints.optional(),
    changes: Changes.optional(),
  })
  .strict()
  .describe('A Pledge declaration: the single reviewed statement of an organisation\'s processing of personal data.');

export type Declaration = z.infer<typeof Declaration>;
export type DeclarationInput = z.input<typeof Declaration>;
