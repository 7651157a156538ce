import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceModule } from '../serve/service-module.js';
import { publishDeclaration } from './publish-declaration.js';
import { readDeclarationFiles } from './read-declaration-files.js';

/**
 * Publishes the configured declaration (PLEDGE_DECLARATION / --declaration) at start when it differs from the
 * current version. It runs in `init`, before the web process listens, so the notice is there from the first
 * request. Several processes starting together are safe: publishing takes a lock, and the later ones find
 * "no changes". A declaration that cannot be published stops the start with the reasons.
 */
export const declarationsModule: ServiceModule = {
  name: 'declarations',
  async init(deps) {
    const path = deps.config.declaration;
    if (!path) return;
    const { files, entry } = readDeclarationFiles(path);
    try {
      const { version, warnings } = await publishDeclaration(deps, { files, entry, actor: { type: 'system', id: 'startup' }, note: `Published at start from ${path}` });
      deps.logger.info({ version: version.version, material: version.material, summary: version.summary, warnings: warnings.length }, `declaration ${path} published as version ${version.version}`);
    } catch (e) {
      if (e instanceof PledgeError && e.code === 'conflict') {
        deps.logger.info({ version: (e.details as { version: number }).version }, `declaration ${path} is unchanged: version ${(e.details as { version: number }).version} stays current`);
        return;
      }
      if (e instanceof PledgeError && e.code === 'unprocessable') {
        const findings = (e.details as { findings: { at: string | null; message: string }[] }).findings;
        throw new PledgeError('unprocessable', `Cannot publish the declaration ${path} at start. ${e.message}\n${findings.map((f) => `  ${f.at ?? path}: ${f.message}`).join('\n')}`, e.details);
      }
      throw e;
    }
  },
};
