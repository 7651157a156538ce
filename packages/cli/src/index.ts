export { fsReader, loadDeclarationFile } from './load-declaration-file.js';
export { neutraliseFormula, ropaToCsv, ropaToXlsx, type RopaCsvOptions, type RopaXlsxOptions } from './ropa/index.js';
