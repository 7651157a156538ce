export { SCAFFOLD_USES, scaffoldDeclaration, type ScaffoldAnswers, type ScaffoldUse } from './scaffold-declaration.js';
