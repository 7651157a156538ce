export { fsReader, loadDeclarationFile } from './load-declaration-file.js';
