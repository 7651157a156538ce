export { buildRopa } from './build-ropa.js';
export { ROPA_CONTROLLER_COLUMNS, ROPA_PROCESSOR_COLUMNS, type RopaColumn, type RopaControllerColumnKey, type RopaProcessorColumnKey } from './ropa-columns.js';
export type { Ropa, RopaControllerHeader, RopaControllerRow, RopaProcessorHeader, RopaProcessorRow } from './ropa.js';
