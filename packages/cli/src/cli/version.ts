/** The release of this command line; matches packages/cli/package.json. */
export const VERSION = '0.1.0';
