// Real n8n 2.41.3, the newest 2.x that installs from the registry copy here. Run with `npm run test:e2e`.
import { n8nSuite } from './harness';

n8nSuite('2.41.3');
