import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const JET = fileURLToPath(new URL('../../../../../examples/jet-technology/corrected/declaration.yaml', import.meta.url));

/**
 * The corrected Jet Technology declaration (legitimate-interests direct marketing, cookies on consent, statistics and
 * marketing cookie categories) plus a consent-based newsletter and an age rule of 13 for consent, for consent tests.
 */
export function consentTestDeclaration(): string {
  const yaml = readFileSync(JET, 'utf8');
  const newsletter = `  - id: newsletter
    name: Newsletter
    description: A monthly email about our products, sent only if you ask for it.
    subjects: [marketing_contacts]
    data_categories: [name, contact_details]
    lawful_bases:
      - basis: consent
        consent:
          mechanism: opt_in
          withdraw: Use the unsubscribe link in any newsletter, or the preference centre; it is as easy as subscribing.
    requirement:
      type: none
      obligatory: false
      consequence: None; you simply do not receive the newsletter.
    direct_marketing: true
    objection: Use the unsubscribe link in any newsletter.
    recipients: [hubspot]
`;
  const retention = `  - id: newsletter
    name: Newsletter subscribers
    purposes: [newsletter]
    period: 24 months
    from: last_contact
`;
  const withPurpose = yaml.replace(/\nrecipients:\n/, `\n${newsletter}\nrecipients:\n`).replace(/\ncookies:\n/, `\n${retention}\ncookies:\n`);
  return `${withPurpose.trimEnd()}\n\nchildren:\n  directed_at_children: false\n  consent_age: 13\n  parental_consent: A parent confirms by email and we check the reply against the account holder.\n`;
}
