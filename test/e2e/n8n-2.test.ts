// Real n8n 2.33.5. Run with `npm run test:e2e`.
import { n8nSuite } from './harness';

n8nSuite('2.33.5');
