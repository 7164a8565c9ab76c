// OvoWpp's emulation lives in ./ovowpp/ (one file per job); this path is what the server imports.
export { createOvoWpp } from './ovowpp/index.mjs';
