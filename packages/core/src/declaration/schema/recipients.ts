import { z } from 'zod';
import { Id, IsoDate, Location, Text } from './common.js';

export const Safeguard = z
  .object({
    mechanism: z
      .enum(['adequacy', 'dpf_uk_extension', 'idta', 'uk_addendum', 'eu_sccs', 'bcr', 'derogation'])
      .describe('adequacy: UK adequacy regulations; dpf_uk_extension: US recipient certified to the DPF UK Extension; idta: ICO International Data Transfer Agreement; uk_addendum: UK Addendum to the EU SCCs; eu_sccs: EU SCCs alone (not valid for UK transfers since 21 Mar 2024); bcr: binding corporate rules; derogation: Art 49.'),
    reference: Text.optional().describe('Where the signed safeguard or certification is kept.'),
    copy: Text.optional().describe('How a person gets a copy of the safeguard (Art 13(1)(f)).'),
    risk_assessment: Text.optional().describe('Transfer risk assessment reference.'),
    derogation: Text.optional().describe('For derogation: which Art 49(1) ground.'),
  })
  .strict();

export const Recipient = z
  .object({
    id: Id,
    name: Text,
    kind: z
      .enum(['processor', 'controller', 'joint_controller', 'group_company', 'public_authority', 'professional_adviser', 'other'])
      .describe('processor: acts on our instructions (Art 28); controller: uses data for its own purposes.'),
    category: z.boolean().optional().describe('True when this is a category of recipients ("law enforcement") rather than a named organisation.'),
    service: Text.optional().describe('What it does for us: "Cloud hosting", "Payment processing".'),
    locations: z.array(Location).optional().describe('Where it processes the data.'),
    contract: Text.optional().describe('Reference to the contract; required for processors (Art 28(3)).'),
    dpf_certified: z.boolean().optional().describe('For US recipients: certified to the EU-US DPF and its UK Extension.'),
    safeguard: Safeguard.optional(),
    since: IsoDate.optional(),
    notes: Text.optional(),
  })
  .strict();

export type Safeguard = z.infer<typeof Safeguard>;
export type Recipient = z.infer<typeof Recipient>;
