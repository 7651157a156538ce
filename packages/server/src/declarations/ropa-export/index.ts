export { neutraliseFormula, ropaToCsv, type RopaCsvOptions } from './ropa-to-csv.js';
export { ropaToXlsx, type RopaXlsxOptions } from './ropa-to-xlsx.js';
export { normaliseZipDates } from './normalise-zip-dates.js';
