import { describe, expect, it } from 'vitest';
import { PledgeError } from '../errors/pledge-error.js';
import { checkPasswordPolicy } from './check-password-policy.js';

const problems = (pw: string, about = {}) => {
  try {
    checkPasswordPolicy(pw, about);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(PledgeError);
    return ((e as PledgeError).details as { problems: string[] }).problems;
  }
};

describe('password rules (NCSC, OWASP ASVS 2.1)', () => {
  it('accepts long passphrases of any characters, without composition rules', () => {
    expect(problems('correct horse battery staple')).toEqual([]);
    expect(problems('ünïcödé pässwörd 🦊')).toEqual([]);
    expect(problems('alllowercaseletters')).toEqual([]);
  });

  it('refuses short, well-known, trivial and self-referential passwords, saying why', () => {
    expect(problems('Tr0ub4dor&3')[0]).toContain('11 characters; use at least 12');
    expect(problems('Password1234')[0]).toContain('well-known');
    expect(problems('aaaaaaaaaaaaaaaa')[0]).toContain('well-known');
    expect(problems('123456789012')[0]).toContain('well-known');
    expect(problems('jane.doe-is-great', { email: 'jane.doe@example.com' })[0]).toContain('email');
    expect(problems('I am Dee Poe the great', { name: 'Dee Poe' })[0]).toContain('name');
    expect(problems('x'.repeat(300)).join()).toContain('at most 256');
    // Length counts characters, not UTF-16 units.
    expect(problems('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊')[0]).toContain('11 characters');
  });
});
