export { formatText, type TextReportOptions } from './format-text.js';
export { formatJson } from './format-json.js';
export { formatSarif, type SarifOptions } from './format-sarif.js';
export { summariseFindings, type FindingSummary } from './summarise-findings.js';
