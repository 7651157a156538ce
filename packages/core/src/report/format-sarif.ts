import type { Finding } from '../declaration/finding.js';
import type { Rule } from '../lint/rule.js';

export interface SarifOptions {
  /** The rules that ran, so the log documents each one. */
  rules: readonly Rule[];
  toolVersion: string;
}

const level = (s: Finding['severity']) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/**
 * A SARIF 2.1.0 log (OASIS standard) for code scanning in CI. Findings raised while loading
 * (syntax, schema) appear as results of rules named after their ids.
 */
export function formatSarif(findings: readonly Finding[], options: SarifOptions): string {
  const ruleIds = [...options.rules.map((r) => r.id)];
  for (const f of findings) if (!ruleIds.includes(f.ruleId)) ruleIds.push(f.ruleId);
  const byId = new Map(options.rules.map((r) => [r.id, r]));
  const descriptors = ruleIds.map((id) => {
    const r = byId.get(id);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r?.title ?? `Declaration is readable and valid (${id})` },
      fullDescription: { text: r?.description ?? 'The declaration must be valid YAML that matches the Pledge declaration schema.' },
      defaultConfiguration: { level: level(r?.severity ?? 'error') },
      help: { text: r ? `${r.description}\nCitation: ${r.citation}` : 'Fix the declaration so it loads.' },
      properties: { citation: r?.citation ?? 'Pledge declaration format', tags: ['privacy', 'uk-gdpr'] },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pledge',
            version: options.toolVersion,
            rules: descriptors,
          },
        },
        columnKind: 'unicodeCodePoints',
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: level(f.severity),
          message: { text: f.message },
          locations: f.location
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: f.location.file.replace(/\\/g, '/') },
                    region: {
                      startLine: f.location.line,
                      startColumn: f.location.column,
                      endLine: f.location.endLine,
                      endColumn: Math.max(f.location.endColumn, f.location.column),
                      snippet: { text: f.location.lineText },
                    },
                  },
                },
              ]
            : [],
          properties: { path: f.path.filter((p) => typeof p === 'number' || !p.startsWith('\u0002')).join('.'), citation: f.citation },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
