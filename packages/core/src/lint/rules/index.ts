import type { Rule } from '../rule.js';
import { duplicateId } from './duplicate-id.js';
import { placeholderValue } from './placeholder-value.js';
import { referenceUnknown } from './reference-unknown.js';

/** Every rule, in the order `pledge explain --list` shows them. */
export const rules: readonly Rule[] = [referenceUnknown, duplicateId, placeholderValue];
