export { fsReader, loadDeclarationFile } from './load-declaration-file.js';
// The record-of-processing writers moved to the service package, which serves them over HTTP too.
export { neutraliseFormula, ropaToCsv, ropaToXlsx, type RopaCsvOptions, type RopaXlsxOptions } from '@pledge/server/ropa-export';
