import { z } from 'zod';
import { ContactPoint, Id, Location, Text } from './common.js';

export const Representative = ContactPoint.extend({
  for: z.enum(['uk', 'eu']).describe('uk: the UK representative of a non-UK controller (UK GDPR Art 27); eu: the EU representative (EU GDPR Art 27).'),
}).strict();

export const OtherController = z
  .object({
    id: Id,
    legal_name: Text,
    country: Location.optional(),
    company_number: z.string().optional(),
    contact: ContactPoint.optional(),
    relationship: z.enum(['joint_controller', 'group_company']).describe('joint_controller: determines purposes and means with us (Art 26); group_company: another entity of the same group that is also "we" in the notice.'),
    arrangement: Text.optional().describe('For joint controllers: where the essence of the Art 26 arrangement is available.'),
  })
  .strict();

export const Organisation = z
  .object({
    legal_name: Text.describe('The controller\'s registered legal name (Art 13(1)(a)).'),
    trading_names: z.array(Text).optional(),
    company_number: z.string().optional(),
    registered_in: z.string().optional().describe('e.g. "England and Wales", "Scotland", "Delaware, USA".'),
    address: Text.optional().describe('Registered or postal address (Art 13(1)(a)).'),
    contact: ContactPoint.optional().describe('How people contact the organisation about their data (Art 13(1)(a)).'),
    ico_registration: z.string().optional().describe('Number on the ICO register of fee payers (e.g. ZA123456).'),
    dpo: ContactPoint.optional().describe('Data protection officer, where one is appointed (Art 13(1)(b), Arts 37-39).'),
    privacy_contact: ContactPoint.optional().describe('A privacy lead who is not a statutory DPO.'),
    representatives: z.array(Representative).optional(),
    other_controllers: z.array(OtherController).optional().describe('Joint controllers and group companies that share the notice.'),
    region: z.enum(['england-and-wales', 'scotland', 'northern-ireland']).default('england-and-wales').describe('Whose public holidays count when deadlines are computed.'),
  })
  .strict();

export type Organisation = z.infer<typeof Organisation>;
