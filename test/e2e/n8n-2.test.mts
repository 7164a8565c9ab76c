// Real n8n 2.33.5 (installable, not in CI: 2.41.x covers the 2.x line there). Run with `npm run test:e2e`.
import { n8nSuite } from './harness';

n8nSuite('2.33.5');
