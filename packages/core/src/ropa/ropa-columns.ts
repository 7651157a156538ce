/**
 * The columns of the record of processing activities (UK GDPR Art 30), named and ordered as in the ICO's
 * documentation template (UK-RULES.md section 4), so the export can be pasted into, or compared with, it.
 */

/** Controller record (Art 30(1)): one row per purpose. */
export const ROPA_CONTROLLER_COLUMNS = [
  { key: 'businessFunction', header: 'Business function' },
  { key: 'purpose', header: 'Purpose of processing' },
  { key: 'jointController', header: 'Name and contact details of joint controller (if applicable)' },
  { key: 'individuals', header: 'Categories of individuals' },
  { key: 'personalData', header: 'Categories of personal data' },
  { key: 'recipients', header: 'Categories of recipients' },
  { key: 'processorContract', header: 'Link to contract with processor' },
  { key: 'thirdCountries', header: 'Names of third countries or international organisations that personal data are transferred to (if applicable)' },
  { key: 'transferSafeguards', header: 'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)' },
  { key: 'retention', header: 'Retention schedule (if possible)' },
  { key: 'security', header: 'General description of technical and organisational security measures (if possible)' },
  { key: 'lawfulBasis', header: 'Article 6 lawful basis for processing personal data' },
  { key: 'art9Condition', header: 'Article 9 basis for processing special category data' },
  { key: 'legitimateInterests', header: 'Legitimate interests for the processing (if applicable)' },
  { key: 'liaLink', header: 'Link to record of legitimate interests assessment (if applicable)' },
  { key: 'rights', header: 'Rights available to individuals' },
  { key: 'automatedDecisions', header: 'Existence of automated decision-making, including profiling (if applicable)' },
  { key: 'source', header: 'The source of the personal data (if applicable)' },
  { key: 'consentRecord', header: 'Link to record of consent' },
  { key: 'location', header: 'Location of personal data' },
  { key: 'dpiaRequired', header: 'Data Protection Impact Assessment required?' },
  { key: 'dpiaProgress', header: 'DPIA progress' },
  { key: 'dpiaLink', header: 'Link to DPIA' },
  { key: 'breach', header: 'Personal data breach?' },
  { key: 'breachLink', header: 'Link to record of personal data breach' },
  { key: 'schedule1Condition', header: 'Data Protection Act 2018 Schedule 1 condition for processing' },
  { key: 'retentionPolicyLink', header: 'Link to retention and erasure policy document' },
  { key: 'retainedPerPolicy', header: 'Is personal data retained and erased in accordance with the policy document?' },
  { key: 'reasonsIfNot', header: 'Reasons for not adhering to policy document (if applicable)' },
] as const;

/** Processor record (Art 30(2)): one row per processor activity. */
export const ROPA_PROCESSOR_COLUMNS = [
  { key: 'activity', header: 'Processing activity' },
  { key: 'processor', header: 'Name and contact details of processor' },
  { key: 'controllers', header: 'Name and contact details of controller' },
  { key: 'representative', header: 'Name and contact details of processor\u2019s representative (if applicable)' },
  { key: 'dpo', header: 'Name and contact details of data protection officer (if applicable)' },
  { key: 'categoriesOfProcessing', header: 'Categories of processing carried out on behalf of the controller' },
  { key: 'individuals', header: 'Categories of individuals' },
  { key: 'personalData', header: 'Categories of personal data' },
  { key: 'subprocessors', header: 'Sub-processors' },
  { key: 'thirdCountries', header: 'Names of third countries or international organisations that personal data are transferred to (if applicable)' },
  { key: 'transferSafeguards', header: 'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)' },
  { key: 'contract', header: 'Link to contract with controller' },
  { key: 'deletion', header: 'Deletion or return on the controller\u2019s instruction' },
  { key: 'security', header: 'General description of technical and organisational security measures (if possible)' },
] as const;

export type RopaControllerColumnKey = (typeof ROPA_CONTROLLER_COLUMNS)[number]['key'];
export type RopaProcessorColumnKey = (typeof ROPA_PROCESSOR_COLUMNS)[number]['key'];

/** A column of the record: the key of the cell in a row, and the heading shown for it. */
export interface RopaColumn<K extends string = string> {
  readonly key: K;
  readonly header: string;
}
