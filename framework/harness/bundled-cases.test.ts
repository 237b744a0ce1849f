/**
 * The bundled rules (./rules) and their cases (./cases) as vitest tests, with the settings of
 * sigmatest.config.yml: `npx vitest -t portmap` runs the portmap rule's cases.
 */
import { registerSigmaTests } from './register-vitest.js';

await registerSigmaTests();
