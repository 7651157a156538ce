import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service-deps.js';
import { declarationRoutes } from './declaration-routes.js';
import { privacyRoutes } from './privacy-routes.js';

export { publishDeclaration, type PublishInput, type PublishResult } from './publish-declaration.js';
export { loadDeclarationFromFiles } from './load-declaration-from-files.js';
export { readDeclarationFiles, type DeclarationFiles } from './read-declaration-files.js';
export { currentVersion, versionByNumber, listVersions, type VersionSummary } from './read-declaration-versions.js';
export type { DeclarationVersion } from './declaration-version.js';
export { findingDetail, type FindingDetail } from './finding-detail.js';

/** The declarations capability's routes: the staff API and the public privacy pages. */
export async function declarationsRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await declarationRoutes(app, deps);
  await privacyRoutes(app, deps);
}
