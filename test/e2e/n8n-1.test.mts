// Real n8n 1.123.81 (the version `npm run dev` runs by default). Run with `npm run test:e2e`.
import { n8nSuite } from './harness';

n8nSuite('1.123.81');
