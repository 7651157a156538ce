import type { Rule } from '../rule.js';
import { accessFee } from './access-fee.js';
import { automatedDecisionInfo } from './automated-decision-info.js';
import { childrenConsentAge } from './children-consent-age.js';
import { complaintsHandling } from './complaints-handling.js';
import { consentByUse } from './consent-by-use.js';
import { consentPreTicked } from './consent-pre-ticked.js';
import { consentWithdrawalRoute } from './consent-withdrawal-route.js';
import { controllerIdentity } from './controller-identity.js';
import { cookieCategoryMismatch } from './cookie-category-mismatch.js';
import { cookieClaimMismatch } from './cookie-claim-mismatch.js';
import { cookieConsent } from './cookie-consent.js';
import { cookieExemptionInvalid } from './cookie-exemption-invalid.js';
import { cookieStatisticsOptOut } from './cookie-statistics-opt-out.js';
import { criminalOffenceCondition } from './criminal-offence-condition.js';
import { dataCategoryUnused } from './data-category-unused.js';
import { dpoContact } from './dpo-contact.js';
import { duplicateId } from './duplicate-id.js';
import { euSccsWithoutAddendum } from './eu-sccs-without-addendum.js';
import { extensionPeriod } from './extension-period.js';
import { icoComplaintRoute } from './ico-complaint-route.js';
import { icoRegistration } from './ico-registration.js';
import { jointControllerArrangement } from './joint-controller-arrangement.js';
import { legalObligationNamed } from './legal-obligation-named.js';
import { legitimateInterestAssessment } from './legitimate-interest-assessment.js';
import { legitimateInterestStated } from './legitimate-interest-stated.js';
import { marketingObjectionRoute } from './marketing-objection-route.js';
import { placeholderValue } from './placeholder-value.js';
import { processorActivityContract } from './processor-activity-contract.js';
import { processorContract } from './processor-contract.js';
import { purposeLawfulBasis } from './purpose-lawful-basis.js';
import { recipientUnused } from './recipient-unused.js';
import { recognisedInterestCondition } from './recognised-interest-condition.js';
import { referenceUnknown } from './reference-unknown.js';
import { requirementStated } from './requirement-stated.js';
import { responsePeriod } from './response-period.js';
import { retentionMissing } from './retention-missing.js';
import { retentionPeriodFormat } from './retention-period-format.js';
import { retentionPeriodOrCriteria } from './retention-period-or-criteria.js';
import { rightsListed } from './rights-listed.js';
import { schedule1Condition } from './schedule-1-condition.js';
import { securityMeasures } from './security-measures.js';
import { sourceStated } from './source-stated.js';
import { specialCategoryCondition } from './special-category-condition.js';
import { subjectUnused } from './subject-unused.js';
import { transferSafeguard } from './transfer-safeguard.js';
import { transferSafeguardCopy } from './transfer-safeguard-copy.js';
import { usTransferDpf } from './us-transfer-dpf.js';
import { cookieThirdPartyRecipient } from './cookie-third-party-recipient.js';
import { recipientLocation } from './recipient-location.js';

/** Every rule, in the order `pledge explain --list` shows them: file format, organisation, purposes, recipients and transfers, retention, rights, cookies, housekeeping. */
export const rules: readonly Rule[] = [
  referenceUnknown,
  duplicateId,
  placeholderValue,
  controllerIdentity,
  icoRegistration,
  dpoContact,
  purposeLawfulBasis,
  legitimateInterestStated,
  legitimateInterestAssessment,
  recognisedInterestCondition,
  legalObligationNamed,
  consentWithdrawalRoute,
  consentByUse,
  consentPreTicked,
  childrenConsentAge,
  specialCategoryCondition,
  schedule1Condition,
  criminalOffenceCondition,
  requirementStated,
  sourceStated,
  marketingObjectionRoute,
  jointControllerArrangement,
  automatedDecisionInfo,
  processorContract,
  processorActivityContract,
  recipientUnused,
  recipientLocation,
  transferSafeguard,
  usTransferDpf,
  euSccsWithoutAddendum,
  transferSafeguardCopy,
  retentionMissing,
  retentionPeriodFormat,
  retentionPeriodOrCriteria,
  rightsListed,
  accessFee,
  responsePeriod,
  extensionPeriod,
  icoComplaintRoute,
  complaintsHandling,
  cookieConsent,
  cookieStatisticsOptOut,
  cookieCategoryMismatch,
  cookieExemptionInvalid,
  cookieClaimMismatch,
  cookieThirdPartyRecipient,
  securityMeasures,
  dataCategoryUnused,
  subjectUnused,
];
